"""People named in an article, found by rule (no model call), with the sentences naming them;
and the model's actors completed with them (``with_people``).

The small model misses many people, so words outside boilerplate are read sentence by sentence
and a run of one to three capitalised name words is taken for a person when

1. a title stands right before it ("Russian President Vladimir Putin"); that title, with the
   country or office words before it, is the role;
2. it has two or three words, is no place nor only English words in general use, and does not
   open the sentence ("the return of Donald Trump");
3. a comma and a role follow it ("Andriy Yermak, head of the Ukrainian president's office");
4. a surname is used as only a person's is: "the Biden administration", "as Biden proposes",
   "Putin's decision".

Unpunctuated lines of mostly capitalised words (headlines) bring in nobody. Then every form of a
known person is a mention: the surname alone, a spelling variant with the same given name
("Zelensky", "Zelenskyy"), and the family name of a titled East Asian name ("Yoon"). Precision
comes first: a place or an organisation taken for a person is worse than a missed name.

Which words may be part of a name, and which runs the text itself shows are no person's ("the
Dow Jones", "in Buenos Aires", "Walter Reed ... Medical Center"), is read in namewords.py; no
word list there names a topic. A person found must also be one by the rules of kinds.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from summarizer.extraction.kinds import listed_with_an_institution, typed
from summarizer.extraction.namewords import (
    FUNCTION,
    PERSON_NOUNS,
    WORD,
    NoPersons,
    Tok,
    institution,
    is_name,
    joined,
    never_named,
    no_name,
    runs,
)
from summarizer.models import Actor, Article, Evidence, extend_evidence
from summarizer.text.fold import fold
from summarizer.text.lexicon import HEADS, common_word
from summarizer.text.names import HONORIFICS as _HONORIFICS
from summarizer.text.names import STRICT_TITLES as _STRICT
from summarizer.text.names import TITLE_MODIFIERS as _MODIFIERS
from summarizer.text.names import TITLES as _TITLES
from summarizer.text.names import SpellingIndex, canonical_place, person_core, similar
from summarizer.text.sentences import clean_span, sentences

_ROLE_HEADS = _TITLES | {"official", "officer", "aide", "member"}


@dataclass
class _Person:
    words: list[str]  # the fullest form
    role: str | None
    titled: bool
    aliases: list[str] = field(default_factory=list)
    sentences: dict[int, int] = field(default_factory=dict)  # sentence -> where it names them
    first: int = -1


def find_people(article: Article) -> list[Actor]:
    """The people the article names, in order of first mention, each with its sentences."""
    text, spans = article.content(), list(sentences(article))
    toks = [
        Tok(m.start(), m.end(), m[0][:-2] if poss else m[0], poss, n, k == 0)
        for n, (start, end) in enumerate(spans)
        for k, m in enumerate(WORD.finditer(text, start, end))
        for poss in [bool(re.search(r"[’']s$", m[0]))]
    ]
    people = _People()
    for words, role, titled in _candidates(text, toks, spans):
        people.meet(words, role, titled)
    where = _Positions(toks)
    for person in people.all:
        _find_mentions(text, toks, person, where.of(person))
    return [
        Actor(
            name=" ".join(p.words),
            kind="person",
            role=p.role,
            aliases=p.aliases,
            evidence=[
                # the article's own characters (``text`` above is the blanked copy), and
                # none of its boilerplate: the sentence is cut at any inside it
                Evidence(article_id=article.id, start=a, end=b, quote=article.text[a:b])
                for a, b in (clean_span(article, *spans[n], at) for n, at in p.sentences.items())
                if b > a
            ],
        )
        for p in sorted((p for p in people.all if p.sentences), key=lambda p: p.first)
        if typed(" ".join(p.words), "person", text) == "person"  # the rules of kinds.py agree
        and not any(
            listed_with_an_institution(" ".join(p.words), text[slice(*spans[n])])
            for n in p.sentences
        )
    ]


class _People:
    """The people met so far, found by the spelling of their last word (and, for a name of
    one word, by their first), so that a new candidate is compared with the few it may be,
    not with everyone: see ``_same`` for which words decide."""

    def __init__(self) -> None:
        self.all: list[_Person] = []
        self._spellings = SpellingIndex()
        self._by_last: dict[str, set[int]] = {}
        self._by_first: dict[str, set[int]] = {}  # exact spelling
        self._by_first_titled: dict[str, set[int]] = {}

    def meet(self, words: list[str], role: str | None, titled: bool) -> None:
        found = next(
            (n for n in sorted(self._near(words, titled)) if self._is(n, words, titled)), None
        )
        if found is None:
            self.all.append(_Person(words, role, titled))
            self._index(len(self.all) - 1)
            return
        known = self.all[found]
        known.words = words if len(words) > len(known.words) else known.words
        known.role, known.titled = known.role or role, known.titled or titled
        self._index(found)

    def _near(self, words: list[str], titled: bool) -> set[int]:
        """Everyone ``_same`` may find the same as ``words``: a last word spelled like one of
        its ends; for a lone word, the same first word (a titled one's, or anyone's if titled)."""
        near = {
            n
            for w in {words[0].lower(), words[-1].lower()}
            for like in self._spellings.like(w)
            for n in self._by_last[like]
        }
        if len(words) == 1:
            near |= (self._by_first if titled else self._by_first_titled).get(words[0], set())
        return near

    def _is(self, n: int, words: list[str], titled: bool) -> bool:
        return _same(self.all[n].words, words, self.all[n].titled or titled)

    def _index(self, n: int) -> None:
        person = self.all[n]
        last = person.words[-1].lower()
        self._spellings.add(last)
        self._by_last.setdefault(last, set()).add(n)
        self._by_first.setdefault(person.words[0], set()).add(n)
        if person.titled:
            self._by_first_titled.setdefault(person.words[0], set()).add(n)


class _Positions:
    """Where each word stands among the tokens: by its exact spelling, and, for name words, by
    any spelling like it."""

    def __init__(self, toks: list[Tok]) -> None:
        self.exact: dict[str, list[int]] = {}
        self.lower: dict[str, list[int]] = {}  # any token, by its lower-case spelling
        self.names: dict[str, list[int]] = {}
        self._spellings = SpellingIndex()
        for i, t in enumerate(toks):
            self.exact.setdefault(t.word, []).append(i)
            self.lower.setdefault(t.low, []).append(i)
            if is_name(t):
                self.names.setdefault(t.low, []).append(i)
        for word in self.names:
            self._spellings.add(word)

    def of(self, person: _Person) -> list[int]:
        """Every token position where a form of ``person``'s name may start: a name word
        spelled like its last word, the first word of a run that ends in one (or in its last
        word in other case), and, for a titled person, its first word alone ("Kim", after
        "Kim Jong-un")."""
        last = person.words[-1].lower()
        like = self._spellings.like(last)
        # a run may end in a word that is not a name word: "Donald TRUMP", "Donald trump"
        ends = {i for w in like for i in self.names[w]} | set(self.lower.get(last, ()))
        starts = {i - len(person.words) + 1 for i in ends} if len(person.words) > 1 else set()
        found = ends | {i for i in starts if i >= 0}
        if person.titled:
            found.update(self.exact.get(person.words[0], ()))
        return sorted(found)


def with_people(actors: list[Actor], people: list[Actor]) -> list[Actor]:
    """The model's actors, completed by the people found by rule (find_people): a person both
    found pools its evidence, aliases and role; one only the rule found is added. A person the
    rule found with a role ("Ron Sugar, chairman of ...") is a person even where the model
    named the same words as an organisation."""
    merged = [a.model_copy(deep=True) for a in actors]
    by_core: dict[str, int] = {}  # a person's name without title, folded -> the first so named
    others: dict[str, int] = {}  # any other actor's folded name -> the first so named
    for n, actor in enumerate(merged):
        if actor.kind == "person":
            by_core.setdefault(fold(person_core(actor.name)), n)
        else:
            others.setdefault(fold(actor.name), n)
    for person in people:
        forms = {fold(person.name), *map(fold, person.aliases)}
        found = [by_core[f] for f in forms if f in by_core]
        if not found and person.role and fold(person.name) in others:
            found = [others.pop(fold(person.name))]
            merged[found[0]].kind = "person"
            by_core.setdefault(fold(person_core(person.name)), found[0])
        if not found:
            if person.kind == "person":
                by_core.setdefault(fold(person_core(person.name)), len(merged))
            merged.append(person)
            continue
        same = merged[min(found)]
        extend_evidence(same.evidence, person.evidence)
        same.role = same.role or person.role
        for alias in [person.name, *person.aliases]:
            if fold(alias) != fold(same.name) and alias not in same.aliases:
                same.aliases.append(alias)
    return merged


def _candidates(
    text: str, toks: list[Tok], spans: list[tuple[int, int]]
) -> Iterator[tuple[list[str], str | None, bool]]:
    """(name words, role, introduced with a title) for each run of name words a cue supports."""
    headlines: dict[int, bool] = {}  # by sentence: read once, however many runs it holds
    unnamed = NoPersons(text, toks)
    for i, j in runs(text, toks):
        run, n = toks[i:j], toks[i].sentence
        if len(run) > 3 or institution(text, toks, j - 1):
            continue
        if n not in headlines:
            headlines[n] = _headline(text, toks, spans, n, i)
        if headlines[n]:
            continue
        words, body = [t.word for t in run], [t.word for t in run if not t.opens]
        title = _title_before(text, toks, i)
        if title and (len(run) > 1 or title[1] in _STRICT):
            yield words, None if title[1] in _HONORIFICS else title[0], True
        elif unnamed.holds(words) or unnamed.holds(body) or no_name(words):
            continue
        elif len(run) > 1 and (role := _role_after(text, run[-1], spans[run[-1].sentence][1])):
            yield words, role, False
        elif (len(body) > 1 and not no_name(body)) or _surname_cue(text, toks, i, j - 1):
            yield body if len(run) > 1 else words, None, False


def _headline(text: str, toks: list[Tok], spans: list[tuple[int, int]], n: int, at: int) -> bool:
    """Sentence n (whose token ``at`` is one) reads as a headline: unpunctuated, and mostly
    capitalised long words. Only that sentence's tokens are read, found from ``at``."""
    first, last = at, at
    while first > 0 and toks[first - 1].sentence == n:
        first -= 1
    while last + 1 < len(toks) and toks[last + 1].sentence == n:
        last += 1
    long = [t for t in toks[first : last + 1] if len(t.word) > 3]
    unpunctuated = text[spans[n][1] - 1] not in ".!?\"'”’"
    return unpunctuated and len(long) >= 3 and sum(t.capital for t in long) > 0.6 * len(long)


