"""Keys and credentials are taken out of every message before it is shown, logged or stored."""

from __future__ import annotations

import logging
import re
import urllib.parse

_KEYLIKE = re.compile(r"\b(sk|key|token)-[A-Za-z0-9_*.-]{6,}", re.IGNORECASE)
_SECRETS: set[str] = set()  # the keys this process was given, redacted wherever they appear


def remember_secret(value: str) -> None:
    """Redact ``value`` wherever it appears from now on (short values would redact too much)."""
    if len(value) >= 6:
        _SECRETS.add(value)


def redact(message: str) -> str:
    """Remove the configured keys, and anything shaped like a key, from a message before it
    is shown, logged or stored."""
    for secret in _SECRETS:
        message = message.replace(secret, "[redacted]")
    return _KEYLIKE.sub("[redacted]", message)[:500]


def shown_url(url: str) -> str:
    """A URL fit to show: no user:password@, no query string (keys hide in both)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class RedactingFilter(logging.Filter):
    """For log handlers: instructor logs exception text at ERROR, and a server's error text
    may echo a key; keys are taken out first."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True
