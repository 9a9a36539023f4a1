"""Shared fixtures: the seeds, a fake model server, and the cassette configuration."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from summarizer import prompts
from summarizer.config import Settings
from summarizer.llm import LLM
from summarizer.llm import client as llm_module
from tests.fakes import MODEL, FakeServer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Gauge:
    """How many threads are inside ``with gauge:`` at once, and the most there were."""

    def __init__(self) -> None:
        self.inside = self.peak = 0
        self._lock = threading.Lock()

    def __enter__(self) -> Gauge:
        with self._lock:
            self.inside += 1
            self.peak = max(self.peak, self.inside)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.inside -= 1


def article_folder(root: Path, articles: dict[str, str], name: str = "in") -> Path:
    """A folder of hand-written articles, one file each (``articles``: file name -> text)."""
    folder = root / name
    folder.mkdir()
    for file, text in articles.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's own model settings or keys."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    # Nothing starts a 1 GB model by accident: tests that want it turn this back on.
    monkeypatch.setenv("SUMMARIZER_EMBEDDED", "0")
    # Each test has its own run store, never the user's.
    monkeypatch.setenv("SUMMARIZER_STORE", str(tmp_path / "runs.sqlite3"))
    # A structured-output mode a server rejected is remembered per run (process): not here.
    monkeypatch.setattr(llm_module, "_REMEMBERED_MODE", {})


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    # The fake answers from one queue in arrival order, so its tests extract one article at a
    # time; concurrency is tested against tests/openai_server.py, whose answers follow the
    # request, not the order.
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "1")
    return FakeServer()


@pytest.fixture
def fake_llm(server: FakeServer) -> LLM:
    """A real LLM (openai + instructor) talking to the fake server, with no backoff sleeps."""
    settings = Settings(base_url="http://fake.test/v1", model=MODEL, retry_wait=0)
    return LLM(settings, http_client=server.client())


# --- cassettes --------------------------------------------------------------------------------

_SCRUBBED_RESPONSE_HEADERS = ("set-cookie", "openai-organization", "openai-project", "x-request-id")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SCRUBBED_RESPONSE_HEADERS:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [
            "authorization",
            "cookie",
            "openai-organization",
            "openai-project",
            "api-key",
        ],
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        # host and port are left out so a server on any loopback port can re-record; the
        # body is compared without the random delimiter tags (prompts.untagged).
        "match_on": ["method", "scheme", "path", "query", "body_untagged"],
        "allow_playback_repeats": False,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.split(".")[-1])


def body_untagged(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the request bodies are equal once their random tags are blanked."""
    a, b = (prompts.untagged(_decoded(r.body)) for r in (r1, r2))
    with contextlib.suppress(ValueError):
        a, b = json.loads(a), json.loads(b)
    assert a == b


def _decoded(body: bytes | str | None) -> str:
    return body.decode("utf-8") if isinstance(body, bytes) else (body or "")


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("body_untagged", body_untagged)
