"""Article -> ArticleExtraction: one model call per chunk, every item grounded in a verbatim span."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from summarizer import figures, mentions, names, prompts
from summarizer.actors import person_core
from summarizer.grounding import Grounder, fold
from summarizer.llm import Reply
from summarizer.llm.batch import Pending
from summarizer.models import (
    Actor,
    Article,
    ArticleExtraction,
    CallStats,
    DroppedItem,
    Figure,
    NotFigureMention,
)
from summarizer.wire import ExtractionReply, Grounded, salvage

SYSTEM, USER = "extract_system", "extract_user"
FIGURES_SYSTEM, FIGURES_USER = "figures_system", "figures_user"
LABEL_BATCH = 15  # mentions per labelling call: small enough for a small model to keep order
MIN_SPLIT = 400  # a chunk whose answer is cut off is halved, down to this many characters

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("summarizer")


def prompt_version() -> str:
    """The version of the extraction prompts, recorded with every extraction."""
    return prompts.version(SYSTEM, USER, FIGURES_SYSTEM, FIGURES_USER)


class StructuredModel(Protocol):
    """The part of llm.LLM that extraction uses; tests may pass any object that has it."""

    @property
    def model(self) -> str: ...

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]: ...


@dataclass(frozen=True)
class Chunk:
    """A run of whole lines of one article, boilerplate lines left out of ``text``."""

    start: int
    end: int
    text: str


def chunks_within(article: Article, chunk: Chunk, limit: int) -> Iterator[Chunk]:
    """``chunk`` cut again into pieces of at most ``limit`` characters, on line or sentence
    boundaries, its boilerplate still left out."""
    inner = [
        (max(s, chunk.start), min(e, chunk.end))
        for s, e in _chunk_lines(article)
        if s < chunk.end and chunk.start < e  # a chunk may start or end inside a long line
    ]
    yield from _batches(article, inner, limit)


def chunks(article: Article, limit: int) -> Iterator[Chunk]:
    """Split the article's content lines into chunks of at most ``limit`` characters."""
    yield from _batches(article, _chunk_lines(article), limit)


def _chunk_lines(article: Article) -> list[tuple[int, int]]:
    return [
        (start, end)
        for start, end in _line_spans(article.content())
        if article.content()[start:end].strip()
    ]


def _batches(article: Article, lines: list[tuple[int, int]], limit: int) -> Iterator[Chunk]:
    batch: list[tuple[int, int]] = []
    size = 0
    for start, end in _split_long(lines, limit, article.text):
        if batch and size + (end - start) + 1 > limit:
            yield _chunk(article, batch)
            batch, size = [], 0
        batch.append((start, end))
        size += end - start + 1
    if batch:
        yield _chunk(article, batch)


def extract(article: Article, llm: StructuredModel, chunk_chars: int = 6000) -> ArticleExtraction:
    """Extract the grounded actors, events, figures and statements of one article."""
    found = Grounded()
    stats = CallStats()
    waiting: Pending | None = None
    for index, chunk in enumerate(chunks(article, chunk_chars)):
        try:
            _extract_chunk(article, chunk, str(index), llm, found, stats)
        except Pending as exc:  # a batched run: the other chunks still go in this batch
            waiting = exc
    if waiting is not None:
        raise waiting
    actors = _merge_actors(found.actors)
    everyone = with_people(actors, names.find_people(article))
    figures, not_figures, unlabelled = label_figures(article, actors, llm, stats, everyone)
    return ArticleExtraction(
        article=article,
        actors=everyone,
        events=_unique(found.events),
        figures=figures,
        statements=_unique(found.statements),
        not_figures=not_figures,
        dropped=found.dropped + unlabelled,
        stats=stats,
        model=llm.model,
        prompt_version=prompt_version(),
    )


