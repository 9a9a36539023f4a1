"""Developments of one story that repeat each other, joined with the model's help.

The rule merge (merge/events.py) joins tellings whose weighted words (and figure groups) are
close enough; it misses a paraphrase ("North Korean troops are suffering heavy losses" and
"over 1,000 North Korean casualties within a single week"). For each story told by several
sources, the pairs of developments the rules found close but did not join (cosine at least
``events.NEAR``, from different sources, at most ``MAX_PAIRS`` of the closest) are put to the
model in one call, and it answers for each pair whether A and B are the same development
(exactly one answer per pair, ``{"pair": k, "same": true|false}``: the grammar leaves no way
to skip one, as for the figure labels). Asked instead for the number of the earlier item each
development of a list repeats, the 1.5B model numbered the items or answered 0 for all 33:
a yes or no on two sentences side by side is a question it can answer.

A join is kept only when the rules allow it too:

- the pair was offered: the rules found the two close (``events.NEAR``), so the model is a
  second opinion on a paraphrase, never the only reason two facts become one;
- the two come from different sources, and the development it joins holds no telling of the
  other's sources yet (one telling per source, as in the rule merge); joins are made closest
  pair first.

An answer that fails validation, or no model at all, leaves the rule merge as it is. What was
joined is in each Telling (``joined="model"``, with why).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Self

from pydantic import Field, ValidationInfo, create_model, model_validator

from summarizer import prompts
from summarizer.llm.base import ReplyModel, StructuredModel, tally
from summarizer.merge import events, linkage
from summarizer.models import Briefing, CallStats, Development, Story, Telling
from summarizer.text.support import content_lemmas

SYSTEM, USER = "repeats_system", "repeats_user"
MAX_PAIRS = 16  # pairs offered in one call: a story's closest
_WORDS = 40  # a development's words shown; the rest is cut with an ellipsis


def prompt_version() -> str:
    return prompts.version(SYSTEM, USER)


class Same(ReplyModel):
    """Whether A and B of pair ``pair`` (from 1) are the same development."""

    pair: int
    same: bool


class RepeatsBase(ReplyModel):
    """One answer per listed pair, in order, validated against ``context['count']``."""

    answers: list[Same]

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        count = (info.context or {}).get("count")
        if count is None:
            return self
        if [a.pair for a in self.answers] != list(range(1, count + 1)):
            raise ValueError(f"answer for pairs 1 to {count}, once each, in order")
        return self

    @property
    def same(self) -> list[bool]:
        return [a.same for a in self.answers]


@functools.lru_cache(maxsize=64)
def repeats_model(count: int) -> type[RepeatsBase]:
    """A reply model that takes exactly ``count`` answers."""
    model: type[RepeatsBase] = create_model(
        "Repeats",
        __base__=RepeatsBase,
        answers=(list[Same], Field(min_length=count, max_length=count)),
    )
    # '{"pair": 12, "same": false}, ' is 13 tokens in Qwen's vocabulary; a margin for spaces.
    model.answer_tokens = 16 * count + 16
    return model


@dataclass
class Offered:
    """The pairs of a story's developments put to the model, closest first."""

    pairs: list[tuple[Development, Development]]
    listing: str


def offered(briefing: Briefing, story: Story) -> Offered | None:
    """The story's close but unjoined pairs of developments, as the numbered list the model
    reads; None when there is none (a single source, or nothing close enough)."""
    if len(story.sources) < 2:
        return None
    by_id = {d.id: d for d in briefing.developments}
    items = [by_id[i] for i in story.developments]
    pairs = _close_pairs(items)
    if not pairs:
        return None
    outlets = {s.n: s.article.shown_outlet for s in briefing.sources}

    def shown(d: Development) -> str:
        words = d.text.split()
        told = ", ".join(dict.fromkeys(outlets[n] for n in d.sources))
        return f"({told}) " + " ".join(words[:_WORDS]) + (" …" if len(words) > _WORDS else "")

    lines = [f"{k}. A {shown(a)}\n   B {shown(b)}" for k, (a, b) in enumerate(pairs, start=1)]
    return Offered(pairs=pairs, listing="\n".join(lines))


