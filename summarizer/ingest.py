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

import codecs
import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
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
# Unicode's format characters (category Cf), which print as nothing: zero-width spaces and
# joiners, the soft hyphen, bidi controls and isolates, and the tag characters that can spell
# a hidden text. Listed (as of Unicode 15) rather than looked up, so importing costs nothing;
# a test checks the list against the running Python's unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{_FORMAT}]")
# Hidden or machine-directed text, marked span by span (see the module docstring).
_HIDDEN = [
    (re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), "HTML comment"),
    (re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE), "markup"),
    (re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?>"), "markup"),
    (re.compile(r"<\|[\w-]+\|>"), "markup"),  # chat-template tokens such as <|im_start|>
    (re.compile(f"[{_FORMAT}]+"), "invisible characters"),
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


DEFAULT_MAX_CHARS = 1_000_000  # Settings.max_article_chars


def load(
    paths: Iterable[str | Path],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    follow_links: bool = False,
) -> Ingested:
    """Read every path (file, directory or ``-`` for stdin); raise InputError if none is usable.
    An article longer than ``max_chars`` characters is skipped with the reason; inside a
    folder, a link that leaves it is followed only with ``follow_links``."""
    result = Ingested()
    seen: dict[str, Article] = {}
    given = [str(p) for p in paths]
    for path, data in _read_all(given, result.skipped, max_chars, follow_links):
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


def _read_all(
    paths: list[str], skipped: list[SkippedArticle], max_chars: int, follow_links: bool = False
) -> Iterator[tuple[str, bytes]]:
    reader = _Reader(skipped, max_chars, follow_links)
    for given in paths:
        if given == "-":
            yield from reader.stdin()
        else:
            yield from reader.path(given)


@dataclass
class _Reader:
    """Reads what each path names; whatever it cannot read is skipped with the reason, never
    raised: one broken input never sinks the others."""

    skipped: list[SkippedArticle]
    max_chars: int
    follow_links: bool = False

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(SkippedArticle(path=shown(path), reason=reason))

    def stdin(self) -> Iterator[tuple[str, bytes]]:
        data = sys.stdin.buffer.read(_max_bytes(self.max_chars) + 1)
        if len(data) > _max_bytes(self.max_chars):
            self.skip("<stdin>", self._too_long(f"over {_max_bytes(self.max_chars):,} bytes"))
            return
        yield "<stdin>", data

    def path(self, given: str) -> Iterator[tuple[str, bytes]]:
        kind = _kind(Path(given))
        if kind == "folder":
            yield from self.folder(Path(given))
        elif kind == "file":
            yield from self.file(given, Path(given))
        else:
            self.skip(given, kind)

    def folder(self, root: Path) -> Iterator[tuple[str, bytes]]:
        """Every .txt and .md file below ``root``, in sorted order of their paths."""
        paths = sorted(
            (folder / name for folder, names in self._walk(root) for name in names),
            key=str,
        )
        wanted = [p for p in paths if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")]
        if not wanted:
            self.skip(str(root), "folder holds no .txt or .md file")
        for path in wanted:
            kind = self._kind_within(root, path)
            if kind == "file":
                yield from self.file(str(path), path)
            else:
                self.skip(str(path), kind)

    def _walk(self, root: Path) -> Iterator[tuple[Path, list[str]]]:
        """(folder, file names) in sorted order; folders that cannot be entered, and links to
        folders (a loop, or a way out of ``root``), are skipped with the reason."""
        seen = {_real(root)}
        pending = [root]
        while pending:
            folder = pending.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self.skip(str(folder), f"folder cannot be entered: {_why(exc)}")
                continue
            files, subfolders = [], []
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(Path(entry.path))
                elif entry.is_symlink() and _kind(Path(entry.path)) == "folder":
                    link = Path(entry.path)
                    reason = self._link_to_folder(root, link, seen)
                    if reason is None:
                        subfolders.append(link)
                        seen.add(_real(link))
                    elif not entry.name.startswith("."):
                        self.skip(str(link), reason)
                else:
                    files.append(entry.name)
            yield folder, files
            pending.extend(reversed(subfolders))

    def _link_to_folder(self, root: Path, link: Path, seen: set[str]) -> str | None:
        if _real(link) in seen:
            return "a link back to a folder already read (a symlink loop): not followed"
        if not self.follow_links and not _inside(root, link):
            return f"a link to a folder outside {shown(str(root))}: not followed (--follow-links)"
        return None

    def _kind_within(self, root: Path, path: Path) -> str:
        kind = _kind(path)
        leaves = path.is_symlink() and not _inside(root, path)
        if kind == "file" and leaves and not self.follow_links:
            return f"a link to a file outside {shown(str(root))}: not followed (--follow-links)"
        return kind

    def file(self, shown_as: str, path: Path) -> Iterator[tuple[str, bytes]]:
        limit = _max_bytes(self.max_chars)
        try:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                data = b"" if size > limit else stream.read(limit + 1)  # never more than that
        except OSError as exc:
            self.skip(shown_as, f"cannot be read: {_why(exc)}")
            return
        if size > limit or len(data) > limit:
            self.skip(shown_as, self._too_long(f"{max(size, len(data)):,} bytes"))
            return
        yield shown(shown_as), data

    def _too_long(self, size: str) -> str:
        return (
            f"too long to brief ({size}; the limit is {self.max_chars:,} characters, "
            "SUMMARIZER_MAX_ARTICLE_CHARS): split it, or raise the limit"
        )


def _max_bytes(max_chars: int) -> int:
    """The most bytes an article of ``max_chars`` characters can take (UTF-8: 4 a character,
    UTF-32 with its BOM: 4 and 4)."""
    return 4 * max_chars + 4


def _kind(path: Path) -> str:
    """ "file", "folder", or why the path cannot be read, without following it further."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing (dangling symlink)" if path.is_symlink() else _NO_SUCH
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        return f"cannot be read: {_why(exc)}"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")


_NO_SUCH = "no such file or folder"
_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO), not a file: not read, it could wait forever",
    stat.S_IFCHR: "a device, not a file",
    stat.S_IFBLK: "a device, not a file",
    stat.S_IFSOCK: "a socket, not a file",
}


def _why(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _inside(root: Path, path: Path) -> bool:
    return Path(_real(path)).is_relative_to(_real(root))


def shown(path: str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a file name
    (kept by the OS as surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _to_article(
    path: str, data: bytes, skipped: list[SkippedArticle], max_chars: int = DEFAULT_MAX_CHARS
) -> Article | None:
    decoded = _decode(data)
    if decoded is None:
        skipped.append(SkippedArticle(path=path, reason="binary file, not text"))
        return None
    text, warnings = decoded
    if not text.strip():
        skipped.append(SkippedArticle(path=path, reason="empty file"))
        return None
    if len(text) > max_chars:
        reason = (
            f"too long to brief ({len(text):,} characters; the limit is {max_chars:,}, "
            "SUMMARIZER_MAX_ARTICLE_CHARS): split it, or raise the limit"
        )
        skipped.append(SkippedArticle(path=path, reason=reason))
        return None
    article = parse(text, path)
    warnings += set_aside(article)
    return article.model_copy(update={"warnings": warnings}) if warnings else article


# Byte order marks, longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes) -> tuple[str, list[str]] | None:
    """The text and what to warn about; None for a binary file. A UTF-16 or UTF-32 file says
    so with its byte order mark; without one, a NUL byte means binary; what is not UTF-8 is
    read as cp1252, which decodes every byte, so nothing is lost."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not UTF-8 ({exc.reason} at byte {exc.start}); decoded as cp1252"]


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
    # Instructions are looked for in the text as it reads, invisible characters left out and
    # compatibility forms folded ("Ig\u200bnore", "ｉｇｎｏｒｅ" read "Ignore"), then marked
    # in the text as it is.
    visible, origin = _as_read(text)
    for match in _INSTRUCTION.finditer(visible):
        start, end = _sentence_around(text, *_back(origin, match))
        spans.append(Boilerplate(start=start, end=end, reason="instruction to the model"))
    for match in _ROLE_LINE.finditer(visible):  # "SYSTEM: ..." speaks to the model: the line
        start, end = _back(origin, match)
        spans.append(Boilerplate(start=start, end=end, reason="instruction to the model"))
    return spans


def _as_read(text: str) -> tuple[str, list[int] | None]:
    """The text a reader sees: format characters dropped, NFKC-folded; and, per character of
    it, where it came from (None when that is the text itself)."""
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        folded = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def _back(origin: list[int] | None, match: re.Match[str]) -> tuple[int, int]:
    """The span of the original text that a match in ``_as_read``'s text covers."""
    if origin is None:
        return match.start(), match.end()
    if match.end() == match.start():
        return origin[match.start()], origin[match.start()]
    return origin[match.start()], origin[match.end() - 1] + 1


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its line) holding [start, end)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    gap = rf"[\s{_FORMAT}]"  # invisible characters count as spaces
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
