"""Read the number in a figure's text: value or range, currency, magnitude and vague words.

The model says where a figure is; this module, not the model, says what the number is.
Vague words follow the conflict trackers' convention (ACLED): keep the conservative low
bound, so "thousands" is at least 1,000 and "dozens" at least 12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MAGNITUDE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
}
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW", "₴": "UAH", "₽": "RUB"}
_CODES = {"usd", "gbp", "eur", "jpy", "krw", "uah", "rub", "dollars", "pounds", "euros"}
_CODE_UNIT = {"dollars": "USD", "pounds": "GBP", "euros": "EUR"}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
    "millions": 1e6,
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?P<cur>[$£€¥₩₴₽])?\s?(?P<num>{_NUM})\s?(?P<mag>thousand|million|billion|trillion|bn|m)?\b"
    rf"\s?(?P<pct>%|percent|per cent)?",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"(?:between\s+)?({_NUM})\s*(?:-|–|to|and)\s*({_NUM})", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """A number read from text; ``value`` is None for ranges and vague words."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    vague: bool = False


def has_number(text: str) -> bool:
    """True when the text holds digits, a number word or a vague quantity."""
    lowered = text.lower()
    return bool(re.search(r"\d", text)) or any(
        re.search(rf"\b{re.escape(w)}\b", lowered) for w in (*_WORDS, *_VAGUE)
    )


def parse(text: str) -> Parsed | None:
    """Read the first number in ``text``; None when there is none."""
    lowered = text.lower().replace("\u00a0", " ")
    return _parse_range(lowered) or _parse_amount(lowered) or _parse_words(lowered)


def _parse_amount(text: str) -> Parsed | None:
    match = _AMOUNT.search(text)
    if not match:
        return None
    value = float(match["num"].replace(",", "")) * _MAGNITUDE.get((match["mag"] or "").lower(), 1)
    unit = _CURRENCY.get(match["cur"] or "") or ("percent" if match["pct"] else None)
    if unit is None:
        after = text[match.end() :].split()
        if after and after[0] in _CODES:
            unit = _CODE_UNIT.get(after[0], after[0].upper())
    return Parsed(value=value, low=None, high=None, unit=unit)


def _parse_range(text: str) -> Parsed | None:
    match = _RANGE.search(text)
    if not match:
        return None
    low, high = (float(g.replace(",", "")) for g in match.groups())
    if low >= high:
        return None  # "2024-11" or "3 and 2" is not a range of one quantity
    return Parsed(value=None, low=low, high=high, unit=None)


def _parse_words(text: str) -> Parsed | None:
    for words, low in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", text):
            return Parsed(value=None, low=float(low), high=None, unit=None, vague=True)
    for words, value in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", text):
            return Parsed(value=float(value), low=None, high=None, unit=None)
    return None
