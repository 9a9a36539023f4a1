"""Small shared helpers: where the seeds are, a folder of hand-written articles, a gauge of
threads in flight, and Settings for a test server."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from summarizer.config import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
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


def settings_for(server: Any, **overrides: Any) -> Settings:
    """Settings that reach ``server`` (a fake_server.OpenAIServer on loopback), with backoff
    shortened so no test sleeps long; ``overrides`` are Settings fields."""
    values: dict[str, Any] = {"base_url": server.base_url, "model": "m", "retry_wait": 0.01}
    values.update(overrides)
    return Settings(**values)
