"""Read the number in a figure's text: value or range, currency, magnitude, area and vague words.

The model says what a figure counts; this module, not the model, says what the number is.
Vague words follow the conflict trackers' convention (ACLED): keep the conservative low
bound, so "thousands" is at least 1,000, "dozens" at least 12 and "hundreds" at least 100.
Currencies are recorded as written and never converted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from summarizer.text.quantities import (
    A_DOZEN,
    AREA_UNITS,
    BY_NAME,
    BY_SYMBOL,
    CURRENCY_CODE,
    CURRENCY_SYMBOL,
    FRACTION_DENOMINATORS,
    FRACTION_NUMERATORS,
    MAGNITUDE,
    MAGNITUDE_GAP,
    MAGNITUDES,
    NUMBER,
    PERCENT,
    UNIT_WORDS,
    VAGUE,
    numeral,
)
from summarizer.text.units import currency_word

_AMOUNT = re.compile(
    rf"(?P<cur>{CURRENCY_SYMBOL})?\s?(?P<code1>(?:{CURRENCY_CODE})\s?)?"
    rf"(?P<num>{NUMBER}){MAGNITUDE_GAP}(?P<mag>{MAGNITUDE})?\b\s?"
    rf"(?P<pct>{PERCENT})?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?:between\s+)?(?P<cur>{CURRENCY_SYMBOL})?\s?(?P<low>{NUMBER})\s?(?P<mag1>{MAGNITUDE})?"
    rf"(?:\b\s?(?:{PERCENT}))?"
    rf"\s*(?:-|–|—|to|and)\s*(?:{CURRENCY_SYMBOL})?\s?(?P<high>{NUMBER})\s?(?P<mag2>{MAGNITUDE})?\b"
    rf"(?:\s?(?P<pct>{PERCENT}))?",
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


def negated(parsed: Parsed) -> Parsed:
    """The same reading with a minus sign: a range's ends swap ("-5 to -2" stays low, high)."""

    def minus(x: float | None) -> float | None:
        return None if x is None else -x

    return Parsed(
        minus(parsed.value), minus(parsed.high), minus(parsed.low), parsed.unit, parsed.vague
    )


def has_number(text: str) -> bool:
    """True when the text holds digits, a number word or a vague quantity."""
    return parse(text) is not None


def parse(text: str) -> Parsed | None:
    """Read the first number in ``text``; None when there is none."""
    # Case is kept for the currency symbols and codes that are written in capitals ("RM79",
    # "USD10m"); the rest of the grammar matches either case.
    spaced = " ".join(text.replace("\u00a0", " ").split())
    lowered = spaced.lower()
    parsed = (
        _parse_odds(lowered)
        or _parse_fraction(lowered)
        or _parse_range(spaced)
        or _parse_amount(spaced)
        or _parse_words(lowered)
    )
    if parsed is not None and not all(
        math.isfinite(x) for x in (parsed.value, parsed.low, parsed.high) if x is not None
    ):
        return None  # a run of hundreds of digits is no value a briefing can compare or print
    if parsed is not None and parsed.unit is None:
        unit = _area_unit(lowered)
        if unit:
            parsed = Parsed(parsed.value, parsed.low, parsed.high, unit, parsed.vague)
    return parsed


_ODDS = re.compile(r"(\w+)\s+(?:in|out\s+of)\s+(a\s+\w+|[\d,]+|\w+)")
_ODDS_WORDS = {**UNIT_WORDS, "a": 1, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}


def _parse_odds(text: str) -> Parsed | None:
    """ "1 in 300", "one in five", "2 out of 10": a share, in percent, to three significant
    figures (1 in 300 is 0.333%)."""
    match = _ODDS.fullmatch(text.strip())
    if match is None:
        return None
    top, bottom = (
        int(numeral(w)) if w[0].isdigit() else _ODDS_WORDS.get(" ".join(w.split()))
        for w in (match[1], match[2])
    )
    if top is None or not bottom or not 0 < top <= bottom:
        return None
    share = 100 * top / bottom
    return Parsed(float(f"{share:.3g}"), None, None, "percent")


