"""Start tests/support/fake_server.py in its own process for a benchmark, so that its threads do not
share the measured process's interpreter lock."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(latency: float, rate_limited: float = 0.0) -> Iterator[str]:
    """The base URL of a test server answering every chat request after ``latency`` seconds,
    ``rate_limited`` of them with 429."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.fake_server",
            "--port",
            str(port),
            "--latency",
            str(latency),
            "--rate-limited",
            str(rate_limited),
        ],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/models", timeout=1).close()
                break
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def stats(url: str) -> dict[str, int]:
    with urllib.request.urlopen(f"{url}/stats", timeout=5) as answer:
        data: dict[str, int] = json.load(answer)
        return data
