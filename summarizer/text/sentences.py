"""Sentence spans of an article's content, and its lines: the units the rule-based finders read.

A sentence ends at a line break, or at ".", "!" or "?" after a lower-case letter, a digit or a
closing mark, followed by space and a capital or an opening quote ("U.S. Secretary" is one
sentence). Spans index ``article.text``; boilerplate is blanked in the content, so its lines
yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.models import Article
from summarizer.text.support import FUNCTION_WORDS, lemma

_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\"”’'][.!?])[\"”’']?\s+(?=[A-Z“\"‘'])|\n+")


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of ``text``, its line break left out."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        yield pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)


def title_line(article: Article) -> tuple[int, int] | None:
    """The span of the line ``article.title`` was read from (the first line that reads so),
    or None when the article has no title."""
    if article.title is None:
        return None
    for start, end in line_spans(article.text):
        if article.text[start:end].strip() == article.title:
            return start, end
    return None


def standfirst(article: Article) -> tuple[int, int] | None:
    """The span of the article's standfirst, or None: the paragraph right after its title
    line when that paragraph holds two sentences or more and two paragraphs or more follow
    it. Web copy often opens so, with a summary that the body tells again point by point
    ("X claims... Concerns arise... Forces face difficulties..."). A lede of one sentence,
    an article with no title, or a short one has none."""
    title = title_line(article)
    if title is None:
        return None
    text = article.content()
    lines = [(s, e) for s, e in line_spans(text) if s >= title[1] and text[s:e].strip()]
    if len(lines) < 3:
        return None
    start, end = lines[0]
    told = sum(1 for s, _ in sentences(article) if start <= s < end)
    return (start, end) if told >= 2 else None


def sentences(article: Article) -> Iterator[tuple[int, int]]:
    """Sentence spans of the article's content (boilerplate is blanked, its lines skipped)."""
    text = article.content()
    for line_start, line_end in line_spans(text):
        if not text[line_start:line_end].strip():
            continue
        start = line_start
        for cut in _SENTENCE_END.finditer(text, line_start, line_end):
            yield from _trimmed(text, start, cut.start())
            start = cut.end()
        yield from _trimmed(text, start, line_end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    start, end = trim(text, start, end)
    if end > start:
        yield start, end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the white space at either end of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clean_span(article: Article, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of [start, end) around position ``at`` that no boilerplate overlaps, spaces
    trimmed: a sentence quoted as evidence never carries a hidden comment or markup that
    stands inside it ("met Donald Trump <!-- ... --> in Geneva" is cut at the comment)."""
    for b in article.boilerplate_in(start, end):
        if b.end <= at:
            start = max(start, b.end)
        elif b.start > at:
            end = min(end, b.start)
    return trim(article.text, start, end)


# "This new aid would ...", "These decisions come ...": a demonstrative that opens a sentence
# and stands before a noun (a determiner) names a thing the sentence before told of.
_DEMONSTRATIVE = re.compile(r"^\W*(this|that|these|those)\s+([^\W\d_][\w'’-]*)", re.IGNORECASE)


def refers_back(sentence: str) -> bool:
    """Whether the sentence opens with a demonstrative determiner and so goes on with the
    thing the sentence before it told of ("This new aid would provide Ukraine with ...",
    "These talks ended without a deal"). Not a demonstrative pronoun before a verb, which
    most often brings in another fact ("This comes as North Korea launched a missile",
    "This follows ...", "That is ..."): a grammar word after it, or after "this" or "that" a
    word in -s that the lemmatiser reads as the form of another word (a plural noun cannot
    follow "this", so it is a verb: "comes", "marks"; "news" and "crisis" are their own)."""
    found = _DEMONSTRATIVE.match(sentence)
    if found is None:
        return False
    determiner, word = found.group(1).lower(), found.group(2).lower()
    if word in FUNCTION_WORDS:
        return False
    if determiner in ("this", "that") and word.endswith("s") and not word.endswith("ss"):
        return lemma(word) == word
    return True
