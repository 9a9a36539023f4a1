"""What the model is asked to fill, and the validators that ground each item in the article.

The model returns quotes, never offsets: small models cannot count characters. The validator
finds each quote in the article (see grounding.py) and turns the item into a domain model with
exact Evidence. An item that cannot be grounded is a validation error, so instructor re-asks;
after the last re-ask, ``salvage`` keeps the valid items and records the rest as dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Self

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from summarizer.extraction.grounding import Grounder
from summarizer.models import (
    Actor,
    ActorKind,
    DroppedItem,
    Event,
    EventType,
    Evidence,
    Statement,
)
from summarizer.text.fold import clean_label, fold
from summarizer.text.neutral import loaded_words

_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
_QUOTE = "Words copied exactly from the article that support this item."


class ActorItem(BaseModel):
    quote: str = Field(description=_QUOTE)
    name: str = Field(description="Name as written, without title, e.g. 'John Kirby'.")
    kind: ActorKind
    role: str | None = Field(description="Title or role as the article states it, or null.")


class EventItem(BaseModel):
    quote: str = Field(description=_QUOTE)
    type: EventType
    summary: str = Field(description="One short neutral sentence in your own words.")
    actors: list[str] = Field(description="Names of the actors involved.")
    place: str | None = Field(description="Where, as stated, or null.")
    time: str | None = Field(description="When, as stated, or null.")


class StatementItem(BaseModel):
    quote: str = Field(description="The words said, copied exactly from the article.")
    speaker: str


# A grammar built from min_length=1 leaves the model no empty-list shortcut, which small
# models otherwise take (FIELD_NOTES: a 1.5B model answered {"numbers": []}). The upper bounds
# cap the answer's length: on two CPU cores a 1.5B model writes about 8 tokens a second.
class ExtractionReply(BaseModel):
    actors: list[ActorItem] = Field(min_length=1, max_length=12)
    events: list[EventItem] = Field(min_length=1, max_length=8)
    statements: list[StatementItem] = Field(max_length=6)

    _grounded: Grounded | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _ground(self, info: ValidationInfo) -> Self:
        context = info.context or {}
        grounder = context.get("grounder")
        if grounder is None:
            return self
        self._grounded = ground(self, grounder)
        if self._grounded.dropped and context.get("strict", True):
            raise ValueError(problem_report(self._grounded.dropped))
        return self

    @property
    def grounded(self) -> Grounded:
        if self._grounded is None:
            raise RuntimeError("validate with context={'grounder': ...} first")
        return self._grounded


@dataclass
class Grounded:
    """Items with exact evidence, and the items that could not be grounded."""

    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    dropped: list[DroppedItem] = field(default_factory=list)

    def extend(self, other: Grounded) -> None:
        self.actors += other.actors
        self.events += other.events
        self.statements += other.statements
        self.dropped += other.dropped


class ItemError(ValueError):
    """Why one item cannot be kept."""


def ground(reply: ExtractionReply, grounder: Grounder) -> Grounded:
    """Ground every item; keep the valid ones and record the others as dropped."""
    out = Grounded()
    builders: list[tuple[str, list[Any], Any, list[Any]]] = [
        ("actor", reply.actors, _actor, out.actors),
        ("event", reply.events, _event, out.events),
        ("statement", reply.statements, _statement, out.statements),
    ]
    for kind, items, build, sink in builders:
        for index, item in enumerate(items):
            try:
                sink.append(build(item, grounder))
            except ItemError as exc:
                out.dropped.append(_dropped(kind, f"{kind}s[{index}]: {exc}", item))
    return out


def salvage(text: str, grounder: Grounder) -> Grounded:
    """Keep what is valid in a reply that failed validation, item by item."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Grounded(dropped=[_dropped("chunk", f"the reply is not JSON ({exc.msg})", text)])
    if not isinstance(data, dict):
        return Grounded(dropped=[_dropped("chunk", "the reply is not a JSON object", text)])
    parts: dict[str, list[Any]] = {}
    out = Grounded()
    for key, item_model in _ITEM_MODELS.items():
        parts[key] = []
        raw_items = data.get(key)
        for index, raw in enumerate(raw_items if isinstance(raw_items, list) else []):
            try:
                parts[key].append(item_model.model_validate(raw))
            except ValidationError as exc:
                reason = f"{key}[{index}]: does not fit the schema ({exc.error_count()} errors)"
                out.dropped.append(_dropped(key.rstrip("s"), reason, raw))
    partial = ExtractionReply.model_construct(
        actors=parts["actors"],
        events=parts["events"],
        statements=parts["statements"],
    )
    out.extend(ground(partial, grounder))
    return out


def problem_report(dropped: list[DroppedItem]) -> str:
    """The re-ask message: which items failed and how to fix them."""
    lines = [f"- {d.reason}" for d in dropped[:12]]
    more = f"\n- ... and {len(dropped) - 12} more" if len(dropped) > 12 else ""
    return (
        f"{len(dropped)} items are not supported by the article:\n"
        + "\n".join(lines)
        + more
        + "\nReturn the whole JSON again. Fix these items by copying the quote exactly from the "
        "article, or remove them."
    )


_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "actors": ActorItem,
    "events": EventItem,
    "statements": StatementItem,
}


def _dropped(kind: Any, reason: str, item: Any) -> DroppedItem:
    if isinstance(item, BaseModel):
        item = item.model_dump()
    raw = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
    return DroppedItem(kind=kind, reason=reason, item=raw[:2000])


def _evidence(quote: str, grounder: Grounder) -> Evidence:
    found = grounder.locate(quote)
    if found is None:
        raise ItemError(f"the quote {_short(quote)} is not in the article word for word")
    return found


def _actor(item: ActorItem, grounder: Grounder) -> Actor:
    evidence = _evidence(item.quote, grounder)
    name = item.name.strip()
    quote = fold(evidence.quote)
    tokens = [t for t in re.split(r"[\s,]+", fold(name)) if len(t) >= 2]
    if not tokens or not any(t in quote for t in tokens):
        raise ItemError(f"the name {_short(name)} does not appear in its quote")
    role = clean_label(item.role)
    if role and loaded_words(role):
        role = None  # a role is shown unquoted, so an opinionated one is not kept
    return Actor(name=name, kind=item.kind, role=role, evidence=[evidence])


def _event(item: EventItem, grounder: Grounder) -> Event:
    evidence = _evidence(item.quote, grounder)
    # Models space out initialisms ("U. S."); the text never does.
    summary = _INITIALS.sub(r"\1.", " ".join(item.summary.split()))
    if not summary:
        raise ItemError("the summary is empty")
    loaded = loaded_words(summary)
    if loaded:
        raise ItemError(f"the summary uses the loaded word {loaded[0]!r}; write it neutrally")
    quote_digits = set(_digit_runs(evidence.quote))
    stray = [d for d in _digit_runs(summary) if d not in quote_digits]
    if stray:
        raise ItemError(f"the summary has the number {stray[0]} which is not in its quote")
    return Event(
        type=item.type,
        summary=summary,
        actors=[a.strip() for a in item.actors if a.strip()],
        place=clean_label(item.place),
        time=clean_label(item.time),
        evidence=[evidence],
    )


def _statement(item: StatementItem, grounder: Grounder) -> Statement:
    evidence = _evidence(item.quote, grounder)
    if not item.speaker.strip():
        raise ItemError("the speaker is empty")
    return Statement(speaker=item.speaker.strip(), text=evidence.quote, evidence=[evidence])


def _digit_runs(text: str) -> list[str]:
    return [run.replace(",", "") for run in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
