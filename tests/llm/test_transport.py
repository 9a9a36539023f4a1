"""Faults from a real HTTP server on 127.0.0.1 (tests/support/fake_server.py): every kind ends as
designed, within the bound on calls, and no article is lost. Backoff is shortened, so no test
sleeps for more than about a second."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import ModelError, Settings
from summarizer.errors import ConfigError
from summarizer.pipeline import ArticleProgress, brief
from tests.support.fake_server import (
    Garbage,
    Ok,
    OpenAIServer,
    Reset,
    Slow,
    Status,
    Truncated,
    echo,
)
from tests.support.helpers import settings_for

ARTICLES = {
    "a.txt": "Ana Lima opened the bridge on Monday. Traffic resumed in the afternoon.\n",
    "b.txt": "Rui Costa closed the port. Ships waited outside the harbour.\n",
}
RETRIES = 2  # transport retries: at most 3 calls per request


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def _settings(server: OpenAIServer, **changes: object) -> Settings:
    values: dict[str, object] = {"model": "test-model", "retry_max_wait": 2.0, "timeout": 1.0}
    return settings_for(server, **{"transport_retries": RETRIES, **values, **changes})


def _names(briefing_sources: list[object]) -> list[str]:
    return [Path(s.article.path).name for s in briefing_sources]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fault",
    [
        Status(429),
        Status(500),
        Status(503),
        Slow(1.5),  # past the 1 s timeout
        Reset(),
        Garbage(),
    ],
    ids=["429", "500", "503", "timeout", "reset", "invalid-json"],
)
def test_a_transient_fault_is_retried_and_nothing_is_lost(
    folder: Path, server: OpenAIServer, fault: object
) -> None:
    server.then(fault)  # type: ignore[arg-type]
    briefing = brief([folder], settings=_settings(server))
    assert _names(briefing.sources) == ["a.txt", "b.txt"] and briefing.skipped == []
    assert server.calls == 3  # one failed call, its retry, and the second article
    assert briefing.run.dropped == 0


def test_retry_after_is_honoured(folder: Path, server: OpenAIServer) -> None:
    server.then(Status(429, {"Retry-After": "1"}))
    started = time.monotonic()
    briefing = brief([folder], settings=_settings(server))
    assert time.monotonic() - started >= 1.0  # the backoff alone would be 0.01 s
    assert len(briefing.sources) == 2 and server.calls == 3


def test_retry_after_is_capped(folder: Path, server: OpenAIServer) -> None:
    server.then(Status(429, {"retry-after-ms": "600000"}))  # ten minutes
    started = time.monotonic()
    brief([folder], settings=_settings(server, retry_max_wait=0.2))
    assert time.monotonic() - started < 5


def test_a_server_that_keeps_failing_skips_the_article_not_the_run(
    folder: Path, server: OpenAIServer
) -> None:
    server.when("Ana Lima", *[Status(503)] * (RETRIES + 1))  # every try for a.txt
    briefing = brief([folder], settings=_settings(server))
    assert _names(briefing.sources) == ["b.txt"]
    (skipped,) = briefing.skipped
    assert skipped.path.endswith("a.txt") and "HTTP 503" in skipped.reason
    assert server.calls == RETRIES + 2  # the bound: 3 tries, then the other article


def test_every_article_failing_is_a_model_error(folder: Path, server: OpenAIServer) -> None:
    server.then(*[Status(500)] * 2 * (RETRIES + 1))
    with pytest.raises(ModelError, match="No article could be extracted"):
        brief([folder], settings=_settings(server))
    assert server.calls == 2 * (RETRIES + 1)


def test_a_reply_that_breaks_the_schema_is_reasked_then_recorded(
    folder: Path, server: OpenAIServer
) -> None:
    server.when("Ana Lima", Ok('{"actors": 3}'), Ok('{"actors": 3}'))  # answer and re-ask
    briefing = brief([folder], settings=_settings(server))
    assert _names(briefing.sources) == ["a.txt", "b.txt"]
    assert server.calls == 3 and briefing.run.reasks == 1
    assert [s.dropped for s in briefing.sources] == [1, 0]  # the lost chunk is counted
    # The re-ask told the model what was wrong.
    (reask,) = [r for r in server.requests if len(r["messages"]) > 2]
    assert "validation error" in str(reask["messages"][-1]["content"])


def test_a_cut_off_answer_halves_the_chunk(tmp_path: Path, server: OpenAIServer) -> None:
    sites = [f"{a}{b}" for a in "NSEW" for b in ("ford", "gate", "wick", "port", "ham")]
    lines = [f"Ana Lima spoke to reporters at {site} about the bridge works." for site in sites]
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = echo({"messages": [{"content": lines[0]}]})
    server.then(Truncated(first))  # the whole article's answer is cut off at max_tokens
    briefing = brief([tmp_path], settings=_settings(server))
    assert server.calls == 3  # not retried as is: asked again for each half
    halves = [r["messages"][-1]["content"] for r in server.requests[1:]]
    assert "at Nford " in halves[0] and "at Wham " in halves[1]
    assert "at Wham " not in halves[0] and briefing.run.dropped == 0


def test_a_short_chunk_cut_off_is_dropped_with_advice(folder: Path, server: OpenAIServer) -> None:
    server.then(Truncated(echo({"messages": [{"content": ARTICLES["a.txt"]}]})))
    briefing = brief([folder], settings=_settings(server))
    assert server.calls == 2 and briefing.run.dropped == 1
    assert len(briefing.sources) == 2


def test_the_token_budget_stops_the_run_cleanly(folder: Path, server: OpenAIServer) -> None:
    # One article at a time: with more, the calls already in flight may also complete.
    briefing = brief([folder], settings=_settings(server, token_budget=10, concurrency=1))
    assert _names(briefing.sources) == ["a.txt"]  # the call that crossed the budget completes
    (skipped,) = briefing.skipped
    assert skipped.path.endswith("b.txt") and "token budget" in skipped.reason
    assert server.calls == 1


def test_a_rejected_mode_falls_back_once_and_is_remembered(
    folder: Path, server: OpenAIServer
) -> None:
    # The server refuses the grammar-constrained response_format.
    server.then(Status(400, {}, "response_format json_object with schema is not supported"))
    # One article at a time, so that "the first request" is well defined.
    briefing = brief([folder], settings=_settings(server, mode="llamacpp", concurrency=1))
    assert len(briefing.sources) == 2
    formats = [r.get("response_format") for r in server.requests]
    assert formats[0]["type"] == "json_object" and "schema" in formats[0]
    # Plain JSON mode (no grammar) for the retry and the rest of the run, on this server.
    assert formats[1:] == [{"type": "json_object"}] * 2


def test_no_model_and_no_embedded_lists_the_three_ways(folder: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        brief([folder])
    for way in ("--base-url", "OPENAI_API_KEY", "summarizer[local]"):
        assert way in str(caught.value)


def test_an_article_that_always_times_out_is_skipped_not_the_run(
    folder: Path, server: OpenAIServer
) -> None:
    server.when("Ana Lima", *[Slow(1.5)] * (RETRIES + 1))  # past the 1 s timeout, every try
    briefing = brief([folder], settings=_settings(server))
    assert _names(briefing.sources) == ["b.txt"]
    (skipped,) = briefing.skipped
    assert skipped.path.endswith("a.txt") and "timed out" in skipped.reason


def test_a_server_that_dies_mid_run_leaves_a_briefing_of_what_was_done(
    tmp_path: Path, server: OpenAIServer
) -> None:
    names = ["Ana Lima", "Rui Costa", "Lea Moreau", "Ivo Sa", "Eva Dias", "Mia Neto"]
    names += ["Tor Berg", "Zoe Ruiz", "Kai Holm", "Joel Vidal", "Ana Sousa", "Rui Berg"]
    for n, name in enumerate(names):
        (tmp_path / f"{n:02d}.txt").write_text(f"{name} opened the bridge on Monday.\n")
    done: list[str] = []

    def kill_after_four(event: ArticleProgress) -> None:
        if event.status == "extracted":
            done.append(event.path)
            if len(done) == 4:
                server.die()  # every later call is reset or refused

    briefing = brief(
        [tmp_path], settings=_settings(server, concurrency=1), on_article=kill_after_four
    )
    assert len(briefing.sources) == 4 and len(briefing.skipped) == 8
    first, *rest = briefing.skipped
    assert first.path.endswith("04.txt") and "Cannot reach the model server" in first.reason
    assert all("the run stopped calling the model" in s.reason for s in rest)


def test_a_server_gone_before_the_first_answer_is_a_model_error(
    folder: Path, server: OpenAIServer
) -> None:
    server.die()
    with pytest.raises(ModelError, match="No article could be extracted") as raised:
        brief([folder], settings=_settings(server))
    assert raised.value.fatal


def test_after_the_server_died_no_lead_is_asked_for(tmp_path: Path, server: OpenAIServer) -> None:
    for n, name in enumerate(["Ana Lima", "Rui Costa", "Lea Moreau"]):
        (tmp_path / f"{n}.txt").write_text(f"{name} opened the bridge on Monday.\n")

    def kill_after_one(event: ArticleProgress) -> None:
        if event.status == "extracted":
            server.die()

    briefing = brief(
        [tmp_path], settings=_settings(server, concurrency=1), on_article=kill_after_one, lead=True
    )
    assert len(briefing.sources) == 1 and briefing.lead == []
    assert (briefing.run.lead_error or "").startswith("not asked: the run stopped calling")
