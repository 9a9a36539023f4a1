"""The run store: every call recorded, a repeated call answered from the store, a killed run
resumed where it stopped and marked, runs and usage listed, and a store that cannot be opened
or written (against tests/support/fake_server.py; real broken files: tests/support/filesystem.py)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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
from tests.support.fake_server import OpenAIServer, echo
from tests.support.filesystem import Breakage
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


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(KeyboardInterrupt, id="Ctrl-C"),
        # SIGTERM while the embedded model serves: llm/local.py turns it into SystemExit.
        pytest.param(SystemExit, id="SIGTERM under the embedded model"),
    ],
)
def test_a_run_stopped_halfway_resumes_with_the_remaining_calls(
    folder: Path,
    server: OpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stop: type[BaseException],
) -> None:
    store = tmp_path / "runs.sqlite3"
    settings = _settings(server, store, concurrency=1)  # stopped after the second article
    original = llm_module.LLM._call_with_fallback

    def stop_before_the_third_call(self: llm_module.LLM, *args: Any) -> Any:
        if server.calls >= 2:
            raise stop
        return original(self, *args)

    monkeypatch.setattr(llm_module.LLM, "_call_with_fallback", stop_before_the_third_call)
    with pytest.raises(stop):
        brief([folder], settings=settings)
    assert server.calls == 2  # a.txt and b.txt were extracted, and stored as they came
    monkeypatch.setattr(llm_module.LLM, "_call_with_fallback", original)
    resumed = brief([folder], settings=settings)
    assert server.calls == 4  # only the rest: c.txt's extraction and its labelling call
    assert len(resumed.sources) == 3
    with Store(store) as s:
        latest, stopped = s.runs()[:2]
    assert stopped["status"] == "interrupted" and stopped["calls_made"] == 2
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
    # --json lists each run's inputs as a list, not as a string holding their JSON.
    listed = json.loads(runner.invoke(cli.app, ["runs", "--store", str(store), "--json"]).stdout)
    assert all(isinstance(r["inputs"], list) and r["inputs"] for r in listed)
    first = min(r["id"] for r in listed)
    # A stored briefing is shown again in any format, with no model call.
    served = len(server.requests)
    shown = runner.invoke(cli.app, ["runs", "--store", str(store), "show", str(first)])
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("# News briefing, 2026-11-23")
    html = tmp_path / "again.html"
    shown = runner.invoke(
        cli.app, ["runs", "show", str(first), "--store", str(store), "-o", str(html)]
    )
    assert shown.exit_code == 0 and html.read_text().lstrip().lower().startswith("<!doctype html")
    assert len(server.requests) == served
    missing = runner.invoke(cli.app, ["runs", "show", "999", "--store", str(store)])
    assert missing.exit_code == 4 and "Run 999 stored no briefing" in missing.stderr
    path = runner.invoke(cli.app, ["store", "path", "--store", str(store)])
    assert path.stdout.strip() == str(store)


def test_the_store_keeps_its_schema_version_and_refuses_a_newer_one(tmp_path: Path) -> None:
    from summarizer.errors import StoreError
    from summarizer.store.database import SCHEMA_VERSION

    path = tmp_path / "runs.sqlite3"
    with Store(path) as store:
        store.start_run([], "2026-11-23")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="written by a newer summarizer"):
        Store(path)
    # A file from before the version was kept (0) is brought up to date when opened.
    old = _old_store(tmp_path / "old.sqlite3")
    with Store(old):
        pass
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _stored_calls(store: Path) -> int:
    try:
        with sqlite3.connect(store) as db:
            return int(db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _statuses(store: Path) -> list[str]:
    """The runs' statuses as the file holds them, oldest first (no Store: nothing is marked)."""
    with sqlite3.connect(store) as db:
        return [row[0] for row in db.execute("SELECT status FROM runs ORDER BY id")]


def _four_articles(tmp_path: Path) -> Path:
    names = ["Ana Lima", "Rui Costa", "Lea Moreau", "Ivo Sousa"]
    return article_folder(
        tmp_path,
        {f"{n}.txt": f"{name} opened the bridge on Monday.\n" for n, name in enumerate(names)},
    )


