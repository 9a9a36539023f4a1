"""Outlets that agree, in their own words, are never shown as disagreeing (hand-written
articles of several beats; figures read by rule, no model).

The cases whose figures meet in one group and scope are also merged with every number read
as a level: they must then show a conflict, so that they really test the reading of changes
and earlier values. The oil case's change and level already fall in two groups by what the
rules read they count ("amount", "barrel"); it checks that nothing else invents a conflict."""

from __future__ import annotations

import pytest

from summarizer import ingest
from summarizer.figures import mentions, roles
from summarizer.figures.build import build
from summarizer.figures.claimants import Claimants
from summarizer.merge import merge
from summarizer.models import ArticleExtraction
from summarizer.pipeline import assemble
from summarizer.render import to_markdown

AGREEING = {
    "weekly jobless claims": [
        "Jobless claims fall\n\nInitial claims fell 36,000 to 293,000, the lowest since March "
        "2020, when they stood at 256,000.",
        "Claims at a low\n\nInitial claims dropped to 293,000, their lowest since March 2020.",
        "Fewer file for benefits\n\nInitial claims declined by 36,000 to 293,000, the lowest "
        "level since March 2020.",
    ],
    "the price of oil": [
        "Oil climbs\n\nBrent crude rose $1.73 to $84.30 a barrel on Tuesday.",
        "Brent gains\n\nBrent crude settled at $84.30 a barrel on Tuesday, up $1.73.",
        "Crude up\n\nBrent crude was at $84.30 a barrel on Tuesday, against $82.57 a day earlier.",
    ],
    "a ticket's price, in words and in symbols": [
        "Fares rise\n\nA single ticket now costs 15 euros.",
        "Dearer tickets\n\nA single ticket now costs €15.",
    ],
    "a crowd, in words and in digits": [
        "Crowds in Lyon\n\nPolice counted 1.3 million people at the march.",
        "Lyon march\n\nPolice counted 1,300,000 people at the march.",
    ],
    "a city's temperature": [
        "Heat in Seville\n\nSeville's temperature reached 41 degrees on Sunday, up 3 degrees "
        "from Saturday.",
        "Seville swelters\n\nSeville's temperature hit 41 degrees on Sunday, against 38 "
        "degrees on Saturday.",
    ],
}


def _extraction(text: str, name: str) -> ArticleExtraction:
    article = ingest.parse(text, f"{name}.txt")
    figures, not_figures, _ = build(article, mentions.detect(article), {}, Claimants(article, []))
    return ArticleExtraction(
        article=article, model="m", prompt_version="p", figures=figures, not_figures=not_figures
    )


def _day(texts: list[str]) -> list[ArticleExtraction]:
    return [_extraction(text, f"outlet-{n}") for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize("story", sorted(AGREEING))
def test_agreeing_outlets_show_no_disagreement(story: str) -> None:
    briefing = assemble(_day(AGREEING[story]), [], date="2026-11-23", timing=False)
    assert [g.counted for g in briefing.figures if g.verdict == "differ"] == []
    markdown = to_markdown(briefing)
    assert "sources differ" not in markdown
    assert "What the sources disagree on" not in markdown


@pytest.mark.parametrize("story", ["weekly jobless claims", "a city's temperature"])
def test_read_as_levels_the_same_figures_would_conflict(
    story: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roles, "role", lambda sentence, start, end: "level")
    merged = merge(_day(AGREEING[story]))
    assert any(g.verdict == "differ" for g in merged.figures), story


@pytest.mark.parametrize(
    "story", ["a ticket's price, in words and in symbols", "a crowd, in words and in digits"]
)
def test_the_same_value_written_two_ways_meets_in_one_group(story: str) -> None:
    (group,) = merge(_day(AGREEING[story])).figures
    assert group.verdict == "agree" and len({c.value for c in group.claims}) == 1


def test_outlets_that_do_disagree_are_still_shown_side_by_side() -> None:
    merged = merge(
        _day(
            [
                "Fire in Leith\n\nThe fire in Leith killed 12 people on Monday.",
                "Leith blaze\n\nThe fire in Leith killed 15 people on Monday.",
            ]
        )
    )
    (group,) = [g for g in merged.figures if len(g.claims) > 1]
    assert group.verdict == "differ"
