"""Briefings built without a model server or client, for the tests of what reads a briefing
(rendering, the lead's checks, the CLI's output).

``CannedModel`` is a StructuredModel (llm/base.py) that answers each call with the next
hand-written answer, validated exactly as the client validates a reply (the response model with
the call's context), so extraction, grounding and the merge run as in production. Nothing
here was recorded.
"""

from __future__ import annotations

from collections import deque
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarizer import pipeline
from summarizer.llm.base import Reply
from summarizer.models import Briefing
from tests.support.answers import PATHS, REPLY_002, REPLY_003
from tests.support.fake_model import MODEL

T = TypeVar("T", bound=BaseModel)


class CannedModel:
    """Answers calls from a queue of JSON strings, in order; an answer that fails validation
    comes back as a Reply without a value, as it would after the client's last re-ask."""

    def __init__(self, *answers: str) -> None:
        self.answers = deque(answers)
        self.calls: list[list[dict[str, str]]] = []

    @property
    def model(self) -> str:
        return MODEL

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]:
        self.calls.append(messages)
        text = self.answers.popleft()
        try:
            value = response_model.model_validate_json(text, context=context)
        except ValidationError as exc:
            return Reply(None, text, str(exc), attempts=1)
        return Reply(value, text, None, attempts=1)


def two_seed_briefing(**options: Any) -> Briefing:
    """Seeds 002 and 003 briefed from the hand-written answers of support/answers.py."""
    model = CannedModel(REPLY_002, REPLY_003)
    briefing = pipeline.brief(PATHS, llm=model, date="2026-11-23", **options)
    assert not model.answers, "every canned answer is used"
    return briefing
