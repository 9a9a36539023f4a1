"""A hand-written fake of an OpenAI-compatible server, served through httpx2's MockTransport.

Nothing here was recorded: each test writes the answers it needs. The real openai client and
instructor run on top, so the retry and validation paths are the production ones.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx2

from summarizer.extraction.citing import article_sentences
from summarizer.models import Article

MODEL = "fake-model"


def completion(
    content: str, *, finish_reason: str = "stop", prompt: int = 100, out: int = 50
) -> dict[str, Any]:
    """A chat.completion body whose message is ``content``."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": prompt, "completion_tokens": out, "total_tokens": prompt + out},
    }


@dataclass
class FakeServer:
    """Answers each request with the next queued response; records what it was sent."""

    queue: deque[Any] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def enqueue(self, *answers: Any) -> FakeServer:
        """Queue answers: a dict is a JSON reply, a str a completion, an int an HTTP status."""
        self.queue.extend(answers)
        return self

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(json.loads(request.content or b"{}"))
        if not self.queue:
            return httpx2.Response(500, json={"error": {"message": "fake server: queue empty"}})
        answer = self.queue.popleft()
        if isinstance(answer, tuple):  # (status, error message)
            return httpx2.Response(answer[0], json={"error": {"message": answer[1]}})
        if isinstance(answer, int):
            return httpx2.Response(answer, json={"error": {"message": f"fake {answer}"}})
        if isinstance(answer, str):
            answer = completion(answer)
        return httpx2.Response(200, json=answer)

    def client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self.handler))


def reply(**lists: list[dict[str, Any]]) -> str:
    """An extraction reply as the model would write it, with empty lists by default."""
    body: dict[str, Any] = {"actors": [], "events": [], "statements": []}
    body.update(lists)
    return json.dumps(body)


def actor(name: str, kind: str = "person", role: str | None = None) -> dict[str, Any]:
    return {"name": name, "kind": kind, "role": role}


def event(cite: int | list[int]) -> dict[str, Any]:
    """An event citing sentence ``cite`` (or several) by its number in the prompt."""
    return {"cite": [cite] if isinstance(cite, int) else cite}


def sentence_of(article: Article, words: str) -> int:
    """The number the prompt gives the first sentence holding ``words`` (one-chunk articles)."""
    content = article.content()
    for number, (start, end) in enumerate(article_sentences(article), 1):
        if words in content[start:end]:
            return number
    raise AssertionError(f"no sentence holds {words!r}")


def label(
    number: str,
    unit: str = "people",
    claimed_by: str | None = None,
    scope: str | None = None,
    is_figure: bool = True,
) -> dict[str, Any]:
    """One figure label, as the model writes it for one numbered mention."""
    return {
        "number": number,
        "unit": unit,
        "counts": None,
        "by": claimed_by,
        "scope": scope,
        "figure": is_figure,
    }


def labels(*items: dict[str, Any]) -> str:
    """A labelling reply: one label per mention, in order."""
    return json.dumps({"labels": list(items)})


def statement(cite: int, speaker: str) -> dict[str, Any]:
    """A statement by ``speaker`` in sentence ``cite``."""
    return {"speaker": speaker, "cite": cite}
