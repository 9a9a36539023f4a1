"""Briefing -> Markdown, in the shared sentences of lines.py."""

from __future__ import annotations

import re

from summarizer.models import Briefing
from summarizer.render.lines import (
    PlainStyle,
    by_id,
    group_label,
    lead,
    method,
    overview,
    printable,
    sections_of,
    story_heading,
    story_reach,
    story_sections,
)

# "_" is left alone: inside words CommonMark never reads it as emphasis, and outlets and
# file names are full of it.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>#|&])")  # "&": "&rlm;" would print U+200F


class MarkdownStyle(PlainStyle):
    """CommonMark: special characters escaped, emphasis in bold, citations as [n]."""

    def esc(self, text: str) -> str:
        # one line: a line break inside a list item would end it, or start a heading
        return _MD_SPECIAL.sub(r"\\\1", " ".join(printable(text).splitlines()))

    def strong(self, markup: str) -> str:
        return f"**{markup}**"

    def flag(self, markup: str) -> str:
        return f"**{markup}**"

    def code(self, text: str) -> str:
        """A code span that no backtick or line break in ``text`` can close or break: the
        fence is longer than any run of backticks inside, line breaks are shown as \\n."""
        shown = printable(text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))
        fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
        pad = " " if shown.startswith("`") or shown.endswith("`") else ""
        return f"{fence}{pad}{shown}{pad}{fence}"


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: lead, developments, figures, actors, statements, what is
    disputed or unverified, what was left out, sources, citations, and how it was made."""
    st = MarkdownStyle()
    parts = [f"# {st.esc(briefing.title)}", f"*{overview(briefing)}*"]  # our own words: no escaping
    if briefing.lead:
        parts.append("## Lead\n\n" + lead(briefing, st))
    if briefing.stories:
        parts.append("## Stories")
    ids = by_id(briefing)
    for story in briefing.stories:
        parts.append(f"### {story_heading(story, st)}\n\n*{story_reach(story, briefing.sources)}*")
        for heading, lines in story_sections(briefing, story, st, ids):
            lines = [f"- {line}".replace("\n", "\n  - ") for line in lines]
            parts.append(f"**{heading}**\n\n" + "\n".join(lines))
    for heading, lines in sections_of(briefing, st):
        if heading != "Sources":  # the source list is numbered already
            lines = [f"- {line}" for line in lines]
        lines = [line.replace("\n", "\n  - ") for line in lines]  # nested lines
        parts.append(f"## {heading}\n\n" + "\n".join(lines))
    parts.append(f"## How this briefing was made\n\n{st.esc(method(briefing))}")
    support = briefing.run.support
    if support and support.unsupported:
        labels = {g.id: group_label(g) for g in briefing.figures}
        listed = [
            f"- {st.esc(_where(u.where, labels))}: “{st.esc(u.text)}” — not in its cited spans: "
            f"{st.esc(', '.join(u.missing))} {st.cites(u.citations)}"
            for u in support.unsupported
        ]
        parts.append("Sentences not fully supported by their citations:\n\n" + "\n".join(listed))
    return "\n\n".join(parts) + "\n"


def _where(where: str, labels: dict[str, str]) -> str:
    """A support entry's place as a reader names it: "figure 'military aid'" for "figure
    f-…", "a development" for "development d-…" (the JSON keeps the ids)."""
    kind, _, ident = where.partition(" ")
    if kind == "figure":
        label = labels.get(ident)
        return f"figure ‘{label}’" if label else where
    if kind == "development":
        return "a development"
    return where
