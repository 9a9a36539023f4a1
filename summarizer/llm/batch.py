"""OpenAI's Batch API: write the JSONL, upload, poll, download, match by custom_id.

A batched run goes in rounds (pipeline.brief(batch=True)). In each, every article is
extracted through ``Batcher.structured``, which answers from the run store or from a finished
batch, or else records the request and stops that article with ``Pending``. The recorded
requests go out together (split at OpenAI's 50,000 requests or ~200 MB per file), their
answers are written to the run store, and the next round gets further: an article's figure
labels need its extraction first, so most articles take two rounds.

A batch answer is validated here as instructor validates a live one. One that fails is
re-asked synchronously, the way instructor re-asks (the failed answer and the errors added to
the conversation), within the same bound on re-asks; a request the batch could not answer is
asked synchronously from scratch. Every batch and request is recorded in the run store as it
is submitted, so a run killed while polling picks up the same batches when run again: the
same inputs make the same request keys, which are the custom ids.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from summarizer.errors import ConfigError, ModelError
from summarizer.llm.base import BatchEntry, Pending, Reply
from summarizer.llm.client import LLM
from summarizer.llm.prices import cost
from summarizer.llm.reply import completion_text
from summarizer.llm.request import Call, literal, llamacpp_format
from summarizer.redact import redact

if TYPE_CHECKING:
    import openai

log = logging.getLogger("summarizer")
T = TypeVar("T", bound=BaseModel)

MAX_REQUESTS = 50_000  # OpenAI's limits on one batch input file
MAX_BYTES = 190 * 2**20  # under its 200 MB, with room for the multipart envelope
_ENDED = {"completed", "failed", "expired", "cancelled"}


@dataclass(frozen=True)
class Request:
    """One line of a batch input file."""

    key: str  # the run store's key of the call, used as the custom_id
    body: dict[str, Any]
    article_id: str | None

    @functools.cached_property
    def line(self) -> bytes:
        """The request as one JSONL line (made once: it is both measured and sent)."""
        item = {
            "custom_id": self.key,
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": self.body,
        }
        return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


BATCH_DISCOUNT = 0.5  # the Batch API's price against a live call's


@dataclass
class Batcher:
    """Extraction's model for a batched run: ``structured`` as in LLM, but an answer not in
    yet raises Pending and joins ``pending``; ``send`` sends those and waits for them.

    Extraction calls it from several threads (one article each), hence the lock. What a call
    came to is kept for the run (``_settled``), per article: two articles with the same text
    make the same request, but each answer is validated against its own article.
    """

    llm: LLM
    poll: float = 30.0
    notify: Callable[[str], None] = field(default=lambda message: log.warning("%s", message))
    pending: dict[str, Request] = field(default_factory=dict)
    _pending_tokens: int = 0  # what the pending requests may cost, at most (_estimate)
    _settled: dict[tuple[str, str], Reply[Any] | ModelError] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def model(self) -> str:
        return self.llm.model

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]:
        llm = self.llm
        call = Call(response_model, messages, context, llm.settings.max_reasks)
        request = llm.request(call)
        key = llm.key(request)
        known = self._settled.get((key, call.article_id))
        if isinstance(known, ModelError):
            raise known  # failed in an earlier round: not asked again
        if known is not None:
            return known  # a later round meets the same call again
        try:
            reply = self._answer(key, request, call)
        except ModelError as exc:
            if not exc.fatal:
                self._settled[(key, call.article_id)] = exc
            raise
        self._settled[(key, call.article_id)] = reply
        return reply

    def _answer(self, key: str, request: dict[str, Any], call: Call[T]) -> Reply[T]:
        """From the store, from a finished batch, or Pending."""
        llm = self.llm
        replayed = llm.replay(key, call)
        if replayed is not None:
            return replayed
        if llm.store is None:
            raise ConfigError("A batched run needs the run store (Settings.store).")
        entry = llm.store.batch_request(key)
        if entry is not None and entry.done and self._usable(entry):
            return self._settle(key, request, entry, call)
        if key not in self.pending:
            body = self.body(call)
            with self._lock:
                if key not in self.pending:
                    # The budget counts what the pending requests may cost, not only what is
                    # spent.
                    cost_at_most = _estimate(body)
                    llm.check_budget(self._pending_tokens + cost_at_most)
                    self.pending[key] = Request(key, body, call.context.get("article_id"))
                    self._pending_tokens += cost_at_most
        raise Pending(key)

    def _usable(self, entry: BatchEntry) -> bool:
        # With --no-cache, only this run's batches count: another run's answer is not asked for.
        return self.llm.settings.cache or entry.run_id == self.llm.run_id

    def body(self, call: Call[Any]) -> dict[str, Any]:
        """The chat request instructor would send for ``call``, as a batch line's body."""
        from instructor.processing.response import handle_response_model

        # instructor's module carries "type: ignore[all]", so mypy sees no names in it.
        from instructor.v2.core.templating import handle_templating  # type: ignore[attr-defined]

        mode = _instructor_mode(self.llm.mode)
        _, body = handle_response_model(
            call.response_model,
            mode=mode,
            messages=literal(call.messages),
            **self.llm.sampling(call.response_model),
        )
        body = dict(handle_templating(body, mode, context=call.context))  # as create() does
        if self.llm.mode == "llamacpp":
            body["response_format"] = llamacpp_format(call.response_model)
        return body

    def send(self) -> None:
        """Send the pending requests not already in a batch in flight, and wait until every
        batch holding one of them has ended; the answers go to the run store."""
        store = self.llm.store
        assert store is not None
        waiting: set[str] = set()
        fresh = []
        for request in self.pending.values():
            entry = store.batch_request(request.key)
            if entry is not None and not entry.done and self._usable(entry):
                waiting.add(entry.batch_id)  # sent by a run that was stopped: wait for it
            else:
                fresh.append(request)
        for part in _files(fresh):
            waiting.add(self._submit(part))
        self.pending.clear()
        self._pending_tokens = 0
        for batch_id in sorted(waiting):
            self._wait(batch_id)

    def _submit(self, part: list[Request]) -> str:
        """Upload one input file and create its batch, exactly once. The requests are recorded
        under the file before the batch is made, and a batch already made from that file (a
        create that timed out, a run killed in between) is found and kept, not made again."""
        llm, store = self.llm, self.llm.store
        assert store is not None
        client = llm.api_client()
        data = b"".join(r.line for r in part)
        try:
            upload = llm.retrying(
                functools.partial(client.files.create, file=("batch.jsonl", data), purpose="batch")
            )
        except ModelError as exc:
            if exc.status in (404, 405):
                raise unsupported(exc, llm.shown_base_url) from None
            raise
        placeholder = f"upload:{upload.id}"
        store.add_batch(placeholder, llm.run_id, {r.key: r.article_id for r in part})
        batch_id = llm.retrying(functools.partial(_create_once, client, upload.id))
        store.rename_batch(placeholder, batch_id)
        self.notify(f"batch {batch_id}: {len(part)} requests submitted (run {llm.run_id})")
        return batch_id

    def _wait(self, batch_id: str) -> None:
        llm = self.llm
        assert llm.store is not None
        client = llm.api_client()
        if batch_id.startswith("upload:"):  # uploaded, then stopped before the batch was made
            placeholder = batch_id
            batch_id = llm.retrying(functools.partial(_create_once, client, placeholder[7:]))
            llm.store.rename_batch(placeholder, batch_id)
        while True:
            try:
                batch = llm.retrying(functools.partial(client.batches.retrieve, batch_id))
            except ModelError as exc:
                if exc.status != 404:
                    raise
                # Made with another key or organisation, or deleted: its requests are sent again.
                llm.store.forget_batch(batch_id)
                self.notify(f"batch {batch_id}: not found; its requests will be sent again")
                return
            if batch.status in _ENDED:
                break
            counts = batch.request_counts
            done = f"{counts.completed + counts.failed}/{counts.total}" if counts else "?"
            self.notify(f"batch {batch_id}: {batch.status}, {done} answered")
            time.sleep(self.poll)
        answers = dict(_results(llm, batch))
        llm.store.batch_done(batch_id, batch.status, answers)
        answered = sum(1 for answer, _ in answers.values() if answer is not None)
        errors = (
            "; ".join(e.message or "" for e in (batch.errors.data or [])) if batch.errors else ""
        )
        self.notify(
            f"batch {batch_id}: {batch.status}, {answered} answered"
            + (f" ({redact(errors)})" if errors else "")
        )

    def _settle(
        self, key: str, request: dict[str, Any], entry: BatchEntry, call: Call[T]
    ) -> Reply[T]:
        """A finished batch's answer as a Reply, re-asked synchronously if it fails; stored
        under the call's key as one call, the way a live call and its re-asks are."""
        from openai.types.chat import ChatCompletion

        llm = self.llm
        try:
            completion = ChatCompletion.model_validate_json(entry.answer or "")
        except ValueError:
            log.warning("article=%s: %s; asking it directly", call.article_id, entry.error)
            return llm.structured(call.response_model, call.messages, call.context)
        reply = self._judge(completion, call)
        llm.remember(key, request, reply, call, None)
        return reply

    def _judge(self, completion: Any, call: Call[T]) -> Reply[T]:
        """Validate a batch answer as instructor would; re-ask it if it fails."""
        from instructor.core.exceptions import IncompleteOutputException
        from instructor.processing.response import process_response

        usage = completion.usage
        reply: Reply[T] = Reply(None, completion_text(completion), None, 1)
        reply.prompt_tokens = usage.prompt_tokens if usage else 0
        reply.completion_tokens = usage.completion_tokens if usage else 0
        price = cost(self.model, reply.prompt_tokens, reply.completion_tokens, None)
        reply.cost_usd = None if price is None else price * BATCH_DISCOUNT
        self.llm.count_call(reply)
        try:
            reply.value = process_response(
                completion,
                response_model=call.response_model,
                stream=False,
                validation_context=call.context,
                strict=True,  # as instructor's create() validates
                mode=_instructor_mode(self.llm.mode),
            )
            return reply
        except IncompleteOutputException:
            reply.truncated = True
            cap = self.llm.max_tokens(call.response_model)
            reply.error = f"the answer was cut off at {cap} tokens"
            return reply
        except ValueError as exc:  # pydantic's ValidationError and JSON errors are ValueErrors
            if call.reasks == 0:
                reply.error = redact(str(exc))
                return reply
            return self._reask(completion, exc, call, reply)

    def _reask(self, completion: Any, exc: Exception, call: Call[T], first: Reply[T]) -> Reply[T]:
        """The re-ask, made live and folded into ``first``: one call of several attempts."""
        from instructor.processing.response import handle_reask_kwargs

        body = self.body(call)
        sent = len(body["messages"])
        mode = _instructor_mode(self.llm.mode)
        # handle_reask_kwargs appends to the list it is given: give it a copy.
        asked = {**body, "messages": list(body["messages"])}
        added = handle_reask_kwargs(asked, mode, completion, exc)["messages"][sent:]
        follow_up = Call(
            call.response_model, [*call.messages, *added], call.context, call.reasks - 1
        )
        again = self.llm.ask(follow_up, count=False)  # counted once, with the batch answer
        again.attempts += first.attempts
        again.prompt_tokens += first.prompt_tokens
        again.completion_tokens += first.completion_tokens
        if again.cost_usd is not None and first.cost_usd is not None:
            again.cost_usd += first.cost_usd
        else:
            again.cost_usd = None
        return again


