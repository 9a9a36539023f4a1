"""A speaker's name in a sentence, and whether it heads a phrase: the noun-phrase half of the
attribution grammar (attribution.py has the speech verbs).

A speaker is a name: a capitalised word that is no title, pronoun or grammar word, and not
only nouns that name no one ("officials", "a source", "the company"). The sentence names the
speaker where it writes the name as given, without its title, or, for a person's name of two
or three words, its surname alone ("Reid"; "Yoon" for "Yoon Suk Yeol") when no other name word
is joined to it.

The name heads a phrase when the phrase ends in it ("coach Ana Lima"), or an affiliation
follows it ("Ian Rintoul of the Coalition"), or a voice through which a body speaks: a
spokesperson or a statement, or officials, analysts, economists in the plural ("GM spokesman
Tom Wilkinson", "analysts at Nomura", "a spokesman for GM"), and it is no object of another
preposition ("a friend of Brown"). A possessive is no head ("Brown's lawyer").
"""

from __future__ import annotations

import re

from summarizer.extraction.namewords import never_named, no_name
from summarizer.text.fold import fold_name
from summarizer.text.lexicon import HEADS
from summarizer.text.names import TITLE_MODIFIERS, TITLES, person_core


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def place_or_body(name: str) -> bool:
    """Words of a place, a body or the calendar (the people finder's rules: namewords.py, and
    an institution's or a place's head noun): never a person's surname alone, never "he" or
    "she"."""
    words = name.split()
    return bool(
        words
        and (
            no_name(words) or any(map(never_named, words)) or any(w.lower() in HEADS for w in words)
        )
    )


# A body speaks through these, named or not: "a Department spokesperson said".
_SPOKES = words(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople statement report release"
)
# ... and through these in the plural only: "analysts at Nomura", not "a U.S. official".
VOICES = _SPOKES | words("officials analysts economists strategists researchers scientists")
UNNAMED = words("unknown unnamed anonymous unidentified unspecified")
# Nouns that say who spoke without naming them: "Officials said", "a source".
_GENERIC = VOICES | words(
    "official analyst economist source sources police experts witnesses residents people "
    "authorities government company team someone somebody nobody none null"
)
# Lower-case words that end a body's own name: "the Biden administration", "US officials".
_NAME_TAILS = VOICES | words("administration government")
PRONOUNS = words("he she it they him her them")
PREPOSITIONS = words(
    "of for from at with by about alongside to in on against between among beside behind like "
    "over under after before toward towards near including without than via during"
)
DETERMINERS = words("the a an")
CONNECTORS = words("of the for and de da do dos van von der bin al le la du")
OPENERS = words("and but or yet so nor while although though because whereas if when")
CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep "
    "sept oct nov dec"
)
_NOT_NAMES = (
    DETERMINERS | PRONOUNS | OPENERS | PREPOSITIONS | CALENDAR | TITLES | TITLE_MODIFIERS
) | words("i we you it's no yes not what this that these those there officer")

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
_POSSESSIVE = re.compile(r"['’]s$")
_AFFILIATION = re.compile(r"(?:of|from|at)\s+\S+(?:\s+\S+){0,7}")
_VOICED = re.compile(
    r"(?:['’]s)?\s*(?:[a-z-]+\s+){0,2}(?:"
    + "|".join(sorted(VOICES))
    + r")(?:\s+[A-Z][\w.'’-]*){0,4}"
)
Token = tuple[int, int, str]


