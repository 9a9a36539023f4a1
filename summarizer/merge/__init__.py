"""Many extractions -> the day's stories, each with its facts merged across sources: actors,
figures, events, statements.

Nothing here calls the model: the merge is deterministic, so the same extractions always give
the same briefing. The parts: stories.py (which articles tell one story), actors.py (who is
who), events.py (developments), figures.py (figure groups), words.py (the words they compare),
citations.py (the citation book and ids), and history.py (what changed since the previous
briefing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from summarizer.merge import stories
from summarizer.merge.actors import (
    cluster_actors,
    display_name,
    is_group,
    merged_actor,
    name_index,
)
from summarizer.merge.citations import Citations, stable_id
from summarizer.merge.events import cluster_events, people_of
from summarizer.merge.figures import group_figures, same_measure
from summarizer.models import (
    ArticleExtraction,
    AttributedStatement,
    CallCounts,
    Citation,
    Development,
    Evidence,
    FigureGroup,
    MergedActor,
    Sentence,
    Source,
    Story,
)
from summarizer.text.fold import fold_name
from summarizer.text.names import person_key
from summarizer.text.sentences import sentences

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
    stories: list[Story] = field(default_factory=list)
    # source number -> positions in ``actors`` of the actors it names
    actors_by_source: dict[int, list[int]] = field(default_factory=dict)


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
    told = ranked(extractions)
    ordered = [extractions[i] for story in told for i in story]
    sources = [
        Source(
            n=i,
            article=x.article,
            stats=CallCounts(**x.stats.model_dump(include=set(CallCounts.model_fields))),
            dropped=len(x.dropped),
            not_figures=x.not_figures,
        )
        for i, x in enumerate(ordered, start=1)
    ]
    book = Citations(
        sources={s.article.id: s.n for s in sources},
        outlets={s.n: s.article.outlet_key for s in sources},
    )
    groups = cluster_actors([a for x in ordered for a in x.actors])
    names = name_index(groups)
    people = people_of(groups)
    merged = Merged(sources, [], [], [], [], [])
    parts: list[tuple[list[int], list[Development], list[FigureGroup], list[str]]] = []
    first = 0
    # Citations are numbered in reading order: story by story, its developments, figures and
    # statements; then who's who. Developments and figures are merged within a story only.
    for story in told:
        numbers = list(range(first + 1, first + len(story) + 1))
        within = ordered[first : first + len(story)]
        first += len(story)
        found = [f for x in within for f in x.figures]
        # The developments read the figure groups (a shared group brings two tellings closer);
        # grouped first in a draft book, so that citations keep their reading order.
        draft = book.draft()
        developments = cluster_events(
            within, people, names, book, group_figures(found, draft, names), draft
        )
        figures = group_figures(found, book, names)
        statements = _statements(within, names, book)
        merged.developments += developments
        merged.figures += figures
        merged.statements += statements
        parts.append((numbers, developments, figures, [s.id for s in statements]))
    # Who's who names actors; collectives ("US officials") stay as speakers and claimants.
    merged.actors = [merged_actor(g, book) for g in groups if not is_group(display_name(g))]
    for k, actor in enumerate(merged.actors):
        for n in actor.sources:
            merged.actors_by_source.setdefault(n, []).append(k)
    merged.stories = [
        _story(rank, numbers, developments, figures, statements, merged, book)
        for rank, (numbers, developments, figures, statements) in enumerate(parts, start=1)
    ]
    merged.citations = book.items
    return merged


def ranked(extractions: list[ArticleExtraction]) -> list[list[int]]:
    """The day's stories as lists of extraction indices, biggest first: by distinct outlets,
    then articles, then the latest dateline (undated last), then input order."""
    found = stories.cluster([x.article for x in extractions])

    def key(story: stories.Story) -> tuple[int, int, int, int]:
        members = [extractions[i].article for i in story.members]
        outlets = len({a.outlet_key for a in members})
        latest = max(
            (dt.date.fromisoformat(a.published) for a in members if a.published), default=None
        )
        return (-outlets, -len(members), -(latest.toordinal() if latest else 0), story.members[0])

    return [list(s.members) for s in sorted(found, key=key)]


_UNNAMED = {"", "unknown", "unnamed", "anonymous", "a source", "sources", "someone", "n/a"}


def _statements(
    within: list[ArticleExtraction], names: dict[str, str], book: Citations
) -> list[AttributedStatement]:
    """The statements of a story's articles, each under the speaker's merged name. The same
    words from one source under two names of one actor ("Biden", "Joe Biden") are listed
    once; a statement with no named speaker is never shown."""
    out: list[AttributedStatement] = []
    seen: set[tuple[int, str]] = set()
    for x in within:
        source = book.sources[x.article.id]
        for s in x.statements:
            speaker = names.get(person_key(s.speaker), s.speaker)
            key = (source, fold_name(s.text))
            if fold_name(speaker) in _UNNAMED or key in seen:
                continue
            seen.add(key)
            citations = [book.cite(v) for v in s.evidence]
            out.append(
                AttributedStatement(
                    id=stable_id("s", source, fold_name(speaker), fold_name(s.text)),
                    speaker=speaker,
                    text=s.text,
                    source=source,
                    citations=citations,
                )
            )
    return out


def _story(
    rank: int,
    numbers: list[int],
    developments: list[Development],
    figures: list[FigureGroup],
    statements: list[str],
    merged: Merged,
    book: Citations,
) -> Story:
    """A story's entry: its sources and the ids of its facts; headlined by its best-attested
    development (the most sources, the first told on a tie) until a summary is written."""
    articles = [merged.sources[n - 1].article for n in numbers]
    outlets = len({a.outlet_key for a in articles})
    best = max(developments, key=lambda d: len(d.sources), default=None)
    told: Literal["development", "article"]
    if best is not None:
        headline = Sentence(text=best.text, citations=best.citations[:2])
        told = "development"
    else:  # nothing was extracted: the first article's headline, citing its first sentence
        first = _first_citation(numbers, merged, book)
        quote = " ".join(book.items[first - 1].quote.split())
        headline = Sentence(text=articles[0].title or quote, citations=[first])
        told = "article"
    # The actors any of its sources names, in who's-who order (an index by source: a day of
    # thousands of stories does not read every actor for each).
    named = sorted({k for n in numbers for k in merged.actors_by_source.get(n, ())})
    return Story(
        id=stable_id("t", *sorted(a.id for a in articles)),
        rank=rank,
        headline=headline,
        headline_from=told,
        sources=numbers,
        outlets=outlets,
        articles=len(articles),
        single_outlet=outlets == 1,
        published=max((a.published for a in articles if a.published), default=None),
        developments=[d.id for d in developments],
        figures=[g.id for g in figures],
        actors=[merged.actors[k].id for k in named],
        statements=statements,
    )


def _first_citation(numbers: list[int], merged: Merged, book: Citations) -> int:
    """A citation of the first sentence of the story's first article (a story whose articles
    gave nothing still says what it is, in its own words)."""
    article = merged.sources[numbers[0] - 1].article
    for start, end in sentences(article):
        quote = article.text[start:end]
        return book.cite(Evidence(article_id=article.id, start=start, end=end, quote=quote))
    raise ValueError(f"article {article.id} has no sentence")
