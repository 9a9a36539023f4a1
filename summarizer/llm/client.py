"""LLM: structured calls to any OpenAI-compatible server, through instructor.

Two kinds of retry, each with one owner:
- transport failures (connection errors, timeouts, 429, 5xx) are retried here with tenacity,
  and the openai client's own retries are turned off so they do not multiply;
- validation errors are re-asked by instructor, at most ``Settings.max_reasks`` times.

One LLM may be used from several threads at once (one article per thread): what one call
sees of its attempts is kept per thread, counters and the store are guarded by locks, and
``limit.AdaptiveLimit`` bounds the requests in flight. Calls already answered are served
from the run store (a CallStore: store.py).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from summarizer.config import OPENAI_DEFAULT_MODEL, Settings
from summarizer.errors import BudgetExhausted, ConfigError, ModelError
from summarizer.llm import local
from summarizer.llm.backends import NO_MODEL
from summarizer.llm.base import CallStore, Reply, Stored
from summarizer.llm.endpoint import Endpoint, endpoint
from summarizer.llm.limit import AdaptiveLimit
from summarizer.llm.prices import cost
from summarizer.llm.reply import Attempts, completion_text, from_store
from summarizer.llm.request import Call, call_key, json_schema, literal, llamacpp_format
from summarizer.llm.transport import describe, is_rate_limited, is_timeout, retrying
from summarizer.redact import redact, remember_secret, shown_url

if TYPE_CHECKING:
    import httpx2
    import instructor
    import openai

log = logging.getLogger("summarizer")

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

# The structured-output mode to try when a server rejects one, and the statuses that say so:
# 400/422 anywhere; 500 only for json_schema, which llama.cpp's server answers with 500.
_FALLBACK: dict[str, Literal["llamacpp", "json"]] = {"json_schema": "llamacpp", "llamacpp": "json"}
_REJECTS_MODE = {400, 422}
# ...and only when the error is about the output format, not, say, the context length.
_FORMAT_WORDS = ("response_format", "schema", "json", "grammar", "format")


class LLM:
    """A structured-output client for any OpenAI-compatible server."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx2.Client | None = None,
        store: CallStore | None = None,
        run_id: int | None = None,
    ) -> None:
        if settings.base_url is None and settings.api_key is None:
            raise ConfigError(NO_MODEL)
        self.settings = settings
        if settings.api_key is not None:
            remember_secret(settings.api_key.get_secret_value())
        # The base URL's credentials are sent apart from it (endpoint.py), and redacted
        # wherever they turn up; everything shown, logged or stored uses the shown URL.
        self._endpoint: Endpoint | None = endpoint(settings.base_url) if settings.base_url else None
        for secret in self._endpoint.secrets if self._endpoint else ():
            remember_secret(secret)
        self._server = self.shown_base_url or "openai"
        # A mode the server rejects is not tried again by this client: one client per run.
        self.mode: Literal["json_schema", "llamacpp", "json"] = settings.resolved_mode()
        self._mode_works = False
        self.spent = 0  # tokens, prompt and completion, over every call of this client
        self.store, self.run_id = store, run_id
        self.calls_made = self.cache_hits = 0
        self._http_client = http_client
        self._client: openai.OpenAI | None = None
        self._instructors: dict[str, instructor.Instructor] = {}
        self._model = settings.model
        self.limit = AdaptiveLimit(settings.resolved_concurrency())
        self._lock = threading.RLock()  # counters, the lazily made clients, the mode
        self._local = threading.local()  # the attempts of the call running on this thread
        self._closed = False

    @property
    def model(self) -> str:
        """The model name: as configured, else the server's first model, else OpenAI's default."""
        with self._lock:
            if self._model is None:
                self._model = self._discover_model()
            return self._model

    @property
    def _attempts(self) -> Attempts:
        attempts: Attempts | None = getattr(self._local, "attempts", None)
        if attempts is None:
            attempts = self._local.attempts = Attempts()
        return attempts

    def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        context: dict[str, Any],
        *,
        reasks: int | None = None,
    ) -> Reply[T]:
        """Ask for ``response_model``; validation failures are re-asked (``reasks`` times,
        default ``Settings.max_reasks``), then reported in the Reply."""
        call = Call(response_model, messages, context, self._reasks(reasks))
        self.check_budget()
        request = self.request(call)
        key = self.key(request) if self.store else None
        replayed = self.replay(key, call) if key else None
        if replayed is not None:
            return replayed
        reply = self.ask(call)
        if key is not None and self.store is not None and reply.attempts:
            self.remember(key, request, reply, call, self._attempts.cached_tokens())
        log.info(
            "model=%s article=%s attempts=%d prompt_tokens=%d completion_tokens=%d seconds=%.1f",
            self.model,
            call.shown,
            reply.attempts,
            reply.prompt_tokens,
            reply.completion_tokens,
            reply.seconds,
        )
        return reply

    def _reasks(self, reasks: int | None) -> int:
        return self.settings.max_reasks if reasks is None else max(reasks, 0)

    def check_budget(self, ahead: int = 0) -> None:
        """Raise BudgetExhausted if the tokens spent, and ``ahead`` more, pass the budget.
        Checked before each call: with calls in flight on other threads, a run may pass its
        budget by at most the calls already sent."""
        budget = self.settings.token_budget
        with self._lock:
            if budget is not None and self.spent + ahead >= budget:
                raise BudgetExhausted(
                    f"the token budget of {budget:,} is spent ({self.spent:,} tokens used; "
                    "SUMMARIZER_TOKEN_BUDGET)"
                )

    def replay(self, key: str, call: Call[T]) -> Reply[T] | None:
        """The stored answer to this very call, still valid today, or None."""
        if self.store is None or not self.settings.cache:
            return None
        hit = self.store.get(key)
        replayed = from_store(hit, call.response_model, call.context) if hit else None
        if replayed is None:
            return None
        with self._lock:
            self.cache_hits += 1
        if self.run_id is not None:
            self.store.count(self.run_id, made=False, tokens=(0, 0), cost_usd=None)
        log.info("model=%s article=%s answered from the run store", self.model, call.shown)
        return replayed

    def ask(self, call: Call[T], *, count: bool = True) -> Reply[T]:
        """Make the call (with its re-asks), past the run store, and say what it produced and
        cost; ``count=False`` when it continues a call already counted (a batch re-ask)."""
        self._refuse_if_closed()
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        self._local.attempts = attempts = Attempts()
        started = time.monotonic()
        value, error, last_text, truncated = None, None, None, False
        try:
            value = self._call_with_fallback(call)
            last_text = attempts.last_text()
        except InstructorRetryException as exc:
            error, last_text = redact(str(exc)), completion_text(exc.last_completion)
        except IncompleteOutputException as exc:
            cap = self.max_tokens(call.response_model)
            error = f"the answer was cut off at {cap} tokens (max_tokens)"
            last_text, truncated = completion_text(exc.last_completion), True
        reply: Reply[T] = Reply(value, last_text, error, len(attempts.responses))
        reply.truncated = truncated
        reply.earlier_texts = attempts.earlier_texts()
        reply.prompt_tokens, reply.completion_tokens = attempts.tokens()
        reply.seconds = time.monotonic() - started
        reply.cost_usd = cost(
            self.model, reply.prompt_tokens, reply.completion_tokens, attempts.cached_tokens()
        )
        self.count_call(reply, count)
        return reply

    def count_call(self, reply: Reply[Any], count: bool = True) -> None:
        """Count a call answered now (live, or by a batch): its tokens against the budget, and
        one more call made by this run."""
        with self._lock:
            self.spent += reply.prompt_tokens + reply.completion_tokens
            self.calls_made += count

    def _call_with_fallback(self, call: Call[T]) -> T:
        """A server that rejects the structured-output mode on its first call gets the next
        one (json_schema -> llamacpp -> json), once each; the choice holds for the run."""
        while True:
            mode = self.mode
            try:
                result = self._limited(functools.partial(self._create, call, mode))
            except ModelError as exc:
                if not self._fall_back(mode, exc):
                    raise
                continue
            self._mode_works = True
            return result

    def _fall_back(self, mode: str, exc: ModelError) -> bool:
        """Whether ``exc`` says the server rejects ``mode``; if so, the next mode is set."""
        fallback = _FALLBACK.get(mode)
        about_format = any(w in str(exc).lower() for w in _FORMAT_WORDS)
        rejected = (exc.status in _REJECTS_MODE and about_format) or (
            mode == "json_schema" and exc.status in (500, 501)
        )
        with self._lock:
            if self.mode != mode:
                return True  # another thread's call already moved on: try the new mode
            if self._mode_works or fallback is None or not rejected:
                return False
            log.warning(
                "%s rejected mode %s (HTTP %s); using %s for the rest of the run",
                self._server,
                mode,
                exc.status,
                fallback,
            )
            self.mode = fallback
            return True

    def _limited(self, send: Callable[[], R]) -> R:
        """``send`` a chat request within the limit on requests in flight, with retries."""

        def attempt() -> R:
            with self.limit.slot() as epoch:
                sent_at = time.monotonic()
                try:
                    result = send()
                except Exception as exc:
                    if is_rate_limited(exc):
                        self.limit.throttled(epoch)
                    elif is_timeout(exc):
                        # The embedded server would go on generating for nobody, and the
                        # retry would wait behind it: it is restarted first.
                        local.abandoned(self.settings.base_url, sent_at)
                    raise
                self.limit.succeeded()
                return result

        return self.retrying(attempt)

    def retrying(self, send: Callable[[], R]) -> R:
        """``send()`` with transport retries (transport.retrying), for any request."""
        return retrying(send, self.settings)

    def _create(self, call: Call[T], mode: str) -> T:
        kwargs: dict[str, Any] = {
            **self.sampling(call.response_model),
            "messages": literal(call.messages),
            "response_model": call.response_model,
            "context": call.context,
            "max_retries": call.reasks,
        }
        if mode == "llamacpp":
            # llama.cpp turns a "schema" inside json_object into a grammar; extra_body is merged
            # last by the openai client, so it replaces the plain json_object instructor sets.
            kwargs["extra_body"] = {"response_format": llamacpp_format(call.response_model)}
        result: T = self._get_instructor(mode).chat.completions.create(**kwargs)
        return result

    def max_tokens(self, response_model: type[BaseModel]) -> int:
        """The output cap of one answer: the reply model's own (sized from the longest
        answer its schema allows), within the configured cap."""
        own = getattr(response_model, "answer_tokens", None)
        return min(own, self.settings.max_tokens) if own else self.settings.max_tokens

    def sampling(self, response_model: type[BaseModel]) -> dict[str, Any]:
        """The request's model and sampling parameters."""
        params: dict[str, Any] = {
            "model": self.model,
            "temperature": self.settings.temperature,
            "max_tokens": self.max_tokens(response_model),
        }
        if self.settings.seed is not None:
            params["seed"] = self.settings.seed
        return params

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise ModelError("The run was stopped: no more model calls.", fatal=True)

    def api_client(self) -> openai.OpenAI:
        """The openai client (its own retries off), for the Batch API's files and batches."""
        return self._get_client()

    def _get_client(self) -> openai.OpenAI:
        with self._lock:
            self._refuse_if_closed()
            if self._client is None:
                import openai

                key, where = self.settings.api_key, self._endpoint
                self._client = openai.OpenAI(
                    api_key=key.get_secret_value() if key else "not-needed",
                    base_url=where.base_url if where else None,
                    default_headers=where.headers if where else None,
                    default_query=where.query if where else None,
                    # An answer may take minutes on a CPU, a connection should not: a server
                    # that is not there is said in seconds, not after the whole timeout.
                    timeout=openai.Timeout(
                        self.settings.resolved_timeout(),
                        connect=min(
                            self.settings.connect_timeout, self.settings.resolved_timeout()
                        ),
                    ),
                    max_retries=0,  # tenacity owns transport retries
                    http_client=self._http_client,
                )
            return self._client

    def _get_instructor(self, mode: str) -> instructor.Instructor:
        """One instructor client per output mode; its hook files each raw completion with
        the call running on the same thread."""
        with self._lock:
            if mode not in self._instructors:
                import instructor

                kind = (
                    instructor.Mode.JSON_SCHEMA if mode == "json_schema" else instructor.Mode.JSON
                )
                client = instructor.from_openai(self._get_client(), mode=kind)
                client.on("completion:response", lambda response: self._attempts.add(response))
                self._instructors[mode] = client
            return self._instructors[mode]

    def request(self, call: Call[Any]) -> dict[str, Any]:
        """What decides the answer, for the run store's key."""
        return {
            "messages": call.messages,
            "schema": json_schema(call.response_model),
            "mode": self.mode,
            "temperature": self.settings.temperature,
            "max_tokens": self.max_tokens(call.response_model),
            "seed": self.settings.seed,
            "max_reasks": call.reasks,
        }

    @property
    def shown_base_url(self) -> str | None:
        """The base URL without its credentials: for the run store, its keys and messages
        (credentials do not decide an answer, and a changed password keeps the cache)."""
        return shown_url(self.settings.base_url) if self.settings.base_url else None

    def key(self, request: dict[str, Any]) -> str:
        return call_key(self.model, self.shown_base_url, request)

    def remember(
        self,
        key: str,
        request: dict[str, Any],
        reply: Reply[Any],
        call: Call[Any],
        cached_tokens: int | None,
    ) -> None:
        """Store a call made now under ``key``; a later identical call is answered from it."""
        assert self.store is not None
        stored = Stored(
            answer=reply.last_text,
            valid=reply.value is not None,
            error=reply.error,
            truncated=reply.truncated,
            attempts=reply.attempts,
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
        )
        self.store.put(
            key,
            run_id=self.run_id,
            model=self.model,
            base_url=self.shown_base_url,
            article_id=call.context.get("article_id"),
            request=request,
            stored=stored,
            cached_tokens=cached_tokens,
            seconds=reply.seconds,
            cost_usd=reply.cost_usd,
        )
        if self.run_id is not None:
            self.store.count(
                self.run_id,
                made=True,
                tokens=(reply.prompt_tokens, reply.completion_tokens),
                cost_usd=reply.cost_usd,
            )

    def close(self) -> None:
        """Close the HTTP connections this client opened (not a client passed in). No call is
        made after this: a worker thread a Ctrl-C left behind gets a ModelError, not a new
        connection."""
        with self._lock:
            self._closed = True
            if self._client is not None and self._http_client is None:
                self._client.close()
            self._client, self._instructors = None, {}

    def __enter__(self) -> LLM:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def list_models(self) -> list[str]:
        """The models the server lists: the check `summarizer doctor` makes."""
        try:
            return [str(m.id) for m in self._get_client().models.list()]
        except Exception as exc:
            raise ModelError(describe(exc, self.settings), fatal=True) from None

    def _discover_model(self) -> str:
        if self.settings.base_url is None:
            return OPENAI_DEFAULT_MODEL
        try:
            models = self._get_client().models.list()
        except Exception as exc:
            raise ModelError(describe(exc, self.settings), fatal=True) from None
        first = next(iter(models), None)
        if first is None:
            raise ConfigError(f"{self._server} lists no model; pass --model NAME.")
        return str(first.id)
