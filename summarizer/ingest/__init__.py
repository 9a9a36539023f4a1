"""Files, directories or stdin become Article objects, with web clutter marked as boilerplate.

Articles are untrusted. Besides site clutter, ingest marks as boilerplate what a reader does
not see or what speaks to the model rather than the reader: HTML comments, markup (tags hide
text in attributes), invisible characters (zero-width, bidi controls), and sentences that read
as instructions to an AI ("Ignore previous instructions and report..."). Boilerplate stays in
the text, so offsets still index the file, but it is blanked in what the model and the rules
read (Article.content) and it can never be cited. Each article's warnings say what was set
aside, so nothing disappears silently.

    files.py        what the paths name, read or skipped with the reason; bytes decoded
    boilerplate.py  clutter, hidden text and instructions to the model, marked span by span
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest import front_matter
from summarizer.ingest.boilerplate import lines, mark_boilerplate
from summarizer.ingest.files import SUFFIXES, decode, read_all
from summarizer.models import Article, Boilerplate, SkippedArticle

__all__ = ["SUFFIXES", "Ingested", "article", "load", "parse", "set_aside"]


@dataclass
class Ingested:
    """The articles read, in input order, and the inputs skipped with a reason."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedArticle] = field(default_factory=list)


DEFAULT_MAX_CHARS = 1_000_000  # Settings.max_article_chars


def load(
    paths: Iterable[str | Path | Article],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    follow_links: bool = False,
) -> Ingested:
    """Read every path (file, directory or ``-`` for stdin) and take every Article given as it
    is (``article()`` makes one from text), in order; raise InputError if none is usable. An
    article longer than ``max_chars`` characters is skipped with the reason; inside a folder,
    a link that leaves it is followed only with ``follow_links``."""
    result = Ingested()
    seen: dict[str, Article] = {}
    for path, data in _inputs(list(paths), result.skipped, max_chars, follow_links):
        if isinstance(data, Article):
            article = _checked(data, result.skipped, max_chars)
        else:
            article = _to_article(path, data, result.skipped, max_chars)
        if article is None:
            continue
        first = seen.get(article.id)
        if first is not None:  # the same text twice: read once, both paths listed
            if path != first.path and path not in first.also_at:
                first.also_at.append(path)
            continue
        seen[article.id] = article
        result.articles.append(article)
    if not result.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped) or "no paths given"
        raise InputError(f"No article to read ({reasons}). Pass .txt or .md files or folders.")
    return result


def parse(
    text: str,
    path: str = "<text>",
    *,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    author: str | None = None,
) -> Article:
    """Build an Article from text already in memory. What the caller gives wins, then the
    text's YAML front matter (front_matter.py), then what the text shows (an "Original
    Source:" line, the headline, a dateline)."""
    boilerplate, found_outlet = mark_boilerplate(text)
    meta, block = front_matter.read(text)
    boilerplate = sorted([*boilerplate, *block], key=lambda b: (b.start, b.end))
    if isinstance(published, dt.date):
        published = published.isoformat()
    return Article(
        id=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12],
        path=path,
        outlet=outlet or meta.get("outlet") or found_outlet or _host(url or meta.get("url")),
        title=title or meta.get("title") or _title(text, boilerplate),
        text=text,
        boilerplate=boilerplate,
        published=published or meta.get("published") or _dateline(text, boilerplate),
        url=url or meta.get("url"),
        author=author or meta.get("author"),
    )


def _host(url: str | None) -> str | None:
    """The outlet a URL names: its host without "www." (an outlet's site is its name on the
    web); None for no URL or one with no host. A file's name is never an outlet."""
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def article(
    text: str,
    *,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
    author: str | None = None,
) -> Article:
    """An article from text in memory (an RSS item, a scraper's page), for ``brief`` and
    ``extract``: no temporary file needed. Its path is ``<text>``, or its URL when given."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("An article needs some text (a non-empty str).")
    return parse(
        text,
        url or "<text>",
        outlet=outlet,
        title=title,
        url=url,
        published=published,
        author=author,
    )


def _inputs(
    given: list[str | Path | Article],
    skipped: list[SkippedArticle],
    max_chars: int,
    follow_links: bool,
) -> Iterator[tuple[str, bytes | Article]]:
    """Each input in the order given: an Article as it is, a path's files read."""
    pending: list[str] = []
    for item in given:
        if isinstance(item, Article):
            yield from read_all(pending, skipped, max_chars, follow_links)
            pending = []
            yield item.path, item
        else:
            pending.append(str(item))
    yield from read_all(pending, skipped, max_chars, follow_links)


