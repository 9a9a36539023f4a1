"""What the model is asked to fill, and the validators that ground each item in the article.

The model cites sentences by their number in the prompt (citing.py), never by copying them
and never by offsets: small models cannot count characters, and a copied quote is half of an
answer's tokens and the usual reason it failed. Events and statements cite sentences; an
event is told in the words of its first sentence; an actor is found by its name, in the first
sentence that names it. The validator turns each item into a domain model with exact Evidence.

An item that cannot be grounded (no such sentence, a name the chunk does not hold, a speaker
its sentence does not name, or one it names without putting the words in their mouth:
attribution.py) is dropped with its reason. The
whole answer is re-asked only when most of its items fail: one bad item is not worth a second
answer of the whole chunk on a laptop CPU, and a statement the text does not attribute is not
counted (asked again, the model could only drop it). After the last re-ask, ``salvage`` keeps
the valid items and records the rest as dropped.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from summarizer.extraction.attribution import Refused, attribution
from summarizer.extraction.citing import Numbered
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.kinds import listed_with_an_institution, not_an_actor, typed
from summarizer.llm.base import ReplyModel
from summarizer.models import (
    Actor,
    ActorKind,
    DroppedItem,
    Event,
    Evidence,
    Statement,
)
from summarizer.text.fold import clean_label, fold
from summarizer.text.names import person_core
from summarizer.text.neutral import loaded_words
from summarizer.text.support import content_lemmas

_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
MAX_ACTORS, MAX_EVENTS, MAX_STATEMENTS, MAX_CITED = 12, 8, 6, 2


class ActorItem(ReplyModel):
    name: str
    kind: ActorKind
    role: str | None


class EventItem(ReplyModel):
    cite: list[int] = Field(min_length=1, max_length=MAX_CITED)


class StatementItem(ReplyModel):
    speaker: str
    cite: int


# A grammar built from min_length=1 leaves the model no empty-list shortcut, which small
# models otherwise take (FIELD_NOTES: a 1.5B model answered {"numbers": []}). The upper bounds
# cap the answer's length, and with it answer_tokens: on two CPU cores a 1.5B model writes
# between 6 and 20 tokens a second.
class ExtractionReply(ReplyModel):
    actors: list[ActorItem] = Field(min_length=1, max_length=MAX_ACTORS)
    events: list[EventItem] = Field(min_length=1, max_length=MAX_EVENTS)
    statements: list[StatementItem] = Field(max_length=MAX_STATEMENTS)

    # The longest answer the bounds allow, in tokens of the embedded model's vocabulary, with
    # names and summaries of a usual length (about 20, 45 and 14 tokens an item) and a margin.
    answer_tokens: ClassVar[int | None] = 1024

    _grounded: Grounded | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _ground(self, info: ValidationInfo) -> Self:
        context = info.context or {}
        grounder, sentences = context.get("grounder"), context.get("numbered")
        if grounder is None or sentences is None:
            return self
        self._grounded = ground(self, grounder, sentences)
        if context.get("strict", True) and _mostly_failed(self._grounded):
            raise ValueError(problem_report(self._grounded.dropped))
        return self

    @property
    def grounded(self) -> Grounded:
        if self._grounded is None:
            raise RuntimeError("validate with context={'grounder': ..., 'numbered': ...} first")
        return self._grounded


@dataclass
class Grounded:
    """Items with exact evidence, and the items that could not be grounded."""

    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    dropped: list[DroppedItem] = field(default_factory=list)
    settled: int = 0  # of the dropped, those a re-ask would not mend (ItemError.reask)

    def extend(self, other: Grounded) -> None:
        self.actors += other.actors
        self.events += other.events
        self.statements += other.statements
        self.dropped += other.dropped
        self.settled += other.settled

    @property
    def kept(self) -> int:
        return len(self.actors) + len(self.events) + len(self.statements)


def _mostly_failed(grounded: Grounded) -> bool:
    """Worth a re-ask: more items failed than were kept (the model misread the task). An
    item the text settles (a statement it does not attribute, a phrase that names no actor)
    is not counted: asked again, the model would only drop it."""
    failed = len(grounded.dropped) - grounded.settled
    return failed > 0 and failed > grounded.kept


class ItemError(ValueError):
    """Why one item cannot be kept."""

    reask: ClassVar[bool] = True  # a re-ask may mend it


class NotAnActor(ItemError):
    """An actor item that names no actor ("economists"): dropped, not worth a re-ask."""

    reask: ClassVar[bool] = False


def ground(reply: ExtractionReply, grounder: Grounder, sentences: Numbered) -> Grounded:
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
                sink.append(build(item, grounder, sentences))
            except ItemError as exc:
                out.dropped.append(_dropped(kind, f"{kind}s[{index}]: {exc}", item))
                out.settled += not exc.reask
    return out


def salvage(text: str, grounder: Grounder, sentences: Numbered) -> Grounded:
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
    out.extend(ground(partial, grounder, sentences))
    return out


def problem_report(dropped: list[DroppedItem]) -> str:
    """The re-ask message: which items failed and how to fix them."""
    lines = [f"- {d.reason}" for d in dropped[:12]]
    more = f"\n- ... and {len(dropped) - 12} more" if len(dropped) > 12 else ""
    return (
        f"{len(dropped)} items are not supported by the article:\n"
        + "\n".join(lines)
        + more
        + "\nReturn the whole JSON again. Fix these items by citing the numbers of the sentences "
        "that support them, or remove them."
    )


_ITEM_MODELS: dict[str, type[ReplyModel]] = {
    "actors": ActorItem,
    "events": EventItem,
    "statements": StatementItem,
}


def _dropped(kind: Any, reason: str, item: Any) -> DroppedItem:
    if isinstance(item, ReplyModel):
        item = item.model_dump()
    raw = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
    return DroppedItem(kind=kind, reason=reason, item=raw[:2000])


def _actor(item: ActorItem, grounder: Grounder, sentences: Numbered) -> Actor:
    name = _INITIALS.sub(r"\1.", " ".join(item.name.split()))  # "U. S." -> "U.S."
    # The name's words first (in the article: "Nathan Law said"), the model's kind second.
    kind = typed(name, item.kind, grounder.article.text)
    if kind == "person":
        name = person_core(name)  # "President Ana Lima" -> "Ana Lima"
    if not _words(name, 1):
        raise ItemError(f"the name {_short(name)} has no words")
    found = _naming(name, grounder, sentences)
    words = name.split()
    while found is None and kind == "person" and len(words) > 2:
        words = words[1:]  # "U.S. President Ana Lima": the words before the name dropped
        found = _naming(" ".join(words), grounder, sentences)
        name = person_core(" ".join(words)) if found else name
    if found is None:
        raise ItemError(f"the name {_short(name)} is not in the article")
    if kind is None:
        raise NotAnActor(f"{_short(name)} is no actor: {not_an_actor(name, grounder.article.text)}")
    if kind == "person" and listed_with_an_institution(name, found.quote):
        kind = "organization"  # "Lehman Brothers, Washington Mutual and WorldCom"
    role = clean_label(item.role)
    if role and loaded_words(role):
        role = None  # a role is shown unquoted, so an opinionated one is not kept
    if role and not content_lemmas(role) <= _lemmas_of(grounder.article.text):
        role = None  # "speaker" for a secretary of state: a role the article never states
    return Actor(name=name, kind=kind, role=role, evidence=[found])


@functools.lru_cache(maxsize=8)
def _lemmas_of(text: str) -> frozenset[str]:
    """The content lemmas of an article, read once for all its actors' roles."""
    return frozenset(content_lemmas(text))


