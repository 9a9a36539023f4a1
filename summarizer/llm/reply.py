"""What came back from the model: the raw completions of one call's attempts, and a stored
answer turned back into a Reply (llm/base.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from summarizer.llm.base import Reply, Stored

T = TypeVar("T", bound=BaseModel)


@dataclass
class Attempts:
    """Raw completions seen by instructor's hook during one call."""

    responses: list[Any] = field(default_factory=list)

    def add(self, response: Any) -> None:
        self.responses.append(response)

    def tokens(self) -> tuple[int, int]:
        usage = [r.usage for r in self.responses if getattr(r, "usage", None)]
        return sum(u.prompt_tokens or 0 for u in usage), sum(
            u.completion_tokens or 0 for u in usage
        )

    def cached_tokens(self) -> int | None:
        """Prompt tokens the server says it served from its prefix cache, when it says."""
        found = [
            getattr(getattr(r.usage, "prompt_tokens_details", None), "cached_tokens", None)
            for r in self.responses
            if getattr(r, "usage", None)
        ]
        known = [n for n in found if n is not None]
        return sum(known) if known else None

    def last_text(self) -> str | None:
        return completion_text(self.responses[-1]) if self.responses else None

    def earlier_texts(self) -> list[str]:
        """The answers of every attempt but the last, oldest first."""
        return [t for r in self.responses[:-1] if (t := completion_text(r))]


def from_store(hit: Stored, response_model: type[T], context: dict[str, Any]) -> Reply[T] | None:
    """The stored answer as a Reply, validated again with today's code; None if it no longer
    validates the way it did (then the call is made afresh)."""
    value = None
    if hit.valid:
        try:
            value = response_model.model_validate_json(hit.answer or "", context=context)
        except ValueError:
            return None
    reply: Reply[T] = Reply(value, hit.answer, hit.error, hit.attempts)
    reply.truncated, reply.cached = hit.truncated, True
    reply.prompt_tokens, reply.completion_tokens = hit.prompt_tokens, hit.completion_tokens
    return reply


def completion_text(completion: Any) -> str | None:
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None
