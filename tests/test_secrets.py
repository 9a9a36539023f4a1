"""Secrets never leave memory: a known fake key is grepped for in everything a run wrote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli
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
