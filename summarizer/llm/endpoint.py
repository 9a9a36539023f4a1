"""What the openai client is given for a base URL that carries credentials.

A URL's user:password@ and query string (``?api-key=...``) must reach the server, but the
URL itself is printed by httpx2's request log, stored and shown in errors. And the openai
client glues each path after the base URL's query string (``/v1?api-key=K/models``), so a
query there would not even reach the server as such. So the client gets the bare URL, the
user:password@ as an HTTP Basic Authorization header (what httpx2 made of it before, in place
of the API key's Bearer header), and the query parameters as its ``default_query``, sent
with every request.
"""

from __future__ import annotations

import base64
import urllib.parse
from dataclasses import dataclass, field

from summarizer.redact import is_secret_param


@dataclass(frozen=True)
class Endpoint:
    base_url: str  # no user:password@, no query string
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()  # the password and the secret query values, to redact


def endpoint(url: str) -> Endpoint:
    """Split ``url`` (an http(s) URL: Settings checks it) for the openai client."""
    parts = urllib.parse.urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    bare = urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    secrets = [value for name, value in query.items() if is_secret_param(name)]
    headers: dict[str, str] = {}
    if at:
        user, _, password = userinfo.partition(":")
        pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
        secrets += [urllib.parse.unquote(password), password, userinfo]
    return Endpoint(bare, headers, query, tuple(s for s in secrets if s))
