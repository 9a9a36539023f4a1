"""A small OpenAI-compatible HTTP server for fault tests and benchmarks (written by hand).

It listens on 127.0.0.1 for real, so the openai client, httpx and the retry code meet real
sockets: a reset connection is a reset connection. Each chat completion takes the next step of
a script; when the script is empty it answers with ``respond(request)``. ``when(text, ...)``
gives a script of its own to the requests whose body contains ``text``, so a test can aim a
fault at one article however many are extracted at once.

Steps:
- ``Ok(content)``: 200 with that message content;
- ``Status(code, headers)``: an error status, e.g. 429 with Retry-After;
- ``Slow(seconds, then)``: wait, then take ``then`` (past the client's timeout, the client
  gives up first);
- ``Reset()``: close the connection with a TCP reset, no answer;
- ``Garbage()``: 200 whose body is not JSON;
- ``Truncated(content)``: 200 with ``finish_reason: "length"`` and the content cut in half.

``python -m tests.support.fake_server --port N`` serves the default responder in the foreground, and
accepts (and ignores) llama_cpp.server's options, so it can stand in for the embedded server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.support.batch_api import BatchAPI


@dataclass
class Ok:
    content: str


@dataclass
class Status:
    code: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str | None = None


@dataclass
class Slow:
    seconds: float
    then: Any = None


@dataclass
class Reset:
    pass


@dataclass
class Garbage:
    pass


@dataclass
class Truncated:
    content: str


Step = Ok | Status | Slow | Reset | Garbage | Truncated
_TAGGED = re.compile(r"<([a-z]+-[0-9a-f]+)>\n(.*?)\n</\1>", re.DOTALL)
_NUMBERED = re.compile(r"^\[\d+\] ")
_MENTION = re.compile(r'^\[\d+\] number: (".*")$', re.MULTILINE)


def echo(request: dict[str, Any]) -> str:
    """A well-behaved model: for an extraction, one actor and one event citing the first
    sentence of the article (whose first two words must be a name); for a labelling call,
    one label per listed mention. Good enough for fault tests and benchmarks."""
    everything = "\n".join(str(m.get("content", "")) for m in request["messages"])
    found = _TAGGED.search(everything)
    text = found[2] if found else str(request["messages"][-1]["content"])
    mentions = _MENTION.findall(text)
    if mentions:
        labels = [
            {
                "number": json.loads(m),
                "unit": "items",
                "counts": None,
                "by": None,
                "scope": None,
                "figure": True,
            }
            for m in mentions
        ]
        return json.dumps({"labels": labels})
    first = _NUMBERED.sub("", text.strip().split("\n")[0])
    name = " ".join(first.split()[:2])
    return json.dumps(
        {
            "actors": [{"name": name, "kind": "person", "role": None}],
            "events": [{"cite": [1]}],
            "statements": [],
        }
    )


class OpenAIServer:
    """Start with ``with OpenAIServer() as server:``; ``server.base_url`` is the /v1 URL."""

    def __init__(
        self,
        respond: Callable[[dict[str, Any]], str] | None = None,
        *,
        model: str | None = "test-model",
        latency: float = 0.0,
        port: int = 0,
        rate_limited: float = 0.0,
        seed: int = 0,
        batch_polls: int | None = None,
    ) -> None:
        self.respond = respond or echo
        self.model = model
        self.latency = latency
        # This fraction of chat requests, drawn at random (seeded), is answered 429.
        self.rate_limited = rate_limited
        self._random = random.Random(seed)
        # The Batch API's files and batches endpoints, when asked for (tests/support/batch_api.py):
        # a batch is worked off on its ``batch_polls``-th retrieval.
        self.batch_api = BatchAPI(self._batch_answer, batch_polls) if batch_polls else None
        self.script: deque[Step] = deque()
        self.aimed: list[tuple[str, deque[Step]]] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.dead = False  # see die()
        self.paths: list[str] = []  # each chat request's path, query string included
        self.in_flight = self.peak = 0  # chat requests being answered now, and at most
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def then(self, *steps: Step) -> OpenAIServer:
        self.script.extend(steps)
        return self

    def when(self, text: str, *steps: Step) -> OpenAIServer:
        """Answer the next requests that contain ``text`` with ``steps``, in order."""
        self.aimed.append((text, deque(steps)))
        return self

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def die(self) -> None:
        """Go away as a crashed server does: connections open now are reset at their next
        request, and new ones are refused."""
        self.dead = True
        self.__exit__()

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def _batch_answer(self, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """One line of a batch, answered as a chat request would be (not counted in calls)."""
        step = self._next(request, {}, batched=True)
        if isinstance(step, Status):
            return step.code, {"error": {"message": step.message or f"test server: {step.code}"}}
        if isinstance(step, Truncated):
            return 200, _completion(request, step.content[: len(step.content) // 2], "length")
        content = step.content if isinstance(step, Ok) else self.respond(request)
        return 200, _completion(request, content, "stop")

    def _next(
        self,
        request: dict[str, Any],
        headers: dict[str, str],
        batched: bool = False,
        path: str = "",
    ) -> Step:
        body = json.dumps(request, ensure_ascii=False)
        with self._lock:
            if self.dead:
                return Reset()
            if not batched:
                self.requests.append(request)
                self.headers.append(headers)
                self.paths.append(path)
            for text, steps in self.aimed:
                if steps and text in body:
                    return steps.popleft()
            if self.script:
                return self.script.popleft()
            if self.rate_limited and self._random.random() < self.rate_limited:
                return Status(429, {}, "test server: rate limited")
            return Ok(self.respond(request))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle's algorithm
                # holds the body until the client's delayed ACK, ~40 ms per answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _batch_api(self, method: str, raw: bytes) -> bool:
                """Answer a files or batches request, if this is one and the API is on."""
                api = server.batch_api
                found = api and api.handle(
                    method, self.path, raw, self.headers["content-type"] or ""
                )
                if not found:
                    return False
                code, data = found
                if isinstance(data, bytes):
                    self._raw(code, data, "application/octet-stream")
                else:
                    self._json(code, data)
                return True

            @property
            def route(self) -> str:
                """The path without its query string: a real server routes on the path."""
                return self.path.split("?")[0].rstrip("/")

            def do_GET(self) -> None:
                if self._batch_api("GET", b""):
                    return
                if self.route.endswith("/stats"):  # for benchmarks in another process
                    self._json(200, {"calls": server.calls, "peak": server.peak})
                elif self.route.endswith("/models"):
                    # model=None: a server that lists no model at all
                    listed = [] if server.model is None else [server.model]
                    data = {
                        "object": "list",
                        "data": [{"id": m, "object": "model"} for m in listed],
                    }
                    self._json(200, data)
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                if self._batch_api("POST", raw):
                    return
                if not self.route.endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                body = json.loads(raw or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                step = server._next(body, headers, path=self.path)
                mark = os.environ.get("TEST_SERVER_MARK")
                if mark:  # tells a test that a request is in flight
                    Path(mark).touch()
                with server._lock:
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                try:
                    if server.latency:
                        time.sleep(server.latency)
                    self._answer(step, body)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, step: Any, body: dict[str, Any]) -> None:
                if isinstance(step, Slow):
                    time.sleep(step.seconds)
                    self._answer(step.then or Ok(server.respond(body)), body)
                elif isinstance(step, Status):
                    text = step.message or f"test server: {step.code}"
                    message = {"error": {"message": text}}
                    self._json(step.code, message, step.headers)
                elif isinstance(step, Reset):
                    # SO_LINGER 0: close() sends RST, the client sees a reset connection.
                    linger = struct.pack("ii", 1, 0)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    self.connection.close()
                elif isinstance(step, Garbage):
                    self._raw(200, b"<html>this is not JSON", "text/html")
                elif isinstance(step, Truncated):
                    self._json(
                        200, _completion(body, step.content[: len(step.content) // 2], "length")
                    )
                else:
                    self._json(200, _completion(body, step.content, "stop"))

            def _json(self, code: int, data: Any, headers: dict[str, str] | None = None) -> None:
                self._raw(code, json.dumps(data).encode(), "application/json", headers)

            def _raw(
                self, code: int, data: bytes, kind: str, headers: dict[str, str] | None = None
            ) -> None:
                try:
                    self.send_response(code)
                    self.send_header("content-type", kind)
                    self.send_header("content-length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to tell it

        return Handler


def _completion(request: dict[str, Any], content: str, finish: str) -> dict[str, Any]:
    prompt = sum(len(str(m.get("content", ""))) for m in request.get("messages", [])) // 4
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "test-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": len(content) // 4,
            "total_tokens": prompt + len(content) // 4,
        },
    }


def main() -> None:
    """Serve in the foreground. TEST_SERVER_STARTUP_DELAY and TEST_SERVER_LATENCY (seconds)
    make it slow to come up or to answer (TEST_SERVER_SLOW_ONCE: only the first process
    started), and TEST_SERVER_MARK names a file it touches when a request arrives, for the
    embedded-server lifecycle tests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model_alias", default="test-model")
    parser.add_argument("--latency", type=float, help="seconds per answer")
    parser.add_argument("--rate-limited", type=float, default=0.0, help="fraction answered 429")
    args, _ = parser.parse_known_args()  # llama_cpp.server's other options are ignored
    time.sleep(float(os.environ.get("TEST_SERVER_STARTUP_DELAY", "0")))
    latency = args.latency or float(os.environ.get("TEST_SERVER_LATENCY", "0"))
    once = os.environ.get("TEST_SERVER_SLOW_ONCE")  # a file: only the first process is slow
    if once and os.path.exists(once):
        latency = 0.0
    elif once:
        open(once, "w").close()
    OpenAIServer(
        model=args.model_alias, port=args.port, latency=latency, rate_limited=args.rate_limited
    ).serve_forever()


if __name__ == "__main__":
    main()
