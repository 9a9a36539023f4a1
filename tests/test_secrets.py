"""Secrets never leave memory: a known fake key is grepped for in everything a run wrote."""

from __future__ import annotations

import base64
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr.request
from typer.testing import CliRunner

from summarizer import Settings, cli
from summarizer.llm.endpoint import endpoint
from summarizer.redact import redact, shown_url
from tests.support.cassettes import VCR_CONFIG
from tests.support.fake_server import OpenAIServer, Status
from tests.support.helpers import ROOT

KEY = "sk-test-Zq9WmX4RtY7uV2nB8cD1"  # fake, and shaped like a real one on purpose


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def _written(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


def test_the_key_is_sent_to_the_server_and_written_nowhere(
    tmp_path: Path, server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    outputs = []
    for fmt in ("markdown", "json", "html"):
        result = runner.invoke(
            cli.app,
            [
                "brief",
                str(article),
                "--base-url",
                server.base_url,
                "-v",
                "-f",
                fmt,
                "-o",
                str(out / f"b.{fmt}"),
            ],
        )
        assert result.exit_code == 0, result.stderr
        outputs += [result.stdout, result.stderr]
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"  # it was used...
    assert all(KEY not in text for text in outputs)  # ...and is nowhere else
    assert KEY not in _written(tmp_path / "out") and KEY not in _written(tmp_path / "in")
    assert not (tmp_path / "cache").exists() or KEY not in _written(tmp_path / "cache")


@pytest.mark.parametrize(("status", "said"), [(401, "refused the API key"), (400, "HTTP 400")])
def test_an_error_that_echoes_the_key_is_redacted(
    tmp_path: Path, server: OpenAIServer, monkeypatch: pytest.MonkeyPatch, status: int, said: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    echoed = Status(status, {}, f"Incorrect API key provided: {KEY}")
    server.then(echoed, echoed)  # the first call, and the retry in another mode after a 400
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.app, ["brief", str(article), "--base-url", server.base_url, "--api-key", KEY, "-v"]
    )
    assert result.exit_code == 5 and said in result.stderr
    assert KEY not in result.stdout + result.stderr


def test_no_cassette_holds_a_key_or_an_authorization_header() -> None:
    for cassette in (ROOT / "cassettes").rglob("*.yaml"):
        text = cassette.read_text(encoding="utf-8").lower()
        assert "authorization" not in text and "bearer " not in text, cassette
        assert "sk-test-not-a-real-key" not in text, cassette


def test_a_key_of_any_shape_and_credentials_in_the_url_are_never_shown(
    tmp_path: Path, server: OpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd_key = "gsk_live_77QwErTy"  # not shaped like sk-...: only knowing the key catches it
    monkeypatch.setenv("OPENAI_API_KEY", odd_key)
    echoed = Status(500, {}, f"upstream rejected {odd_key}")
    server.then(*[echoed] * 4)
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    url = server.base_url.replace("http://", "http://user:hunter22@") + "?api-key=q1w2e3"
    result = CliRunner().invoke(
        cli.app, ["brief", str(article), "--base-url", url, "-v", "--no-cache"]
    )
    shown = result.stdout + result.stderr
    assert result.exit_code == 5
    for secret in (odd_key, "hunter22", "q1w2e3"):
        assert secret not in shown, secret


# Credentials in the base URL: a password (user:password@) and a key in the query string.
PASSWORD, QUERY_KEY = "hunter22-pw", "q1w2e3-query"


def _with_credentials(base_url: str) -> str:
    return base_url.replace("http://", f"http://user:{PASSWORD}@") + f"?api-key={QUERY_KEY}"


def _summarizer(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m summarizer ARGS`` in a process of its own: its logging is not captured by
    pytest, so what -v prints (httpx2's request lines too) is really on stderr."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_credentials_in_the_base_url_reach_the_server_and_are_shown_nowhere(
    tmp_path: Path, server: OpenAIServer
) -> None:
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    store = tmp_path / "store" / "runs.sqlite3"
    env = {
        "SUMMARIZER_BASE_URL": _with_credentials(server.base_url),
        "SUMMARIZER_STORE": str(store),
    }
    doctor = _summarizer("doctor", env=env)
    run = _summarizer("brief", str(article), "-v", "-o", str(tmp_path / "b.md"), env=env)
    assert doctor.returncode == 0 and run.returncode == 0, doctor.stderr + run.stderr
    assert "127.0.0.1" in doctor.stdout and "HTTP Request: POST" in run.stderr  # -v was on
    # The password is sent as HTTP Basic auth, and the key as a query parameter of every
    # request (not glued to the end of the base URL's query, before the path).
    sent = base64.b64decode(server.headers[0]["authorization"].removeprefix("Basic "))
    assert sent.decode() == f"user:{PASSWORD}"
    assert server.paths[0] == f"/v1/chat/completions?api-key={QUERY_KEY}"
    with sqlite3.connect(store) as db:
        (stored_url,) = db.execute("SELECT base_url FROM calls").fetchone()
    assert stored_url == server.base_url + "?api-key=[redacted]"
    shown = doctor.stdout + doctor.stderr + run.stdout + run.stderr + _written(tmp_path)
    for secret in (PASSWORD, QUERY_KEY):
        assert secret not in shown, secret


@pytest.mark.parametrize(
    ("models", "options", "code", "said"),
    [
        (None, [], 3, "lists no model"),
        ("m", ["--batch"], 5, "does not offer the Batch API"),
    ],
)
def test_errors_that_name_the_server_hide_its_password(
    tmp_path: Path, models: str | None, options: list[str], code: int, said: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    with OpenAIServer(model=models) as running:
        url = running.base_url.replace("http://", f"http://user:{PASSWORD}@")
        result = CliRunner().invoke(cli.app, ["brief", str(article), "--base-url", url, *options])
    assert result.exit_code == code and said in result.stderr, result.stderr
    assert "127.0.0.1" in result.stderr and PASSWORD not in result.stderr


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://api.openai.com/v1", "https://api.openai.com/v1"),
        ("http://[::1]:8080/v1", "http://[::1]:8080/v1"),
        ("http://user:pw@127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
        ("http://user:p@ss@host.test/v1", "http://host.test/v1"),  # an "@" left unencoded
        ("http://token@host.test/v1", "http://host.test/v1"),
        (
            "http://h.test/v1?api-version=2024-06&api-key=s1&key=s2&token=s3&access_token=s4",
            "http://h.test/v1?api-version=2024-06&api-key=[redacted]&key=[redacted]"
            "&token=[redacted]&access_token=[redacted]",
        ),
        ("http://h.test/v1?API_KEY=s1#top", "http://h.test/v1?API_KEY=[redacted]#top"),
    ],
)
def test_shown_url_hides_userinfo_and_secret_query_values_only(url: str, shown: str) -> None:
    assert shown_url(url) == shown


def test_redact_hides_credentials_in_any_url_of_a_message() -> None:
    line = 'HTTP Request: GET http://u:pw-123456@127.0.0.1:1/v1/models?key=abc "HTTP/1.1 200 OK"'
    assert redact(line) == (
        'HTTP Request: GET http://127.0.0.1:1/v1/models?key=[redacted] "HTTP/1.1 200 OK"'
    )


def test_a_cassette_records_no_credentials_of_the_url() -> None:
    request = vcr.request.Request("GET", _with_credentials("http://127.0.0.1:1/v1"), "", {})
    recorded = VCR_CONFIG["before_record_request"](request)
    assert PASSWORD not in recorded.uri and QUERY_KEY not in recorded.uri


@pytest.mark.parametrize(
    ("url", "basic"),
    [("http://user:p%40ss@h.test/v1", "user:p@ss"), ("http://tok123@h.test/v1", "tok123:")],
)
def test_userinfo_is_sent_decoded_as_basic_auth_as_httpx2_would(url: str, basic: str) -> None:
    sent = endpoint(url)
    assert sent.base_url == "http://h.test/v1"
    assert base64.b64decode(sent.headers["Authorization"].removeprefix("Basic ")) == basic.encode()


def test_settings_shown_in_a_log_give_no_credentials_away() -> None:
    settings = Settings(base_url="http://user:hunter22@127.0.0.1:8080/v1?api-key=q1w2e3", model="m")
    shown = repr(settings) + str(settings)
    assert "hunter22" not in shown and "q1w2e3" not in shown
    assert "127.0.0.1:8080/v1" in shown
