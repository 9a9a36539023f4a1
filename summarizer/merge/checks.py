"""The citation support score of a briefing: every sentence it writes checked by rule against
the spans it cites (text/support.py), and the ones that fail listed with what is missing.

Checked: each story's headline and summary sentences, the lead, each development (told in its
first source's words, so it passes unless a citation is wrong), and each figure claim as the
briefing states it (the value, what it counts, its scope and who claims it). Statements are
not: their text is the cited span itself, and the speaker may be named a sentence before.
"""

from __future__ import annotations

from collections.abc import Iterator

from summarizer.models import Briefing, SupportReport, Unsupported
from summarizer.text.support import check


def support_report(briefing: Briefing) -> SupportReport:
    """Check every sentence the briefing writes against its citations."""
    quotes = {c.n: c.quote for c in briefing.citations}
    names = {a.name: a.aliases for a in briefing.actors}
    checked = 0
    unsupported: list[Unsupported] = []
    for where, text, citations in _sentences(briefing):
        checked += 1
        result = check(text, [quotes[n] for n in citations if n in quotes], names=names)
        if not result.supported:
            unsupported.append(
                Unsupported(
                    where=where, text=text, missing=list(result.missing), citations=citations
                )
            )
    supported = checked - len(unsupported)
    return SupportReport(
        checked=checked,
        supported=supported,
        share=round(supported / checked, 4) if checked else 1.0,
        unsupported=unsupported,
    )


def _sentences(b: Briefing) -> Iterator[tuple[str, str, list[int]]]:
    for s in b.lead:
        yield "lead", s.text, s.citations
    for story in b.stories:
        yield f"story {story.rank} headline", story.headline.text, story.headline.citations
        for s in story.summary:
            yield f"story {story.rank} summary", s.text, s.citations
    for d in b.developments:
        yield f"development {d.id}", d.text, d.citations
    for g in b.figures:
        for c in g.claims:
            said = " ".join(w for w in (c.raw, g.counted, c.scope, c.claimed_by) if w)
            yield f"figure {g.id}", said, c.citations
