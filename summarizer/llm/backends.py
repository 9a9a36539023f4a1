"""Which model backend a run uses, and why; and the embedded one started for the run.

Resolution order, first match wins:

1. an explicit ``--base-url``/``--model`` (or ``Settings(base_url=..., model=...)``);
2. the environment: ``SUMMARIZER_BASE_URL`` or ``OPENAI_BASE_URL``, ``SUMMARIZER_MODEL``, and
   ``OPENAI_API_KEY`` (OpenAI itself when no base URL is set);
3. the embedded model, if ``summarizer[local]`` is installed (local.py);
4. otherwise one error that lists the three ways to configure a model.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from summarizer.config import Settings, origin_of
from summarizer.errors import ConfigError
from summarizer.llm import local

NO_MODEL = (
    "No model configured. Set one of: --base-url URL (or SUMMARIZER_BASE_URL) for an "
    "OpenAI-compatible server such as llama.cpp, vLLM or Ollama; OPENAI_API_KEY (or --api-key) "
    f"to use OpenAI; or install the embedded local model: {local.INSTALL_HINT}."
)


@dataclass(frozen=True)
class Backend:
    kind: Literal["server", "openai", "embedded"]
    base_url: str | None
    model: str | None
    reason: str

    def describe(self) -> str:
        """One line: where the run's calls go, the model, and why (no URL credentials)."""
        from summarizer.redact import shown_url

        if self.base_url:
            where = f"server {shown_url(self.base_url)}"
        else:
            where = "OpenAI" if self.kind == "openai" else "the embedded local model"
        model = f", model {self.model}" if self.model and self.kind != "embedded" else ""
        return f"model: {where}{model} ({self.reason})"


def choose(settings: Settings) -> Backend:
    """The backend ``settings`` lead to, with the reason, without contacting it."""
    if settings.base_url:
        source = origin_of("base_url", settings.base_url)
        return Backend("server", settings.base_url, settings.model, f"base URL {source}")
    if settings.api_key is not None:
        stored = settings.stored_key_name()
        source = f"from keys.json ({stored})" if stored else origin_of("api_key")
        return Backend("openai", None, settings.model, f"API key {source}, no base URL: OpenAI")
    if settings.model and settings.model != local.ALIAS:
        raise ConfigError(
            f"--model {settings.model} needs a server: pass --base-url URL, or set "
            "OPENAI_API_KEY to use OpenAI."
        )
    if not settings.embedded:
        raise ConfigError(NO_MODEL + " (SUMMARIZER_EMBEDDED=0 turns the embedded model off.)")
    lacking = local.missing()
    if lacking:
        if len(lacking) == len(local._SERVER_MODULES) + local.PARTS:
            raise ConfigError(NO_MODEL)
        raise ConfigError(
            f"The embedded model is incomplete (missing {', '.join(lacking[:3])}"
            f"{'…' if len(lacking) > 3 else ''}): {local.INSTALL_HINT}. " + NO_MODEL
        )
    return Backend(
        "embedded",
        None,
        local.ALIAS,
        "no base URL or API key configured; the embedded model is installed",
    )


@contextlib.contextmanager
def connect(
    settings: Settings,
    progress: Callable[[int], None] | None = None,
    on_backend: Callable[[Backend], None] | None = None,
) -> Iterator[Settings]:
    """Settings that reach a running backend: unchanged for a server or OpenAI; for the
    embedded model, its server is started here and stopped when the block exits.
    ``on_backend`` hears which backend was chosen, and why, before anything is started."""
    backend = choose(settings)
    if on_backend is not None:
        on_backend(backend)
    if backend.kind != "embedded":
        yield settings
        return
    n_ctx = local.context_size(settings.chunk_chars, settings.max_tokens)
    with local.serving(
        n_ctx, settings.local_threads, settings.local_start_timeout, progress
    ) as url:
        # llama-cpp-python's server answers one request at a time: more would only queue
        # there and count against the client's timeout.
        update = {"base_url": url, "model": local.ALIAS, "concurrency": settings.concurrency or 1}
        yield settings.model_copy(update=update)
