"""Find every numeric mention in an article, by rule, with offsets: figures and not-figures.

A small model hunting for numbers in a long article misses most of them, so code finds them
and the model only explains them. Each mention is either a candidate figure (sent to the model
to be labelled) or classified here as not a figure: a date, an age, an ordinal, a reference
("Article 5"), a designation ("F-16"), a name ("the S&P 500"), a score ("a 2-1 win"), a set
phrase ("the first time in a century") or a slashed fraction of nothing ("1/16 of a point",
"24/7"). A fraction of something ("a third of the homes", "half the staff", "3/4 of fans")
is a share, in percent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from wordfreq import zipf_frequency

from summarizer.figures import roles
from summarizer.models import Article
from summarizer.text.quantities import (
    AREA_UNIT,
    CURRENCY_CODE,
    CURRENCY_SYMBOL,
    CURRENCY_WORD,
    FRACTION,
    MAGNITUDE,
    MAGNITUDE_GAP,
    MONTHS,
    NUMBER,
    NUMBER_WORD,
    ODDS,
    PERCENT,
    SYMBOL_SIGNS,
    VAGUE_WORDS,
    numeral,
)
from summarizer.text.sentences import clean_span, sentences

NotFigure = Literal[
    "date",
    "age",
    "ordinal",
    "reference",
    "designation",
    "set phrase",
    "score",
    "name",
    "fraction",
    "time zone",
]

_CUR = rf"(?:{CURRENCY_SYMBOL})"
_CODE = rf"(?:{CURRENCY_CODE})"
_MAG = rf"(?:{MAGNITUDE})\b"
_PCT = rf"(?:\s?(?:{PERCENT}))"
_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"twentieth|hundredth|thousandth"
)

_AREA = rf"(?:\s(?:{AREA_UNIT}))"
# A currency symbol written after the number, as in European copy: "5 €", "100₾" (a sign, not
# letters: "10 Rs" is no amount).
_SYMBOL_AFTER = rf"(?:{'|'.join(re.escape(c) for c in SYMBOL_SIGNS)})(?!\w)"
_AMOUNT = (
    rf"(?:{_CUR}\s?|{_CODE}\s?)?(?:{NUMBER})(?:{MAGNITUDE_GAP}{_MAG})?(?:{_PCT})?"
    rf"(?:\s{_CODE}\b|\s(?:{CURRENCY_WORD})\b|\s?{_SYMBOL_AFTER})?{_AREA}?"
)
_RANGE_PART = rf"| (?P<range>(?:between\s+)?{_AMOUNT}\s*(?:-|–|—|to|and)\s*{_AMOUNT})"
_ALTERNATIVES = rf"""
    (?P<time>\b\d{{1,2}}:\d{{2}}(?:\s?[ap]\.?m\.?)?)
  | (?P<fraction>{FRACTION})
  | (?P<odds>{ODDS})
  | (?P<slashed>\b\d{{1,4}}(?:/\d{{1,4}}){{1,2}}\b)
  RANGE
  | (?P<ordnum>\b\d+(?:st|nd|rd|th)\b)
  | (?P<amount>{_AMOUNT})
  | (?P<vague>\b(?:{VAGUE_WORDS})\b)
  | (?P<ordword>\b(?:{_ORDINAL_WORDS})\b)
  | (?P<word>\b(?:{NUMBER_WORD})(?:[\s-](?:{NUMBER_WORD}))*(?:\s{_MAG})?\b
      (?:{_PCT}|\s(?:{CURRENCY_WORD})\b)?)
    """
_PATTERN = re.compile(_ALTERNATIVES.replace("RANGE", _RANGE_PART), re.IGNORECASE | re.VERBOSE)
# The same without ranges: the two ends of a "range" that is a movement, read one by one.
_NO_RANGE = re.compile(_ALTERNATIVES.replace("RANGE", ""), re.IGNORECASE | re.VERBOSE)
_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
# Idioms in which a number word counts nothing.
_SET_PHRASES = re.compile(
    r"\b(?:first\s+time\s+in\s+a\s+century|one\s+of|one\s+another|no\s+one|any\s+one|"
    r"at\s+one\s+point|one\s+day|one\s+way\s+or|one-sided|one\s+by\s+one|on\s+the\s+one\s+hand|"
    r"the\s+one\s+that|the\s+one\s+who|in\s+one\s+go|a\s+hundred\s+percent|"
    r"one\s+(?:that|which|who|whose)|day\s+one|one\s+(?:type|kind|sort)\s+of|"
    r"between\s+the\s+two|the\s+two\s+(?:countries|nations|sides|leaders|men|governments)|"
    r"(?:first|second|third)(?:-|\s)(?:hand|rate|class|degree)|"
    r"(?:one|two|three|four|five|\d)-star)\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|died\s+at)\s*$", re.IGNORECASE)
# A person's name, then the number between commas: "John Smith, 85, died" (news style).
_AGE_BETWEEN_COMMAS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+,\s*$")
_YEAR_RANGE = re.compile(
    r"(?:between\s+|from\s+)?(?:1[89]|20)\d\d\s*(?:-|–|—|to|and)\s*(?:(?:1[89]|20)\d\d|\d\d)",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}")
_SCORE_AFTER = re.compile(
    r"^\s*(?:(?:home|away|aggregate|extra-time|penalty|shoot-out)\s+)?"
    r"(?:win|wins|victory|draw|defeat|loss|lead|scoreline|thrashing|triumph)\b",
    re.IGNORECASE,
)
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|won|win|lost|lose|loses|drew|draw|defeated|thrashed|edged|trailed|led|"
    r"score|scored|scores|scoreline|finished|ended)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^(?:-|\s)?(?:(?:years?|months?|weeks?|days?)(?:-|\s)old\b|(?:years?|months?|weeks?|days?)\s+of\s+age\b)",
    re.IGNORECASE,
)
_REF_BEFORE = re.compile(
    r"\b(?:article|resolution|section|chapter|page|room|no\.|number|flight|route|highway|"
    r"paragraph|clause|amendment|level|grade|phase|stage|category|version)\s*$",
    re.IGNORECASE,
)
_DESIGNATION_BEFORE = re.compile(r"[A-Za-z]-?$")
_DATE_CONTEXT = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)s?$")
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|of|from|until|till|before|after|during|©|the)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A number in the text, with its sentence, and why it is not a figure if it is not one."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    not_figure: NotFigure | None = None
    previous: tuple[int, int] | None = None  # the sentence before, as a span

    @property
    def is_candidate(self) -> bool:
        return self.not_figure is None


def detect(article: Article) -> list[Mention]:
    """Every numeric mention outside boilerplate, in text order."""
    found: list[Mention] = []
    previous: tuple[int, int] | None = None
    for s_start, s_end in sentences(article):
        sentence = article.content()[s_start:s_end]
        for match in _matches(sentence):
            start, end = _outside_boilerplate(
                article, s_start + match.start(), s_start + match.end()
            )
            text = article.text[start:end]
            reason = _classify(match, sentence, match.start(), match.end())
            found.append(Mention(start, end, text, s_start, s_end, reason, previous))
        previous = (s_start, s_end)
    return found


def _matches(sentence: str) -> Iterator[re.Match[str]]:
    """The number matches of a sentence; "A and B" without "between", and a range "A to B"
    after a verb of movement or whose ends are in different units, are two numbers: "fell 36,000 to 293,000" gives a change and
    a level, "rose 2.1% to $84.30" a change and a price (figures/roles.py)."""
    for match in _PATTERN.finditer(sentence):
        if match["range"] and (_movement(sentence, match) or _listed(match)):
            yield from _NO_RANGE.finditer(sentence, match.start(), match.end())
        else:
            yield match


def _listed(match: re.Match[str]) -> bool:
    """ "10.24% and 6.57% respectively": two values listed, not a range, unless "between"
    opens it ("between 5% and 6%")."""
    text = match[0]
    return bool(re.search(r"\sand\s", text, re.IGNORECASE)) and not re.match(
        r"between\s", text, re.IGNORECASE
    )


def _movement(sentence: str, match: re.Match[str]) -> bool:
    joiner = _TO.search(match[0])
    if joiner is None:
        return False
    low, high = match[0][: joiner.start()], match[0][joiner.end() :]
    units = [re.sub(rf"[\d.,\s]|\b(?:{MAGNITUDE})\b", "", end.lower()) for end in (low, high)]
    before = re.sub(r"\bfrom\s*$", "", sentence[max(0, match.start() - 80) : match.start()])
    return roles.moved_before(before) or (
        units[0] != units[1] and bool(units[0]) and bool(units[1])
    )


def _outside_boilerplate(article: Article, start: int, end: int) -> tuple[int, int]:
    """The mention's span, trailing spaces off, and cut at any boilerplate inside it (the
    pattern reads blanked characters as spaces: "£<U+200B>12" is read "12"), so that a
    mention, like every evidence item, never covers what was set aside."""
    while end > start and article.text[end - 1].isspace():
        end -= 1
    if not article.in_boilerplate(start, end):
        return start, end
    content = article.content()
    at = next((i for i in range(start, end) if content[i].isalnum()), start)
    return clean_span(article, start, end, at)


def previous_sentence(article: Article, mention: Mention) -> str | None:
    """The sentence before the mention's, on one line; None for the first sentence."""
    if mention.previous is None:
        return None
    start, end = mention.previous
    return " ".join(article.content()[start:end].split())


