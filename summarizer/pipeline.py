"""brief(), extract() and quantities(): the stages wired together, ingest -> extract -> merge -> render."""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer import ingest, summaries
from summarizer import repeats as _repeats
from summarizer.config import Settings
from summarizer.errors import ConfigError, ModelError, StoreError
from summarizer.extraction import extract as extract_article
from summarizer.extraction import prompt_version
from summarizer.extraction.scheduling import (
    ArticleProgress,
    Halt,
    OnArticle,
    extract_batched,
    extract_loaded,
)
from summarizer.figures.reader import Quantity
from summarizer.figures.reader import read as read_quantities
from summarizer.lead import prompt_version as lead_prompt_version
from summarizer.lead import write as write_lead
from summarizer.llm import LLM, StructuredModel, client
from summarizer.llm.backends import Backend, connect
from summarizer.merge import merge
from summarizer.merge.checks import support_report
from summarizer.merge.history import compare
from summarizer.models import (
    Article,
    ArticleExtraction,
    Briefing,
    CallStats,
    History,
    RunInfo,
    SkippedArticle,
    Timing,
)
from summarizer.store import Store, default_path
from summarizer.text.fold import fold_name

__all__ = [
    "ArticleProgress",
    "OnArticle",
    "add_lead",
    "add_stories",
    "assemble",
    "brief",
    "briefing_date",
    "extract",
    "extract_all",
]

log = logging.getLogger("summarizer")


Paths = str | os.PathLike[str] | Article | Iterable[str | os.PathLike[str] | Article]


def extract(
    path: str | os.PathLike[str] | Article,
    *,
    settings: Settings | None = None,
    llm: StructuredModel | None = None,
    **options: Any,
) -> ArticleExtraction:
    """Extract one article: a file, or an Article made with ``summarizer.article(text)``;
    ``options`` are Settings fields (model, base_url, api_key...)."""
    settings = settings_of(settings, options)
    loaded = _load(as_paths(path), settings)
    if llm is not None:
        return extract_article(loaded.articles[0], llm, settings.chunk_chars)
    with connect(settings) as connected, LLM(connected) as model:
        return extract_article(loaded.articles[0], model, settings.chunk_chars)


def quantities(text: str) -> list[Quantity]:
    """Every number of ``text``, read by rule with no model: each figure's value (or low and
    high), unit as written and as compared, role, scope and what it counts, and each
    not-figure's reason (a date, an age...). See summarizer/figures/reader.py."""
    return read_quantities(text)


@dataclass(frozen=True)
class _Job:
    """What a brief() call asks for, beyond the articles and the model."""

    date: str
    timing: bool = True
    lead: bool = False
    history: bool = True
    batch: bool = False
    summary: bool = True
    on_article: OnArticle | None = None
    on_batch: Callable[[str], None] | None = None
    on_store_error: Callable[[str], None] | None = None
    on_backend: Callable[[Backend], None] | None = None
    on_stage: Callable[[str], None] | None = None


