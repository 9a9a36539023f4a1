"""Bad input: a clear message, nothing lost. Each case runs `summarizer brief` on a good
article plus the bad input, against the local test server (tests/support/fake_server.py, whose
model quotes each article's first sentence), and checks the message and that the good
article is still briefed. Articles are written by hand."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli
from tests.support.fake_server import OpenAIServer

GOOD = "Ana Lima opened the bridge on Monday. Traffic resumed in the afternoon.\n"
runner = CliRunner()


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def _empty(d: Path) -> list[str]:
    (d / "empty.txt").write_text("   \n\n")
    return [str(d)]


def _no_articles(d: Path) -> list[str]:
    (d / "sub").mkdir()
    (d / "sub" / "notes.csv").write_text("a,b\n")
    return [str(d / "good.txt"), str(d / "sub")]


def _binary(d: Path) -> list[str]:
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return [str(d)]


def _missing(d: Path) -> list[str]:
    return [str(d), str(d / "nowhere.txt")]


SKIPPED: dict[str, tuple[Callable[[Path], list[str]], str, str]] = {
    "empty file": (_empty, "empty.txt", "empty file"),
    "folder without articles": (_no_articles, "sub", "folder holds no .txt or .md file"),
    "binary file": (_binary, "image.txt", "binary file, not text"),
    "missing path": (_missing, "nowhere.txt", "no such file or folder"),
}


def _brief(server: OpenAIServer, paths: list[str]) -> tuple[int, str, str]:
    args = ["brief", *paths, "--base-url", server.base_url, "--model", "m", "--no-timing"]
    result = runner.invoke(cli.app, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", SKIPPED, ids=list(SKIPPED))
def test_a_bad_input_is_skipped_with_its_reason(
    tmp_path: Path, server: OpenAIServer, case: str
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    make, name, reason = SKIPPED[case]
    code, out, err = _brief(server, make(tmp_path))
    assert code == 10  # partial: documented in the README
    assert f"{name}: {reason}" in " ".join(err.split())
    assert "Ana Lima" in out and "## Not included" in out and reason in out


def test_a_non_utf8_file_is_decoded_with_a_warning(tmp_path: Path, server: OpenAIServer) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("José Peña said the café reopened.\n".encode("cp1252"))
    code, out, _ = _brief(server, [str(tmp_path)])
    assert code == 0
    assert "José Peña" in out and "Ana Lima" in out
    assert "not UTF-8" in out and "decoded as cp1252" in out  # said under Sources


def test_a_non_english_article_is_briefed(tmp_path: Path, server: OpenAIServer) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "uk.txt").write_text(
        "Олена Коваль відкрила новий міст у понеділок. Рух відновився.\n", encoding="utf-8"
    )
    code, out, _ = _brief(server, [str(tmp_path)])
    assert code == 0 and "Ana Lima" in out
    assert "Олена Коваль відкрила новий міст у понеділок" in out  # cited in its own words


def test_a_huge_article_is_chunked_and_its_offsets_hold(
    tmp_path: Path, server: OpenAIServer
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    places = ["harbour", "market", "council", "quay", "school", "station", "depot", "square"]
    topics = ["ships", "cranes", "tides", "fees", "berths", "pilots", "tugs", "nets", "docks"]
    paragraphs = [  # no two chunks alike: identical requests would be answered from the store
        f"Rui Costa spoke at the {places[n % 8]} meeting about the port and its {topics[n % 9]}."
        for n in range(900)
    ]
    text = "\n".join(paragraphs) + "\n"
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(
        cli.app,
        ["brief", str(tmp_path), "--base-url", server.base_url, "--model", "m", "-f", "json"],
    )
    assert result.exit_code == 0, result.stderr
    briefing = json.loads(result.stdout)
    huge = next(s for s in briefing["sources"] if s["article"]["path"].endswith("huge.txt"))
    extract_calls = [r for r in server.requests if "mentions" not in str(r["messages"][1])]
    assert len(text) > 50_000 and len(extract_calls) >= len(text) // 6000  # several chunks
    for c in briefing["citations"]:
        source = briefing["sources"][c["source"] - 1]["article"]["text"]
        assert source[c["start"] : c["end"]] == c["quote"]
    assert any(c["source"] == huge["n"] and c["start"] > 40_000 for c in briefing["citations"])


def test_the_same_article_twice_is_read_once_and_both_paths_listed(
    tmp_path: Path, server: OpenAIServer
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(GOOD, encoding="utf-8")
    code, out, _ = _brief(server, [str(tmp_path)])
    assert code == 0 and server.calls == 1
    assert "copy.txt" in out and "also given as" in out and "good.txt" in out


def test_nothing_readable_is_an_input_error(tmp_path: Path, server: OpenAIServer) -> None:
    _empty(tmp_path)
    code, out, err = _brief(server, [str(tmp_path)])
    assert code == 4 and out == "" and "No article to read" in err and server.calls == 0
