"""What a figure measures and what period it covers, read by rule from the words around it.

The model's label says what a number counts in its own words, which differ from one article to
the next ("North Korean soldiers", "troop losses", "casualties"). To compare figures across
sources they need one vocabulary, so the words next to the number decide, by the beats'
vocabularies (figures/vocabulary.py; the words are data, in vocabularies/*.toml). The
conflict beat's file codes them the way conflict trackers do:

- *killed or wounded* (or "casualties", "losses") is a casualty count, *killed* alone a death
  count, *wounded* alone an injury count; troops, soldiers or forces without either are a troop
  count (ACLED keeps deaths apart from casualties, and so do we);
- money goes with the noun it pays for ("aid package", "loans");
- the nationality written next to the noun says whose ("North Korean casualties");
- the period is read from the sentence ("daily", "within a single week", "since August").

Anything not matched is left to the model's label, so no figure loses its description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.figures import vocabulary
from summarizer.text.quantities import CURRENCY_CODES, MONTHS

# How far from the number its noun may stand, in characters, inside the same sentence.
_AFTER_REACH = 90
_BEFORE_REACH = 80

_PERIODS = [
    (
        r"\b(?:daily|per\s+day|a\s+day(?!\s+(?:earlier|before|later|after|ago))|each\s+day|"
        r"every\s+day)\b",
        "per day",
    ),
    (
        r"\b(?:in|within|over|during)\s+(?:a|one|the)\s+(?:single\s+)?(?:past\s+)?week\b|"
        r"\b(?:the\s+)?(?:recent|past)\s+week\b|\bweekly\b",
        "in one week",
    ),
    (
        r"\b(?:in|within|over|during)\s+(?:a|one|the)\s+(?:single\s+)?(?:past\s+)?month\b|"
        r"\b(?:the\s+)?(?:recent|past)\s+month\b|\bmonthly\b",
        "in one month",
    ),
    (r"\b(?:last|this|previous)\s+(?:week|month|year)\b", ""),  # a date more than a period
    (r"\bsince\s+(?:early\s+|late\s+|mid-?)?[A-Z][a-z]+(?:\s+\d{4})?", ""),  # as written
    (r"\b(?:in|during|for)\s+(?:(?:early|late|mid-?)\s*)?(?:19|20)\d\d\b", ""),  # "in 2019"
    (r"\b(?:in\s+total|so\s+far|to\s+date|overall|in\s+all|cumulatively)\b", "in total"),
]
# Capitalised, matched as written: "may" is a verb too.
_MONTH = "(?:" + "|".join(m.capitalize() for m in MONTHS.split("|")) + ")"
# A day of the calendar, as written: "December 23", "Dec. 24, 2004", "23 December", "on
# Tuesday". Two values of one thing on two days measure it at two times.
DATE = (
    rf"\b{_MONTH}\.?\s+\d{{1,2}}\b(?:,?\s+(?:19|20)\d\d\b)?"
    rf"|\b\d{{1,2}}\s+{_MONTH}\b(?!\.?\s+\d{{1,2}}\b)(?:\s+(?:19|20)\d\d\b)?"
    r"|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_PERIODS.append((DATE, ""))


@dataclass(frozen=True)
class Measure:
    """What a number measures, in the shared vocabulary, and the period the text gives it."""

    thing: str | None = None
    who: str | None = None
    period: str | None = None

    @property
    def label(self) -> str | None:
        """'North Korean casualties (killed or wounded)', or None when the thing is unknown."""
        if self.thing is None:
            return None
        return f"{self.who} {self.thing}" if self.who else self.thing


def read(sentence: str, start: int, end: int, unit: str | None) -> Measure:
    """The measure of the number at ``sentence[start:end]``, whose unit is ``unit``."""
    after = _clause(sentence[end : end + _AFTER_REACH])
    before = sentence[max(0, start - _BEFORE_REACH) : start]
    period = _period(sentence, start, end)
    if unit in CURRENCY_CODES:
        return Measure(thing=_money_use(before, after), period=period)
    if unit not in (None, "people"):
        return Measure(period=period)
    thing = _people_thing(after, before)
    if thing is None:
        return Measure(period=period)
    return Measure(thing=thing, who=_whose(sentence, start, end, after), period=period)


def _clause(after: str) -> str:
    """The words after the number up to the next clause break ("; " or " but ") or the next
    number, whose words are its own: in "coasts of a dozen nations has risen to nearly
    60,000 deaths", "deaths" is what 60,000 measures, not the dozen."""
    return re.split(r";|\s+but\s+|\s+while\s+|\s+whereas\s+|\s\d", after, maxsplit=1)[0]


