"""Briefing -> Markdown, and the sentences every format shares. Each news line ends in [n].

The wording of a line is decided once, here; a ``Style`` says how a format escapes text and
marks emphasis and citations, so the Markdown and HTML briefings say exactly the same thing.
"""

from __future__ import annotations

import re
from typing import Protocol

from summarizer.models import (
    Briefing,
    Citation,
    FigureClaim,
    FigureGroup,
    MergedActor,
    Source,
)

# "_" is left alone: inside words CommonMark never reads it as emphasis, and outlets and
# file names are full of it.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>#|])")


class Style(Protocol):
    """How one output format writes text, emphasis and citations."""

    def esc(self, text: str) -> str: ...

    def strong(self, markup: str) -> str: ...

    def flag(self, markup: str) -> str: ...

    def cites(self, numbers: list[int]) -> str: ...

    def code(self, text: str) -> str: ...


class MarkdownStyle:
    def esc(self, text: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", text)

    def strong(self, markup: str) -> str:
        return f"**{markup}**"

    def flag(self, markup: str) -> str:
        return f"**{markup}**"

    def cites(self, numbers: list[int]) -> str:
        return "".join(f"[{n}]" for n in numbers)

    def code(self, text: str) -> str:
        return f"`{text}`"


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: developments, figures, actors, statements, sources, citations."""
    st = MarkdownStyle()
    parts = [f"# {st.esc(briefing.title)}", f"*{overview(briefing)}*"]  # our own words: no escaping
    for heading, lines in sections_of(briefing, st):
        if heading != "Sources":  # the source list is numbered already
            lines = [f"- {line}" for line in lines]
        if heading == "Figures":  # claims are nested under their group
            lines = [line.replace("\n", "\n  - ") for line in lines]
        parts.append(f"## {heading}\n\n" + "\n".join(lines))
    parts.append(f"## How this briefing was made\n\n{st.esc(method(briefing))}")
    return "\n\n".join(parts) + "\n"


def overview(b: Briefing) -> str:
    return (
        f"{b.date} · {len(b.sources)} sources · {len(b.developments)} developments · "
        f"{len(b.figures)} figures · {len(b.actors)} actors. Each [n] is listed under "
        f"Citations with its source and the exact words quoted."
    )


def sections_of(b: Briefing, st: Style) -> list[tuple[str, list[str]]]:
    """(heading, lines) for every non-empty section, in reading order."""
    sections = [
        ("Key developments", [f"{st.esc(d.text)} {st.cites(d.citations)}" for d in b.developments]),
        ("Figures", [figure_group(g, b.sources, st) for g in b.figures]),
        ("Who's who", [actor(a, st) for a in b.actors]),
        (
            "Statements",
            [
                f"{st.esc(s.speaker)} said: “{st.esc(flat(s.text))}” {st.cites(s.citations)}"
                for s in b.statements
            ],
        ),
        ("Not included", [f"{st.code(s.path)}: {st.esc(s.reason)}" for s in b.skipped]),
        ("Sources", [source(s, st) for s in b.sources]),
        ("Citations", [citation(c, b.sources, st) for c in b.citations]),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def figure_group(group: FigureGroup, sources: list[Source], st: Style) -> str:
    """A group header, then one claim per line (lines joined by newlines)."""
    unit = f" ({st.esc(group.unit)})" if group.unit else ""
    verdict = ""
    if len(group.claims) > 1:
        verdict = " — sources agree" if group.agree else " — sources differ"
    lines = [f"{st.strong(st.esc(group.counted))}{unit}{verdict}"]
    lines += [claim(c, sources, st) for c in group.claims]
    return "\n".join(lines)


def claim(c: FigureClaim, sources: list[Source], st: Style) -> str:
    outlet = sources[c.source - 1].article.outlet
    who = c.claimed_by or f"the article in {outlet}"
    scope = f", {st.esc(c.scope)}" if c.scope else ""
    value = st.esc(c.raw)
    if c.qualifier == "vague" and c.low is not None:
        value += f" (at least {c.low:,.0f})"  # the conservative bound, as trackers code it
    flag = f" — {st.flag('unverified')}, the article says" if c.unverified else ""
    if not c.labelled:
        flag += " — not labelled by the model; see the quoted sentence"
    return (
        f"{value}{scope}, according to {st.esc(who)} (source {c.source}, {st.esc(outlet)})"
        f"{flag} {st.cites([c.citation])}"
    )


def actor(a: MergedActor, st: Style) -> str:
    roles = f": {st.esc('; '.join(a.roles))}" if a.roles else ""
    label = "source" if len(a.sources) == 1 else "sources"
    listed = ", ".join(str(s) for s in a.sources)
    kind = a.kind.replace("_", " ")
    return (
        f"{st.strong(st.esc(a.name))} ({kind}){roles}; {label} {listed} {st.cites(a.citations[:3])}"
    )


def source(s: Source, st: Style) -> str:
    a = s.article
    title = f": “{st.esc(a.title)}”" if a.title else ""
    calls = f"{s.stats.calls} model call{'s' if s.stats.calls != 1 else ''}"
    dropped = f", {s.dropped} item{'s' if s.dropped != 1 else ''} dropped"
    return (
        f"{s.n}. {st.strong(st.esc(a.outlet))}{title} ({st.code(a.path)}, id {st.code(a.id)}; "
        f"{calls}{dropped})"
    )


def citation(c: Citation, sources: list[Source], st: Style) -> str:
    outlet = sources[c.source - 1].article.outlet
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
        + (
            f" {r.timing.seconds:.0f} s of model time; generated {r.timing.generated_at}."
            if r.timing
            else ""
        )
    )


def flat(text: str) -> str:
    """Whitespace runs folded to single spaces, for one-line display."""
    return " ".join(text.split())
