"""--batch: extractions through the Batch API of tests/support/fake_server.py (files and batches
endpoints written by hand after OpenAI's documentation, tests/support/batch_api.py): the same briefing
as a live run, the same requests, invalid answers re-asked synchronously, failed requests
asked directly, a run stopped while polling resumed by its id without sending again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import ModelError, Settings, prompts
from summarizer.pipeline import brief
from tests.support.answers import ARTICLES
from tests.support.fake_server import Ok, OpenAIServer, Status
from tests.support.helpers import article_folder, settings_for


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return article_folder(tmp_path, ARTICLES)


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(batch_polls=2) as running:
        yield running


def _settings(server: OpenAIServer, store: Path, **more: Any) -> Settings:
    return settings_for(server, **{"store": str(store), "batch_poll": 0.01, **more})


def _stop_once_submitted(folder: Path, server: OpenAIServer, store: Path) -> None:
    """A batched run (run 1) stopped by Ctrl-C right after it submitted its first batch."""

    def stop(message: str) -> None:
        if "submitted" in message:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        brief([folder], settings=_settings(server, store), batch=True, on_batch=stop)


def _untagged(body: dict[str, Any]) -> Any:
    return json.loads(prompts.untagged(json.dumps(body, sort_keys=True)))


def test_a_batched_run_gives_the_briefing_of_a_live_one_from_the_same_requests(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    live = brief([folder], settings=_settings(server, tmp_path / "live.sqlite3"), timing=False)
    sent_live = [_untagged(r) for r in server.requests]
    assert server.calls == 4
    batched = brief(
        [folder], settings=_settings(server, tmp_path / "batch.sqlite3"), timing=False, batch=True
    )
    assert server.calls == 4  # not one chat request more: all went through batches
    api = server.batch_api
    assert api is not None and len(api.batches) == 2  # three extractions, then one labelling
    assert batched.to_json() == live.to_json()
    bodies = [_untagged(line["body"]) for line in api.lines]
    assert sorted(map(json.dumps, bodies)) == sorted(map(json.dumps, sent_live))
    assert {line["custom_id"] for line in api.lines} == {
        line["custom_id"] for line in api.lines
    } and len({line["custom_id"] for line in api.lines}) == 4


def test_an_invalid_batch_answer_is_reasked_synchronously(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    server.when("Ana Lima", Ok('{"actors": 3}'))  # the batch's answer for a.txt
    briefing = brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)
    (reask,) = server.requests  # the only chat request: the re-ask, made at once
    assert reask["messages"][-2] == {"role": "assistant", "content": '{"actors": 3}'}
    assert "validation error" in str(reask["messages"][-1]["content"]).lower()
    assert len(briefing.sources) == 3 and briefing.run.reasks == 1


def test_a_request_the_batch_failed_is_asked_directly(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    server.when("Rui Costa", Status(500))  # inside the batch
    briefing = brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)
    assert server.calls == 1 and "Rui Costa" in json.dumps(server.requests[0])
    assert len(briefing.sources) == 3 and briefing.skipped == []


def test_a_run_stopped_while_polling_resumes_by_id_without_sending_again(
    folder: Path, tmp_path: Path
) -> None:
    store = tmp_path / "r.sqlite3"
    with OpenAIServer(batch_polls=3) as server:
        _stop_once_submitted(folder, server, store)
        api = server.batch_api
        assert api is not None and len(api.batches) == 1 and api.lines == []  # not worked off
        resumed = brief([], settings=_settings(server, store), batch=True, resume=1)
        assert len(api.batches) == 2  # the first batch was waited for, not sent again
        assert len(resumed.sources) == 3 and server.calls == 0
        assert resumed.run.timing is not None and resumed.run.timing.run_id == 1


def test_a_server_without_the_batch_api_is_a_clear_error(folder: Path, tmp_path: Path) -> None:
    with OpenAIServer() as server, pytest.raises(ModelError, match="does not offer the Batch API"):
        brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)


def test_two_articles_with_the_same_text_each_cite_their_own(
    server: OpenAIServer, tmp_path: Path
) -> None:
    text = "Ana Lima opened the bridge on Monday. Traffic resumed.\n"
    folder = article_folder(tmp_path, {"a.txt": text, "b.txt": f"{text}Share.\n"})
    briefing = brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)
    assert server.batch_api is not None and len(server.batch_api.lines) == 1  # one request
    ids = {s.article.id for s in briefing.sources}
    assert len(ids) == 2 and {c.article_id for c in briefing.citations} == ids


def test_a_create_whose_answer_was_lost_is_not_made_twice(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    assert server.batch_api is not None
    server.batch_api.fail_next_create = True  # made on the server, but the reply is a 500
    briefing = brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)
    assert len(server.batch_api.batches) == 2 and len(briefing.sources) == 3  # two rounds


def test_the_token_budget_holds_back_what_a_batch_may_cost(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    settings = _settings(server, tmp_path / "r.sqlite3", token_budget=5000, max_tokens=2000)
    briefing = brief([folder], settings=settings, batch=True)
    assert server.batch_api is not None
    sent = len(server.batch_api.lines)
    assert 1 <= sent < 4 and len(briefing.skipped) == 3 - len(briefing.sources) > 0
    assert all("token budget" in s.reason for s in briefing.skipped)


def test_a_batch_the_server_lost_is_sent_again(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    api = server.batch_api
    assert api is not None

    lost: list[str] = []

    def lose_the_first(message: str) -> None:
        if "submitted" in message and not lost:
            lost.extend(api.batches)
            api.batches.clear()  # gone: another key, or deleted

    briefing = brief(
        [folder],
        settings=_settings(server, tmp_path / "r.sqlite3"),
        batch=True,
        on_batch=lose_the_first,
    )
    assert len(briefing.sources) == 3 and server.calls == 0 and lost


def test_the_chunks_of_a_long_article_go_in_one_batch(server: OpenAIServer, tmp_path: Path) -> None:
    lines = [
        f"Ana Lima spoke at site {name} about the bridge works." for name in "ABCDEFGHIJKLMNOPQRST"
    ]
    folder = article_folder(tmp_path, {"long.txt": "\n".join(lines) + "\n"})
    brief([folder], settings=_settings(server, tmp_path / "r.sqlite3", chunk_chars=500), batch=True)
    assert server.batch_api is not None
    first = next(iter(server.batch_api.batches.values()))
    assert first["request_counts"]["total"] >= 2  # every chunk in the first batch


def test_a_batched_run_resumed_without_batch_stays_batched(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "r.sqlite3"
    with OpenAIServer(batch_polls=3) as server:
        _stop_once_submitted(folder, server, store)
        resumed = brief([], settings=_settings(server, store), resume=1)
        assert len(resumed.sources) == 3 and server.calls == 0


def test_a_reasked_batch_answer_is_one_call_at_the_batch_price(
    folder: Path, server: OpenAIServer, tmp_path: Path
) -> None:
    import sqlite3

    server.when("Ana Lima", Ok('{"actors": 3}'))
    store = tmp_path / "r.sqlite3"
    brief([folder], settings=_settings(server, store, model="gpt-4o-mini"), batch=True)
    with sqlite3.connect(store) as db:
        calls = db.execute("SELECT attempts, cost_usd, prompt_tokens FROM calls").fetchall()
        (made,) = db.execute("SELECT calls_made FROM runs").fetchone()
    assert len(calls) == 4 and made == 4  # three extractions (one re-asked) and one labelling
    assert sorted(a for a, _, _ in calls) == [1, 1, 1, 2]
    live = tmp_path / "live.sqlite3"
    brief([folder], settings=_settings(server, live, model="gpt-4o-mini"))
    with sqlite3.connect(live) as db:
        live_cost = sum(c for (c,) in db.execute("SELECT cost_usd FROM calls WHERE attempts = 1"))
    batch_cost = sum(c for a, c, _ in calls if a == 1)
    assert batch_cost < 0.6 * live_cost  # half price, give or take the one re-asked article


def test_a_server_that_keeps_losing_batches_is_not_waited_for_forever(
    folder: Path, server: OpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.extraction import scheduling

    monkeypatch.setattr(scheduling, "MAX_BATCH_ROUNDS", 3)
    api = server.batch_api
    assert api is not None

    def lose_every_batch(message: str) -> None:
        if "submitted" in message:
            api.batches.clear()

    with pytest.raises(ModelError, match="No article could be extracted: no batch answer"):
        brief(
            [folder],
            settings=_settings(server, tmp_path / "r.sqlite3"),
            batch=True,
            on_batch=lose_every_batch,
        )
