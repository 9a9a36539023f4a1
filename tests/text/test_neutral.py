"""Loaded words: refused outside quotation marks, allowed inside them, in text and on a page."""

from __future__ import annotations

import pytest

from summarizer.text.neutral import loaded_in_html, loaded_outside_quotes, loaded_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia suffered staggering losses [1]", ["staggering"]),
        ("Kirby called the assaults “hopeless” [2]", []),
        ('An aide said "the outlook is grim" [3]', []),
        ("The grim toll rose, Kirby said “it is dire” [4]", ["grim"]),
    ],
)
def test_neutrality_check(text: str, expected: list[str]) -> None:
    assert loaded_outside_quotes(text) == expected


def test_the_page_check_reads_the_briefing_not_the_sources_beside_it() -> None:
    page = (
        "<main><p>Sources differ on the count.</p></main>"
        "<aside><p>The source said the losses were staggering.</p></aside>"
        "<script>var grim = 1;</script>"
    )
    assert loaded_in_html(page) == []
    assert loaded_in_html(page.replace("differ on", "give grim")) == ["grim"]


def test_words_are_matched_whole_and_any_case() -> None:
    assert loaded_words("A Dire outlook, not a direction.") == ["dire"]
