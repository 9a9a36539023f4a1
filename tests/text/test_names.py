"""Names: titles stripped, country forms unified, and the one similarity rule for spellings."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.text.names import (
    SIMILARITY,
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
