"""brief() and extract(): the stages wired together, ingest -> extract -> merge -> render."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from summarizer import ingest
from summarizer.backends import connect
from summarizer.config import Settings
from summarizer.errors import BudgetExhausted, ConfigError, ModelError
from summarizer.extraction import StructuredModel, prompt_version
from summarizer.extraction import extract as extract_article
from summarizer.history import compare
from summarizer.lead import prompt_version as lead_prompt_version
from summarizer.lead import write as write_lead
from summarizer.llm import LLM, client
from summarizer.llm.batch import Batcher, Pending
from summarizer.merge import merge
from summarizer.models import (
    Article,
    ArticleExtraction,
    Briefing,
    History,
    RunInfo,
    SkippedArticle,
    Timing,
)
from summarizer.parallel import ordered_map
from summarizer.store import Store, default_path

log = logging.getLogger("summarizer")


def extract(
    path: str | Path,
    *,
    settings: Settings | None = None,
    llm: StructuredModel | None = None,
    **options: Any,
) -> ArticleExtraction:
    """Extract one article file; ``options`` are Settings fields (model, base_url, api_key...)."""
    settings = settings or Settings(**options)
    loaded = ingest.load([path])
    if llm is not None:
        return extract_article(loaded.articles[0], llm, settings.chunk_chars)
    with connect(settings) as connected, LLM(connected) as model:
        return extract_article(loaded.articles[0], model, settings.chunk_chars)


@dataclass(frozen=True)
class _Job:
    """What a brief() call asks for, beyond the articles and the model."""

    date: str
    timing: bool = True
    lead: bool = False
    history: bool = True
    batch: bool = False
    on_article: OnArticle | None = None
    on_batch: Callable[[str], None] | None = None


def brief(
    paths: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    llm: StructuredModel | None = None,
    date: str | None = None,
    timing: bool = True,
    lead: bool = False,
    history: bool = True,
    batch: bool = False,
    resume: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_article: OnArticle | None = None,
    on_batch: Callable[[str], None] | None = None,
    **options: Any,
) -> Briefing:
    """Read the articles under ``paths`` and return a neutral, cited briefing.

    An article whose extraction fails is listed under ``Briefing.skipped`` with the reason;
    the others still make the briefing. ModelError is raised only when every article failed.
    With ``lead``, a second model call writes a lead paragraph from the merged facts; without
    it the briefing is built from the merged facts alone, deterministically. With no model
    configured, the embedded one is started for the run (``progress`` gets the bytes written
    while its file is assembled, on first use) and stopped afterwards. ``on_article`` hears
    of each article as it starts and finishes (see ArticleProgress).

    The briefing is stored in the run store under ``date`` (default: today, UTC); with
    ``history``, it says what changed since the store's latest briefing of an earlier date.
    With ``batch``, extractions go through OpenAI's Batch API (llm/batch.py; ``on_batch``
    hears what the batches are doing). ``resume`` continues a stopped run of the store, on
    the inputs and date it was given: what it had answered is not asked again.
    """
    settings = settings or Settings(**options)
    if resume is not None:
        if list(paths):
            raise ConfigError("--resume continues a run on its own inputs: give no paths with it.")
        with Store(settings.store or default_path()) as store:
            paths, date, batched = store.run_inputs(resume)
        batch = batch or batched  # its batches in flight are waited for, never asked live
    job = _Job(briefing_date(date), timing, lead, history, batch, on_article, on_batch)
    loaded = ingest.load(paths)  # bad input fails before any model is started
    if llm is not None:
        return _brief(loaded, settings, llm, job)
    with Store(settings.store or default_path()) as store:
        return _brief_stored(loaded, settings, store, job, progress, resume)


def briefing_date(date: str | None) -> str:
    """``date`` checked as YYYY-MM-DD, or today's date (UTC)."""
    if date is None:
        return dt.datetime.now(dt.UTC).date().isoformat()
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise ConfigError(
            f"Invalid date {date!r}: give it as YYYY-MM-DD, e.g. 2026-11-23."
        ) from None


def _brief_stored(
    loaded: ingest.Ingested,
    settings: Settings,
    store: Store,
    job: _Job,
    progress: Callable[[int], None] | None,
    run_id: int | None,
) -> Briefing:
    """A run recorded in the store: its calls, its outcome and its briefing."""
    inputs = [_input(a.path, a.id) for a in loaded.articles]
    run_id = store.start_run(inputs, job.date) if run_id is None else store.reopen_run(run_id)
    status, briefing = "failed", None
    try:
        # connect() starts the embedded model when it is the one; all is closed after
        with (
            connect(settings, progress) as connected,
            LLM(connected, store=store, run_id=run_id) as model,
        ):
            briefing = _brief(loaded, connected, model, job)
            if briefing.run.timing is not None:
                briefing.run.timing.calls_made = model.calls_made
                briefing.run.timing.cache_hits = model.cache_hits
                briefing.run.timing.run_id = run_id
        if job.history:
            briefing.history = _since_previous(store, briefing)
        status = "partial" if briefing.skipped else "ok"
        return briefing
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(run_id, status, briefing.to_json() if briefing else None)


