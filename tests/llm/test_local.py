"""The embedded model's plumbing: assembly and verification, the server's lifecycle, the
resolution order, `summarizer doctor`. A stand-in server (tests/support/fake_server.py run as a
module) replaces llama_cpp.server, so these run in seconds; tests/test_embedded.py runs the
real one."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli
from summarizer.config import Settings
from summarizer.errors import ConfigError, ModelError
from summarizer.llm import LLM, backends, local
from summarizer.pipeline import brief
from tests.support.helpers import ROOT

STAND_IN = "tests.support.fake_server"


# --- assembly ----------------------------------------------------------------------------------


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Three small hand-made parts standing in for the 22 model parts."""
    chunks = [b"GGUF" + bytes(range(256)) * 40, b"middle" * 1000, b"end" * 77]
    folder = tmp_path / "parts"
    folder.mkdir()
    for n, data in enumerate(chunks, start=1):
        (folder / f"part{n:02d}.bin").write_bytes(data)
    whole = b"".join(chunks)
    monkeypatch.setattr(local, "PARTS", len(chunks))
    monkeypatch.setattr(local, "SIZE", len(whole))
    monkeypatch.setattr(local, "SHA256", hashlib.sha256(whole).hexdigest())
    monkeypatch.setattr(local, "_part_path", lambda n: folder / f"part{n:02d}.bin")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    return chunks


def test_the_model_is_assembled_once_and_verified(parts: list[bytes]) -> None:
    seen: list[int] = []
    path = local.ensure_model(seen.append)
    assert path.read_bytes() == b"".join(parts)
    assert seen[-1] == local.SIZE and path.with_suffix(".verified").exists()
    seen.clear()
    assert local.ensure_model(seen.append) == path and seen == []  # cached: not rebuilt


def test_a_changed_file_is_never_trusted(parts: list[bytes]) -> None:
    path = local.ensure_model()
    path.write_bytes(b"X" * local.SIZE)  # same size, other bytes: the marker no longer matches
    assert local.ensure_model().read_bytes() == b"".join(parts)


def test_parts_that_do_not_hash_right_leave_nothing(
    parts: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "SHA256", "0" * 64)
    with pytest.raises(ConfigError, match="does not match its published sha256"):
        local.ensure_model()
    folder = local.cache_dir() / "models"
    assert not any(folder.iterdir())


# --- the server's lifecycle ----------------------------------------------------------------------


def _stand_in_running() -> list[str]:
    pattern = f"-m {STAND_IN}"
    found = subprocess.run(["pgrep", "-f", "--", pattern], capture_output=True, text=True)
    return found.stdout.split()


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"not really a model")
    monkeypatch.setattr(local, "SERVER_MODULE", STAND_IN)
    monkeypatch.setattr(local, "ensure_model", lambda progress=None: model)
    monkeypatch.setattr(local, "missing", lambda: [])
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "1")
    assert _stand_in_running() == []
    yield
    assert _stand_in_running() == [], "a server was left behind"


@pytest.mark.usefixtures("stand_in")
def test_the_server_starts_on_a_free_port_answers_and_stops() -> None:
    with local.serving() as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        assert LLM(Settings(base_url=url, model=local.ALIAS)).list_models() == [local.ALIAS]
        assert len(_stand_in_running()) == 1
    # the fixture checks nothing is left


@pytest.mark.usefixtures("stand_in")
def test_the_server_stops_on_error_and_on_ctrl_c() -> None:
    for raised in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(raised)), local.serving():
            raise raised
        assert _stand_in_running() == []


@pytest.mark.usefixtures("stand_in")
def test_a_server_that_never_answers_times_out_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_SERVER_STARTUP_DELAY", "30")
    with (
        pytest.raises(ModelError, match="did not answer within 1 s"),
        local.serving(start_timeout=1.0),
    ):
        pass


@pytest.mark.usefixtures("stand_in")
def test_a_server_that_dies_at_start_shows_its_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "SERVER_MODULE", "tests.no_such_module")
    with pytest.raises(ModelError, match=r"exited at start(.|\n)*No module named"), local.serving():
        pass


@pytest.mark.usefixtures("stand_in")
def test_a_request_the_client_gives_up_on_stops_its_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first server would take 60 s to answer; the client waits 1 s. The generation for
    # nobody must stop (llama-cpp-python's server would finish it, and the retry would
    # queue behind it): the server is restarted and the retry answered by the new one.
    monkeypatch.setenv("TEST_SERVER_LATENCY", "60")
    monkeypatch.setenv("TEST_SERVER_SLOW_ONCE", str(tmp_path / "slow-once"))
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    with local.serving() as url:
        (slow,) = _stand_in_running()
        started = time.monotonic()
        briefing = brief([article], base_url=url, model=local.ALIAS, timeout=1, retry_wait=0)
        took = time.monotonic() - started
        (fresh,) = _stand_in_running()
    assert fresh != slow  # the generating server is gone, not left to finish
    assert took < 20, took  # not the 60 s it would have generated for
    assert briefing.developments and briefing.skipped == []


