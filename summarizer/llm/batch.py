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
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from summarizer.errors import ModelError
from summarizer.llm.client import LLM, Call, Reply, completion_text, literal, llamacpp_format
from summarizer.redact import redact
from summarizer.store import BatchEntry

if TYPE_CHECKING:
    import openai

log = logging.getLogger("summarizer")
T = TypeVar("T", bound=BaseModel)

MAX_REQUESTS = 50_000  # OpenAI's limits on one batch input file
MAX_BYTES = 190 * 2**20  # under its 200 MB, with room for the multipart envelope
_ENDED = {"completed", "failed", "expired", "cancelled"}


class Pending(Exception):
    """A call whose answer is not in yet: its request waits for the next batch."""


@dataclass(frozen=True)
class Request:
    """One line of a batch input file."""

    key: str  # the run store's key of the call, used as the custom_id
    body: dict[str, Any]
    article_id: str | None

    def line(self) -> bytes:
        item = {
            "custom_id": self.key,
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": self.body,
        }
        return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class Batcher:
    """Extraction's model for a batched run: ``structured`` as in LLM, but an answer not in
    yet raises Pending and joins ``pending``; ``send`` sends those and waits for them."""

    llm: LLM
    poll: float = 30.0
    notify: Callable[[str], None] = field(default=lambda message: log.warning("%s", message))
    pending: dict[str, Request] = field(default_factory=dict)
    _settled: dict[str, Reply[Any]] = field(default_factory=dict)

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
        if key in self._settled:  # a later round of the same run meets it again
            return self._settled[key]
        replayed = llm.replay(key, call)
        if replayed is not None:
            return replayed
        assert llm.store is not None, "a batched run needs the run store"
        entry = llm.store.batch_request(key)
        if entry is not None and entry.done and (llm.settings.cache or entry.run_id == llm.run_id):
            reply = self._settle(key, request, entry, call)
            self._settled[key] = reply
            return reply
        llm.check_budget()  # tokens already spent, batch answers included
        self.pending.setdefault(key, Request(key, self.body(call), call.context.get("article_id")))
        raise Pending(key)

    def body(self, call: Call[Any]) -> dict[str, Any]:
        """The chat request instructor would send for ``call``, as a batch line's body."""
        from instructor.processing.response import handle_response_model

        # instructor's module carries "type: ignore[all]", so mypy sees no names in it.
        from instructor.v2.core.templating import handle_templating  # type: ignore[attr-defined]

        mode = _instructor_mode(self.llm.mode)
        _, body = handle_response_model(
            call.response_model, mode=mode, messages=literal(call.messages), **self.llm.sampling()
        )
        body = dict(handle_templating(body, mode, context=call.context))  # as create() does
        if self.llm.mode == "llamacpp":
            body["response_format"] = llamacpp_format(call.response_model)
        return body

    def send(self) -> None:
        """Send the pending requests not already in a batch in flight, and wait until every
        batch holding one of them has ended; the answers go to the run store."""
        llm, store = self.llm, self.llm.store
        assert store is not None
        waiting: set[str] = set()
        fresh = []
        for request in self.pending.values():
            entry = store.batch_request(request.key)
            if entry is not None and not entry.done:
                waiting.add(entry.batch_id)  # sent by a run that was stopped: wait for it
            else:
                fresh.append(request)
        for part in _files(fresh):
            try:
                batch_id = llm.retrying(functools.partial(_submit, llm.api_client(), part))
            except ModelError as exc:
                if exc.status in (404, 405):
                    raise unsupported(exc, llm.settings.base_url) from None
                raise
            store.add_batch(batch_id, llm.run_id, {r.key: r.article_id for r in part})
            self.notify(f"batch {batch_id}: {len(part)} requests submitted (run {llm.run_id})")
            waiting.add(batch_id)
        self.pending.clear()
        for batch_id in sorted(waiting):
            self._wait(batch_id)

    def _wait(self, batch_id: str) -> None:
        llm = self.llm
        assert llm.store is not None
        while True:
            batch = llm.retrying(functools.partial(llm.api_client().batches.retrieve, batch_id))
            counts = batch.request_counts
            if batch.status in _ENDED:
                break
            done = f"{counts.completed + counts.failed}/{counts.total}" if counts else "?"
            self.notify(f"batch {batch_id}: {batch.status}, {done} answered")
            time.sleep(self.poll)
        answers = dict(_results(llm, batch))
        llm.store.batch_done(batch_id, batch.status, answers)
        failed = sum(1 for answer, _ in answers.values() if answer is None)
        self.notify(f"batch {batch_id}: {batch.status}, {len(answers) - failed} answered")

    def _settle(
        self, key: str, request: dict[str, Any], entry: BatchEntry, call: Call[T]
    ) -> Reply[T]:
        """A finished batch's answer as a Reply, re-asked synchronously if it fails."""
        llm = self.llm
        if entry.answer is None:
            log.warning("article=%s: %s; asking it directly", call.article_id, entry.error)
            return llm.structured(call.response_model, call.messages, call.context)
        from openai.types.chat import ChatCompletion

        completion = ChatCompletion.model_validate_json(entry.answer)
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
        self.llm.spend(reply, None)
        try:
            reply.value = process_response(
                completion,
                response_model=call.response_model,
                stream=False,
                validation_context=call.context,
                mode=_instructor_mode(self.llm.mode),
            )
            return reply
        except IncompleteOutputException:
            reply.truncated = True
            reply.error = f"the answer was cut off at {self.llm.settings.max_tokens} tokens"
            return reply
        except ValueError as exc:  # pydantic's ValidationError and JSON errors are ValueErrors
            if call.reasks == 0:
                reply.error = redact(str(exc))
                return reply
            return self._reask(completion, exc, call, reply)

    def _reask(self, completion: Any, exc: Exception, call: Call[T], first: Reply[T]) -> Reply[T]:
        from instructor.processing.response import handle_reask_kwargs

        body = self.body(call)
        sent = len(body["messages"])
        mode = _instructor_mode(self.llm.mode)
        # handle_reask_kwargs appends to the list it is given: give it a copy.
        asked = {**body, "messages": list(body["messages"])}
        added = handle_reask_kwargs(asked, mode, completion, exc)["messages"][sent:]
        again = self.llm.structured(
            call.response_model, [*call.messages, *added], call.context, reasks=call.reasks - 1
        )
        again.attempts += first.attempts
        again.prompt_tokens += first.prompt_tokens
        again.completion_tokens += first.completion_tokens
        again.cached = False
        return again


def _instructor_mode(mode: str) -> Any:
    import instructor

    return instructor.Mode.JSON_SCHEMA if mode == "json_schema" else instructor.Mode.JSON


def _files(requests: list[Request]) -> Iterator[list[Request]]:
    """The requests cut into batch input files within OpenAI's limits."""
    part: list[Request] = []
    size = 0
    for request in requests:
        length = len(request.line())
        if part and (len(part) >= MAX_REQUESTS or size + length > MAX_BYTES):
            yield part
            part, size = [], 0
        part.append(request)
        size += length
    if part:
        yield part


def _submit(client: openai.OpenAI, requests: list[Request]) -> str:
    data = b"".join(r.line() for r in requests)
    uploaded = client.files.create(file=("batch.jsonl", data), purpose="batch")
    batch = client.batches.create(
        input_file_id=uploaded.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"made_by": "summarizer"},
    )
    return str(batch.id)


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
