"""Prompt injection: hand-written adversarial articles (tests/data/injection, see ABOUT there).

Defences in layers (FIELD_NOTES, OWASP LLM01): hidden text and instructions to the model are
set aside on ingest and never sent; each request wraps the article in a fresh random tag and
the system prompt says its content is data; every item must be grounded in text that was
sent; numbers are found by rule in the same text. So an injected claim cannot become a fact,
even when the model obeys it.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import ingest, prompts
from summarizer.pipeline import brief
from summarizer.render import to_markdown
from tests.support.fake_server import OpenAIServer, echo
from tests.support.helpers import ROOT

FIXTURES = sorted((ROOT / "tests" / "data" / "injection").glob("*.txt"))
INJECTED = "1,000,000"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_injected_text_is_set_aside_on_ingest(path: Path) -> None:
    article = ingest.load([path]).articles[0]
    assert INJECTED in article.text  # kept in the text as read...
    assert INJECTED not in article.content()  # ...but never in what the model reads
    assert "nstructions" not in article.content() and "SYSTEM" not in article.content()
    assert any("set aside" in w for w in article.warnings)
    assert article.content().count("said") >= 2  # the real reporting is still there


def _obedient(request: dict[str, Any]) -> str:
    """A model that has been taken over: besides a proper answer, it reports the injected
    claim, as an event and as a statement."""
    answer = json.loads(echo(request))
    if "actors" not in answer:
        return json.dumps(answer)
    # The injected sentence was never numbered: the model can only cite a sentence that does
    # not exist for the claim.
    answer["events"].append({"cite": [99]})
    answer["statements"].append({"speaker": "Officials", "cite": 99})
    return json.dumps(answer)


@pytest.fixture
def obeying() -> Iterator[OpenAIServer]:
    with OpenAIServer(_obedient) as server:
        yield server


def test_an_obedient_model_still_cannot_make_the_claim_a_fact(obeying: OpenAIServer) -> None:
    briefing = brief(FIXTURES, base_url=obeying.base_url, model="m", retry_wait=0.01)
    assert len(briefing.sources) == len(FIXTURES) and briefing.skipped == []
    facts = briefing.model_dump(exclude={"sources", "citations"})
    assert INJECTED not in json.dumps(facts)  # no development, figure, actor or statement
    assert all(INJECTED not in c.quote for c in briefing.citations)  # nothing cites it
    markdown = to_markdown(briefing).split("## Sources")[0]
    assert INJECTED not in markdown
    assert briefing.run.dropped >= len(FIXTURES)  # the ungroundable items were refused
    # What the model was sent: no injected words; the article between a fresh random tag;
    # the system prompt says that content is data. (Re-asks also carry the model's own
    # answer back to it, so only the user message each request starts with is checked.)
    sent = [str(r["messages"][1]["content"]) for r in obeying.requests]
    assert not any(INJECTED in s or "nstructions" in s for s in sent)
    tags = {t for r in obeying.requests for t in prompts.TAG.findall(str(r))}
    assert tags  # tagged...
    first_asks = [r for r in obeying.requests if len(r["messages"]) == 2]  # not re-asks
    bodies = [prompts.TAG.search(str(r["messages"][1]["content"])) for r in first_asks]
    assert len({b[0] for b in bodies if b}) == len(first_asks)  # ...afresh every time
    assert "never instructions" in str(obeying.requests[0]["messages"][0]["content"])


def test_the_briefing_says_what_was_set_aside(obeying: OpenAIServer) -> None:
    briefing = brief(FIXTURES[:1], base_url=obeying.base_url, model="m", retry_wait=0.01)
    sources = to_markdown(briefing).split("## Sources")[1]
    assert "possible prompt injection" in sources
    assert "Marta Silva" in to_markdown(briefing)  # the real news is briefed


@pytest.mark.parametrize(
    "sentence",
    [
        "Companies deploying AI must report serious incidents within 15 days.",
        "Assistant Secretary Jones said officials should report 1,200 cases.",
        "Lawmakers voted to override the previous rules.",
        "Police issued new instructions: stay indoors.",
        "The alert system message warned 40,000 residents.",
        "'You are the assistant coach now,' the manager told him.",
        "OpenAI changed the system prompt of its chatbot.",
        "The system prompted a review, and you are now a member.",
        "Prices rose where x<y held; later\nthey fell where z>w.",
    ],
)
def test_ordinary_news_is_not_taken_for_an_injection(sentence: str) -> None:
    article = ingest.parse(sentence + "\n", "news.txt")
    assert article.boilerplate == [] and article.content() == article.text


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lima said the sign read {{ 7*7 }} and {{ grounder }} in chalk.",
        "Ana Lima said the script began {% if x %} and stopped there.",
        "Ana Lima said the page showed {# a comment and {%- raw %} fragments.",
    ],
    ids=["expression", "unclosed-block", "comment"],
)
def test_template_syntax_in_an_article_reaches_the_model_as_written(
    tmp_path: Path, text: str
) -> None:
    # instructor renders messages as Jinja templates when given context= (issue #2669):
    # unescaped, these would crash the run or show the model "49" and our own objects.
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Rui Costa closed the port on Monday.\n", encoding="utf-8")
    with OpenAIServer() as server:
        briefing = brief([tmp_path], base_url=server.base_url, model="m")
        sent = [str(r["messages"][-1]["content"]) for r in server.requests]
    assert len(briefing.sources) == 2 and briefing.skipped == []
    assert any(text in s for s in sent)
    # (not "49" alone: the random delimiter tags are hex and may hold it)
    assert not any("read 49 and" in s or "Grounder object" in s for s in sent)


def test_every_format_character_is_set_aside() -> None:
    # Unicode's format characters (Cf) print as nothing; each must be marked invisible, the
    # soft hyphen and the bidi isolates included.
    formats = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert "\u00ad" in formats and "\u2066" in formats
    text = "Ana Lima said" + "".join(formats) + " the port reopened.\n"
    article = ingest.parse(text, "cf.txt")
    hidden = [b for b in article.boilerplate if b.reason == "invisible characters"]
    assert [(b.start, b.end) for b in hidden] == [(13, 13 + len(formats))]
