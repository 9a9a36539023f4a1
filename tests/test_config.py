"""Settings: an invalid setting is one line that names it, from the library (ConfigError) and
from the command line (exit 3), with no pydantic dump; a base URL is checked when the settings
are made, not at the first request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import ConfigError, Settings, brief, cli


@pytest.mark.parametrize(
    ("variable", "value", "expected_error"),
    [
        (
            "SUMMARIZER_CONCURRENCY",
            "abc",
            "SUMMARIZER_CONCURRENCY: must be a whole number (got 'abc')",
        ),
        ("SUMMARIZER_CONCURRENCY", "0", "SUMMARIZER_CONCURRENCY: must be at least 1 (got '0')"),
        ("SUMMARIZER_TIMEOUT", "soon", "SUMMARIZER_TIMEOUT: must be a number (got 'soon')"),
        (
            "SUMMARIZER_EMBEDDED",
            "maybe",
            "SUMMARIZER_EMBEDDED: must be 1 or 0 (true/false, yes/no)",
        ),
        ("SUMMARIZER_MODE", "fast", "SUMMARIZER_MODE: must be one of 'auto', 'json_schema', "),
    ],
)
def test_an_invalid_variable_is_one_line_that_names_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected_error: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        Settings()
    assert str(raised.value).startswith(expected_error)
    for command in (["brief", "a.txt"], ["doctor"]):
        result = CliRunner().invoke(cli.app, command)
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith(f"error: {expected_error}")
        assert len(result.stderr.strip().splitlines()) == 1


def test_an_invalid_argument_is_named_by_its_field() -> None:
    with pytest.raises(ConfigError, match=r"^concurrency: must be at most 256 \(got 300\)$"):
        Settings(concurrency=300)


MUST = "base URL must look like http://host:port/v1"
URLS = [
    ("http://127.0.0.1:8080/v1", None),
    ("https://api.openai.com/v1", None),
    ("http://localhost:11434/v1", None),
    ("http://[::1]:8080/v1", None),
    ("http://user:s3cret-pw@127.0.0.1:8080/v1?api-key=k", None),
    ("", None),  # an exported but empty OPENAI_BASE_URL means no base URL, as before
    ("http://127.0.0.1:abc/v1", f"{MUST} (the port is not a number from 0 to 65535)"),
    ("http://127.0.0.1:99999/v1", f"{MUST} (the port is not a number from 0 to 65535)"),
    ("http://user:s3cret-pw@127.0.0.1:abc/v1", f"{MUST} (the port is not a number"),
    ("http://[::1/v1", f"{MUST} (its [IPv6] host is malformed)"),
    ("not a url", f"{MUST} (it does not start with http:// or https://)"),
    ("127.0.0.1:8080/v1", f"{MUST} (it does not start with http:// or https://)"),
    ("ftp://127.0.0.1/v1", f"{MUST} (it does not start with http:// or https://)"),
    ("http:///v1", f"{MUST} (it names no host)"),
    ("http://127.0.0.1:8080/v1 extra", f"{MUST} (it contains a space)"),
]
BAD = [url for url, expected_error in URLS if expected_error]


@pytest.mark.parametrize(("url", "expected_error"), URLS)
def test_the_base_url_is_checked_when_the_settings_are_made(
    url: str, expected_error: str | None
) -> None:
    if expected_error is None:
        assert Settings(base_url=url).base_url == (url or None)
        return
    with pytest.raises(ConfigError) as raised:
        Settings(base_url=url)
    assert str(raised.value).startswith(f"base_url: {expected_error}")
    assert "s3cret-pw" not in str(raised.value)


@pytest.mark.parametrize("url", BAD)
def test_a_bad_base_url_stops_brief_and_doctor_at_once_with_exit_3(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ana Lima opened the bridge on Monday.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(MUST)):
        brief([article], base_url=url, retry_wait=0.01)
    monkeypatch.setenv("SUMMARIZER_BASE_URL", url)
    for command in (["brief", str(article)], ["doctor"]):
        result = CliRunner().invoke(cli.app, command)
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith(f"error: SUMMARIZER_BASE_URL: {MUST}")
        assert len(result.stderr.strip().splitlines()) == 1 and "s3cret-pw" not in result.stderr
