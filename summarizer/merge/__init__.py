"""Many extractions -> one set of facts across sources: actors, figures, events, statements.

Nothing here calls the model: the merge is deterministic, so the same extractions always give
the same briefing. The parts: actors.py (who is who), events.py (developments), figures.py
(figure groups), words.py (the words they compare), citations.py (the citation book and ids),
and history.py (what changed since the previous briefing).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.merge.actors import (
    cluster_actors,
    display_name,
    is_group,
    merged_actor,
    name_index,
)
from summarizer.merge.citations import Citations, stable_id
from summarizer.merge.events import cluster_events
from summarizer.merge.figures import group_figures, same_measure
from summarizer.models import (
    ArticleExtraction,
    AttributedStatement,
    CallCounts,
    Citation,
    Development,
    FigureGroup,
    MergedActor,
    Source,
)
from summarizer.text.names import person_key

__all__ = [
    "Citations",
    "Merged",
    "cluster_actors",
    "display_name",
    "merge",
    "same_measure",
    "stable_id",
]


@dataclass
class Merged:
    """The facts of the day, ready to render."""

    sources: list[Source]
    developments: list[Development]
    figures: list[FigureGroup]
    actors: list[MergedActor]
    statements: list[AttributedStatement]
    citations: list[Citation]


def merge(extractions: list[ArticleExtraction]) -> Merged:
    """Merge per-article extractions into one set of cited facts."""
    with _without_cycle_collection():
        return _merge(extractions)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused for the length of a merge. The merge builds no
    reference cycles (reference counting frees what it drops), but it allocates millions of
    small objects, and each collection then walks every live one, the day's extractions
    included: a third of a 10,000-article merge went to that (BENCHMARKS.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge(extractions: list[ArticleExtraction]) -> Merged:
    sources = [
        Source(
            n=i,
            article=x.article,
            stats=CallCounts(**x.stats.model_dump(include=set(CallCounts.model_fields))),
            dropped=len(x.dropped),
            not_figures=x.not_figures,
        )
        for i, x in enumerate(extractions, start=1)
    ]
    book = Citations(
        sources={s.article.id: s.n for s in sources},
        outlets={s.n: s.article.outlet for s in sources},
    )
    groups = cluster_actors([a for x in extractions for a in x.actors])
    names = name_index(groups)
    # Citations are numbered in reading order: developments, figures, actors, statements.
    developments = cluster_events(extractions, groups, names, book)
    figures = group_figures([f for x in extractions for f in x.figures], book, names)
    # Who's who names actors; collectives ("US officials") stay as speakers and claimants.
    actors = [merged_actor(g, book) for g in groups if not is_group(display_name(g))]
    statements = [
        AttributedStatement(
            speaker=names.get(person_key(s.speaker), s.speaker),
            text=s.text,
            citations=[book.cite(v) for v in s.evidence],
        )
        for x in extractions
        for s in x.statements
    ]
    return Merged(sources, developments, figures, actors, statements, book.items)
