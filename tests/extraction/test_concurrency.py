"""Articles extracted at once against a real HTTP server (tests/support/fake_server.py): the same
bytes as one at a time, the bound on requests in flight, fewer of them after 429s, Ctrl-C
that does not wait for the calls in flight, and progress events for every article."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from summarizer import Settings
from summarizer.pipeline import ArticleProgress, brief
from tests.support.fake_server import OpenAIServer, Slow, Status
from tests.support.helpers import settings_for

NAMES = ["Ana Lima", "Rui Costa", "Lea Moreau", "Ivo Sousa", "Eva Dias", "Joel Neto"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(12):
        name = NAMES[n % len(NAMES)]
        text = f"{name} opened bridge number {n + 1} on Monday. Traffic resumed at noon.\n"
        (d / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    return d


def _settings(server: OpenAIServer, tmp_path: Path, **more: object) -> Settings:
    return settings_for(server, **{"store": str(tmp_path / "runs.sqlite3"), "cache": False, **more})


def test_concurrent_extraction_gives_the_same_bytes_as_one_at_a_time(
    folder: Path, tmp_path: Path
) -> None:
    with OpenAIServer(latency=0.1) as server:
        started = time.monotonic()
        one = brief([folder], settings=_settings(server, tmp_path, concurrency=1), timing=False)
        sequential = time.monotonic() - started
        assert server.peak == 1
        started = time.monotonic()
        six = brief([folder], settings=_settings(server, tmp_path, concurrency=6), timing=False)
        concurrent = time.monotonic() - started
    assert six.to_json() == one.to_json()
    assert server.peak == 6  # the bound, and it was reached
    assert concurrent < sequential / 2  # 24 calls of 0.1 s: ~2.4 s one at a time


def test_429s_lower_the_requests_in_flight_and_every_article_completes(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="summarizer")
    with OpenAIServer(latency=0.05) as server:
        for name in NAMES[:3]:
            server.when(name, Status(429))
        briefing = brief([folder], settings=_settings(server, tmp_path, concurrency=8))
    assert len(briefing.sources) == 12 and briefing.skipped == []
    assert "at most 4 requests in flight now" in caplog.text


# An abandoned request whose client is closed under it may leave its socket to the garbage
# collector, which closes it with a ResourceWarning; when that lands inside this test,
# filterwarnings=error failed it (seen twice on 2026-12-02, once in .ci/run). Abandoning those
# calls is the behaviour under test, so that warning is expected here and only here.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_does_not_wait_for_the_calls_in_flight(folder: Path, tmp_path: Path) -> None:
    def interrupt(event: ArticleProgress) -> None:
        if event.status != "started":
            raise KeyboardInterrupt

    with OpenAIServer() as server:
        for name in NAMES[1:]:
            server.when(name, *[Slow(5)] * 2)  # every article but Ana Lima's answers slowly
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            brief(
                [folder],
                settings=_settings(server, tmp_path, concurrency=4, timeout=8),
                on_article=interrupt,
            )
        assert time.monotonic() - started < 3
        # Four in flight, and at most one more: the worker that finished Ana Lima's article
        # may have taken the next one before the stop reached it.
        time.sleep(0.5)
        sent = server.calls
        assert sent <= 5
        # The abandoned workers end once their slow answers come (or their 8 s timeout: a
        # request whose client was closed under it may not hear its answer), and send nothing
        # more. Waited for here, so that nothing of this test outlives it.
        deadline = time.monotonic() + 20
        while _workers() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _workers() and server.calls == sent


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("summarizer-")]


def test_every_article_reports_its_start_and_its_outcome(folder: Path, tmp_path: Path) -> None:
    events: list[ArticleProgress] = []
    with OpenAIServer() as server:
        settings = _settings(server, tmp_path, concurrency=3, cache=True)
        brief([folder], settings=settings, on_article=events.append)
        assert {e.status for e in events} == {"started", "working", "extracted"}
        assert all(e.tokens > 0 for e in events if e.status == "extracted")
        # Each article says its stages in order, and every event carries the sizes.
        stages = [e.stage for e in events if e.status == "working" and e.index == 0]
        assert stages == ["reading", "labelling figures"]
        total = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
        assert {e.total_chars for e in events} == {total}
        events.clear()
        brief([folder], settings=settings, on_article=events.append)
    finished = [e for e in events if e.status not in ("started", "working")]
    assert sorted(e.index for e in finished) == list(range(12))
    assert {e.status for e in finished} == {"cached"} and all(e.tokens == 0 for e in finished)