# How far around a number its rules look, in characters: a very long sentence (a table pasted
# as one line) must not make each number's reading scan all of it.
_WINDOW = 160


def _classify(match: re.Match[str], sentence: str, start: int, end: int) -> NotFigure | None:
    before, after = sentence[max(0, start - _WINDOW) : start], sentence[end : end + _WINDOW]
    sentence = sentence[max(0, start - _WINDOW) : end + _WINDOW]
    start, end = len(before), len(before) + (end - start)
    token = match.group(0).strip()
    if match["time"] or re.match(r"^\s?[ap]\.?m\.?(?:\W|$)", after, re.IGNORECASE):
        return "date"
    if match["slashed"]:
        # "12/25/2024" is a date; "1/16 of a point", "24/7", "9/11" are left alone, not read
        # as two numbers (a fraction of something, "3/4 of fans", is a share: FRACTION).
        return "date" if token.count("/") == 2 else "fraction"
    if match["ordnum"] or match["ordword"]:
        if _SET_PHRASES.search(sentence[max(0, start - 20) : end + 30]):
            return "set phrase"
        return "ordinal"
    if _in_set_phrase(sentence, start, end):
        return "set phrase"
    ranged = match.groupdict().get("range")  # the ends of a movement are read without it
    if ranged and _YEAR_RANGE.fullmatch(token):
        return "date"  # "from 2001 to 2005", "1939-45": a span of years, not a quantity
    if ranged and _SCORE.fullmatch(token) and _scored(before, after):
        return "score"  # "a 2-1 win", "beat Sevilla 2-0", "a 2-2 draw"
    if (
        match["amount"]
        and _AGE_BETWEEN_COMMAS.search(before[-80:])
        and re.match(r"^\s*,", after)
        and token.isdigit()
        and len(token) <= 3
        and 0 < int(token) < 120
    ):
        return "age"  # "John Smith, 85, died"
    if (
        match["amount"]
        and _YEAR.match(token)
        and (_CODE_AFTER.match(after) or _CODE_BEFORE.search(before))
    ):
        return "name"  # "asteroid 2004 MN4", "MN4 2004": a year and a code, one designation
    if match["amount"] and _TIME_ZONE.search(before):
        return "time zone"  # "6:40 p.m. (GMT +8)", "UTC-5"
    if match["amount"] or ranged:
        reason = _classify_digits(token, before, after)
        if reason is None and match["amount"] and _in_name(sentence, before, token):
            return "name"  # "S&P 500", "Boeing 737", "Trent 900 engines"
        return reason
    if match["word"] and (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after)):
        return "age"  # "five years old", "ten months old"
    return None


