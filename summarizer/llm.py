"""The one seam to the model: the OpenAI client, instructor, the output mode and the retries.

Two kinds of retry, each with one owner:
- transport failures (connection errors, timeouts, 429, 5xx) are retried here with tenacity,
  and the openai client's own retries are turned off so they do not multiply;
- validation errors are re-asked by instructor, at most ``Settings.max_reasks`` times.

No other module imports openai, instructor or tenacity.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from summarizer.config import OPENAI_DEFAULT_MODEL, Settings
from summarizer.errors import ConfigError, ModelError

if TYPE_CHECKING:
    import httpx2
    import instructor
    import openai

log = logging.getLogger("summarizer")

T = TypeVar("T", bound=BaseModel)

NO_MODEL = (
    "No model configured. Set one of: --base-url URL (or SUMMARIZER_BASE_URL) for an "
    "OpenAI-compatible server such as llama.cpp, vLLM or Ollama; or OPENAI_API_KEY "
    "(or --api-key) to use OpenAI, with --model/SUMMARIZER_MODEL to pick the model."
)
_KEYLIKE = re.compile(r"\b(sk|key|token)-[A-Za-z0-9_*.-]{6,}", re.IGNORECASE)


@dataclass
class Reply(Generic[T]):
    """What one structured call produced, valid or not, and what it cost."""

    value: T | None
    last_text: str | None = None
    error: str | None = None
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


@dataclass
class _Attempts:
    """Raw completions seen by instructor's hook during one call."""

    responses: list[Any] = field(default_factory=list)

    def add(self, response: Any) -> None:
        self.responses.append(response)

    def tokens(self) -> tuple[int, int]:
        usage = [r.usage for r in self.responses if getattr(r, "usage", None)]
        return sum(u.prompt_tokens or 0 for u in usage), sum(
            u.completion_tokens or 0 for u in usage
        )


class LLM:
    """A structured-output client for any OpenAI-compatible server."""

    def __init__(self, settings: Settings, *, http_client: httpx2.Client | None = None) -> None:
        if settings.base_url is None and settings.api_key is None:
            raise ConfigError(NO_MODEL)
        self.settings = settings
        self.mode = settings.resolved_mode()
        self._http_client = http_client
        self._client: openai.OpenAI | None = None
        self._instructor: instructor.Instructor | None = None
        self._model = settings.model
        self._attempts = _Attempts()

    @property
    def model(self) -> str:
        """The model name: as configured, else the server's first model, else OpenAI's default."""
        if self._model is None:
            self._model = self._discover_model()
        return self._model

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]:
        """Ask for ``response_model``; validation failures are re-asked, then reported."""
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        self._attempts = _Attempts()
        started = time.monotonic()
        value, error, last_text = None, None, None
        try:
            value = self._call_with_transport_retries(response_model, messages, context)
        except InstructorRetryException as exc:
            error, last_text = _redact(str(exc)), _completion_text(exc.last_completion)
        except IncompleteOutputException as exc:
            error = f"the answer was cut off at {self.settings.max_tokens} tokens (max_tokens)"
            last_text = _completion_text(exc.last_completion)
        reply: Reply[T] = Reply(value, last_text, error, len(self._attempts.responses))
        reply.prompt_tokens, reply.completion_tokens = self._attempts.tokens()
        reply.seconds = time.monotonic() - started
        log.info(
            "model=%s article=%s attempts=%d prompt_tokens=%d completion_tokens=%d seconds=%.1f",
            self.model,
            context.get("article_id", "?"),
            reply.attempts,
            reply.prompt_tokens,
            reply.completion_tokens,
            reply.seconds,
        )
        return reply

    def _call_with_transport_retries(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> T:
        import tenacity

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(_is_transient),
            stop=tenacity.stop_after_attempt(self.settings.transport_retries + 1),
            wait=tenacity.wait_exponential_jitter(
                multiplier=self.settings.retry_wait,
                max=30 * self.settings.retry_wait,
                jitter=self.settings.retry_wait,
            ),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._create(response_model, messages, context)
        except Exception as exc:
            cause = _transport_cause(exc)
            if cause is None:
                raise
            raise ModelError(_describe(cause, self.settings), fatal=_is_fatal(cause)) from None
        raise AssertionError("unreachable: tenacity either returns or raises")

    def _create(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> T:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "response_model": response_model,
            "context": context,
            "max_retries": self.settings.max_reasks,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            kwargs["seed"] = self.settings.seed
        if self.mode == "llamacpp":
            # llama.cpp turns a "schema" inside json_object into a grammar; extra_body is merged
            # last by the openai client, so it replaces the plain json_object instructor sets.
            schema = response_model.model_json_schema()
            kwargs["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        result: T = self._get_instructor().chat.completions.create(**kwargs)
        return result

    def _get_client(self) -> openai.OpenAI:
        if self._client is None:
            import openai

            key = self.settings.api_key
            self._client = openai.OpenAI(
                api_key=key.get_secret_value() if key else "not-needed",
                base_url=self.settings.base_url,
                timeout=self.settings.timeout,
                max_retries=0,  # tenacity owns transport retries
                http_client=self._http_client,
            )
        return self._client

    def _get_instructor(self) -> instructor.Instructor:
        if self._instructor is None:
            import instructor

            mode = (
                instructor.Mode.JSON_SCHEMA if self.mode == "json_schema" else instructor.Mode.JSON
            )
            client = instructor.from_openai(self._get_client(), mode=mode)
            client.on("completion:response", lambda response: self._attempts.add(response))
            self._instructor = client
        return self._instructor

    def _discover_model(self) -> str:
        if self.settings.base_url is None:
            return OPENAI_DEFAULT_MODEL
        try:
            models = self._get_client().models.list()
        except Exception as exc:
            raise ModelError(_describe(exc, self.settings), fatal=True) from None
        first = next(iter(models), None)
        if first is None:
            raise ConfigError(f"{self.settings.base_url} lists no model; pass --model NAME.")
        return str(first.id)


def _is_transient(exc: BaseException) -> bool:
    import openai

    cause = _transport_cause(exc)
    if isinstance(cause, openai.APIStatusError):
        return cause.status_code in (408, 409, 429) or cause.status_code >= 500
    return cause is not None


def _is_fatal(exc: BaseException) -> bool:
    import openai

    fatal = (
        openai.APIConnectionError,
        openai.AuthenticationError,
        openai.PermissionDeniedError,
        openai.NotFoundError,
    )
    return isinstance(exc, fatal)


def _transport_cause(exc: BaseException) -> BaseException | None:
    """The openai API error behind ``exc`` (instructor wraps it), or None."""
    import openai

    for candidate in (exc, exc.__cause__, exc.__context__):
        if isinstance(candidate, openai.APIError):
            return candidate
    return None


def _describe(exc: BaseException, settings: Settings) -> str:
    import openai

    where = settings.base_url or "the OpenAI API"
    if isinstance(exc, openai.APIConnectionError):
        detail = _redact(str(exc)).rstrip(".")
        return f"Cannot reach the model server at {where} ({detail}). Is it running?"
    if isinstance(exc, openai.AuthenticationError):
        return f"The model server at {where} refused the API key; check OPENAI_API_KEY."
    if isinstance(exc, openai.APIStatusError):
        return f"The model server at {where} answered HTTP {exc.status_code}: {_redact(str(exc))}"
    return f"The model call to {where} failed: {_redact(str(exc))}"


def _redact(message: str) -> str:
    """Remove anything shaped like a key from a message before it is shown or logged."""
    return _KEYLIKE.sub("[redacted]", message)[:500]


def _completion_text(completion: Any) -> str | None:
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None
