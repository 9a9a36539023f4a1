"""Grounding: quotes the model retyped map back to exact spans of the article."""

from __future__ import annotations

import pytest

from summarizer import ingest
from summarizer.extraction.grounding import Grounder

TEXT = (
    "Kirby stated, “It is clear that Russian and North Korean military leaders are treating "
    "these troops as expendable.”\nU.S. Secretary of State Antony Blinken said 8,000 troops\u00a0"
    "are in Kursk — for now.\nShare.\n"
)
ARTICLE = ingest.parse(TEXT, "t.txt")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Kirby stated", "Kirby stated"),
        ('"It is clear that Russian', "“It is clear that Russian"),  # straight for curly quotes
        ("treating these troops as expendable.", "treating these troops as expendable."),
        ("U. S. Secretary of State", "U.S. Secretary of State"),  # retyped with spaces
        ("8,000 troops are in Kursk", "8,000 troops\u00a0are in Kursk"),  # nbsp folded
        ("in kursk - for now", "in Kursk — for now"),  # case and dash folded
        ("Blinken said 8,000 troops are in Kursk.", "Blinken said 8,000 troops\u00a0are in Kursk"),
        ("Blinken said 9,000 troops", None),  # a changed number is not the article's words
        ("Share", None),  # boilerplate is never cited
        ("it", None),  # too short to mean anything
        ("troops as expendable ... said 8,000", None),  # no ellipsis stitching
    ],
)
def test_locate(quote: str, expected: str | None) -> None:
    found = Grounder(ARTICLE).locate(quote)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert TEXT[found.start : found.end] == found.quote == expected


def test_locate_respects_chunk_bounds() -> None:
    second_line = TEXT.index("U.S.")
    assert Grounder(ARTICLE, 0, second_line).locate("Antony Blinken") is None
    assert Grounder(ARTICLE, second_line).locate("Antony Blinken") is not None


def test_later_occurrence_is_used_when_the_first_is_out_of_bounds() -> None:
    article = ingest.parse("Troops moved.\nTroops moved.\n")
    found = Grounder(article, 5).locate("Troops moved")
    assert found is not None and found.start == 14
