"""The sentences every format shares: each news line of a briefing, ending in [n].

The wording of a line is decided once, here; a ``Style`` says how a format escapes text and
marks emphasis and citations, so the Markdown and HTML briefings (and the plain text the lead's
prompt lists) say exactly the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from summarizer.models import (
    AttributedStatement,
    Briefing,
    Citation,
    Development,
    FigureClaim,
    FigureGroup,
    MergedActor,
    Source,
    Story,
)
from summarizer.text.fold import compared_within


class Style(Protocol):
    """How one output format writes text, emphasis and citations."""

    def esc(self, text: str) -> str: ...

    def strong(self, markup: str) -> str: ...

    def flag(self, markup: str) -> str: ...

    def cites(self, numbers: list[int]) -> str: ...

    def code(self, text: str) -> str: ...

    def plot(self, group: FigureGroup, sources: list[Source]) -> str:
        """A picture of a figure group's values after its header, or "" (text formats)."""
        ...


# Bidi controls reorder what follows them on screen ("\u202eevil\u202c" reads "live") and other
# control characters move the cursor or hide text: whatever a briefing prints from its sources
# or the model goes through ``printable`` first, in every format.
_UNPRINTED = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without bidi controls and control characters (tabs and line breaks kept)."""
    return _UNPRINTED.sub("", text)


def shown_in_place(text: str) -> str:
    """``text`` with each of those characters shown as U+FFFD instead: the same length in code
    points and in UTF-16 units, so offsets into the text still hold (the HTML reader)."""
    return _UNPRINTED.sub("\ufffd", text)


class PlainStyle:
    """Plain text, unescaped but printable: the lead's prompt lists the facts this way."""

    def esc(self, text: str) -> str:
        return printable(text)

    def strong(self, markup: str) -> str:
        return markup

    def flag(self, markup: str) -> str:
        return markup

    def cites(self, numbers: list[int]) -> str:
        return "".join(f"[{n}]" for n in numbers)

    def code(self, text: str) -> str:
        return printable(text)

    def plot(self, group: FigureGroup, sources: list[Source]) -> str:
        return ""


def overview(b: Briefing) -> str:
    named = len({s.article.outlet_key for s in b.sources if s.article.outlet})
    counts = [
        _count(len(b.stories), "story") if len(b.stories) != 1 else "1 story",
        _count(len(b.sources), "source"),
        _count(len(b.developments), "development"),
        _count(len(b.figures), "figure"),
        _count(len(b.actors), "actor"),
    ]
    if all(s.article.outlet for s in b.sources):
        counts[1] += f" from {_count(named, 'outlet')}"
    else:  # an unnamed outlet is not counted as one: "5 sources, 2 outlets named"
        counts[1] += f", {_count(named, 'outlet')} named"
    return (
        f"{b.date} · {' · '.join(counts)}. Each [n] is listed under Citations with its source "
        "and the exact words quoted."
    )


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def lead(b: Briefing, st: Style) -> str:
    """The lead paragraph: the model's sentences, each already checked against its citations."""
    return " ".join(f"{st.esc(s.text)} {st.cites(s.citations)}" for s in b.lead)


# A story's figure groups, by what a reader is to make of them; the heading says it, so a
# group given by one source is never under "the sources give differently".
_FIGURE_SECTIONS = [
    ("Figures the sources agree on", "agree"),
    ("Figures the sources give differently", "differ"),
    ("Figures that differ without conflict: different periods, places or measures", "scopes"),
    ("Amounts in different currencies or units, not converted", "units"),
    ("Figures from one source", "one source"),
    ("Other numbers: the words next to them do not say what they count", "unnamed"),
]
# What a figure counts when the text does not say (figures/build.py), as a reader reads it.
_UNNAMED = {"quantity": "number", "amount": "sum of money"}


def figure_section(group: FigureGroup) -> str:
    """Which of ``_FIGURE_SECTIONS`` a group is shown under."""
    if group.counted in _UNNAMED:
        return "unnamed"
    if len({c.source for c in group.claims}) == 1:
        return "one source"
    return {"different scopes": "scopes", "different units": "units"}.get(
        group.verdict, group.verdict
    )


