"""Settings: an invalid setting is one line that names it, from the library (ConfigError) and
from the command line (exit 3), with no pydantic dump."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from summarizer import ConfigError, Settings, cli


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
