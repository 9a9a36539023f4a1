"""Citation support by rule: do the spans a briefing sentence cites say what the sentence says?

This is ALCE's citation recall computed without a model. ``check`` calls a sentence supported
when every one of these is found in its cited spans (any of them, unless said otherwise):

- **numbers**, by value: "1.3 million" is "1,300,000", "$14bn" is "$14 billion", "ten" is 10,
  "25-year-old" holds 25, and "3%", "3 percent" and "3 per cent" are one number. Numerals,
  magnitudes and currencies come from the project's number grammar (quantities.py); spelled
  numbers are read up to ninety-nine, times one magnitude word ("five million"). A percentage
  or an amount of money must be one in the span too; a bare number matches any unit
  ("14 billion" is supported by "$14bn", not the other way round).
- **names**, whole and folded (accents, case, dots and a possessive "'s" dropped): a run of
  capitalised words ("Dow Jones Industrial Average"), the sentence's first word left out
  because its capital says nothing, must appear as that run of words in one span. A surname
  alone does not stand for a full name; the caller may pass ``names`` (name -> aliases), and a
  name or alias of one entry found in the sentence is then supported by any form of the entry.
- **content words**, by lemma (simplemma) or folded spelling: every word that is not a
  closed-class function word (``FUNCTION_WORDS``: determiners, pronouns, prepositions,
  conjunctions, auxiliaries, modals and a few adverbs such as "not" and "also"). A hyphenated
  word is found whole or part by part ("year-old"). Simplemma reads some "-ing" words as nouns
  ("filing"), so those are also read as the verb they come from ("file").
- **relations**: where the sentence puts a word of place, time or direction (``RELATIONS``:
  "on", "behind", "above", "before", "up"...) before a content word, and the spans put only
  other such words before it, the sentence has turned what they say: "delivered on schedule"
  is not supported by "18 months behind schedule", nor "above forecasts" by "below
  forecasts" (``turned_relations``).
- **quotations** in double quotes ("..." or “...”), verbatim in one span, folded as fold.py
  folds (case, quote marks, dashes, whitespace), closing punctuation inside the quote ignored.
  The words, numbers and names inside a quotation are checked by the quotation alone.

A briefing may add a neutral reporting verb the source does not have (``REPORTING_VERBS``,
compared by lemma, so the noun "report" passes too): "GM said it would file" is supported by
"GM would file".

Not checked: word order and who did what to whom ("Ana hit Ben" is supported by "Ben hit
Ana"); negation, since "not" and "no" are function words ("did not file" is supported by
"filed"); modality ("may" for "will"); synonyms ("rose" for "climbed" is flagged, not
accepted); irregular forms simplemma reads as other words ("won" is the currency, "rose" the
flower); ordinals ("3rd" holds 3, "third" holds no number); "one" is always the number 1
("no one" too); quotations in single quotes; whether a number counts the same thing in the
sentence and the span; a sentence with no content at all is supported.

Cost: linear in the sentence and the spans; every span word is lemmatised once into one set,
and each name run of the sentence is looked up among the span's runs of the same length.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import simplemma

from summarizer.text.fold import fold, fold_name, word_set
from summarizer.text.quantities import (
    BY_NAME,
    BY_SYMBOL,
    CURRENCY_SYMBOL,
    MAGNITUDE,
    MAGNITUDE_GAP,
    MAGNITUDES,
    NUMBER,
    PERCENT,
    UNIT_WORDS,
    numeral,
)

_words = word_set


# Closed-class words: grammar, never topic. They carry no claim a span must back.
FUNCTION_WORDS = _words(
    # articles, determiners, quantifiers
    "a an the this that these those some any each every no all both either neither another "
    "such what which whose other own same "
    # pronouns
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him "
    "his himself she her hers herself it its itself they them their theirs themselves who "
    "whom whoever whatever whichever there here "
    # prepositions
    "about across against along amid among around as at behind beneath beside besides "
    "between beyond by despite during except for from in inside into like near of off on "
    "onto out outside past per since through throughout till to toward towards underneath "
    "until unlike upon via with within "
    # conjunctions and wh-adverbs
    "and but or nor so yet if because although though while whereas whether unless once "
    "than when where whenever wherever why how "
    # auxiliaries and modals ("ca", "wo": can't and won't once n't is cut)
    "be am is are was were been being have has had having do does did doing can could may "
    "might must shall should will would ought ca wo "
    # a few adverbs of grammar
    "not also too very just then however meanwhile"
)
# Left out on purpose, though closed-class: words whose opposite is closed-class too, so that
# one would pass for the other ("shares went up" for "down", "over 100" for "under 100"):
# up down above below over under before after without.
# Neutral reporting verbs (lemmas) a briefing may add to attribute what a source says.
# "claim", "admit" or "insist" are not here: they take sides, so the span must have them.
REPORTING_VERBS = _words(
    "say tell report state announce add accord according note explain write comment reply"
)


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence: what its cited spans lack, as people read it
    ("word 'stabbed'", "number 25", "name 'Ana Lima'", "quote '...'"), in sentence order."""

    missing: tuple[str, ...] = ()

    @property
    def supported(self) -> bool:
        return not self.missing