def _title_before(text: str, toks: list[Tok], i: int) -> tuple[str, str] | None:
    """The role ending in a title word right before word i, and that title word."""
    k = i - 1
    gap = text[toks[k].end : toks[i].start] if k >= 0 else "x"
    if (
        k < 0
        or toks[k].possessive
        or not (
            joined(text, toks[k], toks[i])
            or (
                toks[k].low in {"mr", "mrs", "ms", "dr", "gen", "sen"}
                and re.fullmatch(r"\.\s+", gap)
            )
            or (
                not gap.strip() and toks[k].capital
            )  # a line break: "President-elect\nDonald Trump"
        )
    ):
        return None
    for w in (k, k - 2, k - 3):  # "President", "Minister of Defense", "... of Foreign Affairs"
        tail = toks[w + 1 : k + 1]
        glued = all(t.capital for t in tail[1:]) and all(joined(text, *p) for p in pairwise(tail))
        if w >= 0 and toks[w].low in _TITLES and (w == k or tail[0].low == "of") and glued:
            s = w
            while s > 0 and joined(text, toks[s - 1], toks[s]) and _in_role(toks[s - 1]):
                s -= 1
            return text[toks[s].start : toks[k].end], toks[w].low
    return None


def _in_role(t: Tok) -> bool:
    """A word that may open a role: "White House", "North Korea's", "US", "national"."""
    if t.low in _TITLES | _MODIFIERS:
        return True
    acronym = re.fullmatch(r"(?:[A-Z]\.?){2,}", t.word) is not None
    placed = t.low in HEADS or never_named(t.word) or canonical_place(t.word) is not None
    return (
        t.capital
        and t.low not in FUNCTION
        and (placed or t.possessive or acronym or common_word(t.word))
    )