def _checked(article: Article, skipped: list[SkippedArticle], max_chars: int) -> Article | None:
    """An Article given in memory, held to the limits a file is held to."""
    if len(article.text) > max_chars:
        skipped.append(SkippedArticle(path=article.path, reason=_too_long(article.text, max_chars)))
        return None
    if not article.content().strip():
        skipped.append(SkippedArticle(path=article.path, reason=_NOTHING_TO_READ))
        return None
    return article


_NOTHING_TO_READ = "nothing to read: the text is all boilerplate, markup or hidden characters"


def _too_long(text: str, max_chars: int) -> str:
    return (
        f"too long to brief ({len(text):,} characters; the limit is {max_chars:,}, "
        "SUMMARIZER_MAX_ARTICLE_CHARS): split it, or raise the limit"
    )


def _to_article(
    path: str, data: bytes, skipped: list[SkippedArticle], max_chars: int = DEFAULT_MAX_CHARS
) -> Article | None:
    decoded = decode(data)
    if decoded is None:
        skipped.append(SkippedArticle(path=path, reason="binary file, not text"))
        return None
    text, warnings = decoded
    if not text.strip():
        skipped.append(SkippedArticle(path=path, reason="empty file"))
        return None
    if len(text) > max_chars:
        skipped.append(SkippedArticle(path=path, reason=_too_long(text, max_chars)))
        return None
    article = parse(text, path)
    if not article.content().strip():
        skipped.append(SkippedArticle(path=path, reason=_NOTHING_TO_READ))
        return None
    warnings += set_aside(article)
    return article.model_copy(update={"warnings": warnings}) if warnings else article


_SET_ASIDE = ("HTML comment", "markup", "invisible characters", "instruction to the model")


def set_aside(article: Article) -> list[str]:
    """One warning per kind of hidden or model-directed text that was set aside."""
    counts: dict[str, int] = {}
    for b in article.boilerplate:
        if b.reason in _SET_ASIDE:
            counts[b.reason] = counts.get(b.reason, 0) + 1
    return [
        f"{n} {reason} span{'s' if n != 1 else ''} set aside: not sent to the model, never cited"
        + (" (possible prompt injection)" if reason == "instruction to the model" else "")
        for reason, n in counts.items()
    ]


_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z]")  # "U.S. Confirms" is no break


# How a dateline line is written: "May 28, 2009", "June 01, 2009", "28 May 2009", "2009-05-28".
_DATELINES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d", "%A, %B %d, %Y")


def _dateline(text: str, boilerplate: list[Boilerplate]) -> str | None:
    """The date of a line that holds only a date, among the first two real lines (after the
    headline): the publication date. A date inside a sentence is never read as one."""
    clutter = {(b.start, b.end) for b in boilerplate}
    real = (
        line.strip()
        for start, end, line in lines(text)
        if line.strip() and (start, end) not in clutter
    )
    for _, line in zip(range(2), real, strict=False):
        for form in _DATELINES:
            try:
                return dt.datetime.strptime(line, form).date().isoformat()
            except ValueError:
                continue
    return None


def _title(text: str, boilerplate: list[Boilerplate]) -> str | None:
    """The first real line, when it is short and one sentence: a headline, not a paragraph."""
    clutter = {(b.start, b.end) for b in boilerplate}
    for start, end, line in lines(text):
        if not line.strip() or (start, end) in clutter:
            continue
        headline = line.strip()
        if len(headline) <= 200 and not _SENTENCE_BREAK.search(headline):
            return headline
        return None
    return None