def _scored(before: str, after: str) -> bool:
    """A result's words around "N-N": what a match ended, not a range of values."""
    return bool(_SCORE_AFTER.match(after) or _SCORE_BEFORE.search(before))


# A code of capitals and digits right after a year: the two are one designation.
_CODE_AFTER = re.compile(r"[ \u00a0][A-Z]{1,4}[0-9]{1,4}(?![\w-])")
_CODE_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,4}[0-9]{1,4}[ \u00a0]$")
# An offset from universal time, which counts nothing.
_TIME_ZONE = re.compile(r"\b(?:GMT|UTC)\s*[+−–-]\s*$")
_NAME_WORD = re.compile(r"(?:^|\s)((?:[A-Z][A-Za-z]*|[A-Z&]{2,}|[a-z]+[A-Z]\w*))\s$")


def _in_name(sentence: str, before: str, token: str) -> bool:
    """A whole number written right after a capitalised word that is not the sentence's
    first, in a sentence that is no title-case headline: part of a name ("the S&P 500 index",
    "Boeing 737", "Trent 900 engines", "Windows 10"). Months, currencies and references
    are read before this; a number with separators or decimals is never a name."""
    if not token.isdigit():
        return False
    m = _NAME_WORD.search(before)
    if m is None or m[1].lower() in _MONTH_WORDS:
        return False
    if not before[: m.start(1)].strip() and zipf_frequency(m[1].lower(), "en") >= 4.5:
        return False  # an everyday word starting the sentence: "About 400", "Over 1,000"
    words: list[str] = [
        w for w in re.findall(r"[A-Za-z][\w'-]*", sentence)[1:] if len(w) > 3 and w != m[1]
    ]
    capitals = sum(w[0].isupper() for w in words)
    return capitals * 2 <= len(words)  # a headline capitalises every word


