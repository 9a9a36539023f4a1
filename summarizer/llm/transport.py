"""Transport failures: which are worth a retry, which end the run, how long to wait, and how
to say what went wrong (without secrets). openai is imported here only when a failure needs it."""

from __future__ import annotations

import contextlib
import datetime
import email.utils

from summarizer.config import Settings
from summarizer.redact import redact, shown_url


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
