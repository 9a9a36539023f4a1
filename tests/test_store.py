"""The run store: every call recorded, a repeated call answered from the store, a killed run
resumed where it stopped, and runs and usage listed (against tests/support/fake_server.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import Settings, cli
from summarizer.llm import client as llm_module
from summarizer.pipeline import brief
from summarizer.render import to_markdown
from summarizer.store import Store
from tests.support.answers import ARTICLES
from tests.support.fake_server import OpenAIServer
from tests.support.helpers import article_folder, settings_for


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return article_folder(tmp_path, ARTICLES)


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def _settings(server: OpenAIServer, store: Path, **more: object) -> Settings:
    return settings_for(server, **{"store": str(store), **more})


def test_a_second_run_makes_no_call_and_gives_the_same_briefing(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    store = tmp_path / "runs.sqlite3"
    first = brief([folder], settings=_settings(server, store), timing=False)
    calls = server.calls
    assert calls == 4  # three extractions and one labelling call (the "12")
    second = brief([folder], settings=_settings(server, store), timing=False)
    assert server.calls == calls  # not one more call
    assert second.to_json() == first.to_json()
    with Store(store) as s:
        latest, earlier = s.runs()[:2]
    assert (latest["calls_made"], latest["cache_hits"]) == (0, 4)
    assert (earlier["calls_made"], earlier["cache_hits"]) == (4, 0)
    assert latest["status"] == "ok" and earlier["status"] == "ok"


def test_the_timing_field_says_what_came_from_the_store(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    store = tmp_path / "runs.sqlite3"
    brief([folder], settings=_settings(server, store))
    again = brief([folder], settings=_settings(server, store))
    assert again.run.timing is not None
    assert (again.run.timing.calls_made, again.run.timing.cache_hits) == (0, 4)
    assert "made 0 model calls and answered 4 from the run store" in to_markdown(again)


def test_no_cache_asks_again(folder: Path, server: OpenAIServer, tmp_path: Path) -> None:
    store = tmp_path / "runs.sqlite3"
    brief([folder], settings=_settings(server, store))
    brief([folder], settings=_settings(server, store, cache=False))
    assert server.calls == 8


def test_a_run_killed_halfway_resumes_with_the_remaining_calls(
    folder: Path, server: OpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "runs.sqlite3"
    settings = _settings(server, store, concurrency=1)  # killed after the second article
    original = llm_module.LLM._call_with_fallback

    def ctrl_c_before_the_third_call(self: llm_module.LLM, *args: Any) -> Any:
        if server.calls >= 2:
            raise KeyboardInterrupt
        return original(self, *args)

    monkeypatch.setattr(llm_module.LLM, "_call_with_fallback", ctrl_c_before_the_third_call)
    with pytest.raises(KeyboardInterrupt):
        brief([folder], settings=settings)
    assert server.calls == 2  # a.txt and b.txt were extracted, and stored as they came
    monkeypatch.setattr(llm_module.LLM, "_call_with_fallback", original)
    resumed = brief([folder], settings=settings)
    assert server.calls == 4  # only the rest: c.txt's extraction and its labelling call
    assert len(resumed.sources) == 3
    with Store(store) as s:
        latest, killed = s.runs()[:2]
    assert killed["status"] == "interrupted" and killed["calls_made"] == 2
    assert (latest["calls_made"], latest["cache_hits"]) == (2, 2)


def test_every_call_is_recorded_with_its_cost(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    store = tmp_path / "runs.sqlite3"
    brief([folder], settings=_settings(server, store))
    rows = (
        sqlite3.connect(store)
        .execute(
            "SELECT model, valid, attempts, prompt_tokens, completion_tokens, cost_usd, request "
            "FROM calls"
        )
        .fetchall()
    )
    assert len(rows) == 4
    for model, valid, attempts, prompt, completion, usd, request in rows:
        assert model == "m" and valid == 1 and attempts == 1 and prompt > 0 and completion > 0
        assert usd is None  # "m" is in no price table: unknown, never 0
        assert "article-TAG" in request or "mentions-TAG" in request  # random tags blanked


def test_runs_and_usage_commands(folder: Path, server: OpenAIServer, tmp_path: Path) -> None:
    store = tmp_path / "runs.sqlite3"
    runner = CliRunner()
    args = ["brief", str(folder), "--base-url", server.base_url, "--model", "m"]
    assert (
        runner.invoke(cli.app, [*args, "--store", str(store), "--date", "2026-11-23"]).exit_code
        == 0
    )
    assert runner.invoke(cli.app, [*args, "--store", str(store)]).exit_code == 0
    runs = runner.invoke(cli.app, ["runs", "--store", str(store)])
    assert runs.exit_code == 0, runs.stderr
    lines = runs.stdout.strip().splitlines()
    assert "2026-11-23" in runs.stdout and len(lines) >= 3
    usage = runner.invoke(cli.app, ["usage", "--store", str(store), "--json"])
    (day,) = json.loads(usage.stdout)
    assert day["model"] == "m" and day["calls"] == 4 and day["cost_usd"] is None


def _stored_calls(store: Path) -> int:
    try:
        with sqlite3.connect(store) as db:
            return int(db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_run_killed_outright_after_two_articles_makes_only_the_remaining_calls(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys
    import time

    names = ["Ana Lima", "Rui Costa", "Lea Moreau", "Ivo Sousa"]
    folder = article_folder(
        tmp_path,
        {f"{n}.txt": f"{name} opened the bridge on Monday.\n" for n, name in enumerate(names)},
    )
    store = tmp_path / "runs.sqlite3"
    with OpenAIServer(latency=0.3) as server:
        args = ["brief", str(folder), "--base-url", server.base_url, "--model", "m"]
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "summarizer",
                *args,
                "--store",
                str(store),
                "--concurrency",
                "1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while _stored_calls(store) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        child.kill()  # SIGKILL: no handler runs, nothing is flushed on the way out
        child.wait()
        stored, sent = _stored_calls(store), server.calls
        assert stored >= 2
        resumed = brief([folder], settings=_settings(server, store))
        assert len(resumed.sources) == 4
        assert server.calls - sent == 4 - stored  # one call per article, the stored ones not again


def test_the_store_keys_calls_without_the_url_credentials_and_keeps_none(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    # Credentials do not decide an answer: a changed password still finds the stored calls,
    # and neither password is in the store, not even under the hash of a key.
    store = tmp_path / "runs.sqlite3"
    for password in ("old-pw-1234", "new-pw-5678"):
        url = server.base_url.replace("http://", f"http://user:{password}@")
        brief([folder], settings=_settings(server, store, base_url=url), timing=False)
    assert server.calls == 4  # the second run made none
    with Store(store) as s:
        assert s.runs()[0]["cache_hits"] == 4
    written = b"".join(p.read_bytes() for p in tmp_path.glob("runs.sqlite3*"))
    assert b"old-pw-1234" not in written and b"new-pw-5678" not in written