_MONTH_WORDS = frozenset(MONTHS.split("|"))


def _classify_digits(token: str, before: str, after: str) -> NotFigure | None:
    bare = numeral(token)
    if _YEAR.match(bare) and (
        _YEAR_BEFORE.search(before) or _DATE_CONTEXT.search(before) or not _counts_after(after)
    ):
        return "date"
    if (
        bare.isdigit()
        and len(bare) <= 2
        and int(bare) <= 31
        and (_DATE_CONTEXT.search(before) or _DATE_AFTER.match(after))
    ):
        return "date"
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return "age"
    if _REF_BEFORE.search(before):
        return "reference"
    if _DESIGNATION_BEFORE.search(before) and not re.search(
        rf"(?:{_CUR})\s?$", before, re.IGNORECASE
    ):
        return "designation"
    return None


_NOT_COUNTED = frozenset(
    [
        "and",
        "or",
        "was",
        "is",
        "the",
        "when",
        "as",
        "to",
        "in",
        "on",
        "at",
        "after",
        "before",
        "election",
        "elections",
        "war",
        "budget",
        "summit",
        "season",
        "report",
        "census",
    ]
)


def _counts_after(after: str) -> bool:
    """'2024 troops' counts troops; '2024 was' or '2024.' is a year."""
    word = re.match(r"\s*([A-Za-z]+)", after)
    return word is not None and word.group(1).lower() not in _NOT_COUNTED


def _in_set_phrase(sentence: str, start: int, end: int) -> bool:
    window_start = max(0, start - 25)
    for phrase in _SET_PHRASES.finditer(sentence, window_start, min(len(sentence), end + 25)):
        if phrase.start() <= start and end <= phrase.end():
            return True
    return False
