"""The model seam: modes, re-asks, transport retries, usage counting, errors, key hygiene."""

from __future__ import annotations

import logging

import pytest

from summarizer import ingest
from summarizer.config import Settings
from summarizer.errors import ConfigError, ModelError
from summarizer.extraction.citing import article_sentences, numbered
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.reply import ExtractionReply
from summarizer.figures.labels import LABEL_TOKENS, labels_model
from summarizer.llm import LLM
from tests.support.fake_model import MODEL, FakeServer, actor, completion, event, reply

ARTICLE = ingest.parse("Kirby said the aid would arrive soon.\n", "a.txt")
GOOD = reply(actors=[actor("Kirby")], events=[event(1)])
UNGROUNDED = reply(  # both items fail: a re-ask
    actors=[actor("Kirby Shouted")], events=[event(2)]
)
MESSAGES = [{"role": "system", "content": "Extract."}, {"role": "user", "content": ARTICLE.text}]


def _ask(llm: LLM) -> object:
    context = {
        "grounder": Grounder(ARTICLE),
        "numbered": numbered(article_sentences(ARTICLE), ARTICLE, 0, len(ARTICLE.text)),
        "strict": True,
        "article_id": ARTICLE.id,
    }
    return llm.structured(ExtractionReply, MESSAGES, context)


