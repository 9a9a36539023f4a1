"""Reading numbers out of a figure's text."""

from __future__ import annotations

import pytest

from summarizer.figures import values as numbers
from summarizer.figures.values import Parsed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000", Parsed(1000, None, None, None)),
        ("£1 billion", Parsed(1e9, None, None, "GBP")),
        ("$1.25 billion", Parsed(1.25e9, None, None, "USD")),
        ("$20 billion", Parsed(20e9, None, None, "USD")),
        ("80%", Parsed(80, None, None, "percent")),
        ("12 percent", Parsed(12, None, None, "percent")),
        ("10,000-12,000", Parsed(None, 10000, 12000, None)),
        ("between 300 and 500", Parsed(None, 300, 500, None)),
        ("460 square miles", Parsed(460, None, None, "sq mi")),
        ("thousands", Parsed(None, 1000, None, None, vague=True)),
        ("tens of thousands", Parsed(None, 10000, None, None, vague=True)),
        ("dozens", Parsed(None, 12, None, None, vague=True)),
        ("a dozen", Parsed(12, None, None, None)),
        ("12", Parsed(12, None, None, None)),
        ("3 million euros", Parsed(3e6, None, None, "EUR")),
        ("SGD1.75-billion", Parsed(1.75e9, None, None, "SGD")),
        ("$2-million", Parsed(2e6, None, None, "USD")),
        ("1 in 300", Parsed(0.333, None, None, "percent")),
        ("one in five", Parsed(20, None, None, "percent")),
        ("2 out of 10", Parsed(20, None, None, "percent")),
        ("1 in 10,000", Parsed(0.01, None, None, "percent")),
        ("no number here", None),
    ],
)
def test_parse(text: str, expected: Parsed | None) -> None:
    assert numbers.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("over 1,000", True), ("hundreds", True), ("twelve", True), ("several", False), ("", False)],
)
def test_has_number(text: str, expected: bool) -> None:
    assert numbers.has_number(text) is expected