def check(
    sentence: str, spans: Sequence[str], *, names: Mapping[str, Iterable[str]] | None = None
) -> Support:
    """Whether ``spans`` support ``sentence`` (see the module docstring for what is checked).

    ``names`` maps a name to its aliases ("Volodymyr Zelenskyy": ["Zelensky", "Zelenskyy"]):
    a form of an entry in the sentence is supported by any form of that entry in a span.
    """
    if isinstance(spans, str):  # a str is a Sequence[str] too: each character a span
        raise TypeError("spans must be a sequence of span texts, not one str: pass [span]")
    quoted = list(_QUOTED.finditer(sentence))
    outside = _blank(sentence, (m.span() for m in quoted))
    numbers = _numbers(outside)
    tokens = _tokens(_blank(outside, _places(numbers)))
    forms = _forms(names or {})
    claimed, entries = _caller_names(tokens, forms)
    runs = _runs(tokens, claimed)
    index = _Spans.build(spans, {len(t) for f in forms for t in f} | {len(r) for r in runs})
    found: list[tuple[int, str]] = []
    found += _missing_numbers(numbers, index)
    found += _missing_entries(entries, tokens, forms, index)
    found += _missing_runs(runs, tokens, index)
    found += _missing_words(tokens, claimed | {i for run in runs for i in run}, index)
    found += [(m.start(), f"quote {_quote(m)!r}") for m in quoted if not index.quotes(_quote(m))]
    found += [(len(sentence), turned) for turned in turned_relations(outside, spans)]
    return Support(tuple(dict.fromkeys(label for _, label in sorted(found))))


