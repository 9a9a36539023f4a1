"""The one text fold: quotes, dashes, case, whitespace and invisible characters, mapped back."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.text.fold import clean_label, fold, fold_name, fold_scope, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Hopeless” – he said", '"hopeless" - he said'),
        ("  Two\n\tlines  ", "two lines"),
        ("Ki\u200brby", "kirby"),  # invisible characters are dropped
        ("Zelenskyý", "zelenskyý"),  # accents stay in fold ...
        ("`quoted'", "'quoted'"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_name_drops_accents_too() -> None:
    assert fold_name("Zelenskyý") == "zelenskyy" == fold_name("ZELENSKYY")
    assert fold_name("São Paulo’s") == "sao paulo's"


@given(st.text(alphabet=string.printable))
def test_the_ascii_shortcut_folds_as_the_full_pass_does(text: str) -> None:
    assert fold(text) == normalise(text)[0].strip()


@given(st.text())
def test_every_folded_character_comes_from_the_text(text: str) -> None:
    folded, origin = normalise(text)
    assert len(folded) == len(origin)
    assert origin == sorted(set(origin)) and all(0 <= i < len(text) for i in origin)


def test_scopes_and_empty_labels() -> None:
    assert fold_scope("The past week") == fold_scope("past  week") == "past week"
    assert fold_scope(None) == ""
    assert [clean_label(v) for v in (None, " ", "null", "Unknown", " in Kursk ")] == [
        None,
        None,
        None,
        None,
        "in Kursk",
    ]
