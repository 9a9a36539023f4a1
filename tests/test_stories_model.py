"""The model's editing of each story (repeats.py, summaries.py), on hand-written articles and
hand-written model answers (tests/support/briefings.py CannedModel); nothing here was
recorded. The recorded runs are in test_e2e.py and test_mixed_day.py."""

from __future__ import annotations

import json

import pytest

from summarizer import ingest, pipeline, repeats
from summarizer.errors import ModelError
from summarizer.models import ArticleExtraction, Briefing, Event, Evidence
from summarizer.render import to_markdown
from tests.support.briefings import CannedModel

STORM_A = (
    "Storm Ciarán hits Cornwall\n\nStorm Ciarán brought gusts of 100 mph to Cornwall on "
    "Thursday. Thousands of Cornish homes lost power as the storm passed."
)
STORM_B = (
    "Ciarán batters the south-west\n\nThe Met Office said winds reached 99 mph in Cornwall "
    "as Ciarán arrived. About 8,000 households in Cornwall were left without electricity."
)


def _evidence(article: ingest.Article, quote: str) -> Evidence:
    start = article.text.index(quote)
    return Evidence(article_id=article.id, start=start, end=start + len(quote), quote=quote)


def _extraction(text: str, name: str, events: list[str]) -> ArticleExtraction:
    article = ingest.parse(text, f"{name}.txt")
    told = [Event(type="other", summary=e, evidence=[_evidence(article, e)]) for e in events]
    return ArticleExtraction(article=article, model="m", prompt_version="p", events=told)


def _briefing() -> Briefing:
    a = _extraction(
        STORM_A,
        "a",
        [
            "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
            "Thousands of Cornish homes lost power as the storm passed.",
        ],
    )
    b = _extraction(
        STORM_B,
        "b",
        [
            "The Met Office said winds reached 99 mph in Cornwall as Ciarán arrived.",
            "About 8,000 households in Cornwall were left without electricity.",
        ],
    )
    return pipeline.assemble([a, b], [], date="2026-11-23", timing=False)


def _summary(briefing: Briefing, headline: str, *sentences: str) -> str:
    """A summary answer citing, for each text, the citation whose quote shares its first word
    after the article (hand-written: the tests pick texts whose names and numbers are cited)."""

    def cites(text: str) -> list[int]:
        words = set(text.replace(".", "").split())
        best = max(briefing.citations, key=lambda c: len(words & set(c.quote.split())))
        return [best.n]

    return json.dumps(
        {
            "headline": {"text": headline, "citations": cites(headline)},
            "sentences": [{"text": s, "citations": cites(s)} for s in sentences],
        }
    )


def test_the_rules_alone_leave_the_paraphrases_apart() -> None:
    briefing = _briefing()
    (story,) = briefing.stories
    assert len(story.developments) == 4  # nothing shared enough to join by rule