def _close_pairs(items: list[Development]) -> list[tuple[Development, Development]]:
    """Pairs from different sources whose words (every telling's) and figures are at least
    ``events.NEAR`` alike, and that do not each name people with none in common; the
    ``MAX_PAIRS`` closest, closest first (the earlier development first within a pair)."""
    if len(items) < 2:
        return []
    edges = linkage.nearest(events.term_vectors([_terms(d) for d in items]), events.NEIGHBOURS)
    scored = []
    for (i, j), similarity in edges.items():
        a, b = items[i], items[j]
        if set(a.sources) & set(b.sources):
            continue
        if a.actors and b.actors and not set(a.actors) & set(b.actors):
            continue
        if similarity >= events.NEAR:
            scored.append((-round(similarity, 6), i, j))
    return [(items[i], items[j]) for _, i, j in sorted(scored)[:MAX_PAIRS]]


def _terms(d: Development) -> set[str]:
    words = set().union(*map(content_lemmas, [t.text for t in d.tellings] or [d.text]))
    people = {w for name in d.actors for w in content_lemmas(name)}
    return (words - people) | {events.figure_term(g) for g in d.figures}


def ask(offer: Offered, llm: StructuredModel, story: Story) -> tuple[list[bool] | None, CallStats]:
    """The model's answer (one yes or no per pair), or None when it is unusable."""
    count = len(offer.pairs)
    messages = [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {
            "role": "user",
            "content": prompts.render(
                USER, count=str(count), tag=prompts.tag("developments"), pairs=offer.listing
            ),
        },
    ]
    reply = llm.structured(
        repeats_model(count), messages, {"count": count, "article_id": f"{story.id}-repeats"}
    )
    stats = CallStats()
    tally(stats, reply)
    return (reply.value.same if reply.value is not None else None), stats


def join(briefing: Briefing, story: Story, offer: Offered, same: list[bool]) -> int:
    """Apply the model's answer where the rules allow it, closest pair first; returns how
    many joins were made. The joined development keeps the earlier one's id and words, and
    lists every telling."""
    outlets = {s.n: s.article.outlet_key for s in briefing.sources}
    order = {d_id: k for k, d_id in enumerate(story.developments)}
    head: dict[str, Development] = {}  # a development's id -> the development it is now in

    def found(d: Development) -> Development:
        while d.id in head:
            d = head[d.id]
        return d

    joined = 0
    for k, ((a, b), yes) in enumerate(zip(offer.pairs, same, strict=False), start=1):
        if not yes:
            continue
        into, item = sorted((found(a), found(b)), key=lambda d: order[d.id])
        if into is item or set(into.sources) & set(item.sources):
            continue  # already one, or one telling per source
        _absorb(into, item, k)
        into.single_outlet = len({outlets[n] for n in into.sources}) == 1
        head[item.id] = into
        joined += 1
    if joined:
        briefing.developments = [d for d in briefing.developments if d.id not in head]
        story.developments = [i for i in story.developments if i not in head]
    return joined


def _absorb(into: Development, item: Development, pair: int) -> None:
    for telling in item.tellings or [_telling_of(item)]:
        into.tellings.append(
            telling.model_copy(
                update={
                    "joined": "model",
                    "why": f"the model: the same development (pair {pair}; {telling.why})"
                    if telling.joined != "first"
                    else f"the model: the same development (pair {pair})",
                }
            )
        )
    into.citations += [n for n in item.citations if n not in into.citations]
    into.sources = sorted({*into.sources, *item.sources})
    into.actors = sorted({*into.actors, *item.actors})
    into.figures = sorted({*into.figures, *item.figures})


def _telling_of(d: Development) -> Telling:
    return Telling(
        source=d.sources[0], text=d.text, citations=d.citations, joined="first", why="told first"
    )
