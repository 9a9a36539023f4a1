"""Quotations attributed by rule alone, and the model's statements completed with them."""

from __future__ import annotations

from summarizer import ingest
from summarizer.extraction.people import find_people
from summarizer.extraction.quoted import quoted_statements, with_quotes
from summarizer.models import Evidence, Statement

TEXT = (
    "Coach says the team will be back\n\n"
    "Coach Ana Lima spoke after the match in Porto on Sunday. "
    '"We played badly," she said. '
    '"We will be back," said captain Rui Costa. '
    'An unnamed official called the match "a disgrace." '
    'Fans of Rui Costa sang "We love you" all night.\n'
)


def test_a_quotation_is_its_attributed_speakers_and_no_one_elses() -> None:
    article = ingest.parse(TEXT, "q.txt")
    found = quoted_statements(article, find_people(article))
    assert [(s.speaker, s.text) for s in found] == [
        ("Ana Lima", '"We played badly,"'),
        ("Rui Costa", '"We will be back,"'),
    ]
    for s in found:
        e = s.evidence[0]
        assert TEXT[e.start : e.end] == e.quote == s.text


def test_the_models_statements_come_first_and_a_quotation_they_cite_is_not_repeated() -> None:
    article = ingest.parse(TEXT, "q.txt")
    found = quoted_statements(article, find_people(article))
    lima = found[0].evidence[0]
    start, end = lima.start, lima.end + 5  # the model's statement: the whole sentence, say
    wider = Evidence(article_id=article.id, start=start, end=end, quote=TEXT[start:end])
    theirs = Statement(speaker="Ana Lima", text=wider.quote, evidence=[wider])
    assert with_quotes([theirs], found) == [theirs, found[1]]
