"""Extraction of one article: grounding, re-ask and drop accounting, long articles in chunks."""

from __future__ import annotations

import json

import pytest

from summarizer import ingest
from summarizer.extraction import chunks, extract, grounding
from summarizer.llm import LLM
from tests.support.answers import REPLY_002, SEED_002
from tests.support.briefings import CannedModel
from tests.support.fake_model import FakeServer, actor, event, reply, sentence_of, statement


def test_extract_grounds_every_item(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(REPLY_002)
    result = extract(SEED_002, fake_llm)
    counts = (len(result.actors), len(result.events), len(result.figures), len(result.statements))
    assert counts == (3, 1, 5, 1)  # Putin ("Putin’s decision") is found by rule, not the model
    # Every number of this article has its unit in the text: settled by rule, no labelling.
    assert result.stats.calls == 1 and result.stats.reasks == 0 and result.dropped == []
    assert all(f.labelled for f in result.figures)
    assert [n.reason for n in result.not_figures] == ["set phrase"]  # "the first time in a century"
    for item in [*result.actors, *result.events, *result.figures, *result.statements]:
        for e in item.evidence:
            assert SEED_002.text[e.start : e.end] == e.quote
            assert not SEED_002.in_boilerplate(e.start, e.end)


def test_a_bad_item_is_dropped_and_counted_without_a_reask(
    fake_llm: LLM, server: FakeServer
) -> None:
    bad = json.loads(REPLY_002)
    blinken = sentence_of(SEED_002, "Blinken announced")
    bad["statements"].append(statement(blinken, "Kamala Harris"))  # not named there
    bad["actors"].append(actor("Weather"))  # only in boilerplate, which is not citable
    server.enqueue(json.dumps(bad))
    result = extract(SEED_002, fake_llm)
    assert result.stats.calls == 1 and result.stats.reasks == 0
    assert sorted(d.kind for d in result.dropped) == ["actor", "statement"]
    assert len(result.statements) == 1  # the good items survive
    assert [a.name for a in result.actors] == ["Antony Blinken", "Lloyd Austin", "Putin"]


def test_a_reply_mostly_wrong_is_reasked_once(fake_llm: LLM, server: FakeServer) -> None:
    wrong = json.loads(REPLY_002)
    wrong["events"] = [event(n) for n in (90, 91, 92, 93)]  # 4 of 7
    server.enqueue(json.dumps(wrong), REPLY_002)
    result = extract(SEED_002, fake_llm)
    assert result.stats.calls == 2 and result.stats.reasks == 1 and result.dropped == []
    reask = server.requests[1]["messages"][-1]["content"]
    assert "there is no sentence [90]" in reask and "citing the numbers" in reask


def test_a_chunk_with_no_usable_answer_is_recorded(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue("not json at all", "still not json")
    result = extract(SEED_002, fake_llm)
    assert [d.kind for d in result.dropped] == ["chunk"]
    # Only the people found by rule remain: their roles come from the text, not the model.
    assert [(a.name, a.role) for a in result.actors] == [
        ("Antony Blinken", "U.S. Secretary of State"),
        ("Lloyd Austin", "Secretary of Defense"),
        ("Putin", None),
    ]
    assert len(result.figures) == 5  # numbers are found by code, whatever the first call did


def test_long_article_is_chunked_and_offsets_hold(fake_llm: LLM, server: FakeServer) -> None:
    parts = list(chunks(SEED_002, 1500))
    for part in parts:  # one valid answer per chunk, naming a capitalised word of its first
        first = " ".join(part.text.split()[:8])  # sentence (a lower-case word is no actor)
        words = (t.strip(",.;:’") for t in first.split())
        word = next(w for w in words if len(w) >= 5 and w.isalpha() and w[0].isupper())
        server.enqueue(reply(actors=[actor(word)], events=[event(1)]))
    result = extract(SEED_002, fake_llm, chunk_chars=1500)
    assert result.stats.calls == len(parts) and result.dropped == []
    assert len(result.events) == len(parts)
    for item, part in zip(result.events, parts, strict=True):
        e = item.evidence[0]
        assert SEED_002.text[e.start : e.end] == e.quote and part.start <= e.start < part.end


def test_same_actor_twice_in_one_article_is_pooled(fake_llm: LLM, server: FakeServer) -> None:
    body = json.loads(REPLY_002)
    body["actors"].append(actor("Antony Blinken"))
    server.enqueue(json.dumps(body))
    result = extract(SEED_002, fake_llm)
    (blinken,) = [a for a in result.actors if a.name == "Antony Blinken"]
    assert blinken.role == "U.S. Secretary of State"
    quotes = [e.quote for e in blinken.evidence]  # the sentence naming him, then the rule's
    assert quotes[0].startswith("U.S. Secretary of State Antony Blinken confirmed")
    assert len(quotes) == len(set(quotes)) and len(quotes) > 1


def test_prompt_puts_instructions_first_and_article_last(fake_llm: LLM, server: FakeServer) -> None:
    server.enqueue(REPLY_002)
    extract(SEED_002, fake_llm)
    system, user = server.requests[0]["messages"]
    assert system["role"] == "system" and "untrusted data" in system["content"]
    assert user["content"].rstrip().endswith(">")
    assert "Smiley face" not in user["content"]


def test_a_long_article_is_normalised_once_not_once_per_chunk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Normalising is linear in the article; once per chunk made a long article quadratic.
    text = "".join(f"Ana Lima met Rui Dias in Porto, {w} said.\n" for w in ["Eva", "Mia"] * 40)
    article = ingest.parse(text, "long.txt")
    parts = list(chunks(article, 500))
    assert len(parts) >= 5
    answers = []
    for _ in parts:
        body = reply(actors=[actor("Ana Lima")], events=[event(1)])
        answers.append(body)
    calls = []
    real = grounding.normalise
    monkeypatch.setattr(grounding, "normalise", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = extract(article, CannedModel(*answers), chunk_chars=500)
    assert len(result.events) == len(parts) and not result.dropped
    assert len(calls) <= 2  # the article with spaces, and without: once each
