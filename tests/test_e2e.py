"""End to end over the seeds, replaying a cassette recorded from a real model server.

The cassette was recorded from llama-cpp-python's server running Qwen2.5-Coder-1.5B-Instruct
Q4_K_M on 127.0.0.1 (see README, "Re-recording the cassettes"). Requests are matched on their
body, so any change to a prompt or a schema makes this test fail until it is re-recorded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from summarizer import Settings, brief
from summarizer.neutral import loaded_outside_quotes
from tests.conftest import ROOT, SEEDS

RECORDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# Replay ignores host and port; recording uses this server (or SUMMARIZER_RECORD_BASE_URL).
BASE_URL = os.environ.get("SUMMARIZER_RECORD_BASE_URL", "http://127.0.0.1:8765/v1")


@pytest.mark.vcr
def test_seeds_briefing(vcr: Any) -> None:
    settings = Settings(base_url=BASE_URL, model=RECORDED_MODEL, api_key="sk-test-not-a-real-key")
    briefing = brief([SEEDS], settings=settings, date="2026-11-23")
    if vcr.record_mode == "none":
        assert vcr.all_played, "the cassette holds requests this run never made"

    # Every article is a source, in order, and every citation is its exact span.
    files = sorted(SEEDS.glob("*.txt"))
    assert [Path(s.article.path).name for s in briefing.sources] == [f.name for f in files]
    texts = {
        s.article.id: f.read_bytes().decode("utf-8")
        for s, f in zip(briefing.sources, files, strict=True)
    }
    articles = {s.article.id: s.article for s in briefing.sources}
    assert briefing.citations
    for c in briefing.citations:
        assert texts[c.article_id][c.start : c.end] == c.quote
        assert not articles[c.article_id].in_boilerplate(c.start, c.end)

    # The JSON validates against the committed schema.
    schema = json.loads((ROOT / "schemas" / "briefing.schema.json").read_text())
    jsonschema.validate(json.loads(briefing.to_json()), schema)

    markdown = briefing.to_markdown()
    assert loaded_outside_quotes(markdown) == []
    assert "Elena Martinez" not in markdown.split("## Sources")[0]
    assert briefing.developments and briefing.actors and briefing.figures
    assert briefing.run.calls >= len(files)
    # The recording holds the model's bad answers too: they exercise the re-ask and drop paths.
    assert briefing.run.reasks > 0 and briefing.run.dropped > 0
