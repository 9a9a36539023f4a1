"""Names: the title words that open a name but are not part of it, country forms, and the one
spelling-similarity rule ("Zelensky" and "Zelenskyy" are one surname).

The rule-based people finder (extraction/people.py) and the merge of actors across articles
(merge/actors.py) both read names with these lists and this rule, so a title stripped in one
place is stripped in the other.
"""

from __future__ import annotations

import functools
from difflib import SequenceMatcher

from summarizer.text.fold import fold_name


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Courtesy titles: they stand before a name but give no role ("Mr Putin").
HONORIFICS = _words("mr mrs ms sir")
# Titles that may stand before a lone surname ("President Biden").
STRICT_TITLES = HONORIFICS | _words(
    "president president-elect premier chancellor minister secretary senator sen governor "
    "ambassador mayor dr prof rep"
)
# Every title word: "Secretary of Defense", "spokesperson John Kirby".
TITLES = STRICT_TITLES | _words(
    "spokesperson spokesman spokeswoman adviser advisor leader general gen envoy commander chief "
    "director king queen prince pope colonel admiral secretary-general vice-president chairman "
    "head"
)
# Words that qualify a title: "national security adviser", "Deputy Prime Minister".
TITLE_MODIFIERS = _words(
    "national security deputy senior former foreign defense defence press communications top "
    "acting interim supreme prime vice military presidential executive assistant special state"
)

COUNTRY_FORMS = {
    "United States": {
        "us",
        "u.s",
        "u.s.",
        "usa",
        "u.s.a.",
        "united states",
        "america",
        "united states of america",
        "the united states",
        "the us",
        "the u.s.",
    },
    "United Kingdom": {"uk", "u.k.", "britain", "great britain", "united kingdom", "the uk"},
    "North Korea": {"north korea", "dprk", "democratic people's republic of korea"},
    "South Korea": {"south korea", "republic of korea", "rok"},
    "Russia": {"russia", "russian federation"},
    "Ukraine": {"ukraine"},
}
_COUNTRY_INDEX = {form: name for name, forms in COUNTRY_FORMS.items() for form in forms}

SIMILARITY = 0.85  # difflib's ratio at which two spellings are one name


@functools.lru_cache(maxsize=1 << 16)
def similar(a: str, b: str) -> bool:
    """Two spellings of one name: difflib's ratio reaches ``SIMILARITY`` (case counts: fold
    first). Cached, with the cheap cases first: the same names come back all the time."""
    if a == b:
        return True
    # The ratio is 2M / (len a + len b), M the letters matched.
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < SIMILARITY * total:
        return False  # too different in length
    if total * (1 - SIMILARITY) < 2 and not _one_letter_more(a, b):
        # At most one letter may go unmatched, so one word is the other with a letter
        # inserted; when it is not, the ratio cannot reach the bar.
        return False
    return SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def _one_letter_more(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) != len(short) + 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


@functools.lru_cache(maxsize=1 << 16)
def person_core(name: str) -> str:
    """The name without its leading title: 'spokesperson John Kirby' -> 'John Kirby'."""
    tokens = name.replace("’", "'").split()
    run: list[str] = []
    for token in reversed(tokens):
        if not (token[:1].isupper() or token[:1].isdigit()):
            break
        run.insert(0, token)
    while len(run) > 1 and run[0].lower().strip(".,") in TITLES | TITLE_MODIFIERS:
        run.pop(0)
    return " ".join(run) if run else name.strip()


def canonical_place(name: str) -> str | None:
    """'U.S.', 'US' and 'United States' -> 'United States'; None if not a known country."""
    return _COUNTRY_INDEX.get(fold_name(name))


def person_key(name: str) -> str:
    """What two mentions of one actor share: the country's own name, else the name without
    its title, folded."""
    return fold_name(canonical_place(name) or person_core(name))
