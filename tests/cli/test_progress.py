"""The CLI's article bar: what it counts, drawn on a terminal, silent when stderr is piped."""

from __future__ import annotations

import io

from rich.console import Console

from summarizer.cli.progress import ArticleBar
from summarizer.pipeline import ArticleProgress


def _events() -> list[ArticleProgress]:
    return [
        ArticleProgress(0, 3, "in/a.txt", "started"),
        ArticleProgress(1, 3, "in/b.txt", "started"),
        ArticleProgress(0, 3, "in/a.txt", "extracted", tokens=1200, cost_usd=0.002),
        ArticleProgress(2, 3, "in/c.txt", "started"),
        ArticleProgress(2, 3, "in/c.txt", "cached"),
    ]


def test_the_bar_counts_done_failed_cached_tokens_and_cost() -> None:
    out = io.StringIO()
    bar = ArticleBar(Console(file=out, force_terminal=True, width=120))
    for event in _events():
        bar(event)
    assert bar.summary() == "1 from the store · 1,200 tokens · $0.0020 · now: b.txt"
    bar(ArticleProgress(1, 3, "in/b.txt", "skipped", reason="HTTP 500"))
    bar.close()
    assert (bar.done, bar.failed, bar.cached) == (3, 1, 1)
    assert "articles" in out.getvalue() and "3/3" in out.getvalue()


def test_an_unknown_price_makes_the_cost_unknown() -> None:
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True))
    bar(ArticleProgress(0, 2, "a.txt", "extracted", tokens=10, cost_usd=None))
    bar(ArticleProgress(1, 2, "b.txt", "extracted", tokens=10, cost_usd=0.5))
    assert "cost unknown" in bar.summary()


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    out = io.StringIO()
    bar = ArticleBar(Console(file=out, force_terminal=False))
    for event in _events():
        bar(event)
    bar.close()
    assert out.getvalue() == "" and bar.done == 2
