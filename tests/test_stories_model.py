"""The model's editing of each story (repeats.py, summaries.py), on hand-written articles and
hand-written model answers (tests/support/briefings.py CannedModel); nothing here was
recorded. The recorded runs are in test_e2e.py and test_mixed_day.py."""

from __future__ import annotations

import json

import pytest

from summarizer import ingest, pipeline, repeats, summaries
from summarizer.errors import ModelError
from summarizer.lead import LeadSentence
from summarizer.models import ArticleExtraction, Briefing, Event, Evidence
from summarizer.render import to_markdown
from tests.support.briefings import CannedModel

STORM_A = (
    "Storm Ciarán hits Cornwall\n\nStorm Ciarán brought gusts of 100 mph to Cornwall on "
    "Thursday. Thousands of Cornish homes lost power as the storm passed."
)
STORM_B = (
    "Ciarán batters the south-west\n\nThe Met Office said winds reached 99 mph in Cornwall "
    "as Ciarán arrived. About 8,000 households in Cornwall had no power."
)


def _evidence(article: ingest.Article, quote: str) -> Evidence:
    start = article.text.index(quote)
    return Evidence(article_id=article.id, start=start, end=start + len(quote), quote=quote)


def _extraction(text: str, name: str, events: list[str]) -> ArticleExtraction:
    article = ingest.parse(text, f"{name}.txt", outlet=name)
    told = [Event(summary=e, evidence=[_evidence(article, e)]) for e in events]
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
            "About 8,000 households in Cornwall had no power.",
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


_NOT_THE_SAME = json.dumps({"answers": [{"pair": 1, "same": False}]})


def test_the_rules_join_close_tellings_and_offer_the_model_the_near_ones() -> None:
    briefing = _briefing()
    (story,) = briefing.stories
    # The wind: names and rare words in common (Ciarán, Cornwall, mph), joined by rule.
    wind, homes, households = (
        (by_id := {d.id: d for d in briefing.developments})[story.developments[0]],
        *(by_id[i] for i in story.developments[1:]),
    )
    assert wind.sources == [1, 2] and wind.tellings[1].joined == "words"
    assert "ciaran" in wind.tellings[1].why
    # The power cuts share "lost power" only: close, not enough for the rules; offered.
    offer = repeats.offered(briefing, story)
    assert offer is not None and offer.pairs == [(homes, households)]
    assert offer.listing == (
        "1. A (a) Thousands of Cornish homes lost power as the storm passed.\n"
        "   B (b) About 8,000 households in Cornwall had no power."
    )


def test_the_model_joins_a_paraphrase_the_rules_offered() -> None:
    briefing = _briefing()
    model = CannedModel(
        json.dumps({"answers": [{"pair": 1, "same": True}]}),
        _summary(
            briefing,
            "Storm Ciarán hits Cornwall",
            "Storm Ciarán brought gusts of 100 mph to Cornwall.",
            "The Met Office said winds reached 99 mph in Cornwall.",
        ),
    )
    pipeline.add_stories(briefing, model, repeats=True)
    (story,) = briefing.stories
    assert briefing.run.joined_by_model == 1 and len(story.developments) == 2
    power = briefing.developments[1]
    assert power.sources == [1, 2] and not power.single_outlet
    first, other = power.tellings
    assert (first.joined, other.joined) == ("first", "model")
    assert other.why == "the model: the same development (pair 1)"
    assert other.text == "About 8,000 households in Cornwall had no power."
    # The model read the two sentences side by side, each with its outlet.
    prompt = model.calls[0][1]["content"]
    assert "1. A (a) Thousands of Cornish homes" in prompt and "B (b) About 8,000" in prompt


def test_without_repeats_no_pair_is_asked_about() -> None:
    briefing = _briefing()
    model = CannedModel(
        _summary(
            briefing,
            "Storm Ciarán hits Cornwall",
            "About 8,000 households in Cornwall had no power.",
        )
    )
    pipeline.add_stories(briefing, model)
    assert len(model.calls) == 1 and "developments-" not in model.calls[0][1]["content"]
    assert briefing.run.stories_prompt_version == summaries.prompt_version()


def test_a_no_leaves_the_pair_apart() -> None:
    briefing = _briefing()
    pipeline.add_stories(briefing, CannedModel(_NOT_THE_SAME, "{}"), repeats=True)
    assert briefing.run.joined_by_model == 0
    assert len(briefing.stories[0].developments) == 3


