"""Names: titles stripped, country forms unified, and the one similarity rule for spellings."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.text import names
from summarizer.text.names import (
    SIMILARITY,
    SpellingIndex,
    canonical_place,
    person_core,
    person_key,
    similar,
)


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("spokesperson John Kirby", "John Kirby"),
        ("President-elect Donald Trump", "Donald Trump"),
        ("National Security Adviser Jake Sullivan", "Jake Sullivan"),
        ("Mayor Ana Lima", "Ana Lima"),
        ("Kirby", "Kirby"),
        ("the coach", "the coach"),  # nothing capitalised: kept as given
    ],
)
def test_person_core_strips_leading_titles(name: str, core: str) -> None:
    assert person_core(name) == core


def test_country_forms_and_keys() -> None:
    assert canonical_place("U.S.") == canonical_place("the US") == "United States"
    assert canonical_place("Kursk") is None
    assert person_key("Mr Kirby") == person_key("KIRBY") == "kirby"


@given(st.text(alphabet="abcdefghij", max_size=9), st.text(alphabet="abcdefghij", max_size=9))
def test_the_shortcuts_agree_with_difflib(a: str, b: str) -> None:
    expected = a == b or SequenceMatcher(None, a, b).ratio() >= SIMILARITY
    assert similar(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("zelensky", "zelenskyy", True), ("umerov", "umierov", True), ("lima", "lopes", False)],
)
def test_spellings(a: str, b: str, same: bool) -> None:
    assert similar(a, b) is same


def test_lengths_at_the_edge_of_the_ratio_still_meet() -> None:
    # 17 and 23 letters can be similar at exactly 0.85; in floating point the window of
    # lengths stopped at 22.
    a, b = "cbdccdbddbdcdcddc", "cbddacccdbdbdbdccdccddc"
    assert similar(a, b) or similar(b, a)
    index = SpellingIndex()
    index.add(b)
    assert b in index.like(a)


def test_many_long_words_are_compared_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Long words (past 15 letters) are found by a scan; with no cap on what a scan compares,
    # a text full of long capitalised words made the people finder quadratic.
    calls: list[int] = []
    real = names.similar
    monkeypatch.setattr(names, "similar", lambda a, b: calls.append(1) or real(a, b))
    index = SpellingIndex()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for n in range(1000):
        digits = [letters[n // 26**k % 26] for k in range(3)]  # 1,000 distinct words
        index.add("".join(digits) + "x" * 13)  # 16 letters
        index.add("".join(digits) + "y" * 10)  # 13 letters: compatible with 16
    assert len(calls) < 1_000_000, len(calls)
