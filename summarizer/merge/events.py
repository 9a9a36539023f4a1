"""Events across articles: tellings of one event by several outlets become one development."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from summarizer.merge.actors import display_name
from summarizer.merge.citations import Citations, spans, stable_id
from summarizer.merge.words import story_score, story_words
from summarizer.models import (
    Actor,
    ArticleExtraction,
    Development,
    Event,
    Evidence,
    Telling,
    extend_evidence,
    span_of,
)
from summarizer.text.fold import fold, fold_name
from summarizer.text.names import person_core, person_key

_NOT_WORD = re.compile(r"\W+")
# A word in more tellings than this nominates no pair for comparison (see _candidates).
_NOMINATING = 100


@dataclass
class _Told:
    """One event as one article tells it, with what clustering compares."""

    event: Event
    evidence: list[Evidence]
    source: int
    people: set[str]
    words: set[str]
    spans: set[tuple[str, int, int]] = field(default_factory=set)  # of ``evidence``


def cluster_events(
    extractions: list[ArticleExtraction],
    groups: list[list[Actor]],
    names: dict[str, str],
    book: Citations,
) -> list[Development]:
    """Cluster the events of all articles into developments, each with every source telling it.

    Two tellings are the same event when they come from different articles and share a named
    person and some words, or many words (see ``_same_event``). A development takes at most
    one telling per article, so two points made in one article are never folded together.
    """
    told = list(_tellings(extractions, groups, names, book))
    # Every pair that can read as one event, scored once: a pair left out scores 0.
    scores = {
        (i, j): score
        for i, j in _candidates(told)
        if told[i].source != told[j].source and (score := _same_event(told[i], told[j])) > 0
    }
    pairs = sorted((-score, i, j) for (i, j), score in scores.items())
    cluster_of = list(range(len(told)))  # closest pairs first, never two tellings of one source
    members: dict[int, list[int]] = {i: [i] for i in range(len(told))}
    for _, i, j in pairs:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or {told[k].source for k in members[ci]} & {
            told[k].source for k in members[cj]
        }:
            continue
        # Every telling must read as the same event as every other, not just one pair.
        if any((min(p, q), max(p, q)) not in scores for p in members[ci] for q in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for k in members.pop(gone):
            cluster_of[k] = keep
            members[keep].append(k)
    return [_development([told[k] for k in sorted(m)], book) for _, m in sorted(members.items())]


def _candidates(told: list[_Told]) -> set[tuple[int, int]]:
    """The pairs of tellings that share a word: no other pair can read as one event.

    A word that more than ``_NOMINATING`` tellings use nominates no pair (it still counts in
    the score): in a day of thousands of articles it would pair nearly every telling with every
    other, and a pair whose only common words are that common is not one event. Below that
    many tellings, every pair sharing a word is compared.
    """
    by_word: dict[str, list[int]] = {}
    for i, t in enumerate(told):
        for word in t.words:
            by_word.setdefault(word, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for holders in by_word.values():
        if len(holders) <= _NOMINATING:
            pairs.update((a, b) for n, a in enumerate(holders) for b in holders[n + 1 :])
    return pairs


def _tellings(
    extractions: list[ArticleExtraction],
    groups: list[list[Actor]],
    names: dict[str, str],
    book: Citations,
) -> Iterable[_Told]:
    shown = [display_name(g) for g in groups]
    people = {
        id(a): name for g, name in zip(groups, shown, strict=True) for a in g if a.kind == "person"
    }
    for x in extractions:
        text = x.article.text
        # Each form of each person the article names, found by its last word: a paragraph is
        # checked only for the forms whose last word it holds, not for everyone's.
        by_last: dict[str, list[tuple[str, str]]] = {}
        for a in x.actors:
            if id(a) in people:
                for form in map(_spaced, _forms(a)):
                    by_last.setdefault(form.split()[-1] if form.split() else "", []).append(
                        (people[id(a)], form)
                    )
        seen: dict[str, _Told] = {}
        for event in x.events:
            key = fold_name(event.summary).rstrip(".")
            if key in seen:  # the same words from several spans of one article: one telling
                extend_evidence(seen[key].evidence, event.evidence, seen[key].spans)
                continue
            first = event.evidence[0]
            start = text.rfind("\n", 0, first.start) + 1
            end = text.find("\n", first.end)
            paragraph = _as_words(
                fold(text[start : end if end != -1 else len(text)], accents=False)
            )
            candidates = (c for w in {*paragraph.split(), ""} for c in by_last.get(w, ()))
            named = {name for name, form in candidates if form in paragraph}
            named |= {names[k] for k in map(person_key, event.actors) if k in names}
            # Type, place and time count as words: two tellings sharing them are closer.
            told_words = [event.summary, *(e.quote for e in event.evidence)]
            told_words += [w for w in (event.place, event.time) if w and not _unstated(w)]
            # People count as people, not as words: a shared name alone is no shared story.
            words = story_words(told_words, named)
            seen[key] = _Told(
                event, list(event.evidence), book.sources[first.article_id], named, words
            )
            seen[key].spans = {span_of(v) for v in event.evidence}
        yield from seen.values()


def _unstated(value: str) -> bool:
    return fold_name(value) in {"not specified", "unknown", "none", "n/a", "unspecified"}


def _same_event(a: _Told, b: _Told) -> float:
    """A score above 0 when two tellings read as one event; the higher, the closer."""
    return story_score(a.words, a.people, a.event.type, b.words, b.people, b.event.type)


def _development(cluster: list[_Told], book: Citations) -> Development:
    first = cluster[0].event
    citations: list[int] = []
    tellings: list[Telling] = []
    for k, told in enumerate(cluster):
        cited = [book.cite(v) for v in told.evidence]
        citations += [n for n in cited if n not in citations]
        tellings.append(
            Telling(
                source=told.source,
                text=told.event.summary,
                citations=list(dict.fromkeys(cited)),
                joined="first" if k == 0 else "words",
                why="told first" if k == 0 else _why(cluster[0], told),
            )
        )
    sources = sorted({t.source for t in cluster})
    outlets = {book.outlets[n] for n in sources}
    return Development(
        id=stable_id("e", first.type, fold_name(first.summary), spans(first.evidence)),
        type=first.type,
        text=first.summary,
        citations=citations,
        actors=sorted({p for t in cluster for p in t.people}),
        sources=sources,
        single_outlet=len(outlets) == 1,
        tellings=tellings,
    )


def _why(first: _Told, other: _Told) -> str:
    """What a telling shares with the first: its people and (some of) its words."""
    people = sorted(first.people & other.people)
    words = sorted(first.words & other.words)
    shown = ", ".join(words[:6]) + (f" and {len(words) - 6} more" if len(words) > 6 else "")
    named = f"names {', '.join(people)}; " if people else ""
    return f"{named}shares the words {shown}" if words else f"{named}same event type"


def _forms(actor: Actor) -> list[str]:
    """How a person is written: the full name and the surname alone, folded."""
    core = fold_name(person_core(actor.name))
    return [core, core.split()[-1]] if " " in core else [core]


def _as_words(text: str) -> str:
    """``text`` as words between single spaces, with a space at each end: a name is a whole
    word (or words) of a paragraph when its form, written so, is inside the paragraph's."""
    return f" {' '.join(_NOT_WORD.split(text)).strip()} "


@functools.lru_cache(maxsize=1 << 16)
def _spaced(name: str) -> str:
    """A name's form, as ``_as_words`` writes it (cached: names come back, paragraphs not)."""
    return _as_words(name)
