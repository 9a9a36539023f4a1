"""--batch: extractions through the Batch API of tests/openai_server.py (files and batches
endpoints written by hand after OpenAI's documentation, tests/batch_api.py): the same briefing
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
from tests.conftest import article_folder
from tests.openai_server import Ok, OpenAIServer, Status
from tests.test_store import ARTICLES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return article_folder(tmp_path, ARTICLES)


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(batch_polls=2) as running:
        yield running


def _settings(server: OpenAIServer, store: Path, **more: Any) -> Settings:
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "model": "m",
        "store": str(store),
        "retry_wait": 0.01,
        "batch_poll": 0.01,
    }
    values.update(more)
    return Settings(**values)


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

        def stop_once_sent(message: str) -> None:
            if "submitted" in message:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            brief([folder], settings=_settings(server, store), batch=True, on_batch=stop_once_sent)
        api = server.batch_api
        assert api is not None and len(api.batches) == 1 and api.lines == []  # not worked off
        resumed = brief([], settings=_settings(server, store), batch=True, resume=1)
        assert len(api.batches) == 2  # the first batch was waited for, not sent again
        assert len(resumed.sources) == 3 and server.calls == 0
        assert resumed.run.timing is not None and resumed.run.timing.run_id == 1


def test_a_server_without_the_batch_api_is_a_clear_error(folder: Path, tmp_path: Path) -> None:
    with OpenAIServer() as server, pytest.raises(ModelError, match="does not offer the Batch API"):
        brief([folder], settings=_settings(server, tmp_path / "r.sqlite3"), batch=True)
