"""Countries by their names, read from the ISO 3166 names that pycountry ships: every form a
text writes one in ("U.S.", "US", "the United States", "United States of America") leads to
one name, and the adjectives made from them ("Korean", "Ukrainian") are known as such.

The forms are made by general rules, not listed: the ISO name, official name and common name;
"Korea, Republic of" read as "Republic of Korea"; the name without its state words ("Russian
Federation" -> "Russia", "United States of America" -> "America"); and the initials of a name
of several words ("UK", "DPRK"), which count only when written in capitals, with or without
dots ("U.S.", "U. S."). A form two countries share says nothing and leads to neither ("Korea",
"SA"), unless it is one country's own name ("Congo").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pycountry

from summarizer.text.fold import fold_name, word_set

_words = word_set


# The words that say what kind of state a country is, not which: left out of a short form.
_STATE_WORDS = _words(
    "republic kingdom federation federal federated state states united commonwealth "
    "principality sultanate emirate emirates democratic people's islamic socialist "
    "plurinational bolivarian arab of the"
)
_FIELDS = ("name", "official_name", "common_name", "alpha_3")  # of a pycountry country
_INITIALS = re.compile(r"(?:[A-Z]\.?\s?){2,}")
# Suffixes that make an adjective or a people of a country's name: Korea-n, Japan-ese,
# Brazil-ian, Israel-i, and with the last letter dropped, Ital(y)-ian, Chin(a)-ese.
_SUFFIXES = ("n", "an", "ian", "ese", "i")


@functools.lru_cache(maxsize=1 << 14)
def canonical_place(name: str) -> str | None:
    """'U.S.', 'US', 'the United States' -> 'United States'; None if not a country's name."""
    squeezed = re.sub(r"^[Tt]he\s+", "", name.strip())
    if _INITIALS.fullmatch(squeezed):
        return _countries().initials.get(re.sub(r"[.\s]", "", squeezed))
    return _countries().names.get(fold_name(squeezed))


def is_place(name: str) -> bool:
    """A country's name, or the name of a state, province or region of several words ("North
    Carolina", "Buenos Aires"): ISO 3166-2's. A one-word region is left out, for many are
    given names too ("Victoria", "Georgia", "Paul")."""
    return canonical_place(name) is not None or fold_name(name) in _regions()


@functools.lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    names = (_bare(s.name) for s in pycountry.subdivisions)
    return frozenset(fold_name(n) for n in names if " " in n)


def is_demonym(word: str) -> bool:
    """'Korean', 'Koreans', 'Ukrainian', 'Japanese', 'Israeli': a word made from a country's
    name, never part of a person's name."""
    low, known = word.lower(), _countries().demonyms
    return low in known or (low.endswith("s") and low[:-1] in known)


class _Countries:
    """The indexes: folded name -> country, initials -> country, and the demonym forms."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.demonyms: set[str] = set()
        short: dict[str, set[str]] = {}
        letters: dict[str, set[str]] = {}
        for country in pycountry.countries:
            fields = {key: str(getattr(country, key, "") or "") for key in _FIELDS}
            shown, own = _display(fields), list(_own_names(fields))
            for form in own:
                self.names[fold_name(form).removeprefix("the ")] = shown
                self.demonyms |= _demonyms(form)
            for form in _short_forms(own):
                short.setdefault(fold_name(form), set()).add(shown)
            for initials in _initials(fields):
                letters.setdefault(initials, set()).add(shown)
        for form, found in short.items():  # a country's own name wins over a short form
            if len(found) == 1 and form not in self.names:
                self.names[form] = next(iter(found))
        self.initials = {k: next(iter(v)) for k, v in letters.items() if len(v) == 1}


@functools.lru_cache(maxsize=1)
def _countries() -> _Countries:
    return _Countries()


def _own_names(fields: dict[str, str]) -> Iterator[str]:
    """The ISO, official and common names, each also read in order."""
    for key in ("name", "official_name", "common_name"):
        value = _bare(fields.get(key))
        if value:
            yield value
            if (ordered := _in_order(value)) != value:
                yield ordered


def _bare(name: str | None) -> str:
    """The name without its parenthesis: "Holy See (Vatican City State)" -> "Holy See"."""
    return re.sub(r"\s*\(.*?\)", "", name or "").strip()


def _in_order(name: str) -> str:
    """ "Korea, Republic of" -> "Republic of Korea", "Virgin Islands, British" -> "British
    Virgin Islands"; any other name as it is."""
    head, comma, tail = name.partition(", ")
    if comma and (tail.endswith((" of", " of the")) or " " not in tail):
        return re.sub(r"^The ", "", f"{tail} {head}")
    return name


def _short_forms(names: list[str]) -> Iterator[str]:
    """A name without its state words: "Korea, Republic of" -> "Korea", "Russian Federation"
    -> "Russian" and "Russia", "United States of America" -> "America"."""
    for name in names:
        if " and " in name:
            continue  # "Saint Helena, Ascension and Tristan da Cunha": no one short form
        words = name.partition(", ")[0].split()
        rest = [w for w in words if w.lower() not in _STATE_WORDS]
        if rest and rest != words:
            yield " ".join(rest)
            if len(rest) == 1 and rest[0].endswith("n") and rest[0] != words[-1]:
                yield rest[0][:-1]  # "Russian Federation": the adjective's country


def _display(fields: dict[str, str]) -> str:
    """The name a reader knows: the common name, else the ISO name read in order, an
    adjective and a state word read as the country ("Russian Federation" -> "Russia")."""
    if fields.get("common_name"):
        return fields["common_name"]
    name = _in_order(_bare(fields["name"]))
    words = name.split()
    rest = [w for w in words if w.lower() not in _STATE_WORDS]
    if len(words) > 1 and rest == words[:1] and rest[0].endswith("ian"):
        return rest[0][:-1]
    return name


def _initials(fields: dict[str, str]) -> Iterator[str]:
    """The initials a country goes by: of its ISO or common name ("UK", "UAE"), and of its
    official name when they are long enough to be its own ("DPRK") or its ISO code ("USA");
    the short initials of an official name are too often another body's ("SC", "PM")."""
    for key in ("name", "common_name"):
        if len(found := _initials_of(_in_order(_bare(fields.get(key))))) >= 2:
            yield found
    official = _initials_of(_bare(fields.get("official_name")))
    if len(official) >= 4 or official == fields.get("alpha_3"):
        yield official


def _initials_of(name: str) -> str:
    """ "United Arab Emirates" -> "UAE": the first letters of a name's capitalised words."""
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    capitals = [w[0] for w in words if w[0].isupper()]
    return "".join(capitals) if len(capitals) > 1 else ""


def _demonyms(name: str) -> set[str]:
    """The adjective forms a name's words may take: "korean", "japanese", "italian"."""
    found = set()
    for word in name.split():
        low = word.lower().strip(",")
        if len(low) < 4 or low in _STATE_WORDS:
            continue
        found |= {low + s for s in _SUFFIXES} | {low[:-1] + s for s in _SUFFIXES}
        if low.endswith("land"):
            found.add(low[:-4])  # "Thailand" -> "Thai"
        if low.endswith("stan"):
            found.add(low[: -5 if low.endswith("istan") else -4])  # "Afghan", "Kazakh"
    return found
