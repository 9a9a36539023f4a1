"""Developments of one story that repeat each other, joined with the model's help.

The rule merge (merge/events.py) joins tellings that share words and people; it misses a
paraphrase ("North Korean troops are suffering heavy losses" and "over 1,000 North Korean
casualties within a single week"). For each story told by several sources, one call lists its
developments, numbered and short, each with its outlet, and the model answers for every item
the number of an earlier item that reports the same development, or 0 (exactly one answer per
item, ``{"item": k, "same": j}``: the grammar leaves no way to skip one, as for the figure
labels). Asked for a bare list of numbers, the 1.5B model numbered the items (item k
"repeated" k - 1): such an answer is re-asked, and not used if it comes back the same.

A join is kept only when the rules allow it too:

- the item points at an earlier item (a later one, or itself, is ignored);
- the two come from different sources, and the development it joins holds no telling of the
  item's sources yet (one telling per source, as in the rule merge);
- they share a name or at least ``_SHARED`` content words (merge/words.py's terms): the model
  is a second opinion on a paraphrase, never the only reason two facts become one.

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
from summarizer.merge.words import counted_key
from summarizer.models import Briefing, CallStats, Development, Story, Telling

SYSTEM, USER = "repeats_system", "repeats_user"
MAX_ITEMS = 40  # developments offered in one call (a long story's first 40)
_WORDS = 30  # a development's words shown; the rest is cut with an ellipsis
_SHARED = 2  # content words two joined developments must share when they name nobody alike


def prompt_version() -> str:
    return prompts.version(SYSTEM, USER)


class Repeat(ReplyModel):
    """Item ``item`` (from 1) repeats item ``same`` (an earlier one), or nothing (0)."""

    item: int
    same: int


class RepeatsBase(ReplyModel):
    """One answer per listed item, in order, validated against ``context['count']``."""

    answers: list[Repeat]

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        count = (info.context or {}).get("count")
        if count is None:
            return self
        if [a.item for a in self.answers] != list(range(1, count + 1)):
            raise ValueError(f"answer for items 1 to {count}, once each, in order")
        if _counted(self.answers):
            raise ValueError(
                "you gave each item the number of the item before it: compare the items. "
                "An item repeats an earlier one only when both report the same development; "
                "most items report something new, and their 'same' is 0"
            )
        return self

    @property
    def same(self) -> list[int]:
        return [a.same for a in self.answers]


def _counted(answers: list[Repeat]) -> bool:
    """The answer numbers the items instead of comparing them (a small model's habit: item k
    'repeats' k - 1 for most k)."""
    previous = sum(1 for a in answers if a.item > 1 and a.same == a.item - 1)
    return len(answers) > 3 and previous > len(answers) // 2


@functools.lru_cache(maxsize=64)
def repeats_model(count: int) -> type[RepeatsBase]:
    """A reply model that takes exactly ``count`` answers."""
    model: type[RepeatsBase] = create_model(
        "Repeats",
        __base__=RepeatsBase,
        answers=(list[Repeat], Field(min_length=count, max_length=count)),
    )
    model.answer_tokens = 12 * count + 16
    return model


@dataclass
class Offered:
    """The developments listed for one story, in the order shown."""

    items: list[Development]
    listing: str


def offered(briefing: Briefing, story: Story) -> Offered | None:
    """The story's developments as the numbered list the model reads; None when there is
    nothing to join (fewer than two developments, or a single source)."""
    if len(story.sources) < 2:
        return None
    by_id = {d.id: d for d in briefing.developments}
    items = [by_id[i] for i in story.developments][:MAX_ITEMS]
    if len(items) < 2:
        return None
    outlets = {s.n: s.article.outlet for s in briefing.sources}
    lines = []
    for k, d in enumerate(items, start=1):
        words = d.text.split()
        shown = " ".join(words[:_WORDS]) + (" …" if len(words) > _WORDS else "")
        told = ", ".join(dict.fromkeys(outlets[n] for n in d.sources))
        lines.append(f"{k}. ({told}) {shown}")
    return Offered(items=items, listing="\n".join(lines))


def ask(offer: Offered, llm: StructuredModel, story: Story) -> tuple[list[int] | None, CallStats]:
    """The model's answer (one number per item), or None when it is unusable."""
    messages = [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {
            "role": "user",
            "content": prompts.render(
                USER,
                count=str(len(offer.items)),
                tag=prompts.tag("developments"),
                developments=offer.listing,
            ),
        },
    ]
    model = repeats_model(len(offer.items))
    reply = llm.structured(
        model, messages, {"count": len(offer.items), "article_id": f"{story.id}-repeats"}
    )
    stats = CallStats()
    tally(stats, reply)
    return (reply.value.same if reply.value is not None else None), stats


def join(briefing: Briefing, story: Story, offer: Offered, same: list[int]) -> int:
    """Apply the model's answer where the rules allow it; returns how many joins were made.
    The joined development keeps the earlier one's id and words, and lists every telling."""
    outlets = {s.n: s.article.outlet for s in briefing.sources}
    target = list(range(len(offer.items)))  # item index -> the item it now belongs to
    joined = 0
    for k, answer in enumerate(same):
        earlier = answer - 1
        if not 0 <= earlier < k:
            continue
        head = target[earlier]
        into, item = offer.items[head], offer.items[k]
        if target[k] != k or not _may_join(into, item):
            continue
        _absorb(into, item, answer)
        into.single_outlet = len({outlets[n] for n in into.sources}) == 1
        target[k] = head
        joined += 1
    if joined:
        gone = {offer.items[k].id for k in range(len(offer.items)) if target[k] != k}
        briefing.developments = [d for d in briefing.developments if d.id not in gone]
        story.developments = [i for i in story.developments if i not in gone]
    return joined


def _may_join(into: Development, item: Development) -> bool:
    if set(into.sources) & set(item.sources):
        return False  # one telling per source
    if set(into.actors) & set(item.actors):
        return True
    words = counted_key(into.text) & counted_key(item.text)
    return len(words) >= _SHARED


def _absorb(into: Development, item: Development, answer: int) -> None:
    for telling in item.tellings or [_telling_of(item)]:
        into.tellings.append(
            telling.model_copy(
                update={
                    "joined": "model",
                    "why": f"the model: repeats item {answer} ({telling.why})"
                    if telling.joined != "first"
                    else f"the model: repeats item {answer}",
                }
            )
        )
    into.citations += [n for n in item.citations if n not in into.citations]
    into.sources = sorted({*into.sources, *item.sources})
    into.actors = sorted({*into.actors, *item.actors})


def _telling_of(d: Development) -> Telling:
    return Telling(
        source=d.sources[0], text=d.text, citations=d.citations, joined="first", why="told first"
    )
