"""The one number grammar: how news copy writes numbers, magnitudes, vague amounts, currencies,
percentages and areas. The figure finder (figures/mentions.py), the value reader
(figures/values.py) and the lead's number check (lead.py) all build their patterns from these
pieces, so a form read in one place is read in all of them.

Vague words follow the conflict trackers' convention (ACLED): their value is the conservative
low bound, so "thousands" is at least 1,000, "dozens" at least 12 and "hundreds" at least 100.
Currencies are recorded as written (ISO 4217 codes) and never converted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.text.units import currencies

# A numeral: "1,250,000", "1.25", "40".
# A decimal comma, as European copy writes a share ("8,26%"), is read only before a percent
# sign or word: elsewhere "3,2" may be a list or a score, and a thousands comma groups three.
NUMBER = (
    r"\d+,\d{1,2}(?=\s?(?:%|percent\b|per\s+cent\b))|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
)
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def numeral(digits: str) -> str:
    """A numeral as Python reads it: "1,300" -> "1300", and a decimal comma "8,26" -> "8.26"."""
    if _DECIMAL_COMMA.fullmatch(digits):
        return digits.replace(",", ".")
    return digits.replace(",", "")


# A fraction of something, read as a share: "a third of the homes", "two-thirds of voters",
# "half the staff", "3/4 of fans". Not "a quarter of a century" or "half an hour" (a fraction
# of one unit, left alone), nor a fraction that stands alone ("1/16", "24/7").
FRACTION_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
FRACTION_NUMERATORS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_OF_SOMETHING = r"(?=\s+of\s+(?!a\b|an\b)|\s+(?:the|its|their|his|her|our|all|those|these)\b)"
FRACTION = (
    rf"(?:\b(?:{'|'.join(FRACTION_NUMERATORS)})[\s-]+"
    rf"(?:halves|half|(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?)\b"
    rf"|\bhalf\b|\b\d{{1,2}}/\d{{1,2}}\b){_OF_SOMETHING}"
)

MAGNITUDES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "k": 1e3,
    "tn": 1e12,
    "trn": 1e12,
    # South Asian copy: "Rs 500 crore" is five billion rupees.
    "lakh": 1e5,
    "crore": 1e7,
}
# The months as news copy writes them, whole or cut short, lower case ("Dec. 24", "Sept").
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# "5 million", "$3bn": the magnitude words, as one alternation (no word boundary of its own).
MAGNITUDE = "|".join(MAGNITUDES)
# The magnitudes that may follow a hyphen: "a SGD1.75-billion terminal", "$2-million deal"
# (not "m" or "k": "a 10-m wall" and "a 5-k race" are lengths).
HYPHEN_MAGNITUDE = "|".join(m for m in MAGNITUDES if len(m) > 1 and m != "mn")
# "the magnitude after a number": a space or nothing ("5 million", "$3bn"), or a hyphen
# before a word magnitude; use as ``rf"{MAGNITUDE_GAP}(?P<mag>{MAGNITUDE})"``.
MAGNITUDE_GAP = rf"(?:-(?=(?:{HYPHEN_MAGNITUDE})\b)|\s?)"

# Odds and ratings, read as a share: "a 1 in 300 chance", "one in five adults", "2 out of 10".
# "In" only after one ("scored 3 in 2019", "2 in 10 minutes" are no odds), and never before a
# year or a span of time.
ODDS = (
    r"\b(?:(?:1|one|a)\s+in|(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine)\s+out\s+of)"
    r"\s+(?!(?:1[89]|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|fifty|a\s+hundred|a\s+thousand|a\s+million)\b"
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b)"
)

PERCENT = r"%|percent\b|per\s+cent\b"


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 code and how news copy writes it."""

    code: str
    symbols: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


CURRENCIES = (
    Currency("USD", ("$", "US$"), ("dollars",)),
    Currency("GBP", ("£",), ("pounds",)),
    Currency("EUR", ("€",), ("euros",)),
    Currency("JPY", ("¥",)),
    Currency("KRW", ("₩",)),
    Currency("UAH", ("₴",)),
    Currency("RUB", ("₽",)),
    Currency("AUD", ("A$",)),
    Currency("CAD", ("C$",)),
)
# Every current ISO 4217 currency, with the symbols English locales write it with (babel's
# data, text/units.py): "RM79", "Rs 500 crore", "HK$12", "USD10m", "15 EUR".
_TABLE = currencies()
CURRENCY_CODES = frozenset(c.code for c in CURRENCIES) | _TABLE.codes
# Symbol (lower-cased) -> code; code or word (lower-cased) -> code.
BY_SYMBOL = {
    **{s.lower(): code for s, code in _TABLE.symbols.items()},
    **{s.lower(): c.code for c in CURRENCIES for s in c.symbols},
}
BY_NAME = {
    **{code.lower(): code for code in _TABLE.codes},
    **{n.lower(): c.code for c in CURRENCIES for n in (c.code, *c.words)},
}


def _alternation(forms: Iterable[str]) -> str:
    """Longest first, so that "US$" is tried before "$"."""
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


# Match with re.IGNORECASE: "US$" and "us$" are the same symbol. Letter symbols ("RM", "Rs")
# and codes match as written, in capitals where they have them: "ALL" is a code, "all" no.
CURRENCY_SYMBOL = "|".join(
    [
        _alternation(
            {s for c in CURRENCIES for s in c.symbols}
            | {s for s in _TABLE.symbols if not s[0].isalpha()}
        ),
        f"(?-i:{_alternation({s for s in _TABLE.symbols if s[0].isalpha()})})",
    ]
)
CURRENCY_CODE = f"(?-i:{'|'.join(sorted(CURRENCY_CODES))})"
# The currency symbols that are signs, not letters ("€", "₾"): they may follow the number.
SYMBOL_SIGNS = tuple(
    sorted(
        {s for s in [*_TABLE.symbols, *(s for c in CURRENCIES for s in c.symbols)] if len(s) == 1},
    )
)
# A currency written as words after the number: "15 euros", "420 million Finnish markka".
CURRENCY_WORD = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_TABLE.words, key=lambda w: (-len(w), w))
)

# Number words: "twenty-five", "two hundred".
UNIT_WORDS = {
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
NUMBER_WORD = "|".join([*UNIT_WORDS, "hundred"])

# Vague amounts and their low bounds (ACLED); "a dozen" is an exact 12.
VAGUE = {
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
A_DOZEN = "a dozen"
VAGUE_WORDS = "|".join(
    w.replace(" ", r"\s+") for w in sorted([*VAGUE, A_DOZEN], key=lambda w: (-len(w), w))
)

AREA_UNITS = {
    "square mile": "sq mi",
    "square miles": "sq mi",
    "sq mi": "sq mi",
    "sq. mi": "sq mi",
    "sq.mi": "sq mi",
    "sqmi": "sq mi",
    "square kilometres": "km²",
    "square kilometers": "km²",
    "square kilometre": "km²",
    "square kilometer": "km²",
    "square km": "km²",
    "sq km": "km²",
    "sq. km": "km²",
    "sq.km": "km²",
    "sqkm": "km²",
    "km2": "km²",
    "km²": "km²",
    "hectares": "ha",
    "acres": "acres",
}
AREA_UNIT = _alternation(AREA_UNITS)
