"""How the cassettes are recorded and replayed: secrets scrubbed from requests and responses,
bodies decoded for review, requests matched on their body with the random delimiter tags
blanked, and every recorded interaction required to be played."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from summarizer import prompts
from summarizer.redact import shown_url

_SCRUBBED_RESPONSE_HEADERS = ("set-cookie", "openai-organization", "openai-project", "x-request-id")


def _scrub_request(request: Any) -> Any:
    """The request as recorded, and as matched on replay: its URL without user:password@ or
    the values of secret query parameters (?api-key=), like everything else that shows one."""
    request.uri = shown_url(request.uri)
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SCRUBBED_RESPONSE_HEADERS:
            del headers[name]
    return response


VCR_CONFIG: dict[str, Any] = {
    "filter_headers": [
        "authorization",
        "cookie",
        "openai-organization",
        "openai-project",
        "api-key",
    ],
    "before_record_request": _scrub_request,
    "before_record_response": _scrub_response,
    "decode_compressed_response": True,
    # host and port are left out so a server on any loopback port can re-record; the
    # body is compared without the random delimiter tags (prompts.untagged).
    "match_on": ["method", "scheme", "path", "query", "body_untagged"],
    "allow_playback_repeats": False,
}


def body_untagged(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the request bodies are equal once their random tags are blanked."""
    a, b = (prompts.untagged(_decoded(r.body)) for r in (r1, r2))
    with contextlib.suppress(ValueError):
        a, b = json.loads(a), json.loads(b)
    assert a == b


def _decoded(body: bytes | str | None) -> str:
    return body.decode("utf-8") if isinstance(body, bytes) else (body or "")
