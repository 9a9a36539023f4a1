"""The reply validators: grounding, names in quotes, neutral summaries, salvage."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer import ingest
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.reply import ExtractionReply, problem_report, salvage
from tests.support.fake_model import actor, event, reply, statement

TEXT = (
    "White House spokesperson John Kirby said more than 1,000 North Korean troops were killed "
    "or wounded in one week.\n"
    "Zelenskyy said the toll had exceeded 3,000 casualties, although independent verification "
    "of these figures remains pending.\n"
    "The Biden administration will announce aid valued at £1 billion.\n"
)
ARTICLE = ingest.parse(TEXT, "w.txt")


def _validate(body: str, strict: bool = True) -> ExtractionReply:
    context = {"grounder": Grounder(ARTICLE), "strict": strict}
    return ExtractionReply.model_validate_json(body, context=context)


GOOD = reply(
    actors=[
        actor("White House spokesperson John Kirby", "John Kirby", role="White House spokesperson")
    ],
    events=[
        event(
            "The Biden administration will announce aid valued at £1 billion",
            "The US plans an aid package of £1 billion.",
            "aid",
        )
    ],
    statements=[statement("the toll had exceeded 3,000 casualties", "Zelenskyy")],
)


def test_valid_reply_is_grounded() -> None:
    grounded = _validate(GOOD).grounded
    assert grounded.dropped == []
    for item in [*grounded.actors, *grounded.events, *grounded.statements]:
        for e in item.evidence:
            assert TEXT[e.start : e.end] == e.quote
    assert grounded.actors[0].role == "White House spokesperson"


@pytest.mark.parametrize(
    ("items", "expected_error"),
    [
        (
            {"actors": [actor("spokesperson Jon Kirby", "Jon Kirby")]},
            "not in the article word for word",
        ),
        (
            {"actors": [actor("The Biden administration", "Kamala Harris")]},
            "'Kamala Harris' does not appear in its quote",
        ),
        (
            {
                "events": [
                    event(
                        "Zelenskyy said the toll had exceeded 3,000 casualties",
                        "Zelenskyy gave a staggering toll.",
                    )
                ]
            },
            "loaded word 'staggering'",
        ),
        (
            {
                "events": [
                    event(
                        "Zelenskyy said the toll had exceeded 3,000 casualties",
                        "Zelenskyy put the toll at 5,000.",
                    )
                ]
            },
            "number 5000 which is not in its quote",
        ),
        (
            {"statements": [statement("Kirby said nothing of the sort", "Kirby")]},
            "not in the article word for word",
        ),
    ],
)
def test_invalid_item_raises_for_a_reask(
    items: dict[str, list[dict[str, object]]], expected_error: str
) -> None:
    body = json.loads(GOOD)
    for key, extra in items.items():
        body[key] = body[key] + extra
    with pytest.raises(ValidationError, match=expected_error):
        _validate(json.dumps(body))


def test_lenient_validation_keeps_good_items_and_counts_the_bad() -> None:
    body = json.loads(GOOD)
    body["statements"].append(statement("Kirby said nothing of the sort", "Kirby"))
    grounded = _validate(json.dumps(body), strict=False).grounded
    assert len(grounded.statements) == 1
    assert [d.kind for d in grounded.dropped] == ["statement"]
    assert json.loads(grounded.dropped[0].item)["speaker"] == "Kirby"


def test_empty_actor_list_is_refused_by_the_schema() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        _validate(reply(events=json.loads(GOOD)["events"]))


def test_salvage_validates_item_by_item() -> None:
    body = json.loads(GOOD)
    body["actors"].append({"quote": "John Kirby", "name": "John Kirby", "kind": "alien"})
    grounded = salvage(json.dumps(body), Grounder(ARTICLE))
    assert len(grounded.actors) == 1
    assert [d.reason for d in grounded.dropped] == ["actors[1]: does not fit the schema (2 errors)"]


@pytest.mark.parametrize(
    ("text", "expected_error"),
    [("{not json", "the reply is not JSON"), ("[1, 2]", "the reply is not a JSON object")],
)
def test_salvage_of_unusable_text_drops_the_chunk(text: str, expected_error: str) -> None:
    grounded = salvage(text, Grounder(ARTICLE))
    assert [d.kind for d in grounded.dropped] == ["chunk"]
    assert expected_error in grounded.dropped[0].reason


def test_problem_report_lists_items_and_says_what_to_do() -> None:
    body = json.loads(GOOD)
    body["actors"] = [actor("no such words", "Nobody")] * 8
    body["statements"] = [statement("nor these", "Kirby")] * 6
    grounded = _validate(json.dumps(body), strict=False).grounded
    report = problem_report(grounded.dropped)
    assert report.startswith("14 items are not supported by the article:")
    assert "statements[3]" in report and "statements[4]" not in report
    assert "... and 2 more" in report
    assert "copying the quote exactly" in report


def test_spaced_initialisms_in_summaries_are_closed_up() -> None:
    body = json.loads(GOOD)
    body["events"][0]["summary"] = "U. S. officials plan aid of £1 billion."
    assert (
        _validate(json.dumps(body)).grounded.events[0].summary
        == "U.S. officials plan aid of £1 billion."
    )
