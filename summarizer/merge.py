"""Many extractions -> one set of facts across sources: actors, figures, events, statements.

Nothing here calls the model: the merge is deterministic, so the same extractions always give
the same briefing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from summarizer.models import (
    Actor,
    ActorKind,
    ArticleExtraction,
    AttributedStatement,
    CallCounts,
    Citation,
    Development,
    Event,
    Evidence,
    Figure,
    FigureClaim,
    FigureGroup,
    MergedActor,
    Source,
    Verdict,
)

# Words that open a name but are not part of it: "President-elect Donald Trump".
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "president-elect",
    "vice",
    "prime",
    "minister",
    "secretary",
    "state",
    "defense",
    "defence",
    "general",
    "gen",
    "spokesperson",
    "spokesman",
    "adviser",
    "advisor",
    "chairman",
    "leader",
    "supreme",
    "chancellor",
    "king",
    "queen",
    "senator",
    "sen",
    "rep",
    "governor",
    "mayor",
    "deputy",
    "head",
    "chief",
    "ambassador",
}
_COUNTRY_ALIASES = {
    "United States": {
        "us",
        "u.s",
        "u.s.",
        "usa",
        "u.s.a.",
        "united states",
        "america",
        "united states of america",
        "the united states",
        "the us",
        "the u.s.",
    },
    "United Kingdom": {"uk", "u.k.", "britain", "great britain", "united kingdom", "the uk"},
    "North Korea": {"north korea", "dprk", "democratic people's republic of korea"},
    "South Korea": {"south korea", "republic of korea", "rok"},
    "Russia": {"russia", "russian federation"},
    "Ukraine": {"ukraine"},
}
_ALIAS_INDEX = {alias: name for name, aliases in _COUNTRY_ALIASES.items() for alias in aliases}
_STOP = {"the", "of", "a", "an", "in", "on", "and", "or", "to", "for", "by", "with", "at", "from"}
_SURNAME_SIMILARITY = 0.85
_COUNTED_OVERLAP = 0.5
# Clustering events: the share of words two tellings need in common, with a shared named
# person (by whether their types agree), and without one (types must agree).
_EVENT_WORDS_WITH_PERSON = {True: 0.1, False: 0.2}
_EVENT_WORDS_ALONE = 0.3
# Words every war story uses, which say nothing about which event it is.
_COMMON = {"north", "korean", "korea", "russia", "russian", "ukraine", "ukrainian", "u", "us"}
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
_CURRENCIES = {"USD", "GBP", "EUR", "JPY", "KRW", "UAH", "RUB"}


@dataclass
class Citations:
    """Numbers each distinct evidence span once, in order of first use."""

    sources: dict[str, int]
    outlets: dict[int, str] = field(default_factory=dict)
    items: list[Citation] = field(default_factory=list)
    _index: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, evidence: Evidence) -> int:
        key = (evidence.article_id, evidence.start, evidence.end)
        if key not in self._index:
            n = len(self.items) + 1
            self._index[key] = n
            self.items.append(
                Citation(n=n, source=self.sources[evidence.article_id], **evidence.model_dump())
            )
        return self._index[key]


@dataclass
class Merged:
    """The facts of the day, ready to render."""

    sources: list[Source]
    developments: list[Development]
    figures: list[FigureGroup]
    actors: list[MergedActor]
    statements: list[AttributedStatement]
    citations: list[Citation]


def merge(extractions: list[ArticleExtraction]) -> Merged:
    """Merge per-article extractions into one set of cited facts."""
    sources = [
        Source(
            n=i,
            article=x.article,
            stats=CallCounts(**x.stats.model_dump(exclude={"seconds"})),
            dropped=len(x.dropped),
            not_figures=x.not_figures,
        )
        for i, x in enumerate(extractions, start=1)
    ]
    book = Citations(
        sources={s.article.id: s.n for s in sources},
        outlets={s.n: s.article.outlet for s in sources},
    )
    groups = cluster_actors([a for x in extractions for a in x.actors])
    names = _name_index(groups)
    # Citations are numbered in reading order: developments, figures, actors, statements.
    developments = _developments(extractions, groups, names, book)
    figures = group_figures([f for x in extractions for f in x.figures], book, names)
    # Who's who names actors; collectives ("US officials") stay as speakers and claimants.
    actors = [_merged_actor(g, book) for g in groups if not is_group(_display_name(g))]
    statements = [
        AttributedStatement(
            speaker=names.get(_person_key(s.speaker), s.speaker),
            text=s.text,
            citations=[book.cite(v) for v in s.evidence],
        )
        for x in extractions
        for s in x.statements
    ]
    return Merged(sources, developments, figures, actors, statements, book.items)


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the content it names."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


def _spans(evidence: Iterable[Evidence]) -> list[tuple[str, int, int]]:
    return sorted({(e.article_id, e.start, e.end) for e in evidence})


@dataclass
class _Told:
    """One event as one article tells it, with what clustering compares."""

    event: Event
    evidence: list[Evidence]
    source: int
    people: set[str]
    words: set[str]


def _developments(
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
    pairs = sorted(
        (-score, i, j)
        for i, a in enumerate(told)
        for j in range(i + 1, len(told))
        if a.source != told[j].source and (score := _same_event(a, told[j])) > 0
    )
    cluster_of = list(range(len(told)))  # closest pairs first, never two tellings of one source
    members: dict[int, list[int]] = {i: [i] for i in range(len(told))}
    for _, i, j in pairs:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or {told[k].source for k in members[ci]} & {
            told[k].source for k in members[cj]
        }:
            continue
        # Every telling must read as the same event as every other, not just one pair.
        if any(_same_event(told[p], told[q]) <= 0 for p in members[ci] for q in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for k in members.pop(gone):
            cluster_of[k] = keep
            members[keep].append(k)
    return [_development([told[k] for k in sorted(m)], book) for _, m in sorted(members.items())]


def _tellings(
    extractions: list[ArticleExtraction],
    groups: list[list[Actor]],
    names: dict[str, str],
    book: Citations,
) -> Iterable[_Told]:
    people = {id(a): _display_name(g) for g in groups for a in g if a.kind == "person"}
    for x in extractions:
        text = x.article.text
        own = [(people[id(a)], _forms(a)) for a in x.actors if id(a) in people]
        seen: dict[str, _Told] = {}
        for event in x.events:
            key = _fold(event.summary).rstrip(".")
            if key in seen:  # the same words from several spans of one article: one telling
                seen[key].evidence += [v for v in event.evidence if v not in seen[key].evidence]
                continue
            first = event.evidence[0]
            start = text.rfind("\n", 0, first.start) + 1
            end = text.find("\n", first.end)
            paragraph = _fold(text[start : end if end != -1 else len(text)])
            named = {name for name, forms in own if any(_has_word(paragraph, f) for f in forms)}
            named |= {names[k] for k in map(_person_key, event.actors) if k in names}
            # Type, place and time count as words: two tellings sharing them are closer.
            told_words = [event.summary, *(e.quote for e in event.evidence)]
            told_words += [w for w in (event.place, event.time) if w and not _unstated(w)]
            # People count as people, not as words: a shared name alone is no shared story.
            name_words = {w for n in named for w in _counted_key(n)}
            words = _counted_key(" ".join(told_words)) - name_words
            seen[key] = _Told(
                event, list(event.evidence), book.sources[first.article_id], named, words - _COMMON
            )
        yield from seen.values()


def _unstated(value: str) -> bool:
    return _fold(value) in {"not specified", "unknown", "none", "n/a", "unspecified"}


def _same_event(a: _Told, b: _Told) -> float:
    """A score above 0 when two tellings read as one event; the higher, the closer."""
    if not a.words or not b.words:
        return 0.0
    overlap = len(a.words & b.words) / len(a.words | b.words)
    same_type = a.event.type == b.event.type
    if a.people & b.people and overlap >= _EVENT_WORDS_WITH_PERSON[same_type]:
        return overlap + 1.0
    return overlap if same_type and overlap >= _EVENT_WORDS_ALONE else 0.0


def _development(cluster: list[_Told], book: Citations) -> Development:
    first = cluster[0].event
    citations: list[int] = []
    for told in cluster:
        for v in told.evidence:
            n = book.cite(v)
            if n not in citations:
                citations.append(n)
    sources = sorted({t.source for t in cluster})
    outlets = {book.outlets[n] for n in sources}
    return Development(
        id=stable_id("e", first.type, _fold(first.summary), _spans(first.evidence)),
        type=first.type,
        text=first.summary,
        citations=citations,
        actors=sorted({p for t in cluster for p in t.people}),
        sources=sources,
        single_outlet=len(outlets) == 1,
    )


def _forms(actor: Actor) -> list[str]:
    """How a person is written: the full name and the surname alone, folded."""
    core = _fold(person_core(actor.name))
    return [core, core.split()[-1]] if " " in core else [core]


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


# --- actors -----------------------------------------------------------------------------------


def cluster_actors(actors: list[Actor]) -> list[list[Actor]]:
    """Group mentions of one real-world actor, whatever the spelling or title in each article."""
    clusters: list[list[Actor]] = []
    keyed: dict[str, list[Actor]] = {}
    singles: list[Actor] = []
    for actor in actors:
        if actor.kind != "person":
            key = canonical_place(actor.name) or _fold(actor.name).removeprefix("the ")
            keyed.setdefault(key, []).append(actor)
        elif len(person_core(actor.name).split()) == 1:
            singles.append(actor)
        else:
            _join_person(clusters, actor)
    for actor in singles:
        matches = [c for c in clusters if _single_matches(actor.name, c)]
        if len(matches) == 1:
            matches[0].append(actor)
        else:  # no full name to join, or an ambiguous one: keep it apart rather than guess
            clusters.append([actor])
    # "Biden administration", a government to the model, is an alias of the person Biden.
    aliases = {_fold(alias): c for c in clusters for a in c for alias in a.aliases}
    for key in list(keyed):
        if key in aliases:
            aliases[key].extend(keyed.pop(key))
    position = {id(actor): index for index, actor in enumerate(actors)}
    groups = clusters + list(keyed.values())
    return sorted(groups, key=lambda group: min(position[id(a)] for a in group))


def person_core(name: str) -> str:
    """The name without its leading title: 'spokesperson John Kirby' -> 'John Kirby'."""
    tokens = name.replace("’", "'").split()
    run: list[str] = []
    for token in reversed(tokens):
        if not (token[:1].isupper() or token[:1].isdigit()):
            break
        run.insert(0, token)
    while len(run) > 1 and run[0].lower().strip(".,") in _TITLES:
        run.pop(0)
    return " ".join(run) if run else name.strip()


def canonical_place(name: str) -> str | None:
    """'U.S.', 'US' and 'United States' -> 'United States'; None if not a known country."""
    return _ALIAS_INDEX.get(_fold(name))


def _join_person(clusters: list[list[Actor]], actor: Actor) -> None:
    for cluster in clusters:
        if any(_same_person(actor.name, other.name) for other in cluster):
            cluster.append(actor)
            return
    clusters.append([actor])


def _same_person(a: str, b: str) -> bool:
    ta, tb = _tokens(person_core(a)), _tokens(person_core(b))
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        short, long = (ta, tb) if len(ta) == 1 else (tb, ta)
        return any(_similar(short[0], t) for t in long)
    return _similar(ta[-1], tb[-1]) and _same_given_name(ta[0], tb[0])


def _same_given_name(a: str, b: str) -> bool:
    """'J.' matches 'John'; 'Joe' does not match 'Jill'."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return _similar(a, b)