def _input(path: str, article_id: str) -> dict[str, str]:
    """How a run records an input: as given, and where it was, for --resume."""
    where = str(Path(path).resolve()) if Path(path).is_file() else path
    return {"path": path, "id": article_id, "resolved": where}


def _since_previous(store: Store, briefing: Briefing) -> History | None:
    """The comparison with the store's latest briefing of an earlier date, if there is one."""
    found = store.previous_briefing(briefing.date)
    if found is None:
        return None
    run_id, text = found
    try:
        previous = Briefing.model_validate_json(text)
    except ValueError as exc:  # written by another version of this tool
        log.warning("no history: the briefing of run %d cannot be read (%s)", run_id, exc)
        return None
    try:
        return compare(previous, briefing, run_id)
    except Exception:  # the briefing is paid for: a fault in the comparison must not lose it
        log.exception("no history: comparing with run %d failed", run_id)
        return None


def _brief(
    loaded: ingest.Ingested, settings: Settings, llm: StructuredModel, job: _Job
) -> Briefing:
    if job.batch:
        if not isinstance(llm, client.LLM):
            raise ConfigError("A batched run needs a model server with the Batch API.")
        extractions, skipped = extract_batched(loaded, settings, llm, job)
    else:
        extractions, skipped = extract_loaded(
            loaded, settings=settings, llm=llm, on_article=job.on_article
        )
    briefing = assemble(extractions, skipped, date=job.date, timing=job.timing)
    if job.lead:
        add_lead(briefing, llm)
    return briefing


