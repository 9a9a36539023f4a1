"""Quotations in a sentence, and a quotation that runs on into the next sentence."""

from __future__ import annotations

import pytest

from summarizer.text.quotations import all_quoted, begins_inside, quotations


@pytest.mark.parametrize(
    ("sentence", "continued", "quoted"),
    [
        ('"We lost," Lima said.', False, ['"We lost,"']),
        ("“We lost,” she said, “and it hurts.”", False, ["“We lost,”", "“and it hurts.”"]),
        ('Lima said: "We lost.', False, ['"We lost.']),  # the closing mark cut off
        ('We will win," Lima said.', False, ['We will win,"']),  # begun a sentence earlier
        ("We will win next time.", True, ["We will win next time."]),
        ('The team called it "a farce" on Monday.', False, ['"a farce"']),
        ('He said "no" and left. "It is over," he added.', True, ['"no"', '"It is over,"']),
    ],
)
def test_quoted_spans(sentence: str, continued: bool, quoted: list[str]) -> None:
    assert [sentence[s:e] for s, e in quotations(sentence, continued)] == quoted


def test_a_quotation_runs_on_until_it_closes_and_never_past_a_paragraph() -> None:
    sentences = ['Lima said: "We lost. ', "We will win. ", 'Next time," she said. ', "Then: "]
    assert begins_inside(sentences) == [False, True, True, False, False]
    assert begins_inside(['Lima said: "We lost.\n\n', "The club agreed. "]) == [False, False, False]
    assert all_quoted(sentences[:2]) and not all_quoted(sentences[:3])