def _extract_chunk(
    article: Article,
    chunk: Chunk,
    index: str,
    llm: StructuredModel,
    found: Grounded,
    stats: CallStats,
) -> None:
    """One call for one chunk. An answer cut off at max_tokens is not retried blindly: the
    chunk is halved and each half asked for, down to MIN_SPLIT characters."""
    grounder = Grounder(article, chunk.start, chunk.end)
    reply = llm.structured(
        ExtractionReply,
        _messages(article, chunk, index),
        {"grounder": grounder, "strict": True, "article_id": article.id},
    )
    _count(stats, reply)
    if reply.truncated and len(chunk.text) >= 2 * MIN_SPLIT:
        log.info("article=%s chunk=%s: answer cut off; asking for each half", article.id, index)
        halves = list(chunks_within(article, chunk, len(chunk.text) // 2 + 1))
        if len(halves) > 1:
            for n, half in enumerate(halves):
                _extract_chunk(article, half, f"{index}.{n}", llm, found, stats)
            return
    found.extend(_outcome(reply, grounder))


def with_people(actors: list[Actor], people: list[Actor]) -> list[Actor]:
    """The model's actors, completed by the people found by rule (names.py): a person both
    found pools its evidence, aliases and role; one only the rule found is added."""
    merged = [a.model_copy(deep=True) for a in actors]
    for person in people:
        forms = {fold(person.name), *map(fold, person.aliases)}
        same = next(
            (a for a in merged if a.kind == "person" and fold(person_core(a.name)) in forms),
            None,
        )
        if same is None:
            merged.append(person)
            continue
        same.evidence += [e for e in person.evidence if e not in same.evidence]
        same.role = same.role or person.role
        for alias in [person.name, *person.aliases]:
            if fold(alias) != fold(same.name) and alias not in same.aliases:
                same.aliases.append(alias)
    return merged


def label_figures(
    article: Article,
    actors: list[Actor],
    llm: StructuredModel,
    stats: CallStats,
    credit: list[Actor] | None = None,
) -> tuple[list[Figure], list[NotFigureMention], list[DroppedItem]]:
    """Every numeric mention becomes a figure or an explicit not-a-figure (see figures.py).

    The model is shown, and its claimants checked against, ``actors`` (the ones it found);
    ``credit`` (those plus the people found by rule) decides whom the text credits.
    """
    found = mentions.detect(article)
    claimants = figures.Claimants(article, actors)
    crediting = figures.Claimants(article, credit if credit is not None else actors)
    candidates = [i for i, m in enumerate(found) if m.is_candidate]
    labels: dict[int, figures.FigureLabel] = {}
    waiting: Pending | None = None
    for first in range(0, len(candidates), LABEL_BATCH):
        indices = candidates[first : first + LABEL_BATCH]
        batch = figures.LabelBatch([found[i] for i in indices], claimants)
        try:
            reply = llm.structured(
                figures.labels_model(len(indices)),
                _figure_messages(article, batch, actors, first),
                {"batch": batch, "strict": True, "article_id": article.id},
            )
        except Pending as exc:  # a batched run: the other lists still go in this batch
            waiting = exc
            continue
        _count(stats, reply)
        valid = reply.value.valid_labels() if reply.value else batch.salvage(reply.last_text)
        labels.update({indices[local]: label for local, label in valid.items()})
    if waiting is not None:
        raise waiting
    return figures.build(article, found, labels, crediting)


def _count(stats: CallStats, reply: Reply[Any]) -> None:
    # A stored answer counts as the call it was, so the briefing is the same either way.
    stats.calls += reply.attempts
    stats.reasks += max(reply.attempts - 1, 0)
    stats.prompt_tokens += reply.prompt_tokens
    stats.completion_tokens += reply.completion_tokens
    stats.seconds += reply.seconds
    if reply.cached:
        stats.from_store += 1
        return
    stats.spent_tokens += reply.prompt_tokens + reply.completion_tokens
    if stats.cost_usd is not None:
        stats.cost_usd = None if reply.cost_usd is None else stats.cost_usd + reply.cost_usd


def _outcome(reply: Reply[ExtractionReply], grounder: Grounder) -> Grounded:
    if reply.value is not None:
        return reply.value.grounded
    kept = salvage(reply.last_text, grounder) if reply.last_text is not None else Grounded()
    if kept.actors or kept.events or kept.statements or kept.dropped:
        return kept
    # Nothing in the answer could even be read as items: the chunk is lost, and says why.
    reason = reply.error or "the model returned nothing"
    if reply.truncated:
        reason += "; raise SUMMARIZER_MAX_TOKENS or lower SUMMARIZER_CHUNK_CHARS"
    return Grounded(dropped=[DroppedItem(kind="chunk", reason=reason, item="")])


def _messages(article: Article, chunk: Chunk, index: str) -> list[dict[str, str]]:
    tag = prompts.tag("article")
    return [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {"role": "user", "content": prompts.render(USER, tag=tag, article=chunk.text)},
    ]


def _figure_messages(
    article: Article, batch: figures.LabelBatch, actors: list[Actor], first: int
) -> list[dict[str, str]]:
    tag = prompts.tag("mentions")
    names = "; ".join(a.name for a in actors) or "none found"
    user = prompts.render(
        FIGURES_USER,
        actors=names,
        count=str(len(batch.mentions)),
        tag=tag,
        mentions=batch.listing(article),
    )
    return [
        {"role": "system", "content": prompts.render(FIGURES_SYSTEM)},
        {"role": "user", "content": user},
    ]


def _merge_actors(actors: list[Actor]) -> list[Actor]:
    """One actor per name within an article, its evidence and roles pooled."""
    by_name: dict[str, Actor] = {}
    for actor in actors:
        key = fold(actor.name)
        kept = by_name.get(key)
        if kept is None:
            by_name[key] = actor.model_copy(deep=True)
            continue
        kept.evidence += [e for e in actor.evidence if e not in kept.evidence]
        if kept.role is None:
            kept.role = actor.role
        elif actor.role and actor.role != kept.role and actor.role not in kept.aliases:
            kept.aliases.append(actor.role)  # a second stated role is kept, not lost
    return list(by_name.values())


def _unique(items: list[Any]) -> list[Any]:
    """Drop exact repeats (the same item on the same span), keeping the first."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item.model_dump_json()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        yield pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)


def _split_long(lines: list[tuple[int, int]], limit: int, text: str) -> Iterator[tuple[int, int]]:
    """Cut lines longer than ``limit`` after a sentence end, or hard at the limit."""
    for start, end in lines:
        while end - start > limit:
            cut = text.rfind(". ", start, start + limit)
            cut = cut + 2 if cut > start else start + limit
            yield start, cut
            start = cut
        yield start, end


def _chunk(article: Article, spans: list[tuple[int, int]]) -> Chunk:
    return Chunk(
        start=spans[0][0],
        end=spans[-1][1],
        text="\n".join(article.content()[s:e] for s, e in spans),
    )
