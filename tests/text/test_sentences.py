"""Sentence spans: a line break or a sentence end, offsets into the article, boilerplate skipped."""

from __future__ import annotations

import pytest

from summarizer import ingest
from summarizer.text.sentences import line_spans, refers_back, sentences, standfirst


def test_sentences_end_at_stops_and_line_breaks_not_at_initials() -> None:
    text = "U.S. Secretary Antony Blinken spoke. “We agree,” he said.\nA new line\n\nLast one.\n"
    article = ingest.parse(text, "s.txt")
    found = [text[a:b] for a, b in sentences(article)]
    assert found == [
        "U.S. Secretary Antony Blinken spoke.",
        "“We agree,” he said.",
        "A new line",
        "Last one.",
    ]


def test_line_spans_leave_the_break_out() -> None:
    text = "one\r\ntwo\n\nthree"
    assert [text[a:b] for a, b in line_spans(text)] == ["one", "two", "", "three"]


OIL_TITLE = "Oil climbs as OPEC trims output"
OIL_BODY = (
    "Brent crude rose 3% to $84 a barrel on Monday.\n\n"
    "Several airlines said fuel costs would push up fares.\n\n"
    "The cartel meets again in June."
)


def test_a_standfirst_is_a_paragraph_of_two_sentences_or_more_right_after_the_title() -> None:
    lead = "Oil rose after OPEC agreed to cut output. Airlines warned of higher fares."
    text = f"{OIL_TITLE}\n\n{lead}\n\n{OIL_BODY}"
    span = standfirst(ingest.parse(text, "oil.txt"))
    assert span is not None and text[span[0] : span[1]] == lead


def test_a_one_sentence_lede_an_untitled_or_a_short_article_has_no_standfirst() -> None:
    lede = "Oil rose on Monday after OPEC agreed to cut its output by a million barrels a day."
    assert standfirst(ingest.parse(f"{OIL_TITLE}\n\n{lede}\n\n{OIL_BODY}", "a.txt")) is None
    two = "Oil rose after OPEC agreed to cut output. Airlines warned of higher fares."
    # No title: the first line is a long sentence, which ingest does not take for a title.
    untitled = f"{two} {lede}\n\n{OIL_BODY}"
    assert ingest.parse(untitled, "b.txt").title is None
    assert standfirst(ingest.parse(untitled, "b.txt")) is None
    short = f"{OIL_TITLE}\n\n{two}\n\nThe cartel meets again in June."
    assert standfirst(ingest.parse(short, "c.txt")) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Hand-written, several beats: a determiner goes on with the sentence before.
        ("This new aid would provide Ukraine with resources.", True),
        ("These talks ended without a deal.", True),
        ("That decision sent Volta's shares down 4%.", True),
        ("This storm is the third of the season.", True),
        ("This news lifted the shares of Kesta.", True),
        ("Those goals came in the last ten minutes.", True),
        # A pronoun before a verb brings in another fact; other openings refer to nothing.
        ("This comes as North Korea launched a missile.", False),
        ("This follows a week of heavy rain.", False),
        ("That is the lowest level since 2009.", False),
        ("These are the first figures for May.", False),
        ("The storm hit the coast on Thursday.", False),
        ("Thisbe Lane opened the meeting.", False),
    ],
)
def test_refers_back(sentence: str, expected: bool) -> None:
    assert refers_back(sentence) is expected
