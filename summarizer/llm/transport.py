"""Transport failures: which are worth a retry, which end the run, how long to wait, how to
say what went wrong (without secrets), and the one retry loop (tenacity) every request goes
through. openai and tenacity are imported here only when a request needs them."""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import logging
from collections.abc import Callable
from typing import TypeVar

from summarizer.config import Settings
from summarizer.errors import ModelError
from summarizer.redact import redact, shown_url

log = logging.getLogger("summarizer")
R = TypeVar("R")


def retrying(send: Callable[[], R], settings: Settings) -> R:
    """``send()``, retried on transport failures with backoff; a failure that outlasts
    the retries is raised as ModelError, with a message that says what to do."""
    import tenacity

    backoff = tenacity.wait_exponential_jitter(
        multiplier=settings.retry_wait,
        max=settings.retry_max_wait,
        jitter=settings.retry_wait,
    )

    def wait(state: tenacity.RetryCallState) -> float:
        # A server that says when to come back (429's Retry-After) is believed, up to the
        # cap; otherwise exponential backoff with jitter.
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc) if exc else None
        return min(max(backoff(state), asked or 0.0), settings.retry_max_wait)

    policy = tenacity.Retrying(
        retry=tenacity.retry_if_exception(is_transient),
        stop=(
            tenacity.stop_after_attempt(settings.transport_retries + 1)
            | tenacity.stop_after_delay(settings.retry_total)
        ),
        wait=wait,
        before_sleep=lambda state: log.warning(
            "model server: %s; retry %d in %.1f s",
            redact(str(state.outcome.exception() if state.outcome else "")),
            state.attempt_number,
            state.upcoming_sleep,
        ),
        reraise=True,
    )
    try:
        return policy(send)
    except Exception as exc:
        cause = transport_cause(exc)
        if cause is None:
            raise
        status = getattr(cause, "status_code", None)
        raise ModelError(describe(cause, settings), fatal=is_fatal(cause), status=status) from None


def is_transient(exc: BaseException) -> bool:
    if not isinstance(exc, Exception):
        return False  # Ctrl-C and exits pass straight through, untouched
    import openai

    cause = transport_cause(exc)
    if isinstance(cause, openai.APIStatusError):
        return cause.status_code in (408, 409, 429) or cause.status_code >= 500
    return cause is not None


def is_rate_limited(exc: BaseException) -> bool:
    """A 429: the server asks for fewer requests, not just a later one."""
    import openai

    cause = transport_cause(exc)
    return isinstance(cause, openai.APIStatusError) and cause.status_code == 429


def is_timeout(exc: BaseException) -> bool:
    """The client gave up waiting for the answer (not: could not connect)."""
    import openai

    return isinstance(transport_cause(exc), openai.APITimeoutError)


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked to wait: retry-after-ms, or Retry-After in seconds or as a date."""
    import openai

    cause = transport_cause(exc)
    if not isinstance(cause, openai.APIStatusError):
        return None
    headers = cause.response.headers
    with contextlib.suppress(TypeError, ValueError):
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
    value = headers.get("retry-after")
    if not value:
        return None
    with contextlib.suppress(ValueError):
        return max(float(value), 0.0)
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max((when - datetime.datetime.now(datetime.UTC)).total_seconds(), 0.0)
    return None


def is_fatal(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return False  # a slow answer says nothing about the next article
    fatal = (
        openai.APIConnectionError,
        openai.AuthenticationError,
        openai.PermissionDeniedError,
        openai.NotFoundError,
    )
    return isinstance(exc, fatal)


def transport_cause(exc: BaseException) -> BaseException | None:
    """The openai API error behind ``exc`` (instructor wraps it), or None."""
    import openai

    for candidate in (exc, exc.__cause__, exc.__context__):
        if isinstance(candidate, openai.APIError):
            return candidate
    return None


def describe(exc: BaseException, settings: Settings) -> str:
    import openai

    where = shown_url(settings.base_url) if settings.base_url else "the OpenAI API"
    if isinstance(exc, openai.APIConnectionError):
        detail = redact(str(exc)).rstrip(".")
        return f"Cannot reach the model server at {where} ({detail}). Is it running?"
    if isinstance(exc, openai.AuthenticationError):
        return f"The model server at {where} refused the API key; check OPENAI_API_KEY."
    if isinstance(exc, openai.APIStatusError):
        return f"The model server at {where} answered HTTP {exc.status_code}: {redact(str(exc))}"
    return f"The model call to {where} failed: {redact(str(exc))}"
