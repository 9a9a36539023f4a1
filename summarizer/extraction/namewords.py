"""Which words may be part of a person's name, and which runs of them a text itself shows are
no person's: the vocabulary of the people finder (people.py), kept apart from its cues.

A name word is capitalised, not an acronym, and no function, title, calendar or compass word,
no adjective of a country or people ("Korean", "European"), no word with a digit. A run of
name words ends at a possessive, after an institution's head noun ("Fort Pitt Capital Group |
Charlie Smith") and after a country's name ("United States | Barack Obama"). A run is no
person's when the capitalised words holding it end in such a head noun ("Walter Reed National
Military Medical Center"), when it is a place or only English words in general use ("White
House"), or when the text uses it where no person's name stands ("the Dow Jones", "in
Buenos Aires", "12 British Storm Shadow missiles"): ``NoPersons``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.text.fold import word_set
from summarizer.text.lexicon import (
    CALENDAR,
    COMPASS,
    HEADS,
    PLACE_OPENERS,
    adjective,
    common_word,
)
from summarizer.text.names import TITLE_MODIFIERS, TITLES
from summarizer.text.places import canonical_place, is_demonym, is_place

_words = word_set


FUNCTION = _words(
    "the a an in on at as and but or if while when after before despite meanwhile furthermore "
    "however moreover this that these those it he she they we i you his her their its our both "
    "since amid amidst with for from by of to according speaking adding also still yet so then "
    "there here what who which where why how all some many most several each every other no not "
    "such only even last next new first second current recent officials reports"
)
# nouns after a possessive that mark a person: "Putin's decision"
PERSON_NOUNS = _words("administration decision remarks comments speech presidency")
_LOCATIVE = _words("in at near across into inside outside")
# A count, but not a year: "12 British", "two Boeing"; it is followed by spaces only.
_COUNT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|dozens|hundreds|thousands) +$",
    re.IGNORECASE,
)
NOT_NAMES = FUNCTION | TITLES | TITLE_MODIFIERS
WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'.-]*[^\W_])?")


@dataclass(frozen=True)
class Tok:
    start: int
    end: int  # after any possessive ending
    word: str  # without the possessive ending
    possessive: bool
    sentence: int
    opens: bool  # the first word of its sentence

    @property
    def low(self) -> str:
        return self.word.lower()

    @property
    def capital(self) -> bool:
        return self.word[0].isupper()


def runs(text: str, toks: list[Tok]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of name words with only spaces between them. A possessive
    ends a run ("Putin's aides"), and so do an institution's head noun and a country's name
    ("Fort Pitt Capital Group Charlie Smith", "United States Barack Obama")."""
    i = 0
    while i < len(toks):
        j = i + 1
        if is_name(toks[i]):
            while (
                j < len(toks)
                and not toks[j - 1].possessive
                and not (j - 1 > i and toks[j - 1].low in HEADS and toks[j].low not in HEADS)
                and joined(text, toks[j - 1], toks[j])
                and is_name(toks[j])
            ):
                j += 1
            j = _country_first(toks, i, j)
            yield i, j
        i = j


def _country_first(toks: list[Tok], i: int, j: int) -> int:
    """Where the run toks[i:j] ends when it opens with a country's name: after it."""
    for k in range(min(j - 1, i + 4), i, -1):
        if canonical_place(" ".join(t.word for t in toks[i:k])) is not None:
            return k
    return j


class NoPersons:
    """The runs of name words this text itself uses as no person's name is used: after "the"
    ("the Dow Jones", "the Hang Seng"), after a word of place ("in Buenos Aires"), next to
    "based" ("Los Angeles based Northrop Grumman"), and others (``_used_as_no_person``). A name
    so used once is no person anywhere in the text: precision comes first."""

    def __init__(self, text: str, toks: list[Tok]) -> None:
        self._runs: set[tuple[str, ...]] = set()
        for i, j in runs(text, toks):
            if _used_as_no_person(text, toks, i, j):
                words = tuple(t.low for t in toks[i:j])
                # and its first words: "the Dow Jones Industrial Average", "the Dow Jones"
                self._runs.update(words[:n] for n in range(min(2, len(words)), len(words) + 1))

    def holds(self, words: list[str]) -> bool:
        """The words, or their first word alone ("the Torino scale": "Torino Scale"), are
        used so."""
        low = tuple(w.lower() for w in words)
        return low in self._runs or low[:1] in self._runs


