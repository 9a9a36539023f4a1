"""The library as another tool calls it: paths, articles in memory, options, version, quiet.

Everything here is hand-written; no model is called (the inputs fail or are read before any
model would be started, or a hand-written fake server answers)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer
from summarizer import ingest
from summarizer.pipeline import as_paths

STORM = "Storm Ciarán hits Cornwall\n\nStorm Ciarán brought gusts of 100 mph to Cornwall.\n"


def test_a_string_is_one_path_never_its_characters(tmp_path: Path) -> None:
    """Found by trying it: brief("seeds/") walked "s", "e"... and "/", the whole disk."""
    empty = tmp_path / "today"
    empty.mkdir()
    with pytest.raises(summarizer.InputError) as caught:
        summarizer.brief(str(empty))
    assert str(caught.value).count("folder holds no .txt or .md file") == 1
    assert as_paths(str(empty)) == [str(empty)]
    assert as_paths(empty) == [str(empty)]
    assert as_paths([empty, "b.txt"]) == [str(empty), "b.txt"]
    with pytest.raises(summarizer.ConfigError, match="not bytes"):
        as_paths(b"seeds/")  # type: ignore[arg-type]
    with pytest.raises(summarizer.ConfigError, match="Cannot read int"):
        as_paths([3])  # type: ignore[list-item]


def test_an_unknown_option_is_an_error_that_names_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(summarizer.ConfigError) as caught:
        summarizer.brief([str(tmp_path)], base_ulr="http://127.0.0.1:8080/v1")
    message = str(caught.value)
    assert "'base_ulr' (did you mean 'base_url'?)" in message
    assert "Valid options:" in message and "model" in message
    with pytest.raises(summarizer.ConfigError, match="Unknown option 'modle'"):
        summarizer.extract(tmp_path / "a.txt", modle="x")
    with pytest.raises(summarizer.ConfigError, match="not both"):
        summarizer.brief([str(tmp_path)], settings=summarizer.Settings(), model="x")


def test_an_article_in_memory_carries_what_the_caller_knows() -> None:
    a = summarizer.article(
        STORM,
        outlet="The Cornish Times",
        url="https://example.org/storm",
        published="2026-11-23T07:30:00Z",
        author="Jo Bloggs",
    )
    assert (a.outlet, a.title, a.url, a.published, a.author) == (
        "The Cornish Times",
        "Storm Ciarán hits Cornwall",
        "https://example.org/storm",
        "2026-11-23T07:30:00Z",
        "Jo Bloggs",
    )
    assert a.path == "https://example.org/storm"
    with pytest.raises(summarizer.InputError):
        summarizer.article("   ")


def test_articles_and_paths_are_read_together_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Markets fell\n\nShares in Volta fell 18% on Tuesday.\n")
    first = summarizer.article(STORM, outlet="A")
    loaded = ingest.load([first, tmp_path / "b.txt", summarizer.article(STORM)])
    assert [a.outlet for a in loaded.articles] == ["A", None]  # the same text twice: read once
    long = summarizer.article("x " * 50)
    loaded = ingest.load([long, tmp_path / "b.txt"], max_chars=60)
    assert [s.reason.split(" (")[0] for s in loaded.skipped] == ["too long to brief"]
    assert [a.path for a in loaded.articles] == [str(tmp_path / "b.txt")]


FRONT = """---
title: "Storm Ciarán hits Cornwall"
source: The Cornish Times
link: https://example.org/storm
date: 2026-11-23
authors: [Jo Bloggs, Sam Smith]
tags: [weather]
---
Storm Ciarán brought gusts of 100 mph to Cornwall on Thursday.
"""


def test_yaml_front_matter_is_read_and_never_cited(tmp_path: Path) -> None:
    path = tmp_path / "storm.md"
    path.write_text(FRONT, encoding="utf-8")
    (a,) = ingest.load([path]).articles
    assert (a.title, a.outlet, a.url, a.published, a.author) == (
        "Storm Ciarán hits Cornwall",
        "The Cornish Times",
        "https://example.org/storm",
        "2026-11-23",
        "Jo Bloggs, Sam Smith",
    )
    body = FRONT.index("Storm Ciarán brought")
    assert a.in_boilerplate(0, body - 1) and not a.in_boilerplate(body, len(FRONT))
    assert "Cornish Times" not in a.content()
    # Not front matter: no closing fence, or not a mapping. The text is read as it is.
    for text in ("---\ntitle: x\nBody text here.\n", "---\n- a list\n---\nBody text here.\n"):
        b = ingest.parse(text, "x.md")
        assert b.url is None and not b.in_boilerplate(0, 3)


def test_version_and_progress_are_exported() -> None:
    assert summarizer.__version__[0].isdigit()
    assert summarizer.ArticleProgress.__name__ == "ArticleProgress"


def test_a_plain_script_prints_nothing_of_instructors_retries() -> None:
    """instructor logs each exhausted re-ask at ERROR; with no logging configured, Python's
    last-resort handler would print those blocks on the script's stderr."""
    script = (
        "import logging, summarizer.llm\n"
        "logging.getLogger('instructor.v2.retry').error('Max retries exceeded')\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stderr == ""
    # An application that configures logging still hears it.
    configured = "import logging; logging.basicConfig()\n" + script
    run = subprocess.run(
        [sys.executable, "-c", configured], capture_output=True, text=True, check=True
    )
    assert "Max retries exceeded" in run.stderr
    assert logging.getLogger("summarizer").handlers  # the library's own NullHandler