def group_label(group: FigureGroup) -> str:
    """A group's short label: what its numbers count, a noun phrase of a few words."""
    return _UNNAMED.get(group.counted, group.counted)


def story_heading(story: Story, st: Style) -> str:
    """A story's heading: its rank and headline; a source's own words (a development's, an
    article's headline) are quoted, the model's checked headline is not."""
    text = st.esc(flat(story.headline.text))
    shown = text if story.headline_from == "model" else f"“{text}”"
    return f"{story.rank}. {shown} {st.cites(story.headline.citations)}"


def story_reach(story: Story, sources: list[Source]) -> str:
    named, unnamed = _outlets_of(story.sources, sources)
    articles = _count(story.articles, "article")
    if unnamed:
        told = f"{articles}, {_count(len(named), 'outlet')} named"
    else:
        told = f"{_count(story.outlets, 'outlet')}, {articles}"
    only = " — one outlet only" if story.single_outlet and not unnamed else ""
    listed = ", ".join(str(n) for n in story.sources)
    shown = f"{', '.join(named)}; " if named else ""
    word = "source" if len(story.sources) == 1 else "sources"
    return f"{told} ({shown}{word} {listed}){only}"


@dataclass(frozen=True)
class ById:
    """A briefing's facts by id, made once for all its stories (not once a story: a day of
    thousands of stories would read every fact for each)."""

    developments: dict[str, Development]
    figures: dict[str, FigureGroup]
    statements: dict[str, AttributedStatement]


def by_id(b: Briefing) -> ById:
    return ById(
        developments={d.id: d for d in b.developments},
        figures={g.id: g for g in b.figures},
        statements={s.id: s for s in b.statements},
    )