def _people_thing(after: str, before: str) -> str | None:
    """What a count of people measures, by the vocabulary's first matching rule."""
    for m in vocabulary.default().measures:
        if any(_found(p, after) for p in m.any):
            return m.name
        if m.all and all(_found(p, after) for p in m.all):
            return m.name
        near = "|".join(m.near)
        if near and (
            re.match(rf"^\W*(?:[\w’'-]+\s+){{0,3}}?(?:{near})\b", after, re.IGNORECASE)
            or re.search(rf"\b(?:{near})\s+of\s*$", before, re.IGNORECASE)
        ):
            return m.name
    return None


def _found(pattern: str, text: str) -> bool:
    return re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE) is not None


# What joins a noun to the amount after it: "assets of $82.29 billion", "net loss was €2bn".
_LINKED = re.compile(
    r"^\s*(?:of|was|were|is|are|at|totall?ing|totall?ed|reached|stood\s+at|came\s+to)\s+"
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than|up\s+to|an?\s+estimated)\s+)?$",
    re.IGNORECASE,
)


def _money_use(before: str, after: str) -> str | None:
    # A noun joined to the amount by "of" or "was" wins ("assets of $82.29 billion and a debt
    # of $172.81 billion"); else the paying noun nearest after it, then before it: "$20
    # billion in loans", "aid ... valued at £1bn".
    for pattern, name in vocabulary.default().money:
        joined = list(re.finditer(rf"\b(?:{pattern})\b", before, re.IGNORECASE))
        if joined and _LINKED.match(before[joined[-1].end() :]):
            return name
    for text, nearest_first in ((after, True), (before, False)):
        hits = [
            (m.start(), name)
            for pattern, name in vocabulary.default().money
            for m in re.finditer(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        ]
        if hits:
            return min(hits)[1] if nearest_first else max(hits)[1]
    return None


def _whose(sentence: str, start: int, end: int, after: str) -> str | None:
    """The people written with the counted noun: right after the number, else the nearest
    earlier '<people> <noun>' in the sentence ("Russian casualties ... some 1,200")."""
    words = vocabulary.default()
    peoples = words.peoples_pattern()
    right = re.match(rf"^\W*(?:of\s+)?({peoples})\b", after)
    if right:
        return _tidy(right[1])
    noun = "|".join(p for m in words.measures for p in m.patterns) or r"(?!x)x"
    # A counted phrase ("8,000 North Korean soldiers ... a force of 10,000") beats a mere
    # mention ("against Ukrainian troops"); then the nearest mention.
    counted = re.search(rf"\d[\d,.]*\s+({peoples})\s+(?:{noun})\b", sentence[:start])
    if counted:
        return _tidy(counted[1])
    earlier = list(re.finditer(rf"\b({peoples})\s+(?:{noun})\b", sentence[:start]))
    return _tidy(earlier[-1][1]) if earlier else None


# A time of reference, as written: "a week earlier", "two years ago", "the previous month". It
# dates the number right before it only ("293,000, against 300,000 a week earlier").
_REFERENCE = re.compile(
    r"^[^\d.;]{0,30}?\b((?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|"
    r"quarters?|years?)\s+(?:earlier|before|ago)|(?:the\s+)?(?:previous|prior|preceding)\s+"
    r"(?:day|week|month|quarter|year))\b",
    re.IGNORECASE,
)


def time_reference(after: str) -> int | None:
    """Where a time of reference right after a number ends ("a week earlier"), or None."""
    m = _REFERENCE.match(after)
    return m.end() if m else None


def date_in(text: str) -> str | None:
    """The first day of the calendar ``text`` names ("Dec. 24"), as written; None if none."""
    found = re.search(DATE, text)
    return " ".join(found[0].split()) if found else None


def _period(sentence: str, start: int, end: int) -> str | None:
    """The period the sentence gives, nearest the number first; a time of reference right
    after the number first of all."""
    reference = _REFERENCE.match(sentence[end:])
    if reference:
        return " ".join(reference[1].split())
    best: tuple[int, str] | None = None
    for pattern, name in _PERIODS:
        for m in re.finditer(pattern, sentence, re.IGNORECASE if name else 0):
            distance = m.start() - end if m.start() >= end else start - m.end()
            label = name or " ".join(m[0].split())
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None


def _tidy(nationality: str) -> str:
    name = " ".join(nationality.split())
    return "U.S." if name.replace(" ", "") in ("U.S.", "US") else name