def _brief_in_a_child(folder: Path, store: Path, server: OpenAIServer) -> subprocess.Popen[bytes]:
    """``summarizer brief`` in a process of its own, one article at a time, once two calls
    are stored (the server is slow enough for a signal to land mid-run)."""
    args = ["brief", str(folder), "--base-url", server.base_url, "--model", "m"]
    child = subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args, "--store", str(store), "--concurrency", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _stored_calls(store) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return child


def test_a_run_killed_outright_after_two_articles_makes_only_the_remaining_calls(
    tmp_path: Path,
) -> None:
    folder = _four_articles(tmp_path)
    store = tmp_path / "runs.sqlite3"
    with OpenAIServer(latency=0.3) as server:
        child = _brief_in_a_child(folder, store, server)
        child.kill()  # SIGKILL: no handler runs, nothing is flushed on the way out
        child.communicate()
        # A request the child had already written still reaches the server after the kill:
        # count it before the resumed run starts, not during it.
        sent = -1
        while sent != server.calls:
            sent = server.calls
            time.sleep(0.5)
        stored = _stored_calls(store)
        assert stored >= 2
        assert _statuses(store) == ["running"]  # nobody was there to say otherwise
        resumed = brief([folder], settings=_settings(server, store))
        assert len(resumed.sources) == 4
        assert server.calls - sent == 4 - stored  # one call per article, the stored ones not again
    # Starting the new run marked the one whose process is gone.
    assert _statuses(store) == ["killed", "ok"]


