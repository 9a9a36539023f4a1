"""Boilerplate: what a reader of the article does not see, or what speaks to the model rather
than the reader (see the package docstring), marked span by span, and the outlet the copy
names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from summarizer.models import Boilerplate

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


def lines(text: str) -> Iterator[tuple[int, int, str]]:
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
    # Instructions are looked for in the text as it is, and as it reads: invisible characters
    # left out and compatibility forms folded ("Ig\u200bnore", "ｉｇｎｏｒｅ" read "Ignore"; the
    # text as it is still counts, as folding can join words: "instructions™" reads
    # "instructionsTM"). What is found is marked in the text as it is, each span once.
    folded = _as_read(text)
    readings = [(text, None)] + ([folded] if folded[1] is not None else [])
    found: dict[tuple[int, int], None] = {}
    for visible, origin in readings:
        for match in _INSTRUCTION.finditer(visible):
            found[_sentence_around(text, *_back(origin, match))] = None
        for match in _ROLE_LINE.finditer(visible):  # "SYSTEM: ..." speaks to the model: the line
            found[_back(origin, match)] = None
    spans += [Boilerplate(start=a, end=b, reason="instruction to the model") for a, b in found]
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


def mark_boilerplate(text: str) -> tuple[list[Boilerplate], str | None]:
    spans: list[Boilerplate] = _mark_hidden(text)
    outlet = None
    content = [(s, e, line) for s, e, line in lines(text) if line.strip()]
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
