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


class _Clock:
    """A hand-driven clock: the estimate is tested on known times, not on a real wait."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_stage_of_an_article_in_work_is_shown() -> None:
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True))
    bar(ArticleProgress(0, 2, "in/a.txt", "started", chars=1000, total_chars=3000))
    bar(ArticleProgress(0, 2, "in/a.txt", "working", stage="part 2 of 3", chars=1000))
    assert bar.summary().endswith("now: a.txt (part 2 of 3)")
    bar(ArticleProgress(0, 2, "in/a.txt", "working", stage="labelling figures", chars=1000))
    assert bar.summary().endswith("now: a.txt (labelling figures)")


def test_the_time_left_follows_the_characters_still_to_read() -> None:
    clock = _Clock()
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True), clock=clock)
    sized = {"total_chars": 10_000}
    bar(ArticleProgress(0, 3, "a.txt", "started", chars=1000, **sized))
    assert "left" not in bar.summary()  # no pace before the first article is read
    clock.now += 60  # 1,000 characters in a minute
    bar(ArticleProgress(0, 3, "a.txt", "extracted", tokens=5, chars=1000, **sized))
    bar(ArticleProgress(1, 3, "b.txt", "started", chars=6000, **sized))
    assert bar.remaining() == 9000 * 60 / 1000
    assert "about 9 min left" in bar.summary()
    # An answer from the store takes no time: it shortens what is left, not the pace.
    bar(ArticleProgress(2, 3, "c.txt", "cached", chars=3000, **sized))
    assert bar.remaining() == 6000 * 60 / 1000


def test_the_steps_after_the_extractions_are_shown_or_printed() -> None:
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True))
    bar(ArticleProgress(0, 1, "a.txt", "extracted", chars=10, total_chars=10))
    bar.step("story 1 of 2: headline and summary")
    assert bar.summary().endswith("now: story 1 of 2: headline and summary")
    piped = io.StringIO()
    quiet_bar = ArticleBar(Console(file=piped, force_terminal=False))
    quiet_bar.step("lead paragraph")
    assert piped.getvalue() == "lead paragraph\n"


def test_extraction_reports_its_stages(fake_llm, server) -> None:  # type: ignore[no-untyped-def]
    from summarizer import ingest
    from summarizer.extraction import extract
    from tests.support.fake_model import actor, event, reply

    article = ingest.parse("Ana Silva opened the bridge on Monday.\n", "a.txt")
    server.enqueue(reply(actors=[actor("Ana Silva")], events=[event(1)]))
    heard: list[str] = []
    extract(article, fake_llm, on_stage=heard.append)
    assert heard == ["reading", "labelling figures"]


def test_a_batched_run_reports_no_start_and_the_bar_still_draws() -> None:
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True))
    bar(ArticleProgress(0, 2, "a.txt", "extracted", tokens=5, chars=10, total_chars=30))
    assert bar.remaining() is None and "left" not in bar.summary()


def test_two_articles_of_the_same_name_are_two_in_work() -> None:
    bar = ArticleBar(Console(file=io.StringIO(), force_terminal=True))
    bar(ArticleProgress(0, 2, "a/index.md", "started"))
    bar(ArticleProgress(1, 2, "b/index.md", "started"))
    bar(ArticleProgress(0, 2, "a/index.md", "extracted"))
    assert bar.summary().endswith("now: index.md")