def _naming(name: str, grounder: Grounder, sentences: Numbered) -> Evidence | None:
    """The first sentence that names ``name``: as written (up to quote marks, dashes, case
    and spacing), else as the same run of words ("Kim Jong Un" for "Kim Jong-un")."""
    found = grounder.locate(name)
    if found is not None:
        number = sentences.containing(found.start)
        return sentences.evidence(number) if number is not None else found
    words = _words(name, 1)
    if len(words) < 2 or min(map(len, words)) < 2:
        return None  # a run of one word, or of initials, would match almost any sentence
    for number in range(1, len(sentences) + 1):
        evidence = sentences.evidence(number)
        if evidence is not None and _holds_run(_words(evidence.quote, 1), words):
            return evidence
    return None


def _holds_run(words: list[str], run: list[str]) -> bool:
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _cited(numbers: list[int], sentences: Numbered) -> list[Evidence]:
    evidence = []
    for number in sorted(set(numbers)):
        found = sentences.evidence(number)
        if found is None:
            raise ItemError(
                f"there is no sentence [{number}]; cite sentences 1 to {len(sentences)}"
            )
        evidence.append(found)
    return evidence


def _event(item: EventItem, grounder: Grounder, sentences: Numbered) -> Event:
    evidence = _cited(item.cite, sentences)
    # The event is told in the words of its first sentence, shown as a quotation: a 1.5B
    # model asked for a summary copies the sentence anyway (measured: 2,700 completion
    # tokens for the seeds' events), and the source's own words cannot misstate it.
    told = " ".join(evidence[0].quote.split())
    return Event(summary=told, evidence=evidence)


