"""The one number grammar: each table is read the same way by every pattern built from it."""

from __future__ import annotations

import re

import pytest

from summarizer.text.quantities import (
    AREA_UNIT,
    AREA_UNITS,
    BY_NAME,
    BY_SYMBOL,
    CURRENCIES,
    CURRENCY_CODE,
    CURRENCY_SYMBOL,
    MAGNITUDE,
    NUMBER,
    VAGUE,
    VAGUE_WORDS,
)


@pytest.mark.parametrize(
    ("text", "number"), [("1,250,000 people", "1,250,000"), ("3.5bn", "3.5"), ("40", "40")]
)
def test_numerals(text: str, number: str) -> None:
    match = re.match(NUMBER, text)
    assert match is not None and match[0] == number


def test_the_longest_symbol_is_tried_first() -> None:
    match = re.match(rf"(?:{CURRENCY_SYMBOL})", "US$5", re.IGNORECASE)
    assert match is not None and match[0] == "US$"
    assert BY_SYMBOL[match[0].lower()] == "USD"


def test_every_currency_is_found_by_symbol_code_and_word() -> None:
    for currency in CURRENCIES:
        assert re.fullmatch(CURRENCY_CODE, currency.code)
        assert BY_NAME[currency.code.lower()] == currency.code
        for symbol in currency.symbols:
            assert re.fullmatch(rf"(?:{CURRENCY_SYMBOL})", symbol, re.IGNORECASE)
        for word in currency.words:
            assert BY_NAME[word] == currency.code


def test_every_vague_word_and_area_unit_is_in_its_pattern() -> None:
    for words in [*VAGUE, "a dozen"]:
        assert re.fullmatch(rf"(?:{VAGUE_WORDS})", words.replace(" ", "  "))
    for unit in AREA_UNITS:
        assert re.fullmatch(rf"(?:{AREA_UNIT})", unit)
    assert re.fullmatch(rf"(?:{MAGNITUDE})", "trillion")
