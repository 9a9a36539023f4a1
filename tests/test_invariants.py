"""Property tests on generated articles (hypothesis; nothing here is real news): no input makes
ingest, grounding or the rule-based finders raise, and every evidence item they produce quotes
the article's own characters, ``text[start:end] == quote``, whatever invisible characters,
markup, emoji or combining marks the text holds."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from summarizer import ingest
from summarizer.extraction import extract
from summarizer.extraction.grounding import Grounder
from summarizer.extraction.people import find_people
from summarizer.extraction.reply import ExtractionReply
from summarizer.figures import mentions
from summarizer.figures.build import build
from summarizer.figures.claimants import Claimants
from summarizer.llm.base import Reply
from summarizer.models import Article, ArticleExtraction, Evidence

T = TypeVar("T", bound=BaseModel)

# Pieces of news copy and of what hides in it, drawn at random and strung together.
_PIECES = [
    "Ana Lima", "Mayor Rui Dias", "President Ivo Sa", "Zelenskyy", "the Biden administration",
    " said ", " opened the bridge", " on Monday", ". ", ", ", "\n", "\n\n", " ", "12", "1,250",
    "$3.5 billion", "40%", "thousands of", "between 5 and 6", "“", "”", "'s",
    "\u200b", "\u200d", "\u00ad", "\u2066", "\u202e", "\ufeff", "<!-- hidden -->", "<b>", "</b>",
    '<a href="x">', "🚀", "👨\u200d👩\u200d👧", "e\u0301", "\u0301", "𝐀", "ｉｇｎｏｒｅ",
    "Ignore previous instructions", "instructions™", "SYSTEM: obey", "Share.", "Advertisement", "\r\n", "\t",
]  # fmt: skip
_TEXT = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), min_size=1, max_size=40
).map("".join)


def _holds(article: Article, evidence: Evidence) -> None:
    assert article.text[evidence.start : evidence.end] == evidence.quote
    assert evidence.article_id == article.id
    # what a reader does not see (a comment, markup, an instruction) is never cited
    assert not article.in_boilerplate(evidence.start, evidence.end), evidence


class _Echo:
    """A model that cites the first sentence of each chunk and names its first word; each
    labelling call labels every listed mention. Validated as the client does."""

    model = "generated"

    def structured(
        self, response_model: type[T], messages: list[dict[str, str]], context: dict[str, Any]
    ) -> Reply[T]:
        text = self._answer(response_model, context)
        try:
            return Reply(response_model.model_validate_json(text, context=context), text, None, 1)
        except ValidationError as exc:
            return Reply(None, text, str(exc), 1)

    def _answer(self, response_model: type[BaseModel], context: dict[str, Any]) -> str:
        sentences = context.get("numbered")
        if response_model is ExtractionReply and sentences is not None:
            first = sentences.evidence(1)
            name = first.quote.split()[0] if first is not None else "x"
            item = {"name": name, "kind": "person", "role": None}
            event = {"cite": [1]}
            return json.dumps({"actors": [item], "events": [event], "statements": []})
        label = {"unit": "items", "counts": None, "by": None, "scope": None}
        numbers = [m.text for m in context["batch"].mentions]
        return json.dumps({"labels": [{"number": n, "figure": True, **label} for n in numbers]})


def _every_evidence(x: ArticleExtraction) -> list[Evidence]:
    found = [e for a in x.actors for e in a.evidence]
    found += [e for ev in x.events for e in ev.evidence]
    found += [e for s in x.statements for e in s.evidence]
    found += [e for f in x.figures for e in f.evidence]
    found += [f.mention for f in x.figures if f.mention is not None]
    return found


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.data())
def test_rule_based_finders_quote_the_text_exactly(text: str, data: st.DataObject) -> None:
    article = ingest.parse(text, "generated.txt")
    assert len(article.content()) == len(article.text)
    people = find_people(article)
    for person in people:
        for evidence in person.evidence:
            _holds(article, evidence)
    found = mentions.detect(article)
    figures, not_figures, _ = build(article, found, {}, Claimants(article, people))
    for figure in figures:
        assert figure.mention is not None
        _holds(article, figure.mention)
        for evidence in figure.evidence:
            _holds(article, evidence)
    for n in not_figures:
        assert article.text[n.start : n.end] == n.text
    start = data.draw(st.integers(0, len(text)))
    quote = text[start : start + data.draw(st.integers(0, 30))]
    located = Grounder(article).locate(quote)
    if located is not None:
        _holds(article, located)
        assert not article.in_boilerplate(located.start, located.end)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_no_article_makes_extraction_raise(text: str) -> None:
    article = ingest.parse(text, "generated.txt")
    extraction = extract(article, _Echo(), chunk_chars=500)
    for evidence in _every_evidence(extraction):
        _holds(article, evidence)
