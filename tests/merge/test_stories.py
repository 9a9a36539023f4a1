"""Story clustering (merge/stories.py) on real news of many beats, and on hand-written cases.

tests/data/news is a copy of 43 real Wikinews articles in 20 stories (markets, business,
disasters, science, sport, politics), with stories.json as the ground truth; its README has
the licence and the hard pairs. The seeds are the one-story, five-outlet case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import ingest
from summarizer.merge import stories
from summarizer.models import Article
from tests.support.helpers import ROOT, SEEDS

NEWS = ROOT / "tests" / "data" / "news"


def _load(paths: list[Path]) -> list[Article]:
    return ingest.load([str(p) for p in paths], max_chars=10**7, follow_links=False).articles


def b_cubed(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (Bagga and Baldwin, 1998)."""
    precision = recall = 0.0
    for item in gold:
        same_predicted = {x for x in gold if predicted[x] == predicted[item]}
        same_gold = {x for x in gold if gold[x] == gold[item]}
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def news() -> tuple[list[Article], list[stories.Story], dict[str, str]]:
    gold = json.loads((NEWS / "stories.json").read_text(encoding="utf-8"))
    articles = _load(sorted(NEWS.glob("*.txt")))
    return articles, stories.cluster(articles), gold


def _labels(articles: list[Article], found: list[stories.Story]) -> dict[str, int]:
    return {Path(articles[m].path).name: k for k, s in enumerate(found) for m in s.members}


def test_the_wikinews_day_is_clustered_into_its_stories(news) -> None:  # type: ignore[no-untyped-def]
    articles, found, gold = news
    precision, recall, f1 = b_cubed(_labels(articles, found), gold)
    assert precision >= 0.85 and recall >= 0.85 and f1 >= 0.9, (precision, recall, f1)


def test_every_article_is_in_exactly_one_story(news) -> None:  # type: ignore[no-untyped-def]
    articles, found, _ = news
    members = [m for s in found for m in s.members]
    assert sorted(members) == list(range(len(articles)))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Same-day articles of different stories; the first pair shares a paragraph of figures.
        ("global_markets_sept2008_01.txt", "russia_markets_halt_2008_01.txt"),
        ("global_markets_sept2008_02.txt", "russia_markets_halt_2008_02.txt"),
        ("tsunami_2004_01.txt", "ukraine_election_rerun_2004_01.txt"),
    ],
)
def test_the_hard_same_day_pairs_are_told_apart(news, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    articles, found, _ = news
    labels = _labels(articles, found)
    assert labels[one] != labels[other]


def test_same_day_pairs_are_told_apart_by_their_words_not_their_dates() -> None:
    """With every dateline removed (one real day), the shared-paragraph pair stays apart."""
    articles = _load(
        [
            NEWS / "global_markets_sept2008_01.txt",
            NEWS / "global_markets_sept2008_02.txt",
            NEWS / "russia_markets_halt_2008_01.txt",
            NEWS / "russia_markets_halt_2008_02.txt",
        ]
    )
    undated = [a.model_copy(update={"published": None}) for a in articles]
    found = [set(s.members) for s in stories.cluster(undated)]
    assert {0, 1} <= found[0] and not {2, 3} & found[0]
    assert {2, 3} in found


def test_the_seeds_are_one_story() -> None:
    found = stories.cluster(_load(sorted(SEEDS.glob("*.txt"))))
    assert [s.members for s in found] == [(0, 1, 2, 3, 4)]


def test_the_seeds_stay_one_story_among_the_wikinews_day(news) -> None:  # type: ignore[no-untyped-def]
    articles = [*news[0], *_load(sorted(SEEDS.glob("*.txt")))]
    found = stories.cluster(articles)
    seeds = set(range(len(news[0]), len(articles)))
    assert any(set(s.members) == seeds for s in found)


def _article(text: str, name: str) -> Article:
    return ingest.parse(text, f"{name}.txt")


def test_a_day_of_three_articles_still_knows_the_from_a_name() -> None:
    """Hand-written: two weather reports on one storm and a football report. In a day of three
    the day's own counts cannot tell common words from telling ones; general English can."""
    day = [
        _article(
            "Storm Ciarán hits Cornwall\n\nStorm Ciarán brought winds of 100 mph to Cornwall on "
            "Thursday, and the Met Office issued an amber warning for the whole of the coast.",
            "a",
        ),
        _article(
            "Thousands without power after Ciarán\n\nThe Met Office said gusts in Cornwall "
            "reached 99 mph as Ciarán moved east; thousands of homes were without power.",
            "b",
        ),
        _article(
            "Arsenal beat Sevilla\n\nArsenal beat Sevilla 2-0 on Thursday, and the whole of "
            "the team played well, the manager said after the match.",
            "c",
        ),
    ]
    assert [s.members for s in stories.cluster(day)] == [(0, 1), (2,)]


def test_one_article_is_one_story_and_none_is_none() -> None:
    assert stories.cluster([]) == []
    only = _article("A headline\n\nOne sentence about a thing.", "x")
    assert [s.members for s in stories.cluster([only])] == [(0,)]


def test_articles_with_no_shared_word_stay_apart() -> None:
    day = [_article("Alpha\n\nZebras graze.", "a"), _article("Beta\n\nKettles whistle.", "b")]
    assert [s.members for s in stories.cluster(day)] == [(0,), (1,)]
