"""Article -> ArticleExtraction: one model call per chunk, every item grounded in a verbatim span."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from summarizer import figures, prompts
from summarizer.extraction.chunks import Chunk, chunks, chunks_within
from summarizer.extraction.citing import Numbered, article_sentences, numbered
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.people import find_people, with_people
from summarizer.extraction.quoted import quoted_statements, with_quotes
from summarizer.extraction.reply import ExtractionReply, Grounded, salvage
from summarizer.llm.base import Pending, Reply, StructuredModel, tally
from summarizer.models import (
    Actor,
    Article,
    ArticleExtraction,
    CallStats,
    DroppedItem,
    extend_evidence,
    span_of,
)
from summarizer.text.fold import fold

__all__ = ["chunks", "extract", "prompt_version", "with_people"]

SYSTEM, USER = "extract_system", "extract_user"
MIN_SPLIT = 400  # a chunk whose answer is cut off is halved, down to this many characters

log = logging.getLogger("summarizer")


def prompt_version() -> str:
    """The version of the extraction prompts, recorded with every extraction."""
    return prompts.version(SYSTEM, USER, *figures.PROMPTS)


def extract(
    article: Article,
    llm: StructuredModel,
    chunk_chars: int = 6000,
    on_stage: Callable[[str], None] | None = None,
) -> ArticleExtraction:
    """Extract the grounded actors, events, figures and statements of one article.
    ``on_stage`` hears what is being asked now ("part 2 of 3", "labelling figures")."""
    found = Grounded()
    stats = CallStats()
    waiting: Pending | None = None
    whole = Grounder(article)  # one normalised copy of the article for all its chunks
    spans = article_sentences(article)  # and one list of its sentences
    parts = list(chunks(article, chunk_chars))
    for index, chunk in enumerate(parts):
        if on_stage is not None:
            on_stage(f"part {index + 1} of {len(parts)}" if len(parts) > 1 else "reading")
        try:
            _extract_chunk(whole, spans, chunk, str(index), llm, found, stats)
        except Pending as exc:  # a batched run: the other chunks still go in this batch
            waiting = exc
    if waiting is not None:
        raise waiting
    actors = _merge_actors(found.actors)
    everyone = with_people(actors, find_people(article))
    if on_stage is not None:
        on_stage("labelling figures")
    found_figures, not_figures, unlabelled = figures.label_figures(
        article, actors, llm, stats, everyone
    )
    return ArticleExtraction(
        article=article,
        actors=everyone,
        events=_unique(found.events),
        figures=found_figures,
        statements=with_quotes(
            _unique(found.statements), quoted_statements(article, everyone, spans)
        ),
        not_figures=not_figures,
        dropped=found.dropped + unlabelled,
        stats=stats,
        model=llm.model,
        prompt_version=prompt_version(),
    )


def _extract_chunk(
    whole: Grounder,
    spans: list[tuple[int, int]],
    chunk: Chunk,
    index: str,
    llm: StructuredModel,
    found: Grounded,
    stats: CallStats,
) -> None:
    """One call for one chunk. An answer cut off at max_tokens is not retried blindly: the
    chunk is halved and each half asked for, down to MIN_SPLIT characters."""
    article = whole.article
    grounder = whole.within(chunk.start, chunk.end)
    sentences = numbered(spans, article, chunk.start, chunk.end)
    reply = llm.structured(
        ExtractionReply,
        _messages(sentences),
        {
            "grounder": grounder,
            "numbered": sentences,
            "strict": True,
            "article_id": article.id,
            "article_path": article.path,
        },
    )
    tally(stats, reply)
    if reply.truncated and len(chunk.text) >= 2 * MIN_SPLIT:
        log.info("article=%s chunk=%s: answer cut off; asking for each half", article.path, index)
        halves = list(chunks_within(article, chunk, len(chunk.text) // 2 + 1))
        if len(halves) > 1:
            for n, half in enumerate(halves):
                _extract_chunk(whole, spans, half, f"{index}.{n}", llm, found, stats)
            return
    found.extend(_outcome(reply, grounder, sentences))


def _outcome(reply: Reply[ExtractionReply], grounder: Grounder, sentences: Numbered) -> Grounded:
    if reply.value is not None:
        return reply.value.grounded
    text = reply.last_text
    kept = salvage(text, grounder, sentences) if text is not None else Grounded()
    if kept.actors or kept.events or kept.statements or kept.dropped:
        return kept
    # Nothing in the answer could even be read as items: the chunk is lost, and says why.
    reason = reply.error or "the model returned nothing"
    if reply.truncated:
        reason += "; raise SUMMARIZER_MAX_TOKENS or lower SUMMARIZER_CHUNK_CHARS"
    return Grounded(dropped=[DroppedItem(kind="chunk", reason=reason, item="")])


def _messages(sentences: Numbered) -> list[dict[str, str]]:
    tag = prompts.tag("article")
    return [
        {"role": "system", "content": prompts.render(SYSTEM)},
        {"role": "user", "content": prompts.render(USER, tag=tag, article=sentences.listing())},
    ]


def _merge_actors(actors: list[Actor]) -> list[Actor]:
    """One actor per name within an article, its evidence and roles pooled."""
    by_name: dict[str, Actor] = {}
    spans: dict[str, set[tuple[str, int, int]]] = {}
    for actor in actors:
        key = fold(actor.name)
        kept = by_name.get(key)
        if kept is None:
            by_name[key] = actor.model_copy(deep=True)
            spans[key] = {span_of(e) for e in actor.evidence}
            continue
        extend_evidence(kept.evidence, actor.evidence, spans[key])
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