def _statement(item: StatementItem, grounder: Grounder, sentences: Numbered) -> Statement:
    speaker = " ".join(item.speaker.split())
    if not speaker:
        raise ItemError("the speaker is empty")
    (sentence,) = _cited([item.cite], sentences)
    before = sentences.evidence(item.cite - 1) if item.cite > 1 else None
    named = set(_words(sentence.quote)) | set(_words(before.quote if before else ""))
    acronyms = {fold(a) for a in re.findall(r"\b[A-Z]{2}\b", speaker)}  # "GM", "US"
    words = [w for w in _words(speaker) if (len(w) >= 3 or w in acronyms) and w not in _FUNCTION]
    if not any(w in named for w in words):
        raise ItemError(
            f"sentence [{item.cite}] and the one before it do not name {_short(speaker)}"
        )
    said = _said(sentence, speaker, sentences, item.cite)
    return Statement(speaker=speaker, text=said.quote, evidence=[said])


class NotAttributed(ItemError):
    """The sentence names the speaker but does not put the words in their mouth: a headline,
    narration, someone else's words, or a speaker who is no name. The item is dropped, never
    re-asked: the text, not the answer, decides."""

    reask = False


def _said(sentence: Evidence, speaker: str, sentences: Numbered, number: int) -> Evidence:
    """The words sentence ``number`` attributes to ``speaker`` (attribution.py): a quotation,
    else the reported clause, else the sentence."""
    if sentences.is_title(number):
        raise NotAttributed(f"sentence [{number}] is the headline, not a statement")
    found = attribution(sentence.quote, speaker, sentences.before(number))
    if isinstance(found, Refused):
        raise NotAttributed(f"sentence [{number}]: {found.reason}")
    return Evidence(
        article_id=sentence.article_id,
        start=sentence.start + found.start,
        end=sentence.start + found.end,
        quote=sentence.quote[found.start : found.end],
    )


def _words(text: str, shortest: int = 2) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(text)) if len(w) >= shortest]


_FUNCTION = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "who",
        "that",
        "this",
        "these",
        "those",
        "their",
        "there",
        "have",
        "has",
        "been",
        "were",
        "will",
        "would",
        "said",
        "says",
        "also",
        "about",
        "after",
        "into",
        "over",
        "than",
        "then",
        "when",
        "which",
        "while",
    ]
)


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