def _single_matches(name: str, cluster: list[Actor]) -> bool:
    return any(_same_person(name, other.name) for other in cluster)


def is_group(name: str) -> bool:
    """'US officials', 'North Korean troops': a collective, not a named actor for who's who."""
    words = _fold(name).split()
    return bool(words) and words[-1] in _COLLECTIVES


def _merged_actor(group: list[Actor], book: Citations) -> MergedActor:
    name = _display_name(group)
    kinds = Counter(a.kind for a in group)
    kind: ActorKind = "person" if kinds["person"] else kinds.most_common(1)[0][0]
    # An alias is another form of the name ("Kirby"), else a second stated role.
    forms = [x for a in group for x in a.aliases]
    others = [x for x in forms if kind != "person" or not _same_person(x, name)]
    roles = _distinct(r for r in [*(a.role for a in group), *others] if r)
    aliases = _distinct(
        x for x in [*(a.name for a in group), *forms] if x not in others and _fold(x) != _fold(name)
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


def _display_name(group: list[Actor]) -> str:
    """The fullest form of the name: 'John Kirby' over 'Kirby'; countries by their own name."""
    people = [a for a in group if a.kind == "person"]
    if not people:
        return canonical_place(group[0].name) or group[0].name
    cores = [person_core(a.name) for a in people]
    return max(cores, key=lambda n: (len(n.split()), cores.count(n), n))


def _name_index(groups: list[list[Actor]]) -> dict[str, str]:
    """Every spelling of an actor -> its merged name, for attributing statements and figures."""
    index: dict[str, str] = {}
    for group in groups:
        name = _display_name(group)
        person = any(a.kind == "person" for a in group)
        for actor in group:
            # "Biden administration" said it, not Biden: a government keeps its own name.
            if not person or actor.kind == "person":
                index.setdefault(_person_key(actor.name), name)
    return index


def _person_key(name: str) -> str:
    return _fold(canonical_place(name) or person_core(name))


# --- figures ----------------------------------------------------------------------------------


def group_figures(
    figures: list[Figure], book: Citations, names: dict[str, str]
) -> list[FigureGroup]:
    """Group figures that measure the same thing; compare them only within a scope and unit."""
    groups: list[list[Figure]] = []
    for figure in figures:
        for group in groups:
            if _same_measure(figure, group[0]):
                group.append(figure)
                break
        else:
            groups.append([figure])
    return [_figure_group(g, book, names) for g in groups]


def _same_measure(a: Figure, b: Figure) -> bool:
    """The rule-read measure decides when both have one; the model's words otherwise."""
    if _unit_class(a.unit) != _unit_class(b.unit):
        return False
    if a.measure or b.measure:
        return _fold(a.measure or "") == _fold(b.measure or "")
    if a.unit != b.unit:
        return False
    ka, kb = _counted_key(a.counted), _counted_key(b.counted)
    if not ka or not kb:
        return False
    return len(ka & kb) / len(ka | kb) > _COUNTED_OVERLAP


def _figure_group(group: list[Figure], book: Citations, names: dict[str, str]) -> FigureGroup:
    claims: list[FigureClaim] = []
    for f in group:
        claimant = names.get(_person_key(f.claimed_by), f.claimed_by) if f.claimed_by else None
        claim = FigureClaim(
            source=book.sources[f.evidence[0].article_id],
            raw=f.raw,
            value=f.value,
            low=f.low,
            high=f.high,
            qualifier=f.qualifier,
            unit=f.unit,
            scope=f.scope,
            claimed_by=claimant,
            unverified=f.unverified,
            labelled=f.labelled,
            citations=[book.cite(f.evidence[0])],
        )
        same = next((c for c in claims if _repeats(c, claim)), None)
        if same is None:
            claims.append(claim)
        else:  # one source saying it twice: one claim, both sentences
            same.citations += [n for n in claim.citations if n not in same.citations]
            same.unverified = same.unverified or claim.unverified
            same.labelled = same.labelled or claim.labelled
    claims.sort(key=lambda c: (_scope_key(c.scope) == "", _scope_key(c.scope), c.source))
    agree = not _conflicts(claims)
    units = {c.unit for c in claims}
    scopes = {_scope_key(c.scope) for c in claims}
    sources = {c.source for c in claims}
    verdict: Verdict
    if not agree:
        verdict = "differ"
    elif len(sources) == 1 and len(claims) == 1:
        verdict = "one source"
    elif len(units) > 1:
        verdict = "different units"
    elif len(scopes) > 1 and len({_interval(c) for c in claims}) > 1:
        verdict = "different scopes"
    else:
        verdict = "agree" if len(sources) > 1 else "one source"
    measured = [f.measure for f in group if f.measure]
    counted = measured[0] if measured else Counter(f.counted for f in group).most_common(1)[0][0]
    return FigureGroup(
        id=stable_id(
            "f", _unit_class(group[0].unit), counted, _spans(f.evidence[0] for f in group)
        ),
        counted=counted,
        unit=units.pop() if len(units) == 1 else None,
        claims=claims,
        agree=agree,
        verdict=verdict,
    )


def _repeats(a: FigureClaim, b: FigureClaim) -> bool:
    """The same source giving the same value for the same scope, credited to the same claimant."""
    fields = ("source", "value", "low", "high", "qualifier", "unit", "claimed_by")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and _scope_key(a.scope) == (
        _scope_key(b.scope)
    )


def _conflicts(claims: list[FigureClaim]) -> bool:
    """Two sources give values that cannot both hold, for the same scope and unit.

    Values from one source are never a conflict: an article giving 8,000 and 10,000 is giving
    a part and a whole, or two counts it keeps apart itself.
    """
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.source == b.source or a.unit != b.unit:
                continue
            if _scope_key(a.scope) != _scope_key(b.scope):
                continue
            (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
            if alo > bhi or blo > ahi:
                return True
    return False


_APPROX = 0.1  # "about 1,000" reads as 900 to 1,100


def _interval(c: FigureClaim) -> tuple[float, float]:
    """The values a claim allows, by its qualifier: 'over 1,000' is (1,000, inf)."""
    inf = float("inf")
    if c.low is not None or c.high is not None:
        return (c.low or 0.0, c.high if c.high is not None else inf)
    if c.value is None:
        return (0.0, inf)
    v = c.value
    return {
        "over": (v, inf),
        "at_least": (v, inf),
        "vague": (v, inf),
        "up_to": (0.0, v),
        "under": (0.0, v),
        "about": (v * (1 - _APPROX), v * (1 + _APPROX)),
    }.get(c.qualifier, (v, v))


def _scope_key(scope: str | None) -> str:
    return _fold(scope or "").removeprefix("the ")


def _unit_class(unit: str | None) -> str:
    """Money is one class whatever the currency, so amounts sit side by side, unconverted."""
    return "money" if unit in _CURRENCIES else (unit or "count")


# Words that count the same thing in news copy, folded to one term before comparing.
_SAME_THING = {
    "troop": "troop",
    "soldier": "troop",
    "force": "troop",
    "personnel": "troop",
    "fighter": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "killed": "death",
    "dead": "death",
    "death": "death",
    "fatalitie": "death",
    "wounded": "injury",
    "injured": "injury",
    "injurie": "injury",
    "hurt": "injury",
    "casualtie": "casualty",
    "casualty": "casualty",
    "losse": "casualty",
    "loss": "casualty",
    "aid": "aid",
    "assistance": "aid",
    "package": "aid",
    "support": "aid",
}


def _counted_key(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", _fold(text))
    stems = (w.rstrip("s") if len(w) > 3 else w for w in words if w not in _STOP)
    return {_SAME_THING.get(w, w) for w in stems}


# --- helpers ----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text)
    ascii_ = "".join(c for c in stripped if not unicodedata.combining(c))
    return " ".join(ascii_.replace("’", "'").lower().split())


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", _fold(name)) if t]


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= _SURNAME_SIMILARITY


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(_fold(value), value.strip())
    return list(seen.values())
