"""The command line: one clear line on error, results on stdout, documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import cli, pipeline
from summarizer.config import Settings
from summarizer.llm import LLM
from tests.support.answers import PATHS, REPLY_002, REPLY_003
from tests.support.fake_model import MODEL, FakeServer
from tests.support.helpers import SEEDS

runner = CliRunner()


@pytest.fixture
def fake_backend(monkeypatch: pytest.MonkeyPatch, server: FakeServer) -> FakeServer:
    """Route the CLI's LLM to the fake server, keeping the settings the CLI built."""

    def make(settings: Settings, **store: Any) -> LLM:
        update = {"retry_wait": 0}
        return LLM(settings.model_copy(update=update), http_client=server.client(), **store)

    monkeypatch.setattr(pipeline, "LLM", make)
    return server


@pytest.mark.parametrize(
    ("args", "expected_error", "code"),
    [
        (
            ["brief", "no-such-dir/", "--base-url", "http://x.test/v1"],
            "No article to read (no-such-dir/: no such file or folder)",
            4,
        ),
        (["brief", str(SEEDS)], "No model configured", 3),
        (["brief", "--base-url", "http://x.test/v1"], "no paths given", 4),
        (["schema", "nope"], "No schema named 'nope'", 2),
    ],
)
def test_errors_are_one_line_without_traceback(
    args: list[str], expected_error: str, code: int
) -> None:
    result = runner.invoke(cli.app, args)
    assert result.exit_code == code
    assert expected_error in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and result.stdout == ""


