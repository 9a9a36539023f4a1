"""Fixtures every test may use: a clean environment, the in-process fake model, the cassettes.

The doubles themselves live in tests/support/; nothing here was recorded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.llm import LLM
from summarizer.models import Briefing
from tests.support.briefings import two_seed_briefing
from tests.support.cassettes import VCR_CONFIG, body_untagged
from tests.support.fake_model import MODEL, FakeServer
from tests.support.helpers import ROOT


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's own model settings or keys."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    # Nothing starts a 1 GB model by accident: tests that want it turn this back on.
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "0")
    # The fake model's queues hold extraction answers: the stories are left as the rules
    # make them unless a test asks for the model's editing (tests/test_stories_model.py).
    monkeypatch.setenv("SUMMARIZER_SUMMARY", "0")
    # Each test has its own run store, never the user's.
    monkeypatch.setenv("SUMMARIZER_STORE", str(tmp_path / "runs.sqlite3"))
    # ...and its own configuration folder: the developer's config.toml and keys stay unread.
    monkeypatch.setenv("SUMMARIZER_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    # The fake answers from one queue in arrival order, so its tests extract one article at a
    # time; concurrency is tested against tests/support/fake_server.py, whose answers follow
    # the request, not the order.
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "1")
    return FakeServer()


@pytest.fixture
def fake_llm(server: FakeServer) -> LLM:
    """A real LLM (openai + instructor) talking to the fake server, with no backoff sleeps."""
    settings = Settings(base_url="http://fake.test/v1", model=MODEL, retry_wait=0)
    return LLM(settings, http_client=server.client())


@pytest.fixture
def briefing() -> Briefing:
    """Seeds 002 and 003 briefed from hand-written answers, with no model server or client
    (tests/support/briefings.py): for the tests of what reads a briefing."""
    return two_seed_briefing()


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return dict(VCR_CONFIG)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.split(".")[-1])


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("body_untagged", body_untagged)
