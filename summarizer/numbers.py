"""Read the number in a figure's text: value or range, currency, magnitude, area and vague words.

The model says what a figure counts; this module, not the model, says what the number is.
Vague words follow the conflict trackers' convention (ACLED): keep the conservative low
bound, so "thousands" is at least 1,000, "dozens" at least 12 and "hundreds" at least 100.
Currencies are recorded as written and never converted.
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
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₩": "KRW",
    "₴": "UAH",
    "₽": "RUB",
    "a$": "AUD",
    "c$": "CAD",
}
_CODE_UNIT = {
    "usd": "USD",
    "gbp": "GBP",
    "eur": "EUR",
    "jpy": "JPY",
    "krw": "KRW",
    "uah": "UAH",
    "rub": "RUB",
    "dollars": "USD",
    "pounds": "GBP",
    "euros": "EUR",
}
_AREA_UNIT = {
    "square mile": "sq mi",
    "square miles": "sq mi",
    "sq mi": "sq mi",
    "sq. mi": "sq mi",
    "square kilometres": "km²",
    "square kilometers": "km²",
    "square kilometre": "km²",
    "square kilometer": "km²",
    "square km": "km²",
    "sq km": "km²",
    "sq. km": "km²",
    "km2": "km²",
    "km²": "km²",
    "hectares": "ha",
    "acres": "acres",
}
_UNITS = {
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens of millions": 10_000_000,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "a handful": 3,
    "tens": 10,
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?P<cur>us\$|a\$|c\$|[$£€¥₩₴₽])?\s?(?P<code1>(?:usd|gbp|eur|jpy|krw|uah|rub)\s)?"
    rf"(?P<num>{_NUM})\s?(?P<mag>thousand|million|billion|trillion|bn|m)?\b\s?"
    rf"(?P<pct>%|percent\b|per cent\b)?",
)
_RANGE = re.compile(
    rf"(?:between\s+)?(?P<cur>us\$|[$£€¥₩₴₽])?\s?(?P<low>{_NUM})\s?(?P<mag1>thousand|million|billion|bn)?"
    rf"\s*(?:-|–|—|to|and)\s*[$£€¥₩₴₽]?\s?(?P<high>{_NUM})\s?(?P<mag2>thousand|million|billion|bn)?\b",
)


@dataclass(frozen=True)
class Parsed:
    """A number read from text; ``value`` is None for ranges and vague words (use ``low``)."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    vague: bool = False


def has_number(text: str) -> bool:
    """True when the text holds digits, a number word or a vague quantity."""
    return parse(text) is not None


def parse(text: str) -> Parsed | None:
    """Read the first number in ``text``; None when there is none."""
    lowered = " ".join(text.lower().replace("\u00a0", " ").split())
    parsed = _parse_range(lowered) or _parse_amount(lowered) or _parse_words(lowered)
    if parsed is not None and parsed.unit is None:
        unit = _area_unit(lowered)
        if unit:
            parsed = Parsed(parsed.value, parsed.low, parsed.high, unit, parsed.vague)
    return parsed


def _parse_amount(text: str) -> Parsed | None:
    match = _AMOUNT.search(text)
    if not match:
        return None
    value = float(match["num"].replace(",", "")) * _MAGNITUDE.get(match["mag"] or "", 1)
    unit = _CURRENCY.get(match["cur"] or "") or _CODE_UNIT.get((match["code1"] or "").strip())
    if unit is None and match["pct"]:
        unit = "percent"
    if unit is None:
        after = text[match.end() :].split()
        unit = _CODE_UNIT.get(after[0].strip(".,;")) if after else None
    return Parsed(value=value, low=None, high=None, unit=unit)


def _parse_range(text: str) -> Parsed | None:
    match = _RANGE.search(text)
    if not match:
        return None
    high_mag = _MAGNITUDE.get(match["mag2"] or "", 1)
    low_mag = _MAGNITUDE.get(match["mag1"] or "", high_mag)  # "$10-12 billion": both billions
    low = float(match["low"].replace(",", "")) * low_mag
    high = float(match["high"].replace(",", "")) * high_mag
    if low >= high:
        return None  # "3 and 2" is two numbers, not a range
    return Parsed(value=None, low=low, high=high, unit=_CURRENCY.get(match["cur"] or ""))


def _parse_words(text: str) -> Parsed | None:
    for words, low in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", text):
            return Parsed(value=None, low=float(low), high=None, unit=None, vague=True)
    if re.search(r"\ba dozen\b", text):
        return Parsed(value=12.0, low=None, high=None, unit=None)
    value = _word_value(text)
    return None if value is None else Parsed(value=value, low=None, high=None, unit=None)


def _word_value(text: str) -> float | None:
    """'twenty-five' -> 25, 'two hundred' -> 200, 'five million' -> 5e6."""
    tokens = re.findall(r"[a-z]+", text)
    total, current, seen = 0.0, 0.0, False
    for index, token in enumerate(tokens):
        if token == "a" and tokens[index + 1 : index + 2] in (
            ["hundred"],
            ["thousand"],
            ["million"],
        ):
            current, seen = 1.0, True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token == "hundred" and seen:
            current *= 100
        elif token in ("thousand", "million", "billion") and seen:
            total += current * _MAGNITUDE[token]
            current = 0.0
        elif seen and token not in ("and",):
            break
    return total + current if seen else None


def _area_unit(text: str) -> str | None:
    for words, unit in sorted(_AREA_UNIT.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\d\s?{re.escape(words)}(?:\b|$)", text):
            return unit
    return None