def extract_batched(
    loaded: ingest.Ingested, settings: Settings, llm: LLM, job: _Job
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Extraction through the Batch API, in rounds (see llm/batch.py): each round extracts
    every article as far as the answers in hand allow, then sends what is missing."""
    batcher = Batcher(llm, settings.batch_poll)
    if job.on_batch is not None:
        batcher.notify = job.on_batch
    workers = settings.resolved_concurrency()  # for the answers re-asked or asked directly
    for _ in range(MAX_BATCH_ROUNDS):
        outcomes = ordered_map(
            lambda a: _extract_or_wait(a, batcher, settings), loaded.articles, workers
        )
        if not batcher.pending:
            break
        batcher.send()
    else:  # a server that keeps losing batches: say so, rather than wait for ever
        outcomes = [
            o or SkippedArticle(path=a.path, reason=_UNANSWERED)
            for a, o in zip(loaded.articles, outcomes, strict=True)
        ]
    return _collected(loaded, [o for o in outcomes if o is not None], job.on_article)


MAX_BATCH_ROUNDS = 10  # two are the rule; more for truncated chunks and lost batches
_UNANSWERED = f"no batch answer after {MAX_BATCH_ROUNDS} rounds; run it without --batch"


def _extract_or_wait(
    article: Article, batcher: Batcher, settings: Settings
) -> ArticleExtraction | SkippedArticle | None:
    try:
        return _extract_or_skip(article, batcher, settings.chunk_chars)
    except Pending:
        return None  # its request is in batcher.pending


def add_lead(briefing: Briefing, llm: StructuredModel) -> None:
    """Ask for the lead paragraph and keep the sentences that pass its checks (lead.py).
    If the call fails, the briefing stands without a lead, and says why."""
    try:
        sentences, dropped, stats = write_lead(briefing, llm)
    except ModelError as exc:
        log.warning("no lead: %s", exc)
        briefing.run.lead_prompt_version = lead_prompt_version()
        briefing.run.lead_error = str(exc)
        return
    run = briefing.run
    briefing.lead = sentences
    run.lead_prompt_version = lead_prompt_version()
    run.lead_dropped = dropped
    run.calls += stats.calls
    run.reasks += stats.reasks
    run.prompt_tokens += stats.prompt_tokens
    run.completion_tokens += stats.completion_tokens
    if run.timing is not None:
        run.timing.seconds = round(run.timing.seconds + stats.seconds, 1)


def extract_all(
    paths: Iterable[str | Path], *, settings: Settings, llm: StructuredModel | None = None
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Run extraction over each article under ``paths``; one that fails is skipped with its reason."""
    return extract_loaded(ingest.load(paths), settings=settings, llm=llm)


@dataclass(frozen=True)
class ArticleProgress:
    """What a run has just done with one article, for a progress display.

    ``status`` is "started" when a worker takes the article, then one of "extracted",
    "cached" (every call answered from the run store) or "skipped" (``reason`` says why).
    Tokens and cost are those of the calls made now, not of answers from the store.
    """

    index: int
    total: int
    path: str
    status: Literal["started", "extracted", "cached", "skipped"]
    tokens: int = 0
    cost_usd: float | None = 0.0
    reason: str | None = None


OnArticle = Callable[[ArticleProgress], None]


def extract_loaded(
    loaded: ingest.Ingested,
    *,
    settings: Settings,
    llm: StructuredModel | None = None,
    on_article: OnArticle | None = None,
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Run extraction over loaded articles, ``settings.resolved_concurrency()`` at a time; one
    that fails is skipped with its reason. The result is in input order, whatever order the
    calls complete in."""
    if llm is None:
        with LLM(settings) as own:
            return extract_loaded(loaded, settings=settings, llm=own, on_article=on_article)
    model, total = llm, len(loaded.articles)

    def one(indexed: tuple[int, Article]) -> ArticleExtraction | SkippedArticle:
        index, article = indexed
        if on_article is not None:
            on_article(ArticleProgress(index, total, article.path, "started"))
        return _extract_or_skip(article, model, settings.chunk_chars)

    def report(index: int, outcome: ArticleExtraction | SkippedArticle) -> None:
        if on_article is not None:
            on_article(_progress(index, total, loaded.articles[index].path, outcome))

    # A model object of the caller's own is called from one thread, unless told otherwise.
    foreign = not isinstance(llm, client.LLM) and settings.concurrency is None
    workers = 1 if foreign else settings.resolved_concurrency()
    outcomes = ordered_map(one, list(enumerate(loaded.articles)), workers, report)
    return _collected(loaded, outcomes, None)


def _collected(
    loaded: ingest.Ingested,
    outcomes: list[ArticleExtraction | SkippedArticle],
    on_article: OnArticle | None,
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """The extractions and the skipped inputs, in input order (``on_article`` told of each)."""
    if on_article is not None:
        total = len(outcomes)
        for index, (article, outcome) in enumerate(zip(loaded.articles, outcomes, strict=True)):
            on_article(_progress(index, total, article.path, outcome))
    extractions = [o for o in outcomes if isinstance(o, ArticleExtraction)]
    skipped = list(loaded.skipped) + [o for o in outcomes if isinstance(o, SkippedArticle)]
    if not extractions:
        raise ModelError(f"No article could be extracted: {skipped[-1].reason}")
    return extractions, skipped


def _extract_or_skip(
    article: Article, llm: StructuredModel, chunk_chars: int
) -> ArticleExtraction | SkippedArticle:
    """One article's extraction, or why it is skipped. A fatal error (the server is gone, the
    key refused) is raised: it would fail every other article too."""
    try:
        return extract_article(article, llm, chunk_chars)
    except BudgetExhausted as exc:
        log.warning("not extracted %s: %s", article.path, exc)
        return SkippedArticle(path=article.path, reason=f"not extracted: {exc}")
    except ModelError as exc:
        if exc.fatal:
            raise
        log.warning("skipped %s: %s", article.path, exc)
        return SkippedArticle(path=article.path, reason=str(exc))


def _progress(
    index: int, total: int, path: str, outcome: ArticleExtraction | SkippedArticle
) -> ArticleProgress:
    if isinstance(outcome, SkippedArticle):
        return ArticleProgress(index, total, path, "skipped", reason=outcome.reason)
    stats = outcome.stats
    cached = stats.from_store > 0 and stats.spent_tokens == 0
    status: Literal["extracted", "cached"] = "cached" if cached else "extracted"
    return ArticleProgress(index, total, path, status, stats.spent_tokens, stats.cost_usd)


def assemble(
    extractions: list[ArticleExtraction],
    skipped: list[SkippedArticle],
    *,
    date: str | None = None,
    timing: bool = True,
) -> Briefing:
    """Merge extractions into a Briefing (no model call)."""
    merged = merge(extractions)
    now = dt.datetime.now(dt.UTC)
    day = date or now.date().isoformat()
    stats = [x.stats for x in extractions]
    run = RunInfo(
        model=extractions[0].model,
        prompt_version=prompt_version(),
        articles=len(extractions),
        calls=sum(s.calls for s in stats),
        reasks=sum(s.reasks for s in stats),
        dropped=sum(len(x.dropped) for x in extractions),
        prompt_tokens=sum(s.prompt_tokens for s in stats),
        completion_tokens=sum(s.completion_tokens for s in stats),
        timing=Timing(
            generated_at=now.isoformat(timespec="seconds"),
            seconds=round(sum(s.seconds for s in stats), 1),
            seconds_per_source=[round(s.seconds, 1) for s in stats],
        )
        if timing
        else None,
    )
    return Briefing(
        title=f"News briefing, {day}",
        date=day,
        sources=merged.sources,
        developments=merged.developments,
        figures=merged.figures,
        actors=merged.actors,
        statements=merged.statements,
        citations=merged.citations,
        skipped=skipped,
        run=run,
    )
