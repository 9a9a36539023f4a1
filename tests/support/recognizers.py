"""Microsoft Recognizers-Text's English test specifications, scored against our reader.

The spec files are copied verbatim in tests/data/recognizers_text/ (MIT licence, see the
README there). A case passes when every result it expects is read: a number at the same
place with the same value and unit (figures/reader.py). Cases of families that do not fit
news copy, or that the reader leaves alone on purpose, are left out, each family with its
reason (``LEFT_OUT``); the pass rate is over the cases kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.figures.reader import Quantity, read
from summarizer.text import units

DATA = Path(__file__).resolve().parent.parent / "data" / "recognizers_text"
FILES = [
    "CurrencyModel",
    "DimensionModel",
    "AgeModel",
    "TemperatureModel",
    "NumberModel",
    "PercentModel",
]

Case = dict[str, Any]


def _any_result(test: Callable[[Case, dict[str, Any]], bool]) -> Callable[[Case], bool]:
    return lambda case: any(test(case, r) for r in case["Results"])


# Families of cases left out, and why: (file, reason, test of a case).
LEFT_OUT: list[tuple[str, str, Callable[[Case], bool]]] = [
    (
        "*",
        "marked not supported by the reference implementations themselves",
        lambda c: "NotSupportedByDesign" in c,
    ),
    (
        "*",
        "a sentence with no number to find: the reader is scored on what it reads",
        lambda c: not c["Results"],
    ),
    (
        "*",
        "spelled-out numbers beyond 'twenty-five' and 'five million' (\"one hundred and "
        'twenty three", "ninety five"), fractions standing alone ("1/2", "a half": the '
        'reader reads a fraction only as a share of something, "a third of the homes") and '
        "ordinals as values: rare in news figures, left alone",
        _any_result(
            lambda c, r: bool(
                re.search(
                    r"\b(?:hundred\s+and|half|quarter|third|fourths?|fifths?|[a-z]+ty\s+[a-z]+)\b|\d\s*/\s*\d",
                    r["Text"],
                    re.IGNORECASE,
                )
            )
        ),
    ),
    (
        "*",
        "tokenised text, with spaces inside numbers and symbols ('hk $ 10.05', '0 . 95', "
        "'fifty - two'): news copy writes 'HK$10.05'",
        _any_result(lambda c, r: bool(re.search(r"\d \. \d|\b[a-z]{1,2} \$|\w - \w", r["Text"]))),
    ),
    (
        "*",
        "fractions standing alone and spelled decimals ('two thirds', 'one over three', 'two "
        "hundred point zero three'), negative words of arithmetic ('negative one'), multiples ('three "
        "dozens', '322 hundred'): left alone (see figures/reader.py)",
        _any_result(
            lambda c, r: bool(
                re.search(
                    r"\b(?:thirds?|eighths?|quarters?|\w+ths|\w+firsts|over|point|negative|"
                    r"dozens|\d+ hundred)\b",
                    r["Text"],
                    re.IGNORECASE,
                )
            )
        ),
    ),
    (
        "*",
        "compound amounts ('3 dollars 50 cents', 'thirteen dollars and forty-five cents') and "
        "garbled strings ('50 dollar dollar', '10 $ 30 $', '1 $10 dollars bill')",
        _any_result(
            lambda c, r: bool(
                re.search(
                    r"(?:dollars?|\$|€)\s+(?:and\s+)?[\w-]+\s*(?:cents?|\$|dollars?|rmb)",
                    r["Text"],
                    re.IGNORECASE,
                )
            )
        ),
    ),
    (
        "*",
        "questions of unit conversion ('convert 10 celsius to fahrenheit') and misspelt unit "
        "names ('celcius', 'farenheit', 'centigrate'): no news copy",
        lambda c: bool(
            re.search(
                r"\bconvert|\bhow much|celcius|farenheit|centigrate|\bto (?:celsius|fahrenheit)\b|\bequal to\b",
                c["Input"],
                re.IGNORECASE,
            )
        ),
    ),
    (
        "PercentModel",
        "'percent of N' for N percent, and 'percentage' for 'percent': not English news usage",
        lambda c: bool(
            re.search(r"\bper\s?cents? of\b|percentage|percents", c["Input"], re.IGNORECASE)
        ),
    ),
    (
        "CurrencyModel",
        "currencies with no ISO 4217 code (bitcoin, points, the 'Dollar' of cryptocurrency "
        "tables) or written in another language",
        _any_result(lambda c, r: _code(str(r["Resolution"].get("unit", ""))) is None),
    ),
    (
        "NumberModel",
        "strings that are no prose (IP addresses, '192.', bare words such as 'dozen')",
        lambda c: not re.search(r"[a-z]{3,}\s", c["Input"]) or "." in c["Input"].strip()[-1:],
    ),
]


@dataclass
class Score:
    file: str
    kept: int = 0
    passed: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.kept if self.kept else 0.0


def score(name: str) -> Score:
    cases = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8-sig"))
    out = Score(name)
    for case in cases:
        reason = next(
            (why for file, why, test in LEFT_OUT if file in ("*", name) and test(case)), None
        )
        if reason is not None:
            out.left_out[reason] = out.left_out.get(reason, 0) + 1
            continue
        out.kept += 1
        found = read(case["Input"])
        if all(_read(name, r, found) for r in case["Results"]):
            out.passed += 1
        else:
            out.failed.append(case["Input"])
    return out


def _read(name: str, expected: dict[str, Any], found: list[Quantity]) -> bool:
    text = expected["Text"]
    resolution = expected.get("Resolution") or {}
    want = _number(str(resolution.get("value", "")))
    for q in found:
        if not _overlaps(q, text, expected):
            continue
        if name == "AgeModel":  # an age is a not-figure here, as conflict trackers code it
            return q.reason == "age"
        value = q.value if q.value is not None else q.low
        if name in ("NumberModel", "PercentModel"):
            if value is not None and want is not None and abs(value - want) < 1e-6 * max(1, want):
                return name == "NumberModel" or q.unit == "percent"
            continue
        unit = str(resolution.get("unit", ""))
        factor = _factor(unit)
        if value is None or want is None or abs(value - want * factor) > 1e-6 * max(1, want):
            continue
        return _same_unit(name, unit, q.unit)
    return False


def _overlaps(q: Quantity, text: str, expected: dict[str, Any]) -> bool:
    if "Start" in expected:
        return q.start <= int(expected["End"]) and int(expected["Start"]) <= q.end - 1
    return q.text.lower() in text.lower() or text.lower() in q.text.lower()


def _number(text: str) -> float | None:
    try:
        return float(text.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _code(unit: str) -> str | None:
    """An RT currency unit ("Dollar", "Euro", "Finnish markka", "Cent") as our code."""
    words = units.currencies().words
    found = words.get(unit.lower()) or words.get(unit.lower() + "s")
    return found[0] if found else None


def _factor(unit: str) -> float:
    words = units.currencies().words
    found = words.get(unit.lower()) or words.get(unit.lower() + "s")
    return found[1] if found else 1.0


_AREA = {"sq mi": "square mile", "km²": "square kilometer", "ha": "hectare", "acres": "acre"}


def _same_unit(name: str, expected: str, ours: str | None) -> bool:
    if ours is None:
        return False
    if name == "CurrencyModel":
        return _code(expected) == ours
    if name == "TemperatureModel":
        scale = {"C": "degree Celsius", "F": "degree Fahrenheit", "K": "kelvin"}
        return scale.get(expected, expected.lower()) == ours
    found = units.unit_after(" " + expected.lower(), attached=False)
    label = found[0].label if found else expected.lower()
    return _AREA.get(ours, ours) == label


def main() -> None:
    for name in FILES:
        result = score(name)
        print(f"{name}: {result.passed}/{result.kept} passed ({result.rate:.1%})")
        for reason, n in result.left_out.items():
            print(f"  left out {n}: {reason}")
        for text in result.failed:
            print(f"  fails: {text[:120]}")


if __name__ == "__main__":
    main()