def _estimate(body: dict[str, Any]) -> int:
    """Tokens a request may cost at most, roughly: its text at 4 characters a token, and
    every output token it may write."""
    text = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
    return text // 4 + int(body.get("max_tokens") or 0)


def _create_once(client: openai.OpenAI, file_id: str) -> str:
    """The batch of ``file_id``: the one already made from it, if any, else a new one."""
    for batch in client.batches.list(limit=100):
        if batch.input_file_id == file_id:
            return str(batch.id)
    batch = client.batches.create(
        input_file_id=file_id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"made_by": "summarizer"},
    )
    return str(batch.id)


def _instructor_mode(mode: str) -> Any:
    import instructor

    return instructor.Mode.JSON_SCHEMA if mode == "json_schema" else instructor.Mode.JSON


def _files(requests: list[Request]) -> Iterator[list[Request]]:
    """The requests cut into batch input files within OpenAI's limits."""
    part: list[Request] = []
    size = 0
    for request in requests:
        length = len(request.line)
        if part and (len(part) >= MAX_REQUESTS or size + length > MAX_BYTES):
            yield part
            part, size = [], 0
        part.append(request)
        size += length
    if part:
        yield part


def _results(llm: LLM, batch: Any) -> Iterator[tuple[str, tuple[str | None, str | None]]]:
    """(custom id, (completion JSON, error)) for every request the batch answered."""
    for file_id in (batch.output_file_id, batch.error_file_id):
        if not file_id:
            continue
        download = functools.partial(llm.api_client().files.content, file_id)
        for line in llm.retrying(download).text.splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            response = item.get("response") or {}
            if response.get("status_code") == 200:
                yield item["custom_id"], (json.dumps(response["body"]), None)
            else:
                error = item.get("error") or (response.get("body") or {}).get("error")
                yield (
                    item["custom_id"],
                    (None, redact(f"HTTP {response.get('status_code')}: {error}")),
                )


def unsupported(exc: ModelError, base_url: str | None) -> ModelError:
    """The error for a server with no Batch API."""
    where = base_url or "OpenAI"
    return ModelError(
        f"The server at {where} does not offer the Batch API (/v1/files, /v1/batches): {exc}. "
        "Run without --batch.",
        fatal=True,
        status=exc.status,
    )