def _run_in_child(tmp_path: Path, latency: str) -> subprocess.Popen[str]:
    """A separate `summarizer brief` using the stand-in as its embedded server."""
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    # A background job (CI started with & or nohup) inherits SIGINT ignored, and Python keeps
    # it ignored; a terminal's foreground program has it on. The child turns it on.
    code = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler);"
        "import sys; from summarizer import cli; from summarizer.llm import local;"
        f"local.SERVER_MODULE = {STAND_IN!r};"
        f"local.ensure_model = lambda progress=None: __import__('pathlib').Path({str(article)!r});"
        "local.missing = lambda: [];"
        f"sys.argv = ['summarizer', 'brief', {str(article)!r}]; cli.app()"
    )
    env = {
        **os.environ,
        "TEST_SERVER_LATENCY": latency,
        "TEST_SERVER_MARK": str(tmp_path / "request-in-flight"),
        "SUMMARIZER_EMBEDDED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_request(child: subprocess.Popen[str], tmp_path: Path) -> None:
    """Until the run is under way: the server has started and holds a model request."""
    mark = tmp_path / "request-in-flight"
    for _ in range(600):
        if mark.exists() and child.poll() is None:
            return
        time.sleep(0.1)
    raise AssertionError("no model request reached the embedded server within 60 s")


@pytest.mark.usefixtures("stand_in")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_server_is_left_behind_when_the_run_is_interrupted(
    tmp_path: Path, signum: signal.Signals
) -> None:
    with _run_in_child(tmp_path, latency="60") as child:
        _wait_for_request(child, tmp_path)
        child.send_signal(signum)
        _, err = child.communicate(timeout=20)
    for _ in range(50):  # SIGKILL: the kernel tells the server its parent died
        if not _stand_in_running():
            break
        time.sleep(0.1)
    if signum == signal.SIGINT:
        assert child.returncode == 130 and "Interrupted" in err
    # the fixture checks that no server is left


@pytest.mark.usefixtures("stand_in")
def test_a_run_through_the_embedded_backend_briefs_and_cleans_up(tmp_path: Path) -> None:
    with _run_in_child(tmp_path, latency="0") as child:
        out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out.startswith("# News briefing") and "Ana Lima" in out


# --- resolution order and doctor ------------------------------------------------------------------


def test_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "missing", lambda: [])
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "1")
    assert backends.choose(Settings()).kind == "embedded"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-resolution-0000")
    assert backends.choose(Settings()).kind == "openai"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.test/v1")
    chosen = backends.choose(Settings())
    assert (chosen.kind, chosen.base_url) == ("server", "http://env.test/v1")
    assert "OPENAI_BASE_URL" in chosen.reason
    chosen = backends.choose(Settings(base_url="http://explicit.test/v1"))
    assert chosen.base_url == "http://explicit.test/v1" and "explicitly" in chosen.reason
    assert "sk-test-resolution" not in repr(chosen)


def test_without_anything_one_message_lists_three_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "1")
    monkeypatch.setattr(local, "missing", lambda: ["llama_cpp", *range(26)])  # type: ignore[list-item]
    with pytest.raises(ConfigError) as caught:
        backends.choose(Settings())
    message = str(caught.value)
    assert "--base-url" in message and "OPENAI_API_KEY" in message and "[local]" in message


@pytest.mark.usefixtures("stand_in")
def test_doctor_says_which_backend_and_why_and_checks_it() -> None:
    result = CliRunner().invoke(cli.app, ["doctor"])
    assert result.exit_code == 0, result.stderr
    assert "backend: embedded" in result.stdout
    assert "no base URL or API key" in result.stdout
    assert f"models: {local.ALIAS}" in result.stdout


def test_doctor_reports_a_server_that_does_not_answer() -> None:
    result = CliRunner().invoke(cli.app, ["doctor", "--base-url", "http://127.0.0.1:9/v1"])
    assert result.exit_code == 5
    assert "backend: server" in result.stdout and "Cannot reach" in result.stderr


def test_doctor_fails_for_a_model_the_server_does_not_serve() -> None:
    """Found by trying it: `doctor --model nope` passed."""
    from tests.support.fake_server import OpenAIServer

    with OpenAIServer() as server:
        args = ["doctor", "--base-url", server.base_url, "--model", "nope"]
        result = CliRunner().invoke(cli.app, args)
        served = CliRunner().invoke(cli.app, ["doctor", "--base-url", server.base_url])
    assert result.exit_code == 3, result.output
    assert "does not serve the model 'nope'" in result.stderr
    assert served.exit_code == 0, served.output
    assert result.stdout.startswith("version: summarizer ")
    assert "store:" in result.stdout and "cache:" in result.stdout


def test_doctor_with_nothing_configured_shows_the_three_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "1")
    for name in ("OPENAI_API_KEY", "SUMMARIZER_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(local, "missing", lambda: ["llama_cpp", *map(str, range(26))])
    result = CliRunner().invoke(cli.app, ["doctor"])
    assert result.exit_code == 3
    assert "server:  none" in result.stdout and "openai:  none" in result.stdout
    assert "embedded: not installed (missing llama_cpp" in result.stdout
    assert "No model configured" in result.stderr
