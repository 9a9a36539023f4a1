"""Map words the model wrote (an actor's name) back to exact character offsets in the article.

Models retype what they copy: curly quote marks become straight, runs of spaces collapse, a
trailing period appears. Matching is done on a normalised copy of both strings (text/fold.py), and the
match is mapped back to the original text, so ``text[start:end]`` is always the article's own
words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from summarizer.models import Article, Evidence
from summarizer.text.fold import fold, normalise

_EDGE = " \"'.,;:!?-()[]"
MIN_QUOTE = 3


class Folded:
    """An article's content normalised for matching, both ways, each made once (on first use)
    and shared by the Grounders of all its chunks: normalising is linear in the article, so
    doing it per chunk made a long article quadratic."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def spaced(self) -> tuple[str, list[int]]:
        return normalise(self.article.content())

    @cached_property
    def squeezed(self) -> tuple[str, list[int]]:
        return normalise(self.article.content(), spaces=False)


@dataclass(frozen=True)
class Grounder:
    """Finds quotes in one article, within [start, end) and outside boilerplate."""

    article: Article
    start: int = 0
    end: int | None = None
    folded: Folded | None = None

    @cached_property
    def _index(self) -> Folded:
        return self.folded if self.folded is not None else Folded(self.article)

    def within(self, start: int, end: int) -> Grounder:
        """A Grounder for [start, end) of the same article, sharing its normalised text."""
        return Grounder(self.article, start, end, self._index)

    def locate(self, quote: str) -> Evidence | None:
        """Evidence for the first allowed occurrence of ``quote``, or None if there is none.

        Tried in order: the folded quote, the same without edge punctuation, and both again
        with all whitespace ignored. Each match is still the article's own characters.
        """
        needle = fold(quote)
        squeezed = "".join(needle.split())
        attempts = [
            (self._index.spaced, needle),
            (self._index.spaced, needle.strip(_EDGE)),
            (self._index.squeezed, squeezed),
            (self._index.squeezed, squeezed.strip(_EDGE)),
        ]
        for folded, candidate in attempts:
            if len(candidate) >= MIN_QUOTE:
                found = self._find(folded, candidate)
                if found:
                    return found
        return None

    def _find(self, folded: tuple[str, list[int]], needle: str) -> Evidence | None:
        haystack, origin = folded
        limit = len(self.article.text) if self.end is None else self.end
        # Only the folded characters that come from [start, limit) are searched.
        lo, hi = bisect.bisect_left(origin, self.start), bisect.bisect_left(origin, limit)
        at = haystack.find(needle, lo, hi)
        while at != -1:
            start, end = origin[at], origin[at + len(needle) - 1] + 1
            if not self.article.in_boilerplate(start, end):
                text = self.article.text
                return Evidence(
                    article_id=self.article.id, start=start, end=end, quote=text[start:end]
                )
            at = haystack.find(needle, at + 1, hi)
        return None
