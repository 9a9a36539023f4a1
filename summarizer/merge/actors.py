"""Actors across articles: one entry per real-world actor, whatever the spelling or title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from summarizer.merge.citations import Citations, stable_id
from summarizer.models import Actor, ActorKind, MergedActor
from summarizer.text.fold import fold_name
from summarizer.text.lexicon import INSTITUTION_HEADS
from summarizer.text.names import SpellingIndex, canonical_place, person_core, person_key, similar

_COLLECTIVES = {
    "official",
    "officials",
    "soldiers",
    "troops",
    "forces",
    "leadership",
    "authorities",
    "bloggers",
    "sources",
    "analysts",
    "experts",
    "people",
    "civilians",
    "residents",
    "units",
    "intelligence",
    "observers",
    "reports",
    "witnesses",
    "fighters",
    "militants",
}


def cluster_actors(actors: list[Actor]) -> list[list[Actor]]:
    """Group mentions of one real-world actor, whatever the spelling or title in each article.

    A full name joins the first group holding the same person (``_same_person``); a surname
    alone joins the one group it can belong to, or stays apart if it could belong to several.
    Groups are found through an index of their names' words (``_People``), so the cost grows
    with the mentions, not with mentions times groups.
    """
    keyed: dict[str, list[Actor]] = {}
    acronyms: dict[str, str] = {}  # "sia" -> the key of "Singapore Airlines (SIA)"
    singles: list[Actor] = []
    people = _People()
    for actor in actors:
        if actor.kind != "person":
            name, acronym = _without_acronym(actor.name)
            key = canonical_place(name) or fold_name(name).removeprefix("the ")
            keyed.setdefault(key, []).append(actor)
            if acronym:
                acronyms.setdefault(fold_name(acronym), key)
        elif len(person_core(actor.name).split()) == 1:
            singles.append(actor)
        else:
            people.join_full(actor)
    for actor in singles:
        people.join_single(actor)
    clusters = people.clusters
    # A person's alias names the person ("Kirby", "Joe Biden"), never an institution: "Biden
    # administration", which the model gives as Biden's alias, stays a government of its own.
    aliases = {
        fold_name(alias): c
        for c in clusters
        for a in c
        for alias in a.aliases
        if not _institution(alias)
    }
    for acronym, key in acronyms.items():
        if acronym != key and acronym in keyed and key in keyed:
            keyed[key].extend(keyed.pop(acronym))
    for key in list(keyed):
        if key in aliases:
            aliases[key].extend(keyed.pop(key))
    position = {id(actor): index for index, actor in enumerate(actors)}
    groups = clusters + list(keyed.values())
    return sorted(groups, key=lambda group: min(position[id(a)] for a in group))


class _People:
    """Person groups, indexed by the words of their members' names.

    ``by_surname`` finds the groups a full name may join, ``by_word`` those a surname alone
    may; a ``SpellingIndex`` finds the words spelled like a given one.
    """

    def __init__(self) -> None:
        self.clusters: list[list[Actor]] = []
        self.by_surname: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        self.surnames = SpellingIndex()
        self.words = SpellingIndex()

    def join_full(self, actor: Actor) -> None:
        tokens = _tokens(person_core(actor.name))
        if not tokens:  # punctuation only ("-- --"): nothing to compare, a group of its own
            self._add(self._new(), actor)
            return
        candidates = {c for w in self.surnames.like(tokens[-1]) for c in self.by_surname[w]}
        for c in sorted(candidates):  # the first group made, as a scan in order would find
            if any(_same_person(actor.name, other.name) for other in self.clusters[c]):
                self._add(c, actor)
                return
        self._add(self._new(), actor)

    def join_single(self, actor: Actor) -> None:
        tokens = _tokens(person_core(actor.name))  # "Jong-un" is one name of two words
        candidates = {c for t in tokens for w in self.words.like(t) for c in self.by_word[w]}
        matches = [
            c
            for c in sorted(candidates)
            if any(_same_person(actor.name, other.name) for other in self.clusters[c])
        ]
        # no full name to join, or an ambiguous one: keep it apart rather than guess
        self._add(matches[0] if len(matches) == 1 else self._new(), actor)

    def _new(self) -> int:
        self.clusters.append([])
        return len(self.clusters) - 1

    def _add(self, c: int, actor: Actor) -> None:
        self.clusters[c].append(actor)
        tokens = _tokens(person_core(actor.name))
        for word in tokens:
            self.by_word.setdefault(word, set()).add(c)
            self.words.add(word)
        if tokens:
            self.by_surname.setdefault(tokens[-1], set()).add(c)
            self.surnames.add(tokens[-1])


def _same_person(a: str, b: str) -> bool:
    ta, tb = _tokens(person_core(a)), _tokens(person_core(b))
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        short, long = (ta, tb) if len(ta) == 1 else (tb, ta)
        return any(similar(short[0], t) for t in long)
    return similar(ta[-1], tb[-1]) and _same_given_name(ta[0], tb[0])


def _same_given_name(a: str, b: str) -> bool:
    """'J.' matches 'John'; 'Joe' does not match 'Jill'."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return similar(a, b)