def test_valid_first_answer_is_one_call(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(GOOD)
    result = _ask(fake_llm)
    assert result.value is not None and result.error is None  # type: ignore[attr-defined]
    assert (result.attempts, result.prompt_tokens, result.completion_tokens) == (1, 100, 50)  # type: ignore[attr-defined]


def test_each_kind_of_answer_has_its_own_cap_within_the_configured_one(server: FakeServer) -> None:
    for configured, sent in [(3072, ExtractionReply.answer_tokens), (300, 300)]:
        settings = Settings(base_url="http://fake.test/v1", model=MODEL, max_tokens=configured)
        server.enqueue(GOOD)
        _ask(LLM(settings, http_client=server.client()))
        assert server.requests[-1]["max_tokens"] == sent
    assert labels_model(3).answer_tokens == 3 * LABEL_TOKENS + 16 < labels_model(9).answer_tokens


def test_invalid_answer_is_reasked_with_the_error(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(UNGROUNDED, GOOD)
    result = _ask(fake_llm)
    assert result.value is not None and result.attempts == 2  # type: ignore[attr-defined]
    reask = server.requests[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": UNGROUNDED}
    assert "'Kirby Shouted' is not in the article" in reask[-1]["content"]
    assert "there is no sentence [2]" in reask[-1]["content"]


def test_reasks_are_bounded_and_the_last_answer_is_kept(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(UNGROUNDED, UNGROUNDED, GOOD)  # max_reasks=1: the third is never asked for
    result = _ask(fake_llm)
    assert result.value is None and result.attempts == 2  # type: ignore[attr-defined]
    assert result.last_text == UNGROUNDED  # type: ignore[attr-defined]
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("answers", "expected_requests"),
    [([500, GOOD], 2), ([429, 503, GOOD], 3), ([502, 500, 500, 500], 4)],
)
def test_transport_failures_are_retried_by_one_owner(
    fake_llm: LLM, server: FakeServer, answers: list[object], expected_requests: int
) -> None:
    server.enqueue(*answers)
    if answers[-1] == GOOD:
        assert _ask(fake_llm).value is not None  # type: ignore[attr-defined]
    else:
        with pytest.raises(ModelError, match="answered HTTP 500"):
            _ask(fake_llm)
    assert len(server.requests) == expected_requests  # openai's own retries are off


def test_client_errors_are_not_retried(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(GOOD, 400, GOOD)
    _ask(fake_llm)  # the mode works on this server, so a 400 is not a rejected mode
    with pytest.raises(ModelError, match="answered HTTP 400"):
        _ask(fake_llm)
    assert len(server.requests) == 2


def test_a_400_on_the_first_call_tries_the_next_mode_once(
    fake_llm: LLM, server: FakeServer
) -> None:
    refused = (400, "response_format with a schema is not supported")
    server.enqueue(refused, refused, GOOD)
    with pytest.raises(ModelError, match="answered HTTP 400"):
        _ask(fake_llm)  # llamacpp rejected, then json rejected: no third mode
    assert len(server.requests) == 2 and fake_llm.mode == "json"


def test_truncated_answer_is_reported_not_retried(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(completion('{"actors": [', finish_reason="length"), GOOD)
    result = _ask(fake_llm)
    assert result.value is None and "cut off" in (result.error or "")  # type: ignore[attr-defined]
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("mode", "expected_format"),
    [("llamacpp", "json_object+schema"), ("json", "json_object"), ("json_schema", "json_schema")],
)
def test_mode_sets_response_format(server: FakeServer, mode: str, expected_format: str) -> None:
    llm = LLM(
        Settings(base_url="http://fake.test/v1", model=MODEL, mode=mode),
        http_client=server.client(),
    )
    server.enqueue(GOOD)
    _ask(llm)
    sent = server.requests[0]["response_format"]
    kind = sent["type"] + ("+schema" if "schema" in sent else "")
    assert kind == expected_format
    assert server.requests[0]["temperature"] == 0


@pytest.mark.parametrize(
    ("settings", "expected_mode"),
    [
        ({"api_key": "sk-test"}, "json_schema"),
        ({"base_url": "https://api.openai.com/v1"}, "json_schema"),
        ({"base_url": "http://127.0.0.1:8080/v1"}, "llamacpp"),
        ({"base_url": "http://127.0.0.1:8080/v1", "mode": "json"}, "json"),
    ],
)
def test_auto_mode(settings: dict[str, str], expected_mode: str) -> None:
    assert Settings(**settings).resolved_mode() == expected_mode


def test_no_model_configured_says_what_to_set() -> None:
    with pytest.raises(ConfigError) as caught:
        LLM(Settings())
    # The three ways: a server, OpenAI, or the embedded model.
    for hint in ("--base-url", "SUMMARIZER_BASE_URL", "OPENAI_API_KEY", "summarizer[local]"):
        assert hint in str(caught.value)


def test_environment_is_read_and_explicit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://env.test/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert (Settings().base_url, Settings().model) == ("http://env.test/v1", "env-model")
    assert Settings().api_key.get_secret_value() == "sk-env"  # type: ignore[union-attr]
    assert Settings(model="explicit").model == "explicit"


def test_model_is_discovered_from_the_server(server: FakeServer) -> None:
    server.enqueue(
        {"object": "list", "data": [{"id": "served-model", "object": "model", "owned_by": "x"}]}
    )
    llm = LLM(Settings(base_url="http://fake.test/v1"), http_client=server.client())
    assert llm.model == "served-model"


def test_key_never_reaches_errors_or_logs(
    server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = "sk-secret0123456789abcdef"
    llm = LLM(
        Settings(base_url="http://fake.test/v1", model=MODEL, api_key=key, retry_wait=0),
        http_client=server.client(),
    )
    server.enqueue(401)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ModelError) as caught:
        _ask(llm)
    assert "refused the API key" in str(caught.value)
    assert key not in str(caught.value) and key not in caplog.text
    assert key not in repr(llm.settings)


def test_a_400_about_something_else_keeps_the_mode(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue((400, "the prompt is longer than the context window"), GOOD)
    with pytest.raises(ModelError, match="context window"):
        _ask(fake_llm)
    assert len(server.requests) == 1 and fake_llm.mode == "llamacpp"


@pytest.mark.parametrize(
    ("base_url", "timeout", "expected"),
    [
        ("http://127.0.0.1:9/v1", None, 900.0),  # a local model on a CPU: minutes an answer
        (None, None, 180.0),  # OpenAI answers within a minute or two
        ("http://127.0.0.1:9/v1", 30.0, 30.0),
    ],
)
def test_a_connection_is_given_seconds_an_answer_minutes(
    base_url: str | None, timeout: float | None, expected: float
) -> None:
    settings = Settings(base_url=base_url, api_key="sk-test", model=MODEL, timeout=timeout)
    llm = LLM(settings)
    given = llm.api_client().timeout
    assert given.connect == 10.0 and given.read == expected  # type: ignore[union-attr]
    llm.close()
