"""The reply validators: cited sentences, names found in the text, neutral summaries, the
words of a statement, when a reply is re-asked, and salvage. The replies are hand-written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import ingest
from summarizer.extraction.citing import article_sentences, numbered
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.reply import ExtractionReply, problem_report, salvage
from summarizer.models import Article
from tests.support.fake_model import actor, event, reply, statement

TEXT = (
    "White House spokesperson John Kirby said more than 1,000 North Korean troops were killed "
    "or wounded in one week.\n"
    "Zelenskyy said the toll had exceeded 3,000 casualties, although independent verification "
    "of these figures remains pending.\n"
    "The Biden administration will announce aid valued at £1 billion.\n"
)
ARTICLE = ingest.parse(TEXT, "w.txt")


def _context(article: Article, strict: bool = True) -> dict[str, Any]:
    sentences = numbered(article_sentences(article), article, 0, len(article.text))
    return {"grounder": Grounder(article), "numbered": sentences, "strict": strict}


def _validate(body: str, strict: bool = True, article: Article = ARTICLE) -> ExtractionReply:
    return ExtractionReply.model_validate_json(body, context=_context(article, strict))


GOOD = reply(
    actors=[actor("John Kirby", role="White House spokesperson")],
    events=[event(3)],
    statements=[statement(2, "Zelenskyy")],
)


def test_valid_reply_is_grounded_in_whole_sentences() -> None:
    grounded = _validate(GOOD).grounded
    assert grounded.dropped == []
    lines = TEXT.splitlines()
    assert [e.quote for e in grounded.events[0].evidence] == [lines[2]]
    assert grounded.events[0].summary == lines[2]  # told in its sentence's words
    assert grounded.actors[0].evidence[0].quote == lines[0]  # the sentence that names him
    # reported speech: the reported clause, without the outlet's caveat after ", although"
    assert grounded.statements[0].text == "the toll had exceeded 3,000 casualties"
    for item in [*grounded.actors, *grounded.events, *grounded.statements]:
        for e in item.evidence:
            assert TEXT[e.start : e.end] == e.quote
    assert grounded.actors[0].role == "White House spokesperson"


@pytest.mark.parametrize(
    ("items", "expected_error"),
    [
        ({"actors": [actor("Jon Kirby")]}, "the name 'Jon Kirby' is not in the article"),
        ({"actors": [actor("Kamala Harris")]}, "'Kamala Harris' is not in the article"),
        ({"actors": [actor("It", "other")]}, "'It' is not in the article"),  # no one-word run
        ({"actors": [actor("...", "other")]}, "the name '...' has no words"),
        ({"events": [event(9)]}, "there is no sentence [9]; cite sentences 1 to 3"),
        (
            {"statements": [statement(1, "Kamala Harris")]},
            "sentence [1] and the one before it do not name 'Kamala Harris'",
        ),
        (  # narration: the sentence names Biden, but no one speaks in it
            {"statements": [statement(3, "Biden")]},
            "statements[1]: sentence [3]: it mentions 'Biden' but attributes no words",
        ),
        (  # the speech verb's subject is Zelenskyy, not Kirby
            {"statements": [statement(2, "John Kirby")]},
            "sentence [2]: it does not name 'John Kirby'",
        ),
    ],
)
def test_an_invalid_item_is_dropped_with_its_reason(
    items: dict[str, list[dict[str, object]]], expected_error: str
) -> None:
    body = json.loads(GOOD)
    for key, extra in items.items():
        body[key] = body[key] + extra
    grounded = _validate(json.dumps(body)).grounded  # one bad item of four: no re-ask
    assert grounded.kept == 3
    assert len(grounded.dropped) == 1 and expected_error in grounded.dropped[0].reason


def test_a_reply_whose_items_mostly_fail_raises_for_a_reask() -> None:
    body = json.loads(GOOD)
    body["events"] += [event(7), event(8)]
    body["statements"] += [statement(1, "Nobody"), statement(3, "Nobody")]
    with pytest.raises(ValidationError, match="4 items are not supported by the article"):
        _validate(json.dumps(body))
    kept = _validate(json.dumps(body), strict=False).grounded
    assert kept.kept == 3 and len(kept.dropped) == 4


def test_statements_the_text_does_not_attribute_are_dropped_without_a_reask() -> None:
    body = json.loads(GOOD)
    # sentence [3] names Biden but no one speaks; in [2] Zelenskyy speaks, not Biden
    body["statements"] += [statement(3, "Biden"), statement(3, "Biden administration")] * 2
    grounded = _validate(json.dumps(body)).grounded  # 4 of 7 items fail: still no re-ask
    assert grounded.kept == 3 and len(grounded.dropped) == 4 and grounded.settled == 4
    assert all("attributes no words" in d.reason for d in grounded.dropped)


def test_an_item_that_names_no_actor_is_dropped_with_its_reason_and_not_reasked() -> None:
    body = json.loads(GOOD)
    body["actors"] += [actor("casualties", "other"), actor("independent verification", "other")]
    body["actors"] += [actor("White House spokesperson", "person")]
    grounded = _validate(json.dumps(body)).grounded  # three of six dropped, yet no re-ask
    assert [a.name for a in grounded.actors] == ["John Kirby"]
    assert [d.reason for d in grounded.dropped] == [
        "actors[1]: 'casualties' is no actor: a common noun or phrase names no one",
        "actors[2]: 'independent verification' is no actor: a common noun or phrase names no one",
        "actors[3]: 'White House spokesperson' is no actor: a phrase whose head noun "
        "('spokesperson') is neither an institution nor people",  # a role, not who holds it
    ]
    assert grounded.settled == 3


def test_the_words_of_a_name_type_it_before_the_model_does() -> None:
    body = reply(
        actors=[actor("White House", "person"), actor("John Kirby", "other")], events=[event(1)]
    )
    grounded = _validate(body).grounded
    assert [(a.name, a.kind) for a in grounded.actors] == [
        ("White House", "organization"),  # an institution's head noun, whatever the model said
        ("John Kirby", "other"),  # a personal name in form: the model's kind stands
    ]


def test_a_name_is_found_with_every_word_when_not_as_written() -> None:
    article = ingest.parse("Leaders met.\nKim Jong-un visited the plant on Friday.\n", "k.txt")
    grounded = _validate(
        reply(actors=[actor("Kim Jong Un")], events=[event(1)]), article=article
    ).grounded
    assert grounded.actors[0].evidence[0].quote == "Kim Jong-un visited the plant on Friday."


def test_a_person_is_named_without_the_title_or_words_the_text_does_not_give() -> None:
    article = ingest.parse("South Korea’s President Yoon Suk Yeol met the minister.\n", "y.txt")
    body = reply(
        actors=[actor("U. S. President Yoon Suk Yeol"), actor("U. S.", "country")],
        events=[event(1)],
    )
    grounded = _validate(body, article=article).grounded
    assert [a.name for a in grounded.actors] == ["Yoon Suk Yeol"]
    assert [d.reason for d in grounded.dropped] == [
        "actors[1]: the name 'U.S.' is not in the article"
    ]


def test_a_statement_keeps_the_quoted_words_and_may_name_its_speaker_just_before() -> None:
    text = (
        "Mayor Ana Lima opened the bridge.\n"
        "“It will carry 40,000 cars a day,” she said, “and cut the drive by half.”\n"
    )
    article = ingest.parse(text, "q.txt")
    body = reply(
        actors=[actor("Ana Lima", role="Mayor")],
        events=[event(1)],
        statements=[statement(2, "Ana Lima")],
    )
    (said,) = _validate(body, article=article).grounded.statements
    assert said.text == "“It will carry 40,000 cars a day,” she said, “and cut the drive by half.”"
    assert text[said.evidence[0].start : said.evidence[0].end] == said.text


def test_a_headline_is_never_a_statement() -> None:
    text = "Lima says the bridge will open in May\n\nMayor Ana Lima said the bridge would open.\n"
    article = ingest.parse(text, "h.txt")
    assert article.title == "Lima says the bridge will open in May"
    body = reply(
        actors=[actor("Ana Lima")],
        events=[event(2)],
        statements=[statement(1, "Ana Lima"), statement(2, "Ana Lima")],
    )
    grounded = _validate(body, article=article).grounded
    assert [s.text for s in grounded.statements] == ["the bridge would open"]
    assert [d.reason for d in grounded.dropped] == [
        "statements[0]: sentence [1] is the headline, not a statement"
    ]


def test_a_quotation_whose_closing_mark_follows_the_sentence_end_is_kept() -> None:
    text = "Kirby stated, “It is clear the troops are tired.” Officials agreed.\n"
    article = ingest.parse(text, "k.txt")
    body = reply(actors=[actor("Kirby")], events=[event(2)], statements=[statement(1, "Kirby")])
    (said,) = _validate(body, article=article).grounded.statements
    assert said.text == "“It is clear the troops are tired."
    assert text[said.evidence[0].start : said.evidence[0].end] == said.text


def test_the_cited_sentences_are_kept_in_order_once_each() -> None:
    body = reply(
        actors=[actor("John Kirby")],
        events=[event([3, 1])],
    )
    (told,) = _validate(body).grounded.events
    assert [e.quote for e in told.evidence] == [TEXT.splitlines()[0], TEXT.splitlines()[2]]


def test_empty_actor_list_is_refused_by_the_schema() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        _validate(reply(events=json.loads(GOOD)["events"]))


def test_the_schema_the_model_reads_has_no_titles_or_descriptions() -> None:
    schema = json.dumps(ExtractionReply.model_json_schema())
    assert '"title"' not in schema and '"description"' not in schema
    assert '"cite"' in schema and '"speaker"' in schema


def test_salvage_validates_item_by_item() -> None:
    body = json.loads(GOOD)
    body["actors"].append({"name": "John Kirby", "kind": "alien"})
    grounded = salvage(json.dumps(body), Grounder(ARTICLE), _context(ARTICLE)["numbered"])
    assert len(grounded.actors) == 1
    assert [d.reason for d in grounded.dropped] == ["actors[1]: does not fit the schema (2 errors)"]


@pytest.mark.parametrize(
    ("text", "expected_error"),
    [("{not json", "the reply is not JSON"), ("[1, 2]", "the reply is not a JSON object")],
)
def test_salvage_of_unusable_text_drops_the_chunk(text: str, expected_error: str) -> None:
    grounded = salvage(text, Grounder(ARTICLE), _context(ARTICLE)["numbered"])
    assert [d.kind for d in grounded.dropped] == ["chunk"]
    assert expected_error in grounded.dropped[0].reason


def test_problem_report_lists_items_and_says_what_to_do() -> None:
    body = json.loads(GOOD)
    body["actors"] = [actor("Nobody Here")] * 8
    body["statements"] = [statement(1, "Nobody")] * 6
    grounded = _validate(json.dumps(body), strict=False).grounded
    report = problem_report(grounded.dropped)
    assert report.startswith("14 items are not supported by the article:")
    assert "statements[3]" in report and "statements[4]" not in report
    assert "... and 2 more" in report
    assert "citing the numbers of the sentences" in report


def test_a_role_the_article_never_states_is_not_kept() -> None:
    """Hand-written, after the recorded seeds ("Antony Blinken (person): speaker"): a role
    is shown as the article's, so each of its words must be the article's."""
    text = "Finance minister Ana Lima spoke to reporters in Lisbon on Tuesday.\n"
    article = ingest.parse(text, "r.txt")
    roles = []
    for role in ("speaker", "finance ministers"):  # "ministers" is "minister" by lemma
        body = reply(actors=[actor("Ana Lima", role=role)], events=[event(1)])
        roles += [a.role for a in _validate(body, article=article).grounded.actors]
    assert roles == [None, "finance ministers"]