def test_the_model_joins_a_paraphrase_the_rules_allow() -> None:
    briefing = _briefing()
    offer = repeats.offered(briefing, briefing.stories[0])
    assert offer is not None and offer.listing.startswith("1. (a) Storm Ciarán brought gusts")
    # Items 3 and 4 repeat 1 and 2 (the wind; the homes without power).
    model = CannedModel(
        json.dumps(
            {
                "answers": [
                    {"item": 1, "same": 0},
                    {"item": 2, "same": 0},
                    {"item": 3, "same": 1},
                    {"item": 4, "same": 2},
                ]
            }
        ),
        _summary(
            briefing,
            "Storm Ciarán hits Cornwall",
            "Storm Ciarán brought gusts of 100 mph to Cornwall.",
            "The Met Office said winds reached 99 mph in Cornwall.",
        ),
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    # The wind tellings share names and words: joined. The power cuts share no word
    # ("Cornish homes" and "households in Cornwall"): the rules refuse that join, by design.
    assert briefing.run.joined_by_model == 1
    (wind,) = [d for d in briefing.developments if len(d.sources) == 2]
    assert not wind.single_outlet and "gusts" in wind.text
    first, other = wind.tellings
    assert (first.joined, other.joined) == ("first", "model")
    assert other.why.startswith("the model: repeats item 1") and "99 mph" in other.text
    assert len(story.developments) == 4 - briefing.run.joined_by_model


def test_a_join_the_rules_refuse_is_not_made() -> None:
    """Item 2 'repeats' item 1 per the model, but both come from one source: refused."""
    briefing = _briefing()
    model = CannedModel(
        json.dumps(
            {
                "answers": [
                    {"item": 1, "same": 0},
                    {"item": 2, "same": 1},
                    {"item": 3, "same": 0},
                    {"item": 4, "same": 0},
                ]
            }
        ),
        "{}",
    )
    pipeline.add_stories(briefing, model)
    assert briefing.run.joined_by_model == 0
    assert len(briefing.stories[0].developments) == 4


def test_an_answer_that_numbers_the_items_is_refused() -> None:
    """Recorded from the 1.5B model on the seeds, as a bare list: [0, 1, 2, ..., 32]."""
    model = repeats.repeats_model(6)
    counted = [{"item": k, "same": k - 1} for k in range(1, 7)]
    with pytest.raises(ValueError, match="number of the item before it"):
        model.model_validate({"answers": counted}, context={"count": 6})
    fine = [{"item": k, "same": 0} for k in range(1, 7)]
    assert model.model_validate({"answers": fine}, context={"count": 6}).same == [0] * 6


def test_a_later_or_self_reference_is_ignored() -> None:
    briefing = _briefing()
    offer = repeats.offered(briefing, briefing.stories[0])
    assert offer is not None
    assert repeats.join(briefing, briefing.stories[0], offer, [2, 2, 3, 9]) == 0


def test_a_checked_summary_headlines_the_story() -> None:
    briefing = _briefing()
    model = CannedModel(
        json.dumps(
            {
                "answers": [
                    {"item": 1, "same": 0},
                    {"item": 2, "same": 0},
                    {"item": 3, "same": 0},
                    {"item": 4, "same": 0},
                ]
            }
        ),
        _summary(
            briefing,
            "Storm Ciarán hits Cornwall",
            "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
            "About 8,000 households in Cornwall were left without electricity.",
        ),
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    assert story.headline_from == "model" and story.headline.text == "Storm Ciarán hits Cornwall"
    assert [s.text for s in story.summary][1].startswith("About 8,000 households")
    markdown = to_markdown(briefing)
    assert "### 1. Storm Ciarán hits Cornwall" in markdown and "**Summary**" in markdown
    # The model saw the story's merged facts with their quotes, never an article.
    prompt = model.calls[-1][1]["content"]
    assert "Storm Ciarán brought gusts" in prompt and "Cornish homes" in prompt


def test_a_sentence_with_a_number_not_cited_is_dropped_and_a_bad_headline_left_out() -> None:
    briefing = _briefing()
    answer = _summary(
        briefing,
        "Storm Ciarán kills 12 in Cornwall",  # '12' is in no cited words
        "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
        "About 9,000 households in Cornwall were left without electricity.",
    )
    model = CannedModel(
        json.dumps(
            {
                "answers": [
                    {"item": 1, "same": 0},
                    {"item": 2, "same": 0},
                    {"item": 3, "same": 0},
                    {"item": 4, "same": 0},
                ]
            }
        ),
        answer,
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    assert story.headline_from == "development"
    assert [s.text for s in story.summary] == [
        "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday."
    ]
    assert story.summary_dropped == 2


class _Failing:
    model = "m"

    def structured(self, *args: object) -> object:
        raise ModelError("the server is gone")


def test_a_failed_call_leaves_the_stories_as_the_rules_made_them() -> None:
    briefing = _briefing()
    before = briefing.model_dump()
    pipeline.add_stories(briefing, _Failing())  # type: ignore[arg-type]
    assert briefing.run.stories_error == "the server is gone"
    assert briefing.stories == Briefing.model_validate(before).stories
