"""An article cut into chunks of whole lines, small enough for one model call; offsets kept.

A line longer than the limit is cut after a sentence end, or hard at the limit. Boilerplate
lines are left out of a chunk's text, so the model never reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.models import Article
from summarizer.text.sentences import line_spans


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
        for start, end in line_spans(article.content())
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
