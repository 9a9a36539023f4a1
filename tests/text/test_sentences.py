"""Sentence spans: a line break or a sentence end, offsets into the article, boilerplate skipped."""

from __future__ import annotations

from summarizer import ingest
from summarizer.text.sentences import line_spans, sentences


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
