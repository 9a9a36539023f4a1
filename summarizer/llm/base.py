"""What the stages see of the model: the StructuredModel interface, the Reply it gives, the
Pending a batched run raises, and the CallStore the client keeps its answers in.

Everything here is plain data and protocols: the stages and the run store import this module
without pulling in openai, instructor or tenacity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from pydantic import BaseModel

from summarizer.models import CallStats

T = TypeVar("T", bound=BaseModel)


class ReplyModel(BaseModel):
    """What the model is asked to write.

    Its JSON Schema has no titles and no descriptions: instructor pastes the schema into the
    system prompt, where every word is a prompt token of every call, and the prompt file says
    what each field means. ``answer_tokens`` is the output cap of one answer (None: the
    configured cap), sized from the longest answer the schema allows, so a model that runs on
    stops there instead of at the run's cap.
    """

    answer_tokens: ClassVar[int | None] = None

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        compact: dict[str, Any] = _compact(super().model_json_schema(*args, **kwargs))
        return compact


def _compact(schema: Any, names: bool = False) -> Any:
    """``schema`` without "title" and "description" keywords; ``names``: the keys of this
    dict are property or definition names, kept whatever they are."""
    if isinstance(schema, list):
        return [_compact(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: _compact(value, names=not names and key in ("properties", "$defs"))
        for key, value in schema.items()
        if names or key not in ("title", "description")
    }


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
    truncated: bool = False  # cut off at max_tokens (finish_reason "length")
    cached: bool = False  # answered from the run store: no call was made
    cost_usd: float | None = 0.0  # what this call cost now (0 from the store); None: unknown
    # The answers of the attempts before the last, oldest first (a re-ask may do worse than
    # the first answer: a stage may keep what an earlier one got right). Empty from the store.
    earlier_texts: list[str] = field(default_factory=list)


class StructuredModel(Protocol):
    """The part of llm.LLM that the stages use; tests may pass any object that has it."""

    @property
    def model(self) -> str: ...

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]: ...


class Pending(Exception):
    """A call whose answer is not in yet: its request waits for the next batch (llm/batch.py)."""


def tally(stats: CallStats, reply: Reply[Any]) -> None:
    """Add one call's attempts, tokens, time and cost to ``stats``. A stored answer counts as
    the call it was, so the briefing is the same either way."""
    stats.calls += reply.attempts
    stats.reasks += max(reply.attempts - 1, 0)
    stats.prompt_tokens += reply.prompt_tokens
    stats.completion_tokens += reply.completion_tokens
    stats.seconds += reply.seconds
    if reply.cached:
        stats.from_store += 1
        return
    stats.spent_tokens += reply.prompt_tokens + reply.completion_tokens
    if stats.cost_usd is not None:
        stats.cost_usd = None if reply.cost_usd is None else stats.cost_usd + reply.cost_usd


@dataclass
class Stored:
    """A stored answer, as the call produced it."""

    answer: str | None
    valid: bool
    error: str | None
    truncated: bool
    attempts: int
    prompt_tokens: int
    completion_tokens: int


@dataclass
class BatchEntry:
    """A request sent in a batch: which, for which run, and what came back once done."""

    batch_id: str
    run_id: int | None
    done: bool
    answer: str | None  # the completion, as JSON
    error: str | None


class CallStore(Protocol):
    """Where the client keeps every call it made (store.Store is the one the CLI uses)."""

    def get(self, key: str) -> Stored | None: ...

    def put(
        self,
        key: str,
        *,
        run_id: int | None,
        model: str,
        base_url: str | None,
        article_id: str | None,
        request: dict[str, Any],
        stored: Stored,
        cached_tokens: int | None,
        seconds: float,
        cost_usd: float | None,
    ) -> None: ...

    def count(
        self, run_id: int, *, made: bool, tokens: tuple[int, int], cost_usd: float | None
    ) -> None: ...

    def add_batch(self, batch_id: str, run_id: int | None, keys: dict[str, str | None]) -> None: ...

    def rename_batch(self, old: str, new: str) -> None: ...

    def forget_batch(self, batch_id: str) -> None: ...

    def batch_request(self, key: str) -> BatchEntry | None: ...

    def batch_done(
        self, batch_id: str, status: str, results: dict[str, tuple[str | None, str | None]]
    ) -> None: ...
