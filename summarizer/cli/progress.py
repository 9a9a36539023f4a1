"""What the CLI shows on stderr while it works: the embedded model's first assembly, and the
articles of a run (done, failed, answered from the store, tokens, cost). Bars are drawn only
when stderr is a terminal; piped or captured, stderr gets at most one line per event that
matters and nothing else."""

from __future__ import annotations

import contextlib
import threading
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
    """Takes a run's ArticleProgress events (from any thread) and draws them as one bar."""

    def __init__(self, err: Console) -> None:
        self.done = self.failed = self.cached = self.tokens = 0
        self.cost: float | None = 0.0
        self.working: list[str] = []
        self._lock = threading.Lock()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._err = err

    def __call__(self, event: ArticleProgress) -> None:
        with self._lock:
            self._count(event)
            if not self._err.is_terminal:
                return
            if self._bar is None:
                self._start(event.total)
            assert self._bar is not None and self._task is not None
            self._bar.update(self._task, completed=self.done, status=self.summary())

    def summary(self) -> str:
        """'1 failed · 2 from the store · 12,345 tokens · $0.0123 · now: a.txt'."""
        parts = []
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.cached:
            parts.append(f"{self.cached} from the store")
        parts.append(f"{self.tokens:,} tokens")
        parts.append("cost unknown" if self.cost is None else f"${self.cost:.4f}")
        if self.working:
            parts.append(
                "now: " + ", ".join(self.working[:2]) + ("…" if len(self.working) > 2 else "")
            )
        return escape(" · ".join(parts))

    def _count(self, event: ArticleProgress) -> None:
        name = event.path.rsplit("/", 1)[-1]
        if event.status == "started":
            self.working.append(name)
            return
        if name in self.working:
            self.working.remove(name)
        self.done += 1
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
