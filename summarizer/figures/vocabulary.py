"""A beat's words, as data: what the general figure rules read to know what a number counts.

The rules in measures.py (what a count measures, what money pays for, whose count it is),
build.py (a number of people or of things) and merge/words.py (words that count the same
thing) hold no word of any beat. The words are in ``vocabularies/*.toml``, one file a beat,
all of them read and joined in the order of their names; ``conflict.toml`` is the seeds' beat.
A file names:

- ``people`` and ``items``: nouns right after a number that make it a count of people, or of
  things;
- ``peoples``: the names of peoples written with a counted noun ("North Korean soldiers");
- ``measure``: what a count of people measures, first match wins (see ``Measure``);
- ``money``: what an amount pays for, by the noun nearest it;
- ``same_thing``: words (by stem) that count one thing, folded to one term.

Patterns are Python regular expressions, matched case-insensitively as whole words.
``load`` reads any list of files: a test reads a sport vocabulary the same way.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).with_name("vocabularies")


@dataclass(frozen=True)
class Measure:
    """A count of people measures ``name`` when one of ``any`` is in the words after the
    number, or every one of ``all`` is, or one of ``near`` stands within three words after
    it (or before it, as "<noun> of")."""

    name: str
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    near: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        return (*self.any, *self.all, *self.near)


@dataclass(frozen=True)
class Vocabulary:
    people: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    peoples: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()
    money: tuple[tuple[str, str], ...] = ()  # (pattern, what it pays for)
    same: tuple[tuple[str, str], ...] = ()  # (stem, the one term it is folded to)

    @functools.cached_property
    def same_thing(self) -> dict[str, str]:
        """Stem -> the one term: words that count the same thing."""
        return dict(self.same)

    def people_pattern(self) -> str:
        return _either(self.people)

    def items_pattern(self) -> str:
        return _either(self.items)

    def peoples_pattern(self) -> str:
        return _either(self.peoples)


def _either(patterns: Iterable[str]) -> str:
    """One alternation of the patterns; one that matches nothing when there are none."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    return joined or r"(?!x)x"


def load(paths: Iterable[Path]) -> Vocabulary:
    """The vocabularies of ``paths`` joined, in the order given. An unknown key is an error,
    so a misspelt section is not silently ignored."""
    people: list[str] = []
    items: list[str] = []
    peoples: list[str] = []
    measures: list[Measure] = []
    money: list[tuple[str, str]] = []
    same: dict[str, str] = {}
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        unknown = set(data) - {"people", "items", "peoples", "measure", "money", "same_thing"}
        if unknown:
            raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
        people += data.get("people", [])
        items += data.get("items", [])
        peoples += data.get("peoples", [])
        measures += [
            Measure(
                name=m["name"],
                any=tuple(m.get("any", ())),
                all=tuple(m.get("all", ())),
                near=tuple(m.get("near", ())),
            )
            for m in data.get("measure", [])
        ]
        money += [(m["pattern"], m["use"]) for m in data.get("money", [])]
        for term, words in data.get("same_thing", {}).items():
            same.update({w: term for w in words})
    return Vocabulary(
        people=tuple(people),
        items=tuple(items),
        peoples=tuple(peoples),
        measures=tuple(measures),
        money=tuple(money),
        same=tuple(same.items()),
    )


@functools.lru_cache(maxsize=1)
def default() -> Vocabulary:
    """Every vocabulary shipped in ``vocabularies/``, read once."""
    return load(sorted(FOLDER.glob("*.toml")))
