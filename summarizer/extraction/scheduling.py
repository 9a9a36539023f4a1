"""Many articles extracted at once: on a few threads, or through the Batch API in rounds.

``ordered_map`` runs one function over many items on a few threads, results in input order.

Threads, not asyncio: the library's API stays synchronous and callable from anywhere (a
script, a notebook whose event loop is already running, a web handler), the openai client is
thread-safe, and the work is waiting on the network. The threads are daemons, so Ctrl-C in
the caller returns at once instead of waiting for requests in flight; the run then closes its
model client and store, so an abandoned thread sends no new request and stores nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Literal, TypeVar

from summarizer import ingest
from summarizer.config import Settings
from summarizer.errors import BudgetExhausted, ModelError
from summarizer.extraction import extract
from summarizer.llm import LLM, client
from summarizer.llm.base import Pending, StructuredModel
from summarizer.llm.batch import Batcher
from summarizer.models import Article, ArticleExtraction, SkippedArticle

log = logging.getLogger("summarizer")

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    on_result: Callable[[int, R], None] | None = None,
) -> list[R]:
    """``[work(x) for x in items]``, with up to ``workers`` items in progress at once.

    ``on_result(index, result)`` is called on the caller's thread as each item finishes, in
    completion order; the list returned is in input order, so the output never depends on
    which call came back first. The first exception raised by ``work`` stops the items not
    yet started and is raised here.
    """
    if workers <= 1 or len(items) <= 1:
        in_order = []
        for index, item in enumerate(items):
            in_order.append(work(item))
            if on_result is not None:
                on_result(index, in_order[-1])
        return in_order
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(items)):
        todo.put(index)
    done: queue.SimpleQueue[tuple[int, Future[R]]] = queue.SimpleQueue()
    halt = threading.Event()

    def worker() -> None:
        while not halt.is_set():
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            outcome: Future[R] = Future()
            try:
                outcome.set_result(work(items[index]))
            except BaseException as exc:  # handed to the caller's thread, raised there
                outcome.set_exception(exc)
            done.put((index, outcome))

    for n in range(min(workers, len(items))):
        threading.Thread(target=worker, name=f"summarizer-{n}", daemon=True).start()
    results: dict[int, R] = {}
    try:
        for _ in items:
            index, outcome = done.get()
            results[index] = outcome.result()  # raises what work() raised
            if on_result is not None:
                on_result(index, results[index])
    finally:
        halt.set()
    return [results[i] for i in range(len(items))]


@dataclass(frozen=True)
class ArticleProgress:
    """What a run has just done with one article, for a progress display.

    ``status`` is "started" when a worker takes the article, "working" as it moves to the
    next stage (``stage`` says which: "reading", "part 2 of 3", "labelling figures"), then
    one of "extracted", "cached" (every call answered from the run store) or "skipped"
    (``reason`` says why). Tokens and cost are those of the calls made now, not of answers
    from the store. ``chars`` is the article's length and ``total_chars`` that of every
    article of the run, so that a display can estimate the time left by what is still to read.
    """

    index: int
    total: int
    path: str
    status: Literal["started", "working", "extracted", "cached", "skipped"]
    tokens: int = 0
    cost_usd: float | None = 0.0
    reason: str | None = None
    stage: str | None = None
    chars: int = 0
    total_chars: int = 0


OnArticle = Callable[[ArticleProgress], None]


def extract_loaded(
    loaded: ingest.Ingested,
    *,
    settings: Settings,
    llm: StructuredModel | None = None,
    on_article: OnArticle | None = None,
    halt: Halt | None = None,
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Run extraction over loaded articles, ``settings.resolved_concurrency()`` at a time; one
    that fails is skipped with its reason. The result is in input order, whatever order the
    calls complete in. ``halt`` says afterwards whether a fatal error stopped the calls."""
    if llm is None:
        with LLM(settings) as own:
            return extract_loaded(
                loaded, settings=settings, llm=own, on_article=on_article, halt=halt
            )
    model, total, halt = llm, len(loaded.articles), halt or Halt()
    size = sum(len(a.text) for a in loaded.articles)

    def one(indexed: tuple[int, Article]) -> ArticleExtraction | SkippedArticle:
        index, article = indexed
        chars = len(article.text)

        def told(stage: str) -> None:
            if on_article is not None:
                on_article(
                    ArticleProgress(
                        index,
                        total,
                        article.path,
                        "working",
                        stage=stage,
                        chars=chars,
                        total_chars=size,
                    )
                )

        if on_article is not None:
            on_article(
                ArticleProgress(
                    index, total, article.path, "started", chars=chars, total_chars=size
                )
            )
        return _extract_or_skip(article, model, settings.chunk_chars, halt, told)

    def report(index: int, outcome: ArticleExtraction | SkippedArticle) -> None:
        if on_article is not None:
            article = loaded.articles[index]
            on_article(_progress(index, total, article.path, outcome, len(article.text), size))

    # A model object of the caller's own is called from one thread, unless told otherwise.
    foreign = not isinstance(llm, client.LLM) and settings.concurrency is None
    workers = 1 if foreign else settings.resolved_concurrency()
    outcomes = ordered_map(one, list(enumerate(loaded.articles)), workers, report)
    return _collected(loaded, outcomes, None, halt)