def _used_as_no_person(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """The run toks[i:j] stands where a person's name does not (see ``NoPersons``): after
    "the", a word of place, "based" or a count, each before the capitalised words that hold
    it ("the Canadian Auto Workers", "12 British Storm Shadow missiles"); before "based" or a
    title ("Pentagon Acquisition Director Michael Wynne"). "The Biden administration" is a
    person's, as ``_surname_cue`` reads it."""
    after = toks[j] if j < len(toks) and joined(text, toks[j - 1], toks[j]) else None
    if after is not None and after.low in PERSON_NOUNS:
        return False
    if after is not None and (after.low == "based" or after.low in TITLES):
        return True
    first = _chunk_start(text, toks, i)
    if _COUNT.search(text, max(0, toks[first].start - 24), toks[first].start):
        return True  # people are not counted
    if first == 0 or not joined(text, toks[first - 1], toks[first]):
        return False
    before = toks[first - 1].low
    placed = before in _LOCATIVE and not toks[j - 1].possessive
    return before == "the" or placed or before.endswith("based")


def _chunk_start(text: str, toks: list[Tok], i: int) -> int:
    """Where the capitalised words before toks[i] begin, over those that are no name's but
    open one's phrase: "Canadian" in "the Canadian Auto Workers", "British" in "12 British
    Storm Shadow missiles"; not over a title ("the Ukrainian President Volodymyr") nor over
    another name ("the United States Barack Obama")."""
    while (
        i > 0
        and joined(text, toks[i - 1], toks[i])
        and toks[i - 1].capital
        and not toks[i - 1].possessive
        and toks[i - 1].low not in NOT_NAMES
        and not is_name(toks[i - 1])
    ):
        i -= 1
    return i


def institution(text: str, toks: list[Tok], last: int) -> bool:
    """The capitalised words from the run ending at ``last`` on end in the head noun of an
    institution or a place: "Walter Reed National Military Medical Center", "Belfairs
    Methodist Church", "Kursk Region"; so none of them is a person's name."""
    while (
        last + 1 < len(toks)
        and not toks[last].possessive
        and joined(text, toks[last], toks[last + 1])
        and toks[last + 1].capital
    ):
        last += 1
    return toks[last].low in HEADS


def no_name(words: list[str]) -> bool:
    """Words that name no person, whatever the cue: a place ("United States", "Buenos Aires"),
    or English words in general use only ("White House", "Federal Reserve", "Big Three")."""
    return is_place(" ".join(words)) or all(map(common_word, words))


def is_name(t: Tok) -> bool:
    """A word that may be part of a person's name: capitalised, not an acronym, and neither
    it nor a capitalised part of it ("Russian-North") a word no name holds (``never_named``)."""
    parts = [p for p in t.word.split("-") if p[:1].isupper()]
    return (
        t.capital
        and any(c.islower() for c in t.word)
        and t.low not in NOT_NAMES
        and t.low not in PLACE_OPENERS
        and not t.low.endswith("-based")
        and not any(map(never_named, parts))
    )


@functools.lru_cache(maxsize=1 << 14)
def never_named(word: str) -> bool:
    """A word no person's name holds, by grammar or general use: a calendar or compass word
    ("Monday", "North"), a word with a digit ("SGD1.75"), an adjective of a country or a
    people ("Korean", "European")."""
    low = word.lower()
    return (
        low in CALENDAR
        or low in COMPASS
        or any(c.isdigit() for c in low)
        or is_demonym(word)
        or adjective(word)
    )


def joined(text: str, a: Tok, b: Tok) -> bool:
    """True when only spaces (no line break) separate the two words."""
    gap = text[a.end : b.start]
    return bool(gap) and not gap.strip() and "\n" not in gap
