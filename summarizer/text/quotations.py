"""The quotations in a sentence, and whether a sentence begins inside one an earlier sentence
opened.

A curly mark says which way it faces; a straight one opens after a space, an opening bracket
or dash, or at the start, and closes otherwise. An unclosed quotation runs to the sentence's
end: the sentence splitter leaves a closing mark after the final period outside the sentence,
and a quotation of several sentences closes only in its last. A quotation never runs on past
a paragraph (a quotation that goes on into the next paragraph opens again there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Span = tuple[int, int]
_MARK = re.compile(r"[\"“”]")


def quotations(sentence: str, continued: bool = False) -> list[Span]:
    """The quoted spans of ``sentence``, marks included. ``continued``: the sentence begins
    inside a quotation (its first closing mark ends it), unless a mark of its own opens first
    (then the one before had closed where the splitter cut)."""
    spans: list[Span] = []
    opened = 0 if continued else None
    for m in _MARK.finditer(sentence):
        at = m.start()
        opens = m[0] == "“" or (m[0] == '"' and (at == 0 or sentence[at - 1] in " (\n\t[—–"))
        if opens and (opened is None or (continued and opened == 0 and not spans)):
            opened = at
        elif not opens:
            spans.append((0 if opened is None else opened, at + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(sentence)))
    return [s for s in spans if s[1] - s[0] > 3]


def inside(quoted: list[Span], at: int) -> bool:
    """Position ``at`` is within one of the ``quoted`` spans."""
    return any(s <= at < e for s, e in quoted)


def begins_inside(sentences: Sequence[str]) -> list[bool]:
    """For each sentence, and for the text after the last, whether it begins inside a
    quotation. Each sentence is read up to the next (so the closing mark or the paragraph
    break between two is in it); the first is taken to begin outside."""
    states, within = [], False
    for text in sentences:
        states.append(within)
        body = text.rstrip()
        quoted = quotations(body, within)
        closed = body[-1:] in ('"', "”") or "\n" in text[len(body) :]
        within = bool(quoted) and quoted[-1][1] == len(body) and not closed
    return [*states, within]


def all_quoted(sentences: Sequence[str]) -> bool:
    """The last of ``sentences`` is quotation from end to end: no narration in it."""
    text = sentences[-1].strip()
    quoted = quotations(text, begins_inside(sentences)[-2])
    narration, at = [], 0
    for s, e in quoted:
        narration.append(text[at:s])
        at = e
    narration.append(text[at:])
    return bool(text) and not re.sub(r"[\s.,!?]", "", "".join(narration))
