"""Keys and credentials are taken out of every message before it is shown, logged or stored."""

from __future__ import annotations

import logging
import re
import urllib.parse

_KEYLIKE = re.compile(r"\b(sk|key|token)-[A-Za-z0-9_*.-]{6,}", re.IGNORECASE)
# A URL inside a message (an httpx2 request line, an error naming the server).
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s\"'<>]+", re.IGNORECASE)
# scheme://user:password@ up to the last "@" before the path: a password may hold an "@".
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/?#]*@", re.IGNORECASE)
# Query parameters named like a credential: api-key, api_key, apikey, key, token,
# access_token, client_secret, password, sig... (a false alarm only hides a value).
_SECRET_PARAM = re.compile(
    r"(key|token|secret|password|passwd|pwd|auth|sig|signature|credentials?)$", re.IGNORECASE
)
_SECRETS: set[str] = set()  # the keys this process was given, redacted wherever they appear


def remember_secret(value: str) -> None:
    """Redact ``value`` wherever it appears from now on (short values would redact too much)."""
    if len(value) >= 6:
        _SECRETS.add(value)


def redact(message: str) -> str:
    """Remove the configured keys, the credentials of any URL, and anything shaped like a key
    from a message before it is shown, logged or stored."""
    for secret in _SECRETS:
        message = message.replace(secret, "[redacted]")
    message = _URL.sub(lambda found: shown_url(found[0]), message)
    return _KEYLIKE.sub("[redacted]", message)[:500]


def shown_url(url: str) -> str:
    """A URL fit to show, log or store: without user:password@, and with the value of each
    query parameter whose name says it holds a secret (api-key, key, token, access_token...)
    replaced by [redacted]. The one place that knows how to show a URL.

    It works on the text, not on a parse: it never raises (it also cleans URLs found inside
    error messages), keeps a URL with no secret exactly as given (so run-store keys of such
    URLs stay the same), and keeps an IPv6 host's brackets."""
    url = _USERINFO.sub(r"\1", url)
    base, mark, rest = url.partition("?")
    if not mark:
        return url
    query, hash_mark, fragment = rest.partition("#")
    shown = "&".join(_shown_param(param) for param in query.split("&"))
    return f"{base}?{shown}{hash_mark}{fragment}"


def is_secret_param(name: str) -> bool:
    """Whether a query parameter called ``name`` holds a credential (by its name)."""
    return bool(_SECRET_PARAM.search(urllib.parse.unquote_plus(name)))


def _shown_param(param: str) -> str:
    name, equals, _ = param.partition("=")
    return f"{name}=[redacted]" if equals and is_secret_param(name) else param


class RedactingFilter(logging.Filter):
    """For log handlers: instructor logs exception text at ERROR, and a server's error text
    may echo a key; keys are taken out first."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True
