"""The citation support score of a briefing: every sentence it writes checked by rule against
the spans it cites (text/support.py), and the ones that fail listed with what is missing.

Checked: each story's headline and summary sentences, the lead, each development (told in its
first source's words, so it passes unless a citation is wrong), and each figure claim as the
briefing states it (the value, what it counts, its scope and who claims it). Statements are
not: their text is the cited span itself, and the speaker may be named a sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.models import Briefing, SupportReport, Unsupported
from summarizer.text.support import check


def support_report(briefing: Briefing) -> SupportReport:
    """Check every sentence the briefing writes against its citations."""
    quotes = {c.n: c.quote for c in briefing.citations}
    by_word: dict[str, list[int]] = {}  # a word of any form of an actor -> the actors
    for k, a in enumerate(briefing.actors):
        for form in (a.name, *a.aliases):
            for word in _WORD.findall(form.lower()):
                by_word.setdefault(word, []).append(k)
    checked = 0
    unsupported: list[Unsupported] = []
    for where, text, citations in _sentences(briefing):
        checked += 1
        # Only the actors a word of the sentence may name: linear in the sentence, not in
        # the day's actors (passing them all made a 400-article day take 18 s here).
        near = sorted({k for w in set(_WORD.findall(text.lower())) for k in by_word.get(w, ())})
        names = {briefing.actors[k].name: briefing.actors[k].aliases for k in near}
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


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def sentence_case(headline: str, spans: str) -> str:
    """A headline in title case ("Airbus A380 Superjumbo Delivered to Singapore Airlines")
    with each capital the spans do not give lowered ("superjumbo delivered"), so the check
    reads names as names and the other words as words."""
    written = set(_WORD.findall(spans))
    lowered = {w.lower() for w in written}

    def case(match: re.Match[str]) -> str:
        word = match.group()
        if match.start() == 0 or word in written or word.lower() not in lowered:
            return word
        return word.lower()

    return _WORD.sub(case, headline)


def _cited(b: Briefing, numbers: list[int]) -> str:
    by_n = {c.n: c.quote for c in b.citations}
    return " ".join(by_n[n] for n in numbers if n in by_n)


def _sentences(b: Briefing) -> Iterator[tuple[str, str, list[int]]]:
    for s in b.lead:
        yield "lead", s.text, s.citations
    for story in b.stories:
        text = story.headline.text
        if story.headline_from == "model":
            text = sentence_case(text, _cited(b, story.headline.citations))
        yield f"story {story.rank} headline", text, story.headline.citations
        for s in story.summary:
            yield f"story {story.rank} summary", s.text, s.citations
    for d in b.developments:
        yield f"development {d.id}", d.text, d.citations
    for g in b.figures:
        for c in g.claims:
            said = " ".join(w for w in (c.raw, g.counted, c.scope, c.claimed_by) if w)
            yield f"figure {g.id}", said, c.citations
