"""The citation book and content-derived ids, shared by every part of the merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from summarizer.models import Citation, Evidence, stable_id

__all__ = ["Citations", "spans", "stable_id"]


@dataclass
class Citations:
    """Numbers each distinct evidence span once, in order of first use."""

    sources: dict[str, int]
    outlets: dict[int, str] = field(default_factory=dict)
    items: list[Citation] = field(default_factory=list)
    _index: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, evidence: Evidence) -> int:
        key = (evidence.article_id, evidence.start, evidence.end)
        if key not in self._index:
            n = len(self.items) + 1
            self._index[key] = n
            self.items.append(
                Citation(n=n, source=self.sources[evidence.article_id], **evidence.model_dump())
            )
        return self._index[key]

    def draft(self) -> Citations:
        """A book for the same sources that numbers on its own: what a part of the merge cites
        only to look at (events.py reads the figure groups' spans) leaves this one's reading
        order alone."""
        return Citations(sources=self.sources, outlets=self.outlets)


def spans(evidence: Iterable[Evidence]) -> list[tuple[str, int, int]]:
    return sorted({(e.article_id, e.start, e.end) for e in evidence})
