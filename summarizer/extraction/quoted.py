"""Quotations attributed by rule alone (no model call), and the model's statements completed
with them (``with_quotes``, as people.with_people completes its actors).

A sentence that holds a quotation and attributes it to a person of the article
(attribution.py: a speech verb whose subject is the name, "said X", or a pronoun the sentences
before resolve to them) is that person's statement, its words the quotation. Only people are
tried, and only the quotation form is kept: a reported clause is left to the model. Measured
on the 43 news files and the seeds with the people finder's names: 47 quotations found, all
47 rightly attributed, read one by one (`python -m bench.attributions` prints every
attribution the rules make).
"""

from __future__ import annotations

import re

from summarizer.extraction.attribution import Said, attribution
from summarizer.extraction.citing import article_sentences
from summarizer.models import Actor, Article, Evidence, Statement, span_of
from summarizer.text.quotations import begins_inside

_MARK = re.compile(r"[\"“”]")

_LOOKBACK = 3  # sentences before a paragraph a pronoun may reach back to (attribution.py)


def quoted_statements(article: Article, actors: list[Actor]) -> list[Statement]:
    """The quotations of the article that its sentences attribute to one of its people."""
    people = [a.name for a in actors if a.kind == "person"]
    spans = article_sentences(article)
    content = article.content()
    read = [content[s : spans[n + 1][0]] for n, (s, _) in enumerate(spans[:-1])]
    found = []
    for n, (start, end) in enumerate(spans):
        sentence, before = content[start:end], read[_window(read, n) : n]
        going_on = bool(before) and begins_inside(before)[-1]
        if (_MARK.search(sentence) or going_on) and sentence.strip() != article.title:
            found += _quotation(article, start, sentence, people, before)
    return found


def _quotation(
    article: Article, start: int, sentence: str, people: list[str], before: list[str]
) -> list[Statement]:
    """The sentence's quotation, as the first of ``people`` it is attributed to said it."""
    for name in people:
        said = attribution(sentence, name, before)
        if isinstance(said, Said) and said.form == "quotation":
            at, to = start + said.start, start + said.end
            quote = article.text[at:to]
            evidence = Evidence(article_id=article.id, start=at, end=to, quote=quote)
            return [Statement(speaker=name, text=quote, evidence=[evidence])]
    return []


def _window(read: list[str], n: int) -> int:
    """Where the sentences before sentence n are read from: the start of its paragraph (a
    quotation never runs past one), and a few sentences more for a pronoun."""
    first = n
    while first > 0 and "\n" not in read[first - 1]:
        first -= 1
    return max(0, first - _LOOKBACK)


def with_quotes(statements: list[Statement], quoted: list[Statement]) -> list[Statement]:
    """The model's statements, then each quotation found by rule whose words no statement of
    the model's already cites."""
    kept = list(statements)
    for statement in quoted:
        span = span_of(statement.evidence[0])
        if not any(_overlap(span, span_of(e)) for s in kept for e in s.evidence):
            kept.append(statement)
    return kept


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