def test_brief_markdown_and_json(fake_backend: FakeServer, tmp_path: Path) -> None:
    fake_backend.enqueue(REPLY_002, REPLY_003)
    args = ["brief", *map(str, PATHS), "--base-url", "http://x.test/v1", "--model", MODEL]
    result = runner.invoke(cli.app, [*args, "--date", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# News briefing, 2026-11-23")

    fake_backend.enqueue(REPLY_002, REPLY_003)
    out = tmp_path / "b.json"
    result = runner.invoke(cli.app, [*args, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(out.read_text())["sources"]) == 2


def test_partial_run_exits_10_and_says_what_was_skipped(
    fake_backend: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    fake_backend.enqueue(REPLY_002)
    result = runner.invoke(
        cli.app,
        [
            "brief",
            str(PATHS[0]),
            str(tmp_path / "empty.txt"),
            "--base-url",
            "http://x.test/v1",
            "--model",
            MODEL,
        ],
    )
    assert result.exit_code == cli.PARTIAL_EXIT
    assert "skipped" in result.stderr and "empty file" in result.stderr
    assert "## Not included" in result.stdout and "empty file" in result.stdout


def test_server_down_for_every_article_is_a_model_error(fake_backend: FakeServer) -> None:
    fake_backend.enqueue(*[503] * 10)
    result = runner.invoke(
        cli.app, ["brief", str(PATHS[0]), "--base-url", "http://x.test/v1", "--model", MODEL]
    )
    assert result.exit_code == 5
    assert "answered HTTP 503" in result.stderr


def test_extract_prints_json(fake_backend: FakeServer) -> None:
    fake_backend.enqueue(REPLY_002)
    result = runner.invoke(
        cli.app, ["extract", str(PATHS[0]), "--base-url", "http://x.test/v1", "--model", MODEL]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stats"]["calls"] == 1  # its numbers are settled by rule


def test_schema_prints_all_and_one() -> None:
    every = json.loads(runner.invoke(cli.app, ["schema"]).stdout)
    assert set(every) == {"article", "article_extraction", "briefing"}
    one = json.loads(runner.invoke(cli.app, ["schema", "briefing"]).stdout)
    assert one["title"] == "Briefing"


def test_api_key_from_the_command_line_is_not_echoed(fake_backend: FakeServer) -> None:
    fake_backend.enqueue(401)
    key = "sk-cli-secret-000111222333"
    result = runner.invoke(
        cli.app,
        [
            "brief",
            str(PATHS[0]),
            "--base-url",
            "http://x.test/v1",
            "--model",
            MODEL,
            "--api-key",
            key,
            "-v",
        ],
    )
    assert result.exit_code == 5
    assert key not in result.output and key not in result.stderr


def test_environment_configures_the_cli(
    fake_backend: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://env.test/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "env-model")
    fake_backend.enqueue(REPLY_002)
    result = runner.invoke(cli.app, ["brief", str(PATHS[0])])
    assert result.exit_code == 0, result.stderr
    assert fake_backend.requests[0]["model"] == "env-model"


def test_json_twice_is_byte_identical_without_timing(fake_backend: FakeServer) -> None:
    args = ["brief", *map(str, PATHS), "--base-url", "http://x.test/v1", "--model", MODEL]
    outputs = []
    for flags in (["--no-timing"], ["--no-timing"], []):
        fake_backend.enqueue(REPLY_002, REPLY_003)
        result = runner.invoke(cli.app, [*args, "--format", "json", "--date", "2026-11-23", *flags])
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    # With timing, the run-specific values live in run.timing and nowhere else.
    timed, untimed = json.loads(outputs[2]), json.loads(outputs[0])
    assert timed["run"].pop("timing") is not None and untimed["run"].pop("timing") is None
    assert timed == untimed


def test_lead_flag_asks_for_a_lead(fake_backend: FakeServer) -> None:
    from tests.support.answers import good_lead, lead_answer

    fake_backend.enqueue(REPLY_002, REPLY_003)
    plain = pipeline.brief(
        PATHS,
        llm=LLM(
            Settings(base_url="http://x.test/v1", model=MODEL, retry_wait=0),
            http_client=fake_backend.client(),
        ),
        date="2026-11-23",
    )
    fake_backend.enqueue(REPLY_002, REPLY_003, lead_answer(*good_lead(plain)))
    args = ["brief", *map(str, PATHS), "--base-url", "http://x.test/v1", "--model", MODEL]
    result = runner.invoke(cli.app, [*args, "--lead", "--date", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert "## Lead\n\nAntony Blinken said 8,000" in result.stdout


def test_messages_are_printed_as_written_not_as_markup() -> None:
    # "summarizer[local]" in the message must not be eaten as a rich style tag.
    result = runner.invoke(cli.app, ["brief", str(SEEDS)])
    assert result.exit_code == 3 and "summarizer[local]" in result.stderr


def test_help_loads_neither_the_model_client_nor_the_pipeline() -> None:
    # What `summarizer --help` imports decides how fast it starts (bench/cold_start.py
    # times it); the heavy modules wait for a command that needs them.
    import subprocess
    import sys

    heavy = ("openai", "instructor", "tenacity", "pydantic", "summarizer.pipeline", "httpx2")
    code = (
        "import sys; import summarizer.cli; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_a_command_line_typer_cannot_parse_is_not_a_partial_run() -> None:
    result = runner.invoke(cli.app, ["brief", "--no-such-option"])
    assert result.exit_code == 2 and result.exit_code != cli.PARTIAL_EXIT


def test_help_shows_the_environment_variables_and_short_options() -> None:
    """Found by trying it: rich markup ate every "[env: ...]" hint ("Model name .")."""
    result = runner.invoke(cli.app, ["brief", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "SUMMARIZER_MODEL" in result.stdout and "Model name ." not in result.stdout
    assert all(flag in result.stdout for flag in ("-m", "-q", "-o", "-f"))
    version = runner.invoke(cli.app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("summarizer ")
    assert version.stdout.split()[1][0].isdigit()


def test_the_out_suffix_gives_the_format_and_the_backend_is_named(
    fake_backend: FakeServer, tmp_path: Path
) -> None:
    fake_backend.enqueue(REPLY_002, REPLY_003)
    out = tmp_path / "b.html"
    args = ["brief", *map(str, PATHS), "--base-url", "http://user:pw@x.test/v1", "-m", MODEL]
    result = runner.invoke(cli.app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    # One line says where the calls went and why, without the URL's credentials.
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("model: ")]
    assert "server http://x.test/v1" in line and MODEL in line and "given explicitly" in line
    assert "pw" not in result.stderr
    # --format wins over the suffix; -q prints neither the backend nor "wrote".
    fake_backend.enqueue(REPLY_002, REPLY_003)
    result = runner.invoke(cli.app, [*args, "-o", str(out), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["sources"]
    assert result.stderr == ""


def test_verbose_logs_name_the_files_not_their_hashes(
    fake_backend: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    fake_backend.enqueue(REPLY_002, REPLY_003)
    args = ["brief", *map(str, PATHS), "--base-url", "http://x.test/v1", "-m", MODEL, "-v"]
    with caplog.at_level("INFO", logger="summarizer"):
        result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.stderr
    calls = [r.getMessage() for r in caplog.records if "attempts=" in r.getMessage()]
    assert calls and all(f"article={PATHS[0]}" in x or f"article={PATHS[1]}" in x for x in calls)