def tokens(text: str) -> list[Token]:
    """(start, end, word) of each word; "U.S." is one word, "Korea's" too."""
    return [(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(text)]


def named(text: str) -> bool:
    """The text holds a name: a capitalised word that is no title or grammar word."""
    return any(w[0].isupper() and w.lower() not in _NOT_NAMES for w in _TOKEN.findall(text))


def not_a_name(speaker: str) -> str | None:
    """Why ``speaker`` is no name ("unknown", "a source", "Officials"), or None."""
    low = {w.lower() for w in _TOKEN.findall(speaker)}
    if low & UNNAMED or low <= _GENERIC | _NOT_NAMES or not named(speaker):
        return f"{speaker!r} is not a name; a statement is kept only with a named speaker"
    return None


def is_acronym(speaker: str) -> bool:
    """ "GM", "the U.N.": no person, so never "he" or "she"."""
    name = [w for w in _TOKEN.findall(speaker) if w.lower() not in CONNECTORS]
    return len(name) == 1 and re.fullmatch(r"(?:[A-Z]\.?){2,}(?:['’]s)?", name[0]) is not None


def mentions(sentence: str, speaker: str) -> list[tuple[int, int]]:
    """Where the sentence names the speaker: a run of capitalised words (its "of", "the" and
    a trailing "officials" aside), its end before a possessive "'s"."""
    toks = tokens(sentence)
    found = []
    forms, surnames = _forms(speaker)
    for form in forms | surnames:
        for i in range(len(toks) - len(form) + 1):
            run = toks[i : i + len(form)]
            if tuple(_key(t[2]) for t in run) != form or not all(
                t[2][0].isupper()
                or t[2][0].isdigit()
                or t[2].lower() in CONNECTORS
                or (n and t[2].lower() in _NAME_TAILS)
                for n, t in enumerate(run)
            ):
                continue
            if form in surnames and not _alone(sentence, toks, i):
                continue
            end = run[-1][1] - (2 if _POSSESSIVE.search(run[-1][2]) else 0)
            found.append((run[0][0], end))
    return found


def _key(word: str) -> str:
    return fold_name(_POSSESSIVE.sub("", word)).replace(".", "")


def _forms(speaker: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The runs of words that name ``speaker``: as given and without its title; and, apart,
    the surname alone (the family name too for a name of three)."""
    given = _TOKEN.findall(_INITIALS.sub(r"\1.", speaker))
    while given and given[0].lower() in DETERMINERS | CONNECTORS:
        given = given[1:]
    runs = [given]
    core = _TOKEN.findall(person_core(" ".join(given)))
    cut = len(given) - len(core)
    if cut > 0 and given[cut - 1].lower() in TITLES | TITLE_MODIFIERS:
        runs.append(core)  # "spokesperson John Kirby"; not "Japan" of "Bank of Japan"
    titles = [i for i, w in enumerate(given) if w.lower() in TITLES]
    if titles:  # "South Korea's President Yoon Suk Yeol", "Secretary of State Antony Blinken"
        after = given[titles[-1] + 1 :]
        while after and after[0].lower() in CONNECTORS | TITLES | TITLE_MODIFIERS:
            after = after[1:]
        runs.append(after)
    forms = {tuple(map(_key, run)) for run in runs if run}
    surnames: set[tuple[str, ...]] = set()
    for run in [r for r in runs if 2 <= len(r) <= 3]:
        low = {w.lower() for w in run}
        if (
            all(w[0].isupper() for w in run)
            and not low & (TITLES | CONNECTORS)
            and not place_or_body(" ".join(run))
        ):  # a person's name: its surname may stand alone later; a place's may not
            alone = [run[-1], run[0]] if len(run) == 3 else [run[-1]]
            surnames |= {(_key(w),) for w in alone if len(w) >= 3}
    return forms, surnames - forms


def _alone(sentence: str, toks: list[Token], i: int) -> bool:
    """Word i is no part of a longer name: no name word is joined to it by a space ("Reid",
    not "Reid Hoffman"), a title before it aside ("President Yoon")."""
    start, end, word = toks[i]
    prior = toks[i - 1][2] if i else ""
    glued_before = i > 0 and sentence[toks[i - 1][1] : start] == " "
    if glued_before and prior[0].isupper() and prior.lower() not in _NOT_NAMES:
        return False
    glued_after = (
        i + 1 < len(toks)
        and sentence[end : toks[i + 1][0]] == " "
        and toks[i + 1][2][0].isupper()
        and toks[i + 1][2].lower() not in _NOT_NAMES
    )
    return not glued_after or _POSSESSIVE.search(word) is not None


def heads(sentence: str, mention: tuple[int, int], start: int, end: int, whole: bool) -> bool:
    """The mention heads the phrase ``sentence[start:end]`` (see the module docstring);
    ``whole``: the phrase is an apposition, which the name (and its titles) must fill."""
    m_start, m_end = mention
    if not start <= m_start < m_end <= end:
        return False
    before, tail = sentence[start:m_start], sentence[m_end:end].strip()
    if whole and before.strip() and not _only_titles(before):
        return False
    tail = re.sub(r"^\)?\s*\([^()]*\)$|^\)$", "", tail)  # "Affairs (DIMIA)", "(DIMIA)"
    ends = not tail or _AFFILIATION.fullmatch(tail) or _VOICED.fullmatch(tail)
    return bool(ends) and not _object_of_preposition(before)


def _only_titles(text: str) -> bool:
    return all(w.lower() in TITLES | TITLE_MODIFIERS | DETERMINERS for w in text.split())


def _object_of_preposition(before: str) -> bool:
    """'a friend of' yes; 'analysts at', 'a spokesman for' no: a voice speaks for the body."""
    low = [w.lower() for w in before.split() if w.lower() not in DETERMINERS]
    if not low or low[-1] not in PREPOSITIONS:
        return False
    return len(low) < 2 or low[-2] not in VOICES