def brief(
    paths: Paths,
    *,
    settings: Settings | None = None,
    llm: StructuredModel | None = None,
    date: str | None = None,
    timing: bool = True,
    lead: bool = False,
    history: bool = True,
    batch: bool = False,
    summary: bool | None = None,
    resume: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_article: OnArticle | None = None,
    on_batch: Callable[[str], None] | None = None,
    on_store_error: Callable[[str], None] | None = None,
    on_backend: Callable[[Backend], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
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

    The model calls are what costs, not their record: if the run store cannot be opened or
    written, the briefing is made all the same and ``on_store_error`` hears, once, that
    nothing (more) was stored and why (by default it is logged as a warning). A batched or
    resumed run depends on the store: there, StoreError is raised. ``on_backend`` hears which
    model backend the run uses, and why (``Backend.describe()`` says it in one line), before
    the embedded model is started or anything is sent. ``on_stage`` hears what the run does
    after the extractions, as each step starts ("story 2 of 5: headline and summary", "lead
    paragraph"): on a local model each is a call of a minute or more.
    """
    settings = settings_of(settings, options)
    paths = as_paths(paths)
    if resume is not None:
        paths, date, batch = _resumed(settings, resume, paths, batch)
    job = _Job(
        briefing_date(date),
        timing,
        lead,
        history,
        batch,
        settings.summary if summary is None else summary,
        on_article,
        on_batch,
        on_store_error,
        on_backend,
        on_stage,
    )
    loaded = _load(paths, settings)  # bad input fails before any model is started
    if llm is not None:
        return _brief(loaded, settings, llm, job)
    store = _store_for(settings, job, resumed=resume is not None)
    if store is None:
        return _brief_unstored(loaded, settings, job, progress)
    with store:
        return _brief_stored(loaded, settings, store, job, progress, resume)


def _load(paths: list[str | Article], settings: Settings) -> ingest.Ingested:
    return ingest.load(
        paths, max_chars=settings.max_article_chars, follow_links=settings.follow_links
    )


def _resumed(
    settings: Settings, run_id: int, paths: list[str | Article], batch: bool
) -> tuple[list[str | Article], str | None, bool]:
    """The inputs, date and batch mode of the stored run to resume."""
    if list(paths):
        raise ConfigError("--resume continues a run on its own inputs: give no paths with it.")
    with Store(settings.store or default_path()) as store:
        inputs, date, batched = store.run_inputs(run_id)
    return (
        list(inputs),
        date,
        batch or batched,
    )  # its batches in flight are waited for, never asked live


def _tool_version() -> str:
    from summarizer import __version__

    return __version__


def as_paths(paths: Paths) -> list[str | Article]:
    """``paths`` as a list: a str or PathLike is one path ("seeds/", never its characters),
    an Article (``summarizer.article(text, ...)``) one article in memory."""
    if isinstance(paths, str | os.PathLike | Article):
        paths = [paths]
    elif isinstance(paths, bytes):
        raise ConfigError("Give paths as str or pathlib.Path, not bytes.")
    out: list[str | Article] = []
    for p in paths:
        if isinstance(p, Article):
            out.append(p)
        elif isinstance(p, str | os.PathLike):
            out.append(os.fspath(p))
        else:
            raise ConfigError(
                f"Cannot read {type(p).__name__} {p!r}: give paths (str or pathlib.Path) or "
                "articles made with summarizer.article(text)."
            )
    return out


def settings_of(settings: Settings | None, options: dict[str, Any]) -> Settings:
    """``settings``, or Settings made of ``options``; an option Settings does not know is an
    error naming the valid ones (a typo such as ``base_ulr`` is never silently ignored)."""
    fields = Settings.model_fields
    known = set(fields) | {f.alias for f in fields.values() if f.alias}
    unknown = sorted(set(options) - known)
    if unknown:
        hints = [
            f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name)
            for name in unknown
            for close in [difflib.get_close_matches(name, known, n=1)]
        ]
        raise ConfigError(
            f"Unknown option{'s' if len(unknown) > 1 else ''} {', '.join(hints)}. "
            f"Valid options: {', '.join(sorted(known))}."
        )
    if settings is not None:
        if options:
            raise ConfigError("Give either settings= or options such as model=, not both.")
        return settings
    return Settings(**options)


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


def _store_for(settings: Settings, job: _Job, *, resumed: bool) -> Store | None:
    """The run store for a run; None, said once, if it cannot be opened. A batched or resumed
    run lives in the store: it gets a store that raises StoreError instead."""
    path = settings.store or default_path()
    if job.batch or resumed:
        return Store(path)
    report = job.on_store_error or _log_unstored
    try:
        return Store(path, on_error=report)
    except StoreError as exc:
        report(f"nothing was stored: {exc}")
        return None


def _log_unstored(message: str) -> None:
    log.warning("%s", message)


def _brief_unstored(
    loaded: ingest.Ingested,
    settings: Settings,
    job: _Job,
    progress: Callable[[int], None] | None,
) -> Briefing:
    """A run without the run store: the same briefing, with no record and no history."""
    with connect(settings, progress, job.on_backend) as connected, LLM(connected) as model:
        return _brief(loaded, connected, model, job)


def _brief_stored(
    loaded: ingest.Ingested,
    settings: Settings,
    store: Store,
    job: _Job,
    progress: Callable[[int], None] | None,
    run_id: int | None,
) -> Briefing:
    """A run recorded in the store: its calls, its outcome and its briefing. If the run
    cannot even be recorded (``run_id`` None: the store is lost, e.g. read-only), the calls
    it holds still answer."""
    inputs = [_input(a.path, a.id) for a in loaded.articles]
    run_id = store.start_run(inputs, job.date) if run_id is None else store.reopen_run(run_id)
    status, briefing = "failed", None
    try:
        # connect() starts the embedded model when it is the one; all is closed after
        with (
            connect(settings, progress, job.on_backend) as connected,
            LLM(connected, store=store, run_id=run_id) as model,
        ):
            briefing = _brief(loaded, connected, model, job)
            if briefing.run.timing is not None and run_id is not None:
                briefing.run.timing.calls_made = model.calls_made
                briefing.run.timing.cache_hits = model.cache_hits
                briefing.run.timing.run_id = run_id
        if job.history:
            briefing.history = _since_previous(store, briefing)
        status = "partial" if briefing.skipped else "ok"
        return briefing
    except (KeyboardInterrupt, SystemExit):
        # Ctrl-C; or SIGTERM, which the CLI raises as a KeyboardInterrupt and the embedded
        # model's server (llm/local.py) as SystemExit. Either way the run can be resumed.
        status = "interrupted"
        raise
    finally:
        if run_id is not None:
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
    halt = Halt()
    if job.batch:
        if not isinstance(llm, client.LLM):
            raise ConfigError("A batched run needs a model server with the Batch API.")
        extractions, skipped = extract_batched(loaded, settings, llm, job.on_article, job.on_batch)
    else:
        extractions, skipped = extract_loaded(
            loaded, settings=settings, llm=llm, on_article=job.on_article, halt=halt
        )
    briefing = assemble(extractions, skipped, date=job.date, timing=job.timing)
    if job.summary and halt.error is not None:
        briefing.run.stories_error = f"not asked: the run stopped calling the model ({halt.error})"
    elif job.summary:
        add_stories(briefing, llm, repeats=settings.repeats, on_stage=job.on_stage)
    if job.lead and halt.error is not None:  # the server is gone: no call is made for a lead
        briefing.run.lead_prompt_version = lead_prompt_version()
        briefing.run.lead_error = f"not asked: the run stopped calling the model ({halt.error})"
    elif job.lead:
        if job.on_stage is not None:
            job.on_stage("lead paragraph")
        add_lead(briefing, llm)
    return briefing


def add_stories(
    briefing: Briefing,
    llm: StructuredModel,
    *,
    repeats: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> None:
    """Edit each story with the model: with ``repeats``, join the developments it says
    repeat each other (repeats.py; only pairs the rules found close), then write a checked
    headline and summary (summaries.py). A call that fails leaves the story as the rules made
    it, and the briefing says why; after one, no more calls are made."""
    run = briefing.run
    versions = [_repeats.prompt_version()] if repeats else []
    run.stories_prompt_version = "+".join([*versions, summaries.prompt_version()])
    for k, story in enumerate(briefing.stories, start=1):
        if on_stage is not None:
            on_stage(f"story {k} of {len(briefing.stories)}: headline and summary")
        try:
            offer = _repeats.offered(briefing, story) if repeats else None
            if offer is not None:
                same, stats = _repeats.ask(offer, llm, story)
                _count_call(briefing, stats)
                if same is not None:
                    run.joined_by_model += _repeats.join(briefing, story, offer, same)
            headline, sentences, dropped, stats = summaries.write(briefing, story, llm)
            _count_call(briefing, stats)
            if headline is not None:
                story.headline, story.headline_from = headline, "model"
            # A sentence that only repeats the headline's words says nothing more (a small
            # model copies the best-attested development into both).
            said = fold_name(story.headline.text).rstrip(".")
            story.summary = [s for s in sentences if fold_name(s.text).rstrip(".") != said]
            story.summary_dropped = dropped
        except ModelError as exc:
            log.warning("stories not edited further: %s", exc)
            run.stories_error = str(exc)
            break
    run.support = support_report(briefing)


def _count_call(briefing: Briefing, stats: CallStats) -> None:
    run = briefing.run
    run.calls += stats.calls
    run.reasks += stats.reasks
    run.prompt_tokens += stats.prompt_tokens
    run.completion_tokens += stats.completion_tokens
    if run.timing is not None:
        run.timing.seconds = round(run.timing.seconds + stats.seconds, 1)


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
    _count_call(briefing, stats)
    run.support = support_report(briefing)


def extract_all(
    paths: Paths, *, settings: Settings, llm: StructuredModel | None = None
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Run extraction over each article under ``paths``; one that fails is skipped with its reason."""
    return extract_loaded(_load(as_paths(paths), settings), settings=settings, llm=llm)


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
        tool_version=_tool_version(),
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
    briefing = Briefing(
        title=f"News briefing, {day}",
        date=day,
        stories=merged.stories,
        sources=merged.sources,
        developments=merged.developments,
        figures=merged.figures,
        actors=merged.actors,
        statements=merged.statements,
        citations=merged.citations,
        skipped=skipped,
        run=run,
    )
    briefing.run.support = support_report(briefing)
    return briefing
