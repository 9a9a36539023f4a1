"""An article chunk shown to the model with its sentences numbered, and a cited number turned
back into the sentence's exact span.

The model cites sentences by number instead of copying them: a copied quote costs as many
output tokens as the words it copies (about half of every answer), and a small model retypes
it ("U. S.", a dropped word), which then fails to match and is re-asked. A sentence number
costs one or two tokens and its evidence is exact by construction: ``text[start:end]`` is the
sentence, never a boilerplate character.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from summarizer.models import Article, Evidence
from summarizer.text.sentences import sentences, title_line, trim


@dataclass(frozen=True)
class Numbered:
    """The sentences of one chunk, numbered from 1 as the prompt shows them."""

    article: Article
    spans: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.spans)

    def listing(self) -> str:
        """One line per sentence, ``[n] words``, white space collapsed; boilerplate blanked."""
        content = self.article.content()
        return "\n".join(
            f"[{n}] {' '.join(content[s:e].split())}" for n, (s, e) in enumerate(self.spans, 1)
        )

    def evidence(self, number: int) -> Evidence | None:
        """The exact span of sentence ``number``, or None when there is no such sentence."""
        if not 1 <= number <= len(self.spans):
            return None
        start, end = self.spans[number - 1]
        text = self.article.text
        return Evidence(article_id=self.article.id, start=start, end=end, quote=text[start:end])

    def is_title(self, number: int) -> bool:
        """Sentence ``number`` is (part of) the article's title line, its headline: what it
        says is the outlet's summary, never a statement of the people it names."""
        title = title_line(self.article)
        if title is None or not 1 <= number <= len(self.spans):
            return False
        start, end = self.spans[number - 1]
        return start < title[1] and title[0] < end

    def before(self, number: int) -> list[str]:
        """The sentences of the chunk before sentence ``number``, each read up to the next (so
        a closing quote mark or a paragraph break between two is kept), boilerplate blanked."""
        content = self.article.content()
        return [content[self.spans[n - 1][0] : self.spans[n][0]] for n in range(1, number)]

    def containing(self, position: int) -> int | None:
        """The number of the sentence that holds ``position``, or None."""
        at = bisect.bisect_right(self.spans, (position, len(self.article.text) + 1))
        if at and self.spans[at - 1][0] <= position < self.spans[at - 1][1]:
            return at
        return None


def article_sentences(article: Article) -> list[tuple[int, int]]:
    """Every sentence of the article as one clean span: the longest piece of it that no
    boilerplate overlaps (a hidden comment inside a sentence is blanked for the model and left
    out of the citation)."""
    out = []
    for start, end in sentences(article):
        piece = _longest_clean(article, start, end)
        if piece[1] > piece[0]:
            out.append(piece)
    return out


def numbered(
    sentence_spans: list[tuple[int, int]], article: Article, start: int, end: int
) -> Numbered:
    """The sentences within [start, end) (a sentence a chunk cuts is clipped to the chunk)."""
    inside = []
    for s, e in sentence_spans:
        if e <= start or s >= end:
            continue
        s, e = trim(article.text, max(s, start), min(e, end))
        if e > s:
            inside.append((s, e))
    return Numbered(article, tuple(inside))


def _longest_clean(article: Article, start: int, end: int) -> tuple[int, int]:
    pieces, at = [], start
    for b in article.boilerplate_in(start, end):
        pieces.append((at, max(at, b.start)))
        at = max(at, b.end)
    pieces.append((at, end))
    best = max(pieces, key=lambda p: p[1] - p[0])
    return trim(article.text, *best)
