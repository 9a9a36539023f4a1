"""What the CLI shows on stderr while it works: the embedded model's first assembly, and the
articles of a run (done, failed, answered from the store, tokens, cost). Bars are drawn only
when stderr is a terminal; piped or captured, stderr gets at most one line per event that
matters and nothing else."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from summarizer.extraction.scheduling import ArticleProgress
from summarizer.llm import local


@contextlib.contextmanager
def assembly(err: Console) -> Iterator[Callable[[int], None]]:
    """A progress bar for the first assembly of the embedded model (a line if stderr is not
    a terminal). Yields the callback that takes the bytes written so far."""
    state: dict[str, Any] = {}

    def update(done: int) -> None:
        if "bar" not in state:
            if not err.is_terminal:
                err.print(
                    f"assembling the embedded model into {escape(str(local.cache_dir()))} (once)"
                )
                state["bar"] = None
            else:
                bar = Progress(
                    TextColumn("assembling the embedded model"),
                    BarColumn(),
                    DownloadColumn(),
                    console=err,
                    transient=True,
                )
                bar.start()
                state["bar"], state["task"] = bar, bar.add_task("model", total=local.SIZE)
        if state["bar"] is not None:
            state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if state.get("bar") is not None:
            state["bar"].stop()


class ArticleBar:
    """Takes a run's ArticleProgress events (from any thread) and draws them as one bar: the
    articles done, what each article in work is doing now, and an estimate of the time left,
    from the characters still to read at the pace of those read so far: wall-clock time since
    the first article started over the characters the model has read (answers from the store
    take no time and are left out), so articles read side by side count once."""

    def __init__(self, err: Console, clock: Callable[[], float] = time.monotonic) -> None:
        self.done = self.failed = self.cached = self.tokens = 0
        self.cost: float | None = 0.0
        self.working: dict[int, tuple[str, str]] = {}  # in work: index -> (name, stage)
        self.stage: str | None = None  # after the extractions: what the run does now
        self._total_chars = self._read_chars = self._worked_chars = 0
        self._first: float | None = None
        self._clock = clock
        self._lock = threading.Lock()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._err = err

    def __call__(self, event: ArticleProgress) -> None:
        with self._lock:
            self._count(event)
            self._draw(event.total)

    def step(self, stage: str) -> None:
        """The run's next step after the extractions ("story 2 of 5: ..."), shown on the bar
        (a line when stderr is not a terminal: each of these is a model call)."""
        with self._lock:
            self.stage = stage
            if not self._err.is_terminal:
                self._err.print(escape(stage), highlight=False)
                return
            if self._bar is not None:
                self._draw(self.done)

    def _draw(self, total: int) -> None:
        if not self._err.is_terminal:
            return
        if self._bar is None:
            self._start(total)
        assert self._bar is not None and self._task is not None
        self._bar.update(self._task, completed=self.done, status=self.summary())

    def remaining(self) -> float | None:
        """Seconds left for the extractions, by the pace so far; None before any article
        was read by the model (or when none is left)."""
        left = self._total_chars - self._read_chars
        if self._worked_chars == 0 or left <= 0 or self._first is None:
            return None  # a batched run reports no start: no pace to go by
        return left * (self._clock() - self._first) / self._worked_chars

    def summary(self) -> str:
        """'1 failed · 2 from the store · 12,345 tokens · $0.0123 · about 3 min left · now:
        a.txt (labelling figures)'."""
        parts = []
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.cached:
            parts.append(f"{self.cached} from the store")
        parts.append(f"{self.tokens:,} tokens")
        parts.append("cost unknown" if self.cost is None else f"${self.cost:.4f}")
        left = self.remaining()
        if left is not None and self.working:
            parts.append(f"about {_duration(left)} left")
        if self.working:
            shown = [
                f"{name} ({stage})" if stage else name for name, stage in self.working.values()
            ]
            parts.append("now: " + ", ".join(shown[:2]) + ("…" if len(shown) > 2 else ""))
        elif self.stage:
            parts.append(f"now: {self.stage}")
        return escape(" · ".join(parts))

    def _count(self, event: ArticleProgress) -> None:
        name = event.path.rsplit("/", 1)[-1]
        self._total_chars = max(self._total_chars, event.total_chars)
        if event.status in ("started", "working"):
            self.working[event.index] = (name, event.stage or "")
            if self._first is None:
                self._first = self._clock()
            return
        self.working.pop(event.index, None)
        self.done += 1
        self._read_chars += event.chars
        if event.status != "cached":
            self._worked_chars += event.chars
        self.failed += event.status == "skipped"
        self.cached += event.status == "cached"
        self.tokens += event.tokens
        if self.cost is not None:
            self.cost = None if event.cost_usd is None else self.cost + event.cost_usd

    def _start(self, total: int) -> None:
        self._bar = Progress(
            TextColumn("articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=self._err,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("articles", total=total, status="")

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


@contextlib.contextmanager
def articles(err: Console) -> Iterator[ArticleBar]:
    """The article bar for the length of a run, removed when it ends (the summary stays)."""
    bar = ArticleBar(err)
    try:
        yield bar
    finally:
        bar.close()


def _duration(seconds: float) -> str:
    """'40 s', '3 min', '1 h 05 min': an estimate, rounded as one."""
    if seconds < 60:
        return f"{max(5, round(seconds / 5) * 5)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