def story_sections(
    b: Briefing, story: Story, st: Style, ids: ById | None = None
) -> list[tuple[str, list[str]]]:
    """(heading, lines) of one story's parts, the empty ones left out; ``ids`` is
    ``by_id(b)``, made once by a caller that renders every story."""
    ids = ids or by_id(b)
    developments, figures, statements = ids.developments, ids.figures, ids.statements
    mine = [figures[i] for i in story.figures]
    sections = [
        ("Summary", [f"{st.esc(s.text)} {st.cites(s.citations)}" for s in story.summary]),
        ("Developments", _developments(story, developments, b.sources, st, figures)),
        *[
            (heading, [figure_group(g, b.sources, st) for g in mine if figure_section(g) == kind])
            for heading, kind in _FIGURE_SECTIONS
        ],
        ("Who says what", who_says_what([statements[i] for i in story.statements], st)),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def who_says_what(said: list[AttributedStatement], st: Style) -> list[str]:
    """One line per named speaker, their statements side by side (nested lines). The same
    words quoted by several sources are one line naming every source (a small difference
    such as a dropped "that" left aside: compared by their longer words)."""
    by_speaker: dict[str, dict[frozenset[str], list[AttributedStatement]]] = {}
    for s in said:
        words = frozenset(w for w in re.findall(r"[a-z]+", s.text.lower()) if len(w) >= 5)
        key = words or frozenset([s.id])
        by_speaker.setdefault(s.speaker, {}).setdefault(key, []).append(s)
    lines = []
    for speaker, quoted in by_speaker.items():
        items = []
        for same in quoted.values():
            numbers = list(dict.fromkeys(s.source for s in same))
            told = (
                f"source {numbers[0]}"
                if len(numbers) == 1
                else (f"sources {', '.join(map(str, numbers))}")
            )
            cited = list(dict.fromkeys(n for s in same for n in s.citations))
            items.append(f"“{st.esc(flat(same[0].text).strip(_MARKS))}” ({told}) {st.cites(cited)}")
        lines.append("\n".join([st.strong(st.esc(speaker)), *items]))
    return lines


def sections_of(b: Briefing, st: Style) -> list[tuple[str, list[str]]]:
    """(heading, lines) for every non-empty section after the stories, in reading order. A
    line may hold nested lines after newlines (a figure group and its claims)."""
    sections = [
        *since(b, st),
        ("Who's who", [actor(a, st) for a in b.actors]),
        ("What the sources disagree on or could not verify", disputed(b, st)),
        ("Not included", [f"{st.code(s.path)}: {st.esc(s.reason)}" for s in b.skipped]),
        ("Sources", [source(s, st) for s in b.sources]),
        ("Citations", [citation(c, b.sources, st) for c in b.citations]),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


_NEW_SHOWN = 25  # new developments listed by name; all of them are under Key developments


def since(b: Briefing, st: Style) -> list[tuple[str, list[str]]]:
    """The "since the previous briefing" section: new, revised, no longer reported."""
    h = b.history
    if h is None:
        return []
    developments = {d.id: d for d in b.developments}
    lines = [f"New: {development(developments[i], b.sources, st)}" for i in h.new[:_NEW_SHOWN]]
    if len(h.new) > _NEW_SHOWN:
        lines.append(f"… and {len(h.new) - _NEW_SHOWN} more new developments (see below)")
    for r in h.revised:
        scope = f", {st.esc(r.scope)}" if r.scope else ""
        lines.append(
            f"Revised: {st.strong(st.esc(r.counted))}{scope}: from {st.esc('; '.join(r.before))} "
            f"to {st.esc('; '.join(r.after))} {st.cites(r.citations)}"
        )
    for t in h.no_longer_reported:
        lines.append(
            f"No longer reported: “{st.esc(flat(t.text))}” (last reported on {st.esc(h.previous_date)} "
            f"by {st.esc(', '.join(t.outlets))})"
        )
    if not lines:
        lines = ["Nothing new, revised or dropped."]
    return [(f"Since the previous briefing ({h.previous_date})", lines)]


def _developments(
    story: Story,
    developments: dict[str, Development],
    sources: list[Source],
    st: Style,
    figures: dict[str, FigureGroup],
) -> list[str]:
    """A story's developments. A figure group of several sources is shown side by side
    under the first development whose tellings give one of its values; not again under
    later ones."""
    out: list[str] = []
    shown: set[str] = set()
    for i in story.developments:
        d = developments[i]
        side = {
            g: figures[g]
            for g in d.figures
            if g in figures and g not in shown and _side_by_side(figures[g])
        }
        shown |= side.keys()
        out.append(development(d, sources, st, side))
    return out


def development(
    d: Development,
    sources: list[Source],
    st: Style,
    figures: dict[str, FigureGroup] | None = None,
) -> str:
    reach = st.esc(told_by(d.sources, sources))
    # A development is told in its source's own words (the first telling's sentence): shown
    # as a quotation, so its words are the outlet's, never the briefing's. The other
    # tellings follow, nested, each in its own outlet's words.
    first = d.tellings[0].citations if d.tellings else d.citations
    lines = [f"“{st.esc(flat(d.text))}” — {reach} {st.cites(first)}"]
    for t in d.tellings[1:]:
        outlet = sources[t.source - 1].article.shown_outlet
        lines.append(f"{st.esc(outlet)}: “{st.esc(flat(t.text))}” {st.cites(t.citations)}")
    lines += [given(figures[g], st) for g in d.figures if figures and g in figures]
    return "\n".join(lines)


def _side_by_side(group: FigureGroup) -> bool:
    return len({c.source for c in group.claims}) > 1


def given(group: FigureGroup, st: Style) -> str:
    """A figure group a development's tellings give, its values side by side, each with its
    source: "military aid, as given: £1 billion (source 1) [2]; $1.25 billion (source 5) [67]"
    (whether they agree is said under Figures)."""
    told: dict[tuple[int, str], list[int]] = {}  # one source's same words: one entry
    for c in group.claims:
        cited = told.setdefault((c.source, c.raw), [])
        cited += [n for n in c.citations if n not in cited]
    values = "; ".join(
        f"{st.esc(raw)} (source {source}) {st.cites(cited)}"
        for (source, raw), cited in told.items()
    )
    return f"{st.esc(group_label(group))}, as given: {values}"


def verdict(group: FigureGroup) -> str:
    """What the values of a group of several sources come to, in a few words; "" for one
    source (its section says so)."""
    if len({c.source for c in group.claims}) == 1:
        return ""
    if group.verdict == "different scopes":
        why = []
        scopes = {c.scope for c in group.claims}
        if len(scopes - {None}) > 1:
            why.append("different periods or places")
        if None in scopes:
            why.append("not all say what they cover")
        if len({c.role for c in group.claims}) > 1:
            why.append("some are changes or earlier values")
        return "no conflict: " + ("; ".join(why) or "different scopes")
    return {
        "agree": "sources agree",
        "differ": "sources differ",
        "different units": "different units, not converted",
        "one source": "",
    }[group.verdict]


def figure_group(group: FigureGroup, sources: list[Source], st: Style) -> str:
    """A group header, then one claim per line (lines joined by newlines)."""
    unit = f" ({st.esc(group.unit)})" if group.unit else ""
    said = verdict(group)
    lines = [
        f"{st.strong(st.esc(group_label(group)))}{unit}{' — ' + said if said else ''}"
        + st.plot(group, sources)
    ]
    scoped = len({c.scope for c in group.claims}) > 1
    lines += [claim(c, sources, st, scoped) for c in group.claims]
    return "\n".join(lines)


_ROLES = {"level": "", "change": " (a change)", "earlier": " (an earlier value)"}


def claim(c: FigureClaim, sources: list[Source], st: Style, scoped: bool = False) -> str:
    article = sources[c.source - 1].article
    outlet = article.shown_outlet
    who = c.claimed_by or (f"the article in {article.outlet}" if article.outlet else "the article")
    scope = f", {st.esc(c.scope)}" if c.scope else (", scope not stated" if scoped else "")
    value = st.esc(c.raw) + _ROLES[c.role]
    if c.qualifier == "vague" and c.low is not None:
        value += f" (at least {c.low:,.0f})"  # the conservative bound, as trackers code it
    flag = f" — {st.flag('unverified')}, the article says" if c.unverified else ""
    if not c.labelled:
        flag += " — what it counts is unclear; see the quoted words"
    return (
        f"{value}{scope}, according to {st.esc(who)} (source {c.source}, {st.esc(outlet)})"
        f"{flag} {st.cites(c.citations)}"
    )


def disputed(b: Briefing, st: Style) -> list[str]:
    """Figures two sources give differently for the same scope, and claims marked unverified."""
    lines = []
    for g in b.figures:
        if g.verdict != "differ":
            continue
        # Compared as the merge compares them: within one unit, scope and role.
        buckets: dict[tuple[str | None, str, str], list[FigureClaim]] = {}
        for c in g.claims:
            buckets.setdefault(compared_within(c), []).append(c)
        for (_, scope, part), claims in buckets.items():
            if len({c.source for c in claims}) < 2 or len({c.raw for c in claims}) < 2:
                continue
            where = (f", {st.esc(scope)}" if scope else "") + _ROLES[part]
            given = "; ".join(_given(c, b.sources, st) for c in claims)
            lines.append(f"{st.strong(st.esc(group_label(g)))}{where}: {given}")
    for g in b.figures:
        for c in g.claims:
            if c.unverified:
                lines.append(
                    f"{st.strong(st.esc(group_label(g)))}: {_given(c, b.sources, st)} — "
                    f"{st.flag('unverified')}, the article says"
                )
    return lines


def _given(c: FigureClaim, sources: list[Source], st: Style) -> str:
    outlet = sources[c.source - 1].article.shown_outlet
    who = f"{c.claimed_by}, " if c.claimed_by else ""
    return f"{st.esc(c.raw)} ({st.esc(who)}{st.esc(outlet)}) {st.cites(c.citations)}"


def _outlets_of(numbers: list[int], sources: list[Source]) -> tuple[list[str], list[int]]:
    """The distinct outlets named among these sources, and the sources that name none."""
    named: dict[str, str] = {}
    unnamed: list[int] = []
    for n in dict.fromkeys(numbers):
        a = sources[n - 1].article
        if a.outlet:
            named.setdefault(a.outlet_key, a.outlet)
        else:
            unnamed.append(n)
    return list(named.values()), unnamed


def told_by(numbers: list[int], sources: list[Source]) -> str:
    """Who tells something: "one outlet only (rfa.org)", "3 outlets: a, b, c"; a source
    whose outlet is unknown is never counted as an outlet: "3 sources: rfa.org; source 2
    (outlet unknown)" (rfa.org told it twice), "one source only (source 2, outlet
    unknown)"."""
    named, unnamed = _outlets_of(numbers, sources)
    if not unnamed:
        if len(named) == 1:
            return f"one outlet only ({named[0]})"
        return f"{len(named)} outlets: {', '.join(named)}"
    if not named and len(unnamed) == 1:
        return f"one source only (source {unnamed[0]}, outlet unknown)"
    label = "sources" if len(unnamed) > 1 else "source"
    parts = [*named, f"{label} {', '.join(map(str, unnamed))} (outlet unknown)"]
    return f"{len(dict.fromkeys(numbers))} sources: {'; '.join(parts)}"


def actor(a: MergedActor, st: Style) -> str:
    roles = f": {st.esc('; '.join(a.roles))}" if a.roles else ""
    if a.aliases:
        roles += f"{';' if roles else ':'} also written {st.esc(', '.join(a.aliases))}"
    label = "source" if len(a.sources) == 1 else "sources"
    listed = ", ".join(str(s) for s in a.sources)
    kind = a.kind.replace("_", " ")
    return f"{st.strong(st.esc(a.name))} ({kind}){roles}; {label} {listed} {st.cites(a.citations)}"


def source(s: Source, st: Style) -> str:
    a = s.article
    title = f": “{st.esc(a.title)}”" if a.title else ""
    calls = f"{s.stats.calls} model call{'s' if s.stats.calls != 1 else ''}"
    dropped = f", {s.dropped} item{'s' if s.dropped != 1 else ''} dropped"
    also = "".join(f", also given as {st.code(p)}" for p in a.also_at)
    notes = "".join(f" — {st.esc(w)}" for w in a.warnings)
    return (
        f"{s.n}. {st.strong(st.esc(a.shown_outlet))}{title} ({st.code(a.path)}{also}, id "
        f"{st.code(a.id)}; {calls}{dropped}){notes}"
    )


def citation(c: Citation, sources: list[Source], st: Style) -> str:
    outlet = sources[c.source - 1].article.shown_outlet
    return (
        f"[{c.n}] source {c.source} ({st.esc(outlet)}), characters {c.start}–{c.end}: "
        f"“{st.esc(flat(c.quote))}”"
    )


def method(b: Briefing) -> str:
    r = b.run
    return (
        f"Extracted by {r.model} with prompt version {r.prompt_version} from {r.articles} "
        f"articles: {r.calls} model calls ({r.reasks} re-asks), {r.dropped} items dropped "
        f"because they could not be grounded in the text, {r.prompt_tokens} prompt and "
        f"{r.completion_tokens} completion tokens."
        + (f" No lead: the call failed ({r.lead_error})." if r.lead_error else "")
        + (
            f" The lead was written by the model from the merged facts (prompt version "
            f"{r.lead_prompt_version}) and checked against its citations: {len(b.lead)} "
            f"sentence{'s' if len(b.lead) != 1 else ''} kept, {r.lead_dropped} dropped."
            if r.lead_prompt_version and not r.lead_error
            else ""
        )
        + (
            f" Citation support: {r.support.supported} of {r.support.checked} sentences "
            f"({r.support.share:.0%}) hold only what their cited spans say, checked by rule."
            if r.support
            else ""
        )
        + (
            f" {r.timing.seconds:.0f} s of model time; generated {r.timing.generated_at}."
            if r.timing
            else ""
        )
        + (
            f" This run made {r.timing.calls_made} model calls and answered "
            f"{r.timing.cache_hits} from the run store (run {r.timing.run_id})."
            if r.timing and r.timing.calls_made is not None
            else ""
        )
    )


_MARKS = "“”\"' "  # a quotation's own marks, not doubled by the ones the line puts around it


def flat(text: str) -> str:
    """Whitespace runs folded to single spaces, for one-line display."""
    return " ".join(text.split())
