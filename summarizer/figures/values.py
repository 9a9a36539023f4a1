"""Read the number in a figure's text: value or range, currency, magnitude, area and vague words.

The model says what a figure counts; this module, not the model, says what the number is.
Vague words follow the conflict trackers' convention (ACLED): keep the conservative low
bound, so "thousands" is at least 1,000, "dozens" at least 12 and "hundreds" at least 100.
Currencies are recorded as written and never converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.quantities import (
    A_DOZEN,
    AREA_UNITS,
    BY_NAME,
    BY_SYMBOL,
    CURRENCY_CODE,
    CURRENCY_SYMBOL,
    MAGNITUDE,
    MAGNITUDES,
    NUMBER,
    PERCENT,
    UNIT_WORDS,
    VAGUE,
)

_AMOUNT = re.compile(
    rf"(?P<cur>{CURRENCY_SYMBOL})?\s?(?P<code1>(?:{CURRENCY_CODE})\s)?"
    rf"(?P<num>{NUMBER})\s?(?P<mag>{MAGNITUDE})?\b\s?"
    rf"(?P<pct>{PERCENT})?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?:between\s+)?(?P<cur>{CURRENCY_SYMBOL})?\s?(?P<low>{NUMBER})\s?(?P<mag1>{MAGNITUDE})?"
    rf"\s*(?:-|–|—|to|and)\s*(?:{CURRENCY_SYMBOL})?\s?(?P<high>{NUMBER})\s?(?P<mag2>{MAGNITUDE})?\b",
    re.IGNORECASE,
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
    value = float(match["num"].replace(",", "")) * MAGNITUDES.get(match["mag"] or "", 1)
    unit = BY_SYMBOL.get(match["cur"] or "") or BY_NAME.get((match["code1"] or "").strip())
    if unit is None and match["pct"]:
        unit = "percent"
    if unit is None:
        after = text[match.end() :].split()
        unit = BY_NAME.get(after[0].strip(".,;")) if after else None
    return Parsed(value=value, low=None, high=None, unit=unit)


def _parse_range(text: str) -> Parsed | None:
    match = _RANGE.search(text)
    if not match:
        return None
    high_mag = MAGNITUDES.get(match["mag2"] or "", 1)
    low_mag = MAGNITUDES.get(match["mag1"] or "", high_mag)  # "$10-12 billion": both billions
    low = float(match["low"].replace(",", "")) * low_mag
    high = float(match["high"].replace(",", "")) * high_mag
    if low >= high:
        return None  # "3 and 2" is two numbers, not a range
    return Parsed(value=None, low=low, high=high, unit=BY_SYMBOL.get(match["cur"] or ""))


def _parse_words(text: str) -> Parsed | None:
    for words, low in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", text):
            return Parsed(value=None, low=float(low), high=None, unit=None, vague=True)
    if re.search(rf"\b{A_DOZEN}\b", text):
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
        elif token in UNIT_WORDS:
            current += UNIT_WORDS[token]
            seen = True
        elif token == "hundred" and seen:
            current *= 100
        elif token in ("thousand", "million", "billion") and seen:
            total += current * MAGNITUDES[token]
            current = 0.0
        elif seen and token not in ("and",):
            break
    return total + current if seen else None


def _area_unit(text: str) -> str | None:
    for words, unit in sorted(AREA_UNITS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\d\s?{re.escape(words)}(?:\b|$)", text):
            return unit
    return None