def _role_after(text: str, last: Tok, sentence_end: int) -> str | None:
    """The role set off by a comma after a name: "Andriy Yermak, head of ..."."""
    found = re.match(r",\s+([^,;:()]+?)[.!?]?(?:,|;|$)", text[last.end : sentence_end])
    if last.possessive or not found:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", found[1])
    words = [re.sub(r"[’']s$", "", w.lower()) for w in role.split()]
    if not words:  # only spaces after the comma (an invisible character blanked)
        return None
    opens = words[0] in _ROLE_HEADS | _MODIFIERS or role[0].isupper()
    return role if opens and len(words) <= 10 and _ROLE_HEADS.intersection(words) else None


def _surname_cue(text: str, toks: list[Tok], i: int, k: int) -> bool:
    """The run toks[i..k] is used as only a person is: "the Biden administration"."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.sentence != toks[k].sentence or text[toks[k].end : nxt.start] != " ":
        return False
    if nxt.low == "administration" or (toks[k].possessive and nxt.low in PERSON_NOUNS):
        return True
    before = toks[i - 1] if i > 0 else None
    as_proposes = before is not None and before.low == "as" and before.sentence == nxt.sentence
    return as_proposes and nxt.low in ("proposes", "proposed")


def _similar(a: str, b: str) -> bool:
    return similar(a.lower(), b.lower())


def _same(known: list[str], words: list[str], titled: bool) -> bool:
    """Two forms of one person: same given name and close surnames, or a surname alone."""
    if len(known) > 1 and len(words) > 1:
        return known[0] == words[0] and _similar(known[-1], words[-1])
    short, full = sorted((words, known), key=len)
    return _similar(short[0], full[-1]) or (titled and short[0] == full[0])


def _find_mentions(text: str, toks: list[Tok], person: _Person, positions: list[int]) -> None:
    """Adds to the person each sentence naming it and each other form of its name, looking
    only at ``positions``, the tokens where a form of the name may start."""
    words, n = person.words, len(person.words)
    family_first = person.titled and (n == 3 or (n == 2 and "-" in words[1]))  # "Kim Jong-un"
    free = 0  # a matched form's other words are not looked at again
    for i in positions:
        if i < free:
            continue
        t, form = toks[i], None
        run = toks[i : i + n]
        glued = all(joined(text, a, b) and not a.possessive for a, b in pairwise(run))
        if n > 1 and len(run) == n and glued and _same(words, [r.word for r in run], False):
            form = " ".join(r.word for r in run)
        elif is_name(t) and _similar(t.word, words[-1]):
            form = t.word
        elif is_name(t) and t.word == words[0] and person.titled:
            after_title = i > 0 and toks[i - 1].low in _TITLES and joined(text, toks[i - 1], t)
            form = t.word if family_first or after_title else None
        if form is None:
            continue
        person.first = t.start if person.first < 0 else person.first
        person.sentences.setdefault(t.sentence, t.start)
        last = i + len(form.split()) - 1
        free = last + 1
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if n == 1 and not t.possessive and nxt and nxt.low == "administration":
            form = f"{form} administration"
        if form != " ".join(words) and form not in person.aliases:
            person.aliases.append(form)
