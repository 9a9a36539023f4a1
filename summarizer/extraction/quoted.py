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

import bisect
import re

from summarizer.extraction.attribution import CONTEXT, Said, attribution
from summarizer.extraction.citing import article_sentences
from summarizer.models import Actor, Article, Evidence, Statement, span_of
from summarizer.text.quotations import begins_inside

_MARK = re.compile(r"[\"“”]")

_LOOKBACK = 3  # sentences before a paragraph a pronoun may reach back to (attribution.py)


def quoted_statements(
    article: Article, actors: list[Actor], spans: list[tuple[int, int]] | None = None
) -> list[Statement]:
    """The quotations of the article that its sentences attribute to one of its people
    (``spans``: its sentences, when already found)."""
    spans = article_sentences(article) if spans is None else spans
    content = article.content()
    read = [content[s : spans[n + 1][0]] for n, (s, _) in enumerate(spans[:-1])]
    inside = begins_inside(read)  # one pass: whether each sentence goes on with a quotation
    named = _named_at([a for a in actors if a.kind == "person"])
    found = []
    for n, (start, end) in enumerate(spans):
        sentence, first = content[start:end], _window(read, n)
        if (_MARK.search(sentence) or inside[n]) and sentence.strip() != article.title:
            people = _between(named, spans[first][0], end)  # named where a pronoun may reach
            found += _quotation(article, start, sentence, people, read[first:n])
    return found


def _named_at(people: list[Actor]) -> list[tuple[int, str]]:
    """(where, name) for each sentence that names one of ``people``, in the text's order."""
    return sorted({(e.start, p.name) for p in people for e in p.evidence})


def _between(named: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """The people named in [start, end), first named first."""
    at, names = bisect.bisect_left(named, (start, "")), []
    while at < len(named) and named[at][0] < end:
        names.append(named[at][1])
        at += 1
    return list(dict.fromkeys(names))


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
    quotation never runs past one), and a few sentences more for a pronoun; at most
    ``CONTEXT`` sentences back, as attribution() reads."""
    first = n
    while first > max(0, n - CONTEXT) and "\n" not in read[first - 1]:
        first -= 1
    return max(0, first - _LOOKBACK, n - CONTEXT)


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