def _collected(
    loaded: ingest.Ingested,
    outcomes: list[ArticleExtraction | SkippedArticle],
    on_article: OnArticle | None,
    halt: Halt,
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """The extractions and the skipped inputs, in input order (``on_article`` told of each).
    With no extraction at all, the run failed: ModelError, fatal if the server stopped it."""
    if on_article is not None:
        total = len(outcomes)
        size = sum(len(a.text) for a in loaded.articles)
        for index, (article, outcome) in enumerate(zip(loaded.articles, outcomes, strict=True)):
            on_article(_progress(index, total, article.path, outcome, len(article.text), size))
    extractions = [o for o in outcomes if isinstance(o, ArticleExtraction)]
    skipped = list(loaded.skipped) + [o for o in outcomes if isinstance(o, SkippedArticle)]
    if not extractions:
        if halt.error is not None:
            raise ModelError(
                f"No article could be extracted: {halt.error}",
                fatal=True,
                status=halt.error.status,
            )
        raise ModelError(f"No article could be extracted: {skipped[-1].reason}")
    return extractions, skipped


class Halt:
    """The fatal model error that stopped a run's calls, if one did (the server is gone, the
    key refused): it would fail every later call too, so none is made, but what was already
    extracted is kept and briefed."""

    def __init__(self) -> None:
        self.error: ModelError | None = None
        self._lock = threading.Lock()

    def stop(self, error: ModelError) -> None:
        with self._lock:
            self.error = self.error or error


def _extract_or_skip(
    article: Article,
    llm: StructuredModel,
    chunk_chars: int,
    halt: Halt,
    on_stage: Callable[[str], None] | None = None,
) -> ArticleExtraction | SkippedArticle:
    """One article's extraction, or why it is skipped. After a fatal error no call is made."""
    if halt.error is not None:
        reason = f"not extracted: the run stopped calling the model ({halt.error})"
        return SkippedArticle(path=article.path, reason=reason)
    try:
        return extract(article, llm, chunk_chars, on_stage)
    except BudgetExhausted as exc:
        log.warning("not extracted %s: %s", article.path, exc)
        return SkippedArticle(path=article.path, reason=f"not extracted: {exc}")
    except ModelError as exc:
        if exc.fatal:
            halt.stop(exc)
            log.warning("stopping the run's model calls at %s: %s", article.path, exc)
        else:
            log.warning("skipped %s: %s", article.path, exc)
        return SkippedArticle(path=article.path, reason=str(exc))


def _progress(
    index: int,
    total: int,
    path: str,
    outcome: ArticleExtraction | SkippedArticle,
    chars: int = 0,
    total_chars: int = 0,
) -> ArticleProgress:
    if isinstance(outcome, SkippedArticle):
        return ArticleProgress(
            index,
            total,
            path,
            "skipped",
            reason=outcome.reason,
            chars=chars,
            total_chars=total_chars,
        )
    stats = outcome.stats
    cached = stats.from_store > 0 and stats.spent_tokens == 0
    status: Literal["extracted", "cached"] = "cached" if cached else "extracted"
    return ArticleProgress(
        index,
        total,
        path,
        status,
        stats.spent_tokens,
        stats.cost_usd,
        chars=chars,
        total_chars=total_chars,
    )


def extract_batched(
    loaded: ingest.Ingested,
    settings: Settings,
    llm: LLM,
    on_article: OnArticle | None = None,
    on_batch: Callable[[str], None] | None = None,
) -> tuple[list[ArticleExtraction], list[SkippedArticle]]:
    """Extraction through the Batch API, in rounds (see llm/batch.py): each round extracts
    every article as far as the answers in hand allow, then sends what is missing."""
    batcher = Batcher(llm, settings.batch_poll)
    if on_batch is not None:
        batcher.notify = on_batch
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
    return _collected(loaded, [o for o in outcomes if o is not None], on_article, Halt())


MAX_BATCH_ROUNDS = 10  # two are the rule; more for truncated chunks and lost batches
_UNANSWERED = f"no batch answer after {MAX_BATCH_ROUNDS} rounds; run it without --batch"


def _extract_or_wait(
    article: Article, batcher: Batcher, settings: Settings
) -> ArticleExtraction | SkippedArticle | None:
    halt = Halt()
    try:
        outcome = _extract_or_skip(article, batcher, settings.chunk_chars, halt)
    except Pending:
        return None  # its request is in batcher.pending
    if halt.error is not None:  # a batched run stops here; --resume takes it up again
        raise halt.error
    return outcome