# Words of place, time or direction that set a content word's meaning ("on schedule",
# "behind schedule"): grammar words, so the same on every beat.
RELATIONS = _words(
    """on behind ahead above below before after over under up down within without
    inside outside"""
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def turned_relations(sentence: str, spans: Sequence[str]) -> list[str]:
    """Each "RELATION word" of ``sentence`` whose word the spans put after other relation
    words only: "'on schedule' (the sources say 'behind schedule')". A word the spans
    give with no relation word before it, or with this one, is not flagged."""
    before: dict[str, set[str]] = {}
    for span in spans:
        for a, b in _pairs(span):
            before.setdefault(b, set()).add(a)
    turned = []
    for a, b in _pairs(sentence):
        if a not in RELATIONS or b in FUNCTION_WORDS or b not in before:
            continue
        theirs = sorted(before[b] & RELATIONS)
        if theirs and a not in before[b]:
            turned.append(f"'{a} {b}' (the sources say '{theirs[0]} {b}')")
    return turned


_ARTICLES = _words("the a an its their his her this that these those")


def _pairs(text: str) -> Iterator[tuple[str, str]]:
    """Each word and the next one, an article between them skipped ("after the holiday"
    gives ("after", "holiday") as well as ("after", "the"))."""
    words = [w.lower() for w in _WORD.findall(text)]
    for i, a in enumerate(words[:-1]):
        yield a, words[i + 1]
        if words[i + 1] in _ARTICLES and i + 2 < len(words):
            yield a, words[i + 2]


def _quote(match: re.Match[str]) -> str:
    return (match[1] or match[2] or "").strip()


# ---------------------------------------------------------------------------------- the spans


@dataclass(frozen=True)
class _Spans:
    """What the cited spans hold, read once: word keys, numbers, runs of words, folded text."""

    keys: frozenset[str]
    amounts: frozenset[tuple[Decimal, str | None]]
    values: frozenset[Decimal]
    runs: frozenset[tuple[str, ...]]
    folded: tuple[str, ...]

    @classmethod
    def build(cls, spans: Sequence[str], lengths: set[int]) -> _Spans:
        """``lengths``: the lengths (in words) of the names to look up, so that only runs of
        those lengths are indexed."""
        read = [(span, _numbers(span)) for span in spans]
        words = [[t.plain for t in _tokens(_blank(s, _places(ns)))] for s, ns in read]
        return cls(
            keys=frozenset(k for ws in words for w in ws for k in _span_keys(w)),
            amounts=frozenset((n.value, n.unit) for _, ns in read for n in ns),
            values=frozenset(n.value for _, ns in read for n in ns),
            runs=frozenset(_runs_of(words, lengths)),
            folded=tuple(fold(span) for span in spans),
        )

    def quotes(self, quote: str) -> bool:
        """The quotation is in one span, folded; its closing punctuation need not be."""
        wanted = fold(quote).rstrip(".,;:!?").strip()
        return not wanted or any(wanted in span for span in self.folded)


def _runs_of(words: list[list[str]], lengths: set[int]) -> Iterator[tuple[str, ...]]:
    """Every run of ``lengths`` consecutive words within one span."""
    for ws in words:
        for n in lengths:
            yield from (tuple(ws[i : i + n]) for i in range(len(ws) - n + 1))


# ------------------------------------------------------------------------------------ numbers

_CURRENCY_WORD = "|".join(sorted(BY_NAME, key=lambda w: (-len(w), w)))
# A numeral not inside a word or another numeral: "$14bn", "3.2 per cent", "5 million euros".
_NUMERAL = re.compile(
    rf"(?<![\w.,])(?P<cur>{CURRENCY_SYMBOL})?\s?(?P<num>{NUMBER})(?:{MAGNITUDE_GAP}(?P<mag>{MAGNITUDE})\b)?"
    rf"(?:\s?(?P<pct>{PERCENT})|\s(?P<word>{_CURRENCY_WORD})\b)?",
    re.IGNORECASE,
)
# "zero" too, which the figure reader leaves alone ("cut to zero" states no count) but a
# sentence must not bring in: "a zero risk" is no number of "the highest risk".
_WORD_VALUES = {**UNIT_WORDS, "zero": 0}
_TENS = "|".join(w for w, v in _WORD_VALUES.items() if v >= 20)
_ONES = "|".join(w for w, v in _WORD_VALUES.items() if 0 < v < 10)
_UNITS = "|".join(sorted(_WORD_VALUES, key=lambda w: (-len(w), w)))
_SPELLED_MAGNITUDES = {
    "hundred": 100,
    **{w: int(MAGNITUDES[w]) for w in MAGNITUDES if len(w) > 3},  # words, not "bn" or "mln"
}
# "ten", "twenty-five", "five million".
_SPELLED = re.compile(
    rf"\b(?:(?P<tens>{_TENS})-(?P<ones>{_ONES})|(?P<unit>{_UNITS}))"
    rf"(?:\s+(?P<mag>{'|'.join(_SPELLED_MAGNITUDES)}))?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Number:
    value: Decimal
    unit: str | None  # "percent", an ISO 4217 code, or None
    shown: str  # as written
    start: int
    end: int


def _numbers(text: str) -> list[_Number]:
    """Every number of ``text``, numerals and spelled ones, in order."""
    found = [_numeral(m) for m in _NUMERAL.finditer(text)]
    found += [_spelled(m) for m in _SPELLED.finditer(text)]
    return sorted(found, key=lambda n: n.start)


def _numeral(match: re.Match[str]) -> _Number:
    value = Decimal(numeral(match["num"]))
    if match["mag"]:
        value *= int(MAGNITUDES[match["mag"].lower()])
    unit = "percent" if match["pct"] else None
    unit = (
        unit
        or BY_SYMBOL.get((match["cur"] or "").lower())
        or BY_NAME.get((match["word"] or "").lower())
    )
    return _Number(value, unit, match[0].strip(), match.start(), match.end())


def _spelled(match: re.Match[str]) -> _Number:
    if match["unit"]:
        value = _WORD_VALUES[match["unit"].lower()]
    else:
        value = UNIT_WORDS[match["tens"].lower()] + UNIT_WORDS[match["ones"].lower()]
    if match["mag"]:
        value *= _SPELLED_MAGNITUDES[match["mag"].lower()]
    return _Number(Decimal(value), None, match[0], match.start(), match.end())


def _places(numbers: list[_Number]) -> Iterator[tuple[int, int]]:
    return ((n.start, n.end) for n in numbers)


def _missing_numbers(numbers: list[_Number], spans: _Spans) -> Iterator[tuple[int, str]]:
    for n in numbers:
        if (n.value, n.unit) not in spans.amounts and not (
            n.unit is None and n.value in spans.values
        ):
            yield n.start, f"number {n.shown}"


# ------------------------------------------------------------------------------------- tokens

# A word: starts with a letter, may hold letters, digits, apostrophes, dots and hyphens inside
# ("Leigh-on-Sea", "U.S", "O'Neill"); never a quotation mark, so a quote holds whole words.
_TOKEN = re.compile(r"[^\W\d_](?:[\w.'’-]*\w)?")
_CLITIC = re.compile(r"(?:n't|'s|'re|'ve|'ll|'d|'m)$")
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"\n]*)\"")


@dataclass(frozen=True)
class _Token:
    text: str  # as written
    plain: str  # folded, accents, dots and a trailing clitic ("'s", "n't") dropped
    start: int
    capital: bool
    joined: bool  # only white space stands between this word and the one before


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        plain = _plain(m[0])
        if plain:
            joined = bool(out) and not text[out[-1].start + len(out[-1].text) : m.start()].strip()
            out.append(_Token(m[0], plain, m.start(), m[0][0].isupper(), joined))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    return _CLITIC.sub("", fold_name(word).replace(".", ""))


def _blank(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """``text`` with each range replaced by as many NULs: offsets keep, words and runs break."""
    chars = list(text)
    for start, end in ranges:
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)


# -------------------------------------------------------------------------------------- names


def _forms(names: Mapping[str, Iterable[str]]) -> list[set[tuple[str, ...]]]:
    """Each caller entry as the set of its forms, each form a tuple of plain words."""
    entries = []
    for name, aliases in names.items():
        forms = {tuple(t.plain for t in _tokens(form)) for form in (name, *aliases)}
        entries.append({f for f in forms if f})
    return entries


def _caller_names(
    tokens: list[_Token], forms: list[set[tuple[str, ...]]]
) -> tuple[set[int], list[tuple[int, range]]]:
    """The caller's names in the sentence (words joined by white space), longest first and
    left to right: the token indexes they claim, and each (entry, tokens) found."""
    by_form = {form: entry for entry, entry_forms in enumerate(forms) for form in entry_forms}
    lengths = sorted({len(form) for form in by_form}, reverse=True)
    claimed: set[int] = set()
    found: list[tuple[int, range]] = []
    i = 0
    while i < len(tokens):
        for n in lengths:
            words = tokens[i : i + n]
            if len(words) < n:  # past the last word: a shorter form is tried in its turn
                continue
            entry = by_form.get(tuple(t.plain for t in words))
            if entry is not None and all(t.joined for t in words[1:]):
                found.append((entry, range(i, i + n)))
                claimed.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    return claimed, found


def _runs(tokens: list[_Token], claimed: set[int]) -> list[range]:
    """Runs of capitalised words joined by white space, the sentence's first word left out
    (its capital is the sentence's) along with words the caller's names claimed."""
    runs: list[range] = []
    start: int | None = None
    for i, token in enumerate(tokens):
        named = i > 0 and token.capital and i not in claimed
        if start is not None and not (named and token.joined):
            runs.append(range(start, i))
            start = None
        if named and start is None:
            start = i
    if start is not None:
        runs.append(range(start, len(tokens)))
    return runs


def _missing_entries(
    entries: list[tuple[int, range]],
    tokens: list[_Token],
    forms: list[set[tuple[str, ...]]],
    spans: _Spans,
) -> Iterator[tuple[int, str]]:
    for entry, where in entries:
        if not forms[entry] & spans.runs:
            yield tokens[where.start].start, f"name {_shown(tokens, where)!r}"


def _missing_runs(
    runs: list[range], tokens: list[_Token], spans: _Spans
) -> Iterator[tuple[int, str]]:
    for run in runs:
        if tuple(tokens[i].plain for i in run) not in spans.runs:
            yield tokens[run.start].start, f"name {_shown(tokens, run)!r}"


def _shown(tokens: list[_Token], where: range) -> str:
    return " ".join(tokens[i].text for i in where)


# -------------------------------------------------------------------------------------- words


def _missing_words(
    tokens: list[_Token], named: set[int], spans: _Spans
) -> Iterator[tuple[int, str]]:
    """Content words not claimed by a name, none of whose keys any span word shares."""
    for i, token in enumerate(tokens):
        if i in named or _word_keys(token.plain) & spans.keys:
            continue  # a hyphenated word found whole
        for part in token.plain.split("-"):
            if _is_content(part) and not _word_keys(part) & spans.keys:
                yield token.start, f"word {token.text!r}"
                break


def _is_content(word: str) -> bool:
    """Not a function word, not a neutral reporting verb, more than one letter."""
    return (
        len(word) > 1
        and word not in FUNCTION_WORDS
        and word not in REPORTING_VERBS
        and _lemma(word) not in REPORTING_VERBS
    )


@functools.lru_cache(maxsize=1 << 16)
def _word_keys(word: str) -> frozenset[str]:
    """The forms a word is matched by: its folded spelling, its lemma, and, for an "-ing" word
    simplemma keeps as a noun ("filing"), the verb it comes from ("file")."""
    keys = {word, _lemma(word)}
    if word.endswith("ing") and _lemma(word) == word:
        keys |= {_lemma(stem) for stem in _ing_stems(word[:-3])}
    return frozenset(keys)


def _span_keys(word: str) -> frozenset[str]:
    """A span word's keys and, when it is hyphenated, its parts' keys ("year-old" gives "old")."""
    parts = word.split("-") if "-" in word else []
    return _word_keys(word).union(*(_word_keys(p) for p in parts if p))


def _ing_stems(stem: str) -> Iterator[str]:
    """The verbs "-ing" may have been added to: "fil" -> "file", "wedd" -> "wed"."""
    undoubled = stem[:-1] if len(stem) > 1 and stem[-1] == stem[-2] else stem
    for verb in {stem, stem + "e", undoubled}:
        if len(verb) > 2 and verb not in FUNCTION_WORDS and simplemma.is_known(verb, lang="en"):
            yield verb


@functools.lru_cache(maxsize=1 << 16)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="en").lower()


def lemma(word: str) -> str:
    """A word's lemma, lower case, as the check compares words."""
    return _lemma(word)


_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def content_lemmas(text: str) -> set[str]:
    """The lemmas of ``text``'s content words, as the check reads them: no function word, no
    neutral reporting verb, no one-letter word, a possessive "'s" dropped ("Kirby's" is
    "kirby"). Used to compare two sentences by what they are about (merge/events.py)."""
    out: set[str] = set()
    for match in _CONTENT_WORD.finditer(fold(text, accents=False)):
        word = _CLITIC.sub("", match.group().replace("’", "'"))
        if _is_content(word):
            out.add(_lemma(word))
    return out