def test_a_terminated_run_is_recorded_as_interrupted_and_exits_143(tmp_path: Path) -> None:
    folder = _four_articles(tmp_path)
    store = tmp_path / "runs.sqlite3"
    with OpenAIServer(latency=0.3) as server:
        child = _brief_in_a_child(folder, store, server)
        child.terminate()  # SIGTERM, as a service manager or `kill` sends it
        _, stderr = child.communicate(timeout=60)
    assert child.returncode == 143, stderr
    assert stderr.decode().strip().splitlines()[-1] == "error: Terminated."
    assert _statuses(store) == ["interrupted"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid names no process now
    return child.pid


@pytest.mark.parametrize(
    ("pid", "host", "expected_status"),
    [
        pytest.param("dead", "here", "killed", id="its process is gone"),
        pytest.param("alive", "here", "running", id="its process is this one"),
        # Another machine's processes cannot be looked at from here.
        pytest.param("dead", "elsewhere", "running", id="another machine"),
        # Written before pids were recorded: unknown, so left as it is.
        pytest.param(None, None, "running", id="no pid recorded"),
    ],
)
def test_listing_runs_marks_those_whose_process_is_gone(
    tmp_path: Path, pid: str | None, host: str | None, expected_status: str
) -> None:
    path = tmp_path / "runs.sqlite3"
    with Store(path) as store:
        run_id = store.start_run([], "2026-11-23")
    pids = {"dead": _dead_pid(), "alive": os.getpid(), None: None}
    hosts = {"here": socket.gethostname(), "elsewhere": "another-host.invalid", None: None}
    with sqlite3.connect(path) as db:  # what the run's process left behind
        db.execute(
            "UPDATE runs SET pid = ?, host = ? WHERE id = ?", (pids[pid], hosts[host], run_id)
        )
    with Store(path) as store:
        assert [r["status"] for r in store.runs()] == [expected_status]
    result = CliRunner().invoke(cli.app, ["runs", "--store", str(path)])
    assert result.exit_code == 0, result.stderr
    assert f" {expected_status} " in result.stdout.splitlines()[1]


def _old_store(path: Path) -> Path:
    """A store as written before runs recorded their process (today's tables without the
    columns added since), with one finished run in it."""
    with Store(path) as store:
        store.finish_run(store.start_run([], "2026-01-01"), "ok", None)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE runs DROP COLUMN pid")
        db.execute("ALTER TABLE runs DROP COLUMN host")
    return path


def test_a_store_from_before_pids_were_recorded_keeps_working(tmp_path: Path) -> None:
    path = _old_store(tmp_path / "old.sqlite3")
    with Store(path) as store:
        new = store.start_run([], "2026-11-23")
        assert [(r["id"], r["status"]) for r in store.runs()] == [(new, "running"), (1, "ok")]
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, pid, host FROM runs ORDER BY id").fetchall()
    assert rows == [(1, None, None), (new, os.getpid(), socket.gethostname())]


def test_a_read_only_store_from_before_pids_were_recorded_can_still_be_listed(
    tmp_path: Path, broken: Breakage
) -> None:
    # Its missing columns cannot be added: it is read as it is.
    path = _old_store(tmp_path / "old.sqlite3")
    broken.read_only(path)
    result = CliRunner().invoke(cli.app, ["runs", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert " ok " in result.stdout.splitlines()[1]


# --- a store that cannot be opened or written ------------------------------------------------


@pytest.fixture
def broken() -> Iterator[Breakage]:
    breakage = Breakage()
    yield breakage
    breakage.undo()


def _store_with_a_run(path: Path) -> Path:
    with Store(path) as store:
        store.finish_run(store.start_run([], "2026-11-22"), "ok", None)
    return path


def _a_folder(tmp_path: Path, broken: Breakage) -> Path:
    (tmp_path / "store").mkdir()
    return tmp_path / "store"


def _a_corrupt_file(tmp_path: Path, broken: Breakage) -> Path:
    path = tmp_path / "runs.sqlite3"
    path.write_bytes(b"this is not a database\n" * 200)
    return path


def _inside_a_regular_file(tmp_path: Path, broken: Breakage) -> Path:
    (tmp_path / "data").write_text("a file where the data folder should be")
    return tmp_path / "data" / "runs.sqlite3"


def _in_a_read_only_folder(tmp_path: Path, broken: Breakage) -> Path:
    (tmp_path / "data").mkdir()
    broken.read_only(tmp_path / "data")
    return tmp_path / "data" / "runs.sqlite3"


def _in_a_read_only_folder_holding_it(tmp_path: Path, broken: Breakage) -> Path:
    (tmp_path / "data").mkdir()
    path = _store_with_a_run(tmp_path / "data" / "runs.sqlite3")
    broken.read_only(tmp_path / "data")
    return path


def _a_read_only_file(tmp_path: Path, broken: Breakage) -> Path:
    path = _store_with_a_run(tmp_path / "runs.sqlite3")
    broken.read_only(path)
    return path


# Stores that cannot be opened at all: (how it is broken, what the error line says).
UNOPENABLE = [
    pytest.param(_a_folder, "is a folder", id="a folder"),
    pytest.param(_a_corrupt_file, "is not a SQLite database", id="a corrupt file"),
    pytest.param(_inside_a_regular_file, "cannot be created", id="inside a regular file"),
    pytest.param(_in_a_read_only_folder, "cannot be opened", id="read-only data folder"),
    pytest.param(
        _in_a_read_only_folder_holding_it, "cannot be opened", id="read-only folder, store in it"
    ),
]
# ...and one that opens but cannot be written.
UNWRITABLE = [
    *UNOPENABLE,
    pytest.param(_a_read_only_file, "is read-only", id="a read-only file"),
]


def _one_error_line(stderr: str, path: Path, expected_error: str) -> None:
    (line,) = stderr.strip().splitlines()
    assert line.startswith("error: the "), line
    assert str(path) in line and expected_error in line, line
    assert "--store" in line, line  # what to do: use another file


@pytest.mark.parametrize(("make", "expected_error"), UNOPENABLE)
def test_runs_and_usage_on_a_store_that_cannot_be_opened_fail_in_one_line(
    tmp_path: Path, broken: Breakage, make: Any, expected_error: str
) -> None:
    path = make(tmp_path, broken)
    for command in ("runs", "usage"):
        result = CliRunner().invoke(cli.app, [command, "--store", str(path)])
        assert result.exit_code == 7, result.output  # StoreError.exit_code
        _one_error_line(result.stderr, path, expected_error)


@pytest.mark.parametrize(("make", "expected_error"), UNWRITABLE)
def test_brief_without_a_usable_store_still_writes_the_briefing(
    folder: Path,
    server: OpenAIServer,
    tmp_path: Path,
    broken: Breakage,
    make: Any,
    expected_error: str,
) -> None:
    path = make(tmp_path, broken)
    args = ["brief", str(folder), "--format", "json", "--base-url", server.base_url, "--model", "m"]
    result = CliRunner().invoke(cli.app, [*args, "--store", str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["sources"]) == 3
    (line,) = result.stderr.strip().splitlines()  # said once, in one line (-q: warnings only)
    assert line.startswith("warning: nothing was stored: the "), line
    assert str(path) in line and expected_error in line, line


def test_a_read_only_store_can_still_be_listed(tmp_path: Path, broken: Breakage) -> None:
    path = _a_read_only_file(tmp_path, broken)
    result = CliRunner().invoke(cli.app, ["runs", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert " ok " in result.stdout.splitlines()[1]


def test_resume_needs_a_store_it_can_write(
    folder: Path, server: OpenAIServer, tmp_path: Path, broken: Breakage
) -> None:
    path = tmp_path / "runs.sqlite3"
    brief([folder], settings=_settings(server, path))  # run 1, to be resumed
    broken.read_only(path)
    args = ["brief", "--resume", "1", "--base-url", server.base_url, "--model", "m"]
    result = CliRunner().invoke(cli.app, [*args, "--store", str(path)])
    assert result.exit_code == 7, result.output
    _one_error_line(result.stderr, path, "is read-only")


def test_a_batched_run_needs_a_store_it_can_open(
    folder: Path, server: OpenAIServer, tmp_path: Path, broken: Breakage
) -> None:
    path = _a_folder(tmp_path, broken)
    args = ["brief", str(folder), "--batch", "--base-url", server.base_url, "--model", "m"]
    result = CliRunner().invoke(cli.app, [*args, "--store", str(path)])
    assert result.exit_code == 7, result.output
    _one_error_line(result.stderr, path, "is a folder")


def _fill_its_disk(
    tmp_path: Path, broken: Breakage, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Callable[[], None]]:
    """Real: a 256 KiB tmpfs, filled to the last byte (needs root to mount)."""
    disk = broken.tiny_disk(tmp_path / "disk")
    return disk / "runs.sqlite3", lambda: broken.fill(disk)


def _make_it_immutable(
    tmp_path: Path, broken: Breakage, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Callable[[], None]]:
    """Real: chattr +i on the store and its write-ahead log while the run has them open (needs
    root; chmod would not stop writes through a file already open)."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a file immutable")
    path = tmp_path / "runs.sqlite3"
    return path, lambda: broken.read_only(path, path.with_name(path.name + "-wal"))


def _refuse_writes_on_its_connection(
    tmp_path: Path, broken: Breakage, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Callable[[], None]]:
    """Simulated, for machines without root: SQLite's own PRAGMA query_only on the run's
    connection, which SQLite then refuses every write on (a real SQLITE_READONLY)."""
    opened: list[Store] = []
    start_run = Store.start_run

    def recording(self: Store, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return start_run(self, *args, **kwargs)

    monkeypatch.setattr(Store, "start_run", recording)

    def refuse() -> None:
        with opened[0]._lock:
            opened[0]._db.execute("PRAGMA query_only = 1")

    return tmp_path / "runs.sqlite3", refuse


@pytest.mark.parametrize(
    ("breaks", "expected_error"),
    [
        pytest.param(_fill_its_disk, "is full", id="the disk fills up"),
        pytest.param(_make_it_immutable, "could not be written", id="made read-only"),
        pytest.param(_refuse_writes_on_its_connection, "is read-only", id="writes refused"),
    ],
)
def test_a_store_that_fails_mid_run_keeps_the_briefing(
    folder: Path,
    tmp_path: Path,
    broken: Breakage,
    monkeypatch: pytest.MonkeyPatch,
    breaks: Any,
    expected_error: str,
) -> None:
    path, break_it = breaks(tmp_path, broken, monkeypatch)

    def respond(request: dict[str, Any]) -> str:
        if server.calls == 2:  # the first call was answered and stored; the second is not
            break_it()
        return echo(request)

    with OpenAIServer(respond) as server:
        args = ["brief", str(folder), "--format", "json", "--base-url", server.base_url]
        result = CliRunner().invoke(
            cli.app, [*args, "--model", "m", "--store", str(path), "--concurrency", "1", "-q"]
        )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["sources"]) == 3
    (line,) = result.stderr.strip().splitlines()  # said once, however many writes failed
    assert line.startswith("warning: nothing more was stored: the "), line
    assert str(path) in line and expected_error in line, line
    assert _stored_calls(path) == 1


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
