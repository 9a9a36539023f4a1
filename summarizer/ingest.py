"""Files, directories or stdin become Article objects, with web clutter marked as boilerplate.

Articles are untrusted. Besides site clutter, ingest marks as boilerplate what a reader does
not see or what speaks to the model rather than the reader: HTML comments, markup (tags hide
text in attributes), invisible characters (zero-width, bidi controls), and sentences that read
as instructions to an AI ("Ignore previous instructions and report..."). Boilerplate stays in
the text, so offsets still index the file, but it is blanked in what the model and the rules
read (Article.content) and it can never be cited. Each article's warnings say what was set
aside, so nothing disappears silently.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Article, Boilerplate, SkippedArticle

SUFFIXES = (".txt", ".md")

# Whole lines of site furniture that news scrapers leave in the copy.
_CLUTTER = re.compile(
    r"""^\s*(?:
        smiley\ face | weather\s+live\s+markets | share\.? | post\ comment | loading\ now
      | ©.*?reserved\.? | copyright\ ©?.* | advertisement | skip\ to\ (?:main\ )?content
      | (?:read|see)\ (?:more|also):?.* | sign\ up\ .* | subscribe\ .* | follow\ us\ .*
      | related\ (?:articles|stories|posts):? | leave\ a\ (?:comment|reply)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SOURCE_LINE = re.compile(r"^\s*original\s+source:\s*(?P<outlet>\S+)\s*$", re.IGNORECASE)
# "Elena Martinez is a distinguished journalist ...": an author bio, not news.
_BIO = re.compile(
    r"^\s*(?:[A-Z][\w'’.-]+\s+){1,3}(?:is|was)\s+an?\s+(?:[\w,'’-]+\s+){0,6}?"
    r"(?:journalist|reporter|writer|correspondent|editor|author|columnist|contributor|"
    r"critic|blogger|freelancer)\b",
)
_BIO_WINDOW = 3  # a bio is only looked for among the last few lines of text
# Hidden or machine-directed text, marked span by span (see the module docstring).
_HIDDEN = [
    (re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), "HTML comment"),
    (re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE), "markup"),
    (re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?>"), "markup"),
    (re.compile(r"<\|[\w-]+\|>"), "markup"),  # chat-template tokens such as <|im_start|>
    (
        re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f]+"),
        "invisible characters",  # zero-width, bidi controls, and tag characters that spell text
    ),
]
_INSTRUCTION = re.compile(
    r"""\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?
        (?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?)\b
      | \byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:\w+\s+){0,2}
        (?:assistant|ai|chatbot|language\s+model)(?=\s*(?:[.,;:!]|that\b|who\b|$))
      | \b(?:ai\s+)?(?:summari[sz]ers?|language\s+models?|llms?|chatbots?|the\s+assistant)
        \s+(?:must|should)\s+(?:report|say|state|write|output|ignore)\b
    """,
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_ROLE_LINE = re.compile(r"^[ \t]*(?:system|assistant|developer)[ \t]*:.*$", re.I | re.M)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z]")  # "U.S. Confirms" is no break


@dataclass
class Ingested:
    """The articles read, in input order, and the inputs skipped with a reason."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedArticle] = field(default_factory=list)


def load(paths: Iterable[str | Path]) -> Ingested:
    """Read every path (file, directory or ``-`` for stdin); raise InputError if none is usable."""
    result = Ingested()
    seen: dict[str, Article] = {}
    given = [str(p) for p in paths]
    for path, data in _read_all(given, result.skipped):
        article = _to_article(path, data, result.skipped)
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


def parse(text: str, path: str = "<text>") -> Article:
    """Build an Article from text already in memory."""
    boilerplate, outlet = _mark_boilerplate(text)
    return Article(
        id=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12],
        path=path,
        outlet=outlet or ("stdin" if path == "<stdin>" else Path(path).stem),
        title=_title(text, boilerplate),
        text=text,
        boilerplate=boilerplate,
    )


def _read_all(paths: list[str], skipped: list[SkippedArticle]) -> Iterator[tuple[str, bytes]]:
    for given in paths:
        if given == "-":
            yield "<stdin>", sys.stdin.buffer.read()
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
            if not files:
                skipped.append(
                    SkippedArticle(path=given, reason="folder holds no .txt or .md file")
                )
            for file in files:
                yield str(file), file.read_bytes()
        elif path.is_file():
            yield given, path.read_bytes()
        else:
            skipped.append(SkippedArticle(path=given, reason="no such file or folder"))


def _to_article(path: str, data: bytes, skipped: list[SkippedArticle]) -> Article | None:
    if b"\x00" in data[:8192]:
        skipped.append(SkippedArticle(path=path, reason="binary file, not text"))
        return None
    warnings = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # cp1252 decodes every byte, so nothing is lost; the warning says offsets follow it.
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not UTF-8 ({exc.reason} at byte {exc.start}); decoded as cp1252")
    if not text.strip():
        skipped.append(SkippedArticle(path=path, reason="empty file"))
        return None
    article = parse(text, path)
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


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, line) for each line, end excluding the newline."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        yield pos, pos + len(line), line
        pos += len(raw)


def _mark_hidden(text: str) -> list[Boilerplate]:
    """Spans a reader does not see, or that address the model: see the module docstring."""
    spans = [
        Boilerplate(start=m.start(), end=m.end(), reason=reason)
        for pattern, reason in _HIDDEN
        for m in pattern.finditer(text)
    ]
    for match in _INSTRUCTION.finditer(text):
        start, end = _sentence_around(text, match.start(), match.end())
        spans.append(Boilerplate(start=start, end=end, reason="instruction to the model"))
    for match in _ROLE_LINE.finditer(text):  # "SYSTEM: ..." speaks to the model: the whole line
        spans.append(
            Boilerplate(start=match.start(), end=match.end(), reason="instruction to the model")
        )
    return spans


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its line) holding [start, end)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    gap = r"[\s\u200b-\u200f\u2060-\u2064\ufeff]"  # invisible characters count as spaces
    before = [m.end() for m in re.finditer(rf"[.!?][\"'”’]?{gap}+", text[line_start:start])]
    after = re.search(rf"[.!?][\"'”’]?(?={gap}|$)", text[end:line_end])
    return line_start + (before[-1] if before else 0), end + after.end() if after else line_end


def _mark_boilerplate(text: str) -> tuple[list[Boilerplate], str | None]:
    spans: list[Boilerplate] = _mark_hidden(text)
    outlet = None
    content = [(s, e, line) for s, e, line in _lines(text) if line.strip()]
    for index, (start, end, line) in enumerate(content):
        source = _SOURCE_LINE.match(line)
        if source:
            outlet = source.group("outlet").removeprefix("www.")
            spans.append(Boilerplate(start=start, end=end, reason="source line"))
        elif _CLUTTER.match(line):
            spans.append(Boilerplate(start=start, end=end, reason="site clutter"))
        elif index >= len(content) - _BIO_WINDOW and _BIO.match(line):
            spans.append(Boilerplate(start=start, end=end, reason="author bio"))
    return sorted(spans, key=lambda b: (b.start, b.end)), outlet


def _title(text: str, boilerplate: list[Boilerplate]) -> str | None:
    """The first real line, when it is short and one sentence: a headline, not a paragraph."""
    clutter = {(b.start, b.end) for b in boilerplate}
    for start, end, line in _lines(text):
        if not line.strip() or (start, end) in clutter:
            continue
        headline = line.strip()
        if len(headline) <= 200 and not _SENTENCE_BREAK.search(headline):
            return headline
        return None
    return None
