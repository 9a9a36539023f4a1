"""Briefing -> Markdown. Every sentence about the news ends with its [n] citations."""

from __future__ import annotations

import re

from summarizer.models import Briefing, Citation, FigureClaim, FigureGroup, MergedActor, Source

# "_" is left alone: inside words CommonMark never reads it as emphasis, and outlets and
# file names are full of it.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>#|])")


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: developments, figures, actors, statements, sources, citations."""
    parts = [
        f"# {_md(briefing.title)}",
        _overview(briefing),
        _section(
            "Key developments",
            [f"- {_md(d.text)} {_refs(d.citations)}" for d in briefing.developments],
        ),
        _section("Figures", [_figure_group(g, briefing.sources) for g in briefing.figures]),
        _section("Who's who", [_actor(a) for a in briefing.actors]),
        _section(
            "Statements",
            [
                f"- {_md(s.speaker)} said: “{_md(_flat(s.text))}” {_refs(s.citations)}"
                for s in briefing.statements
            ],
        ),
        _section("Not included", [f"- `{s.path}`: {_md(s.reason)}" for s in briefing.skipped]),
        _section("Sources", [_source(s) for s in briefing.sources]),
        _section("Citations", [_citation(c, briefing.sources) for c in briefing.citations]),
        _section("How this briefing was made", [_method(briefing)]),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _overview(b: Briefing) -> str:
    return (
        f"*{b.date} · {len(b.sources)} sources · {len(b.developments)} developments · "
        f"{len(b.figures)} figures · {len(b.actors)} actors. Each [n] is listed under "
        f"Citations with its source and the exact words quoted.*"
    )


def _section(heading: str, lines: list[str]) -> str:
    return f"## {heading}\n\n" + "\n".join(lines) if lines else ""


def _figure_group(group: FigureGroup, sources: list[Source]) -> str:
    unit = f" ({_md(group.unit)})" if group.unit else ""
    verdict = (
        ""
        if len(group.claims) == 1
        else (" — sources agree" if group.agree else " — sources differ")
    )
    lines = [f"- **{_md(group.counted)}**{unit}{verdict}"]
    lines += [f"  - {_claim(c, sources)}" for c in group.claims]
    return "\n".join(lines)


def _claim(claim: FigureClaim, sources: list[Source]) -> str:
    outlet = sources[claim.source - 1].article.outlet
    who = claim.claimed_by or f"the article in {outlet}"
    scope = f", {_md(claim.scope)}" if claim.scope else ""
    flag = " — **unverified**, the article says" if claim.unverified else ""
    if not claim.labelled:
        flag += " — not labelled by the model; see the quoted sentence"
    value = _md(claim.raw)
    if claim.qualifier == "vague" and claim.low is not None:
        value += f" (at least {claim.low:,.0f})"  # the conservative bound, as trackers code it
    return (
        f"{value}{scope}, according to {_md(who)} "
        f"(source {claim.source}, {_md(outlet)}){flag} [{claim.citation}]"
    )


def _actor(actor: MergedActor) -> str:
    roles = f": {_md('; '.join(actor.roles))}" if actor.roles else ""
    sources = ", ".join(str(s) for s in actor.sources)
    label = "source" if len(actor.sources) == 1 else "sources"
    return f"- **{_md(actor.name)}** ({actor.kind.replace('_', ' ')}){roles}; {label} {sources} {_refs(actor.citations[:3])}"


def _source(source: Source) -> str:
    a = source.article
    title = f": “{_md(a.title)}”" if a.title else ""
    calls = f"{source.stats.calls} model call{'s' if source.stats.calls != 1 else ''}"
    dropped = f", {source.dropped} item{'s' if source.dropped != 1 else ''} dropped"
    return f"{source.n}. **{_md(a.outlet)}**{title} (`{a.path}`, id `{a.id}`; {calls}{dropped})"


def _citation(c: Citation, sources: list[Source]) -> str:
    outlet = sources[c.source - 1].article.outlet
    return (
        f"- [{c.n}] source {c.source} ({_md(outlet)}), characters {c.start}–{c.end}: "
        f"“{_md(_flat(c.quote))}”"
    )


def _method(b: Briefing) -> str:
    r = b.run
    return (
        f"Extracted by `{r.model}` with prompt version `{r.prompt_version}` from {r.articles} "
        f"articles: {r.calls} model calls ({r.reasks} re-asks), {r.dropped} items dropped "
        f"because they could not be grounded in the text, {r.prompt_tokens} prompt and "
        f"{r.completion_tokens} completion tokens, {r.seconds:.0f} s of model time. "
        f"Generated {r.generated_at}."
    )


def _refs(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _md(text: str) -> str:
    """Escape characters that Markdown (or HTML inside it) would interpret."""
    return _MD_SPECIAL.sub(r"\\\1", text)