def test_a_join_the_rules_refuse_is_not_made() -> None:
    """A yes on two developments that share a source is refused: one telling per source."""
    briefing = _briefing()
    (story,) = briefing.stories
    wind, homes, _ = (
        (by_id := {d.id: d for d in briefing.developments})[story.developments[0]],
        *(by_id[i] for i in story.developments[1:]),
    )
    offer = repeats.Offered(pairs=[(wind, homes)], listing="")
    assert repeats.join(briefing, story, offer, [True]) == 0
    assert len(story.developments) == 3


def test_an_answer_for_other_pairs_is_refused() -> None:
    model = repeats.repeats_model(2)
    with pytest.raises(ValueError, match="pairs 1 to 2"):
        model.model_validate(
            {"answers": [{"pair": 1, "same": True}, {"pair": 3, "same": False}]},
            context={"count": 2},
        )
    fine = [{"pair": 1, "same": True}, {"pair": 2, "same": False}]
    assert model.model_validate({"answers": fine}, context={"count": 2}).same == [True, False]


def test_a_checked_summary_headlines_the_story() -> None:
    briefing = _briefing()
    model = CannedModel(
        _summary(
            briefing,
            "Storm Ciarán brought 100 mph gusts to Cornwall",
            "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
            "About 8,000 households in Cornwall were left without electricity.",
        ),
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    assert story.headline_from == "model"
    assert story.headline.text == "Storm Ciarán brought 100 mph gusts to Cornwall"
    assert [s.text for s in story.summary][1].startswith("About 8,000 households")
    markdown = to_markdown(briefing)
    assert "### 1. Storm Ciarán brought 100 mph gusts to Cornwall" in markdown
    assert "**Summary**" in markdown
    # The model saw the story's merged facts with their quotes, never an article.
    prompt = model.calls[-1][1]["content"]
    assert "Storm Ciarán brought gusts" in prompt and "Cornish homes" in prompt


def test_a_sentence_with_a_number_not_cited_is_dropped_and_a_bad_headline_left_out() -> None:
    briefing = _briefing()
    answer = _summary(
        briefing,
        "Storm Ciarán kills 12 in Cornwall",  # '12' is in no cited words
        "Thousands of Cornish homes lost power as the storm passed.",
        "About 9,000 households in Cornwall were left without electricity.",
    )
    model = CannedModel(
        answer,
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    assert story.headline_from == "development"
    assert [s.text for s in story.summary] == [
        "Thousands of Cornish homes lost power as the storm passed."
    ]
    assert story.summary_dropped == 2


def test_a_summary_sentence_that_repeats_the_headline_is_not_shown_twice() -> None:
    """The small model copies the best-attested development into the summary; with its
    headline refused, that development is the headline too: shown once."""
    briefing = _briefing()
    answer = _summary(
        briefing,
        "Storm Ciarán kills 12 in Cornwall",  # refused: the rule headline stands
        "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
        "Thousands of Cornish homes lost power as the storm passed.",
    )
    pipeline.add_stories(briefing, CannedModel(answer))
    (story,) = briefing.stories
    assert story.headline.text == "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday."
    assert [s.text for s in story.summary] == [
        "Thousands of Cornish homes lost power as the storm passed."
    ]


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


def test_a_headline_that_turns_a_relation_of_the_facts_is_left_out() -> None:
    """Hand-written: the facts say the gusts came "on Thursday"; a headline that moves them
    "before Thursday" says what no source says (a recorded 1.5B model wrote "delivered on
    schedule" of a delivery the figures put "18 months behind schedule")."""
    briefing = _briefing()
    model = CannedModel(
        *[
            _summary(
                briefing,
                "Storm Ciarán hit Cornwall before Thursday",
                "Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.",
                "About 8,000 households in Cornwall were left without electricity.",
            )
        ]
        * 2  # the answer and the re-ask's answer
    )
    pipeline.add_stories(briefing, model)
    (story,) = briefing.stories
    assert story.headline_from != "model"
    facts = summaries.story_facts(briefing, story)
    said = LeadSentence(text="Storm Ciarán hit Cornwall before Thursday", citations=[1])
    assert facts.problem(said) == (
        "says 'before thursday' (the sources say 'on thursday'); keep to what they say"
    )


def test_a_headline_keeps_to_the_facts_words_where_a_sentence_may_paraphrase() -> None:
    """Hand-written: "hits" is in no fact; as a summary sentence it may stand, as the
    headline (the words a reader takes in first) it may not."""
    briefing = _briefing()
    (story,) = briefing.stories
    facts = summaries.story_facts(briefing, story)
    said = LeadSentence(text="Storm Ciarán hits Cornwall", citations=[1])
    assert facts.problem(said) is None
    assert facts.problem(said, headline=True) == (
        "uses 'hits', which no fact says; use the facts' own words"
    )