def is_group(name: str) -> bool:
    """'US officials', 'North Korean troops': a collective, not a named actor for who's who."""
    words = fold_name(name).split()
    return bool(words) and words[-1] in _COLLECTIVES


def merged_actor(group: list[Actor], book: Citations) -> MergedActor:
    name = display_name(group)
    kinds = Counter(a.kind for a in group)
    kind: ActorKind = "person" if kinds["person"] else kinds.most_common(1)[0][0]
    # An alias is another form of the name ("Kirby"), else a second stated role.
    forms = [x for a in group for x in a.aliases if kind != "person" or not _institution(x)]
    others = [x for x in forms if kind != "person" or not _same_person(x, name)]
    roles = _distinct(r for r in [*(a.role for a in group), *others] if r)
    aliases = _distinct(
        x
        for x in [*(a.name for a in group), *forms]
        if x not in others and fold_name(x) != fold_name(name)
    )
    evidence = [e for a in group for e in a.evidence]
    return MergedActor(
        id=stable_id("a", kind, name),
        name=name,
        kind=kind,
        roles=roles,
        aliases=aliases,
        sources=sorted({book.sources[e.article_id] for e in evidence}),
        citations=sorted({book.cite(e) for e in evidence}),
    )


def _institution(name: str) -> bool:
    """A name whose last word is an institution's head noun ("Biden administration")."""
    words = fold_name(name).split()
    return bool(words) and words[-1] in INSTITUTION_HEADS


def display_name(group: list[Actor]) -> str:
    """The fullest form of the name: 'John Kirby' over 'Kirby'; countries by their own name."""
    people = [a for a in group if a.kind == "person"]
    if not people:
        name = _without_acronym(group[0].name)[0]
        return canonical_place(name) or name
    cores = [person_core(a.name) for a in people]
    return max(cores, key=lambda n: (len(n.split()), cores.count(n), n))


def name_index(groups: list[list[Actor]]) -> dict[str, str]:
    """Every spelling of an actor -> its merged name, for attributing statements and figures."""
    index: dict[str, str] = {}
    for group in groups:
        name = display_name(group)
        person = any(a.kind == "person" for a in group)
        for actor in group:
            # "Biden administration" said it, not Biden: a government keeps its own name.
            if not person or actor.kind == "person":
                index.setdefault(person_key(actor.name), name)
    return index


# --- helpers --------------------------------------------------------------------------------


_ACRONYM = re.compile(r"^(.*\S)\s*\(([A-Z][A-Z0-9&.]{1,9})\)$")


def _without_acronym(name: str) -> tuple[str, str | None]:
    """ "Singapore Airlines (SIA)" -> ("Singapore Airlines", "SIA"): the name and the acronym
    the article gives it in brackets, which names the same actor."""
    found = _ACRONYM.match(name.strip())
    return (found[1], found[2]) if found else (name, None)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", fold_name(name)) if t]


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(fold_name(value), value.strip())
    return list(seen.values())