def _parse_fraction(text: str) -> Parsed | None:
    """ "a third", "two-thirds", "half", "3/4": a share, in percent (text/quantities.py's
    FRACTION says when a fraction is one). Only a text that is a fraction: "1/16" alone is
    not read here."""
    match = re.fullmatch(r"(?:(\w+)[\s-]+)?(\w+?)(?:s)?|(\d{1,2})/(\d{1,2})", text.strip())
    if match is None:
        return None
    if match[3]:
        top: int | None = int(match[3])
        bottom: int | None = int(match[4])
    else:
        bottom = FRACTION_DENOMINATORS.get(match[2]) or FRACTION_DENOMINATORS.get(match[2] + "s")
        top = FRACTION_NUMERATORS.get(match[1] or "a")
        if match[1] is None and match[2] != "half":
            return None
    if top is None or bottom is None or not 0 < top <= bottom:
        return None
    return Parsed(value=round(100 * top / bottom, 2), low=None, high=None, unit="percent")


def _parse_amount(text: str) -> Parsed | None:
    match = _AMOUNT.search(text)
    if not match:
        return None
    value = float(numeral(match["num"])) * MAGNITUDES.get((match["mag"] or "").lower(), 1)
    unit = BY_SYMBOL.get((match["cur"] or "").lower()) or BY_NAME.get(
        (match["code1"] or "").strip().lower()
    )
    if unit is None and match["pct"]:
        unit = "percent"
    if unit is None:  # a sign after the number: "5 €", "100₾"
        sign = re.match(r"\s?(\S)", text[match.end() :])
        unit = BY_SYMBOL.get(sign[1]) if sign else None
    if unit is None:
        named = currency_word(text[match.end() :])  # "15 euros", "19 cents", "500 rupees"
        if named is not None:
            unit, value = named[0].name, value * named[0].factor
    if unit is None:
        after = text[match.end() :].split()
        unit = BY_NAME.get(after[0].strip(".,;").lower()) if after else None
    return Parsed(value=value, low=None, high=None, unit=unit)


def _parse_range(text: str) -> Parsed | None:
    match = _RANGE.search(text)
    if not match:
        return None
    high_mag = MAGNITUDES.get((match["mag2"] or "").lower(), 1)
    # "$10-12 billion": both billions; but "from $800,000 to $1.3 million" keeps its own.
    low_mag = MAGNITUDES.get(
        (match["mag1"] or "").lower(), high_mag if "," not in match["low"] else 1
    )
    low = float(numeral(match["low"])) * low_mag
    high = float(numeral(match["high"])) * high_mag
    if low >= high:
        return None  # "3 and 2" is two numbers, not a range
    unit = BY_SYMBOL.get((match["cur"] or "").lower()) or ("percent" if match["pct"] else None)
    return Parsed(value=None, low=low, high=high, unit=unit)


def _word_unit(text: str) -> tuple[str | None, float]:
    """The unit after a spelled number: "one hundred percent", "one penny"."""
    if re.search(rf"(?:{PERCENT})", text):
        return "percent", 1.0
    for k in range(len(text)):
        if text[k] == " ":
            named = currency_word(text[k:])
            if named is not None:
                return named[0].name, named[0].factor
    return None, 1.0


def _parse_words(text: str) -> Parsed | None:
    for words, low in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", text):
            return Parsed(value=None, low=float(low), high=None, unit=None, vague=True)
    if re.search(rf"\b{A_DOZEN}\b", text):
        return Parsed(value=12.0, low=None, high=None, unit=None)
    value = _word_value(text)
    if value is None:
        return None
    unit, factor = _word_unit(text)
    return Parsed(value=value * factor, low=None, high=None, unit=unit)


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
        elif token in ("thousand", "million", "billion", "trillion") and seen:
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
