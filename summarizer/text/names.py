"""Names: the title words that open a name but are not part of it, the key two mentions of one
actor share, and the one spelling-similarity rule ("Zelensky" and "Zelenskyy" are one surname).
Countries' names are read in places.py (``canonical_place``, re-exported here for the merge).

The rule-based people finder (extraction/people.py) and the merge of actors across articles
(merge/actors.py) both read names with these lists and this rule, so a title stripped in one
place is stripped in the other.
"""

from __future__ import annotations

import functools
import math
from difflib import SequenceMatcher
from fractions import Fraction

from summarizer.text.fold import fold_name, word_set
from summarizer.text.places import canonical_place

__all__ = [
    "HONORIFICS",
    "SIMILARITY",
    "STRICT_TITLES",
    "TITLES",
    "TITLE_MODIFIERS",
    "SpellingIndex",
    "canonical_place",
    "person_core",
    "person_key",
    "similar",
]


_words = word_set


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
    "head reverend rev representative"
)
# Words that qualify a title: "national security adviser", "Deputy Prime Minister".
TITLE_MODIFIERS = _words(
    "national security deputy senior former foreign defense defence press communications top "
    "acting interim supreme prime vice military presidential executive assistant special state"
)

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


class SpellingIndex:
    """Distinct words, found by spelling: the known words ``similar`` to a given one
    (Zelensky, Zelenskyy), each distinct word compared once.

    Two words whose similarity reaches 0.85 differ by a few letters at most: deleting up to
    ``_deletions(len)`` letters from each gives a spelling they share (SymSpell's trick:
    difflib's matching blocks are such a shared spelling). So only words that share one are
    compared, found by lookup, never by a scan.

    The spellings of a word grow with its length to the power of its deletions, so only words
    of up to ``_INDEXED`` letters (3 deletions, under 600 spellings) are indexed that way. A
    longer word ("Llanfairpwllgwyngyll...", a run of Chinese characters) is compared with the
    known words of a length it could be similar to, by a scan of those lengths only; past
    ``_MAX_LONG`` distinct long words, a new one is matched by its exact spelling alone, and a
    spelling shared by more than ``_CROWDED`` words nominates none, so no input makes the
    grouping slower than linear.
    """

    def __init__(self) -> None:
        self._by_variant: dict[str, set[str]] = {}
        self._by_length: dict[int, set[str]] = {}
        self._long = 0  # distinct words longer than _INDEXED
        self._like: dict[str, set[str]] = {}  # each known word -> the known words like it

    def add(self, word: str) -> None:
        if word in self._like:
            return
        near = self.like(word) | {word}
        self._like[word] = near
        for other in near:
            self._like[other].add(word)
        if len(word) > _INDEXED:
            if self._long < _MAX_LONG:  # past that, a long word is found by its spelling only
                self._by_length.setdefault(len(word), set()).add(word)
            self._long += 1
            return
        self._by_length.setdefault(len(word), set()).add(word)
        for variant in _variants(word):
            self._by_variant.setdefault(variant, set()).add(word)

    def like(self, word: str) -> set[str]:
        known = self._like.get(word)
        if known is not None:
            return known
        near = self._scanned(word)
        if len(word) <= _INDEXED:
            buckets = (self._by_variant.get(v, ()) for v in _variants(word))
            near |= {w for bucket in buckets if len(bucket) <= _CROWDED for w in bucket}
        # difflib's ratio is not quite symmetric: either order counts
        return {w for w in near if similar(word, w) or similar(w, word)}

    def _scanned(self, word: str) -> set[str]:
        """The known words that only a scan finds: of the lengths ``word`` may be similar to,
        those longer than ``_INDEXED`` (or any of them, for a long ``word``)."""
        if self._long == 0 and len(word) <= _INDEXED:
            return set()
        if len(word) > _INDEXED and self._long >= _MAX_LONG:
            return set()  # past the cap, a long word is matched by its exact spelling only
        low, high = _compatible_lengths(len(word))
        long_only = len(word) <= _INDEXED
        return {
            w
            for n in range(max(low, _INDEXED + 1) if long_only else low, high + 1)
            for w in self._by_length.get(n, ())
        }


_INDEXED = 15  # longest word indexed by its spellings: 3 deletions, at most 576 spellings
_MAX_LONG = 200  # distinct long words a scan compares; past that, exact spelling only
# A spelling shared by more known words than this ("yyyyyyyyyy" left of "abcyyyyyyyyyy",
# "abdyyyyyyyyyy"...) nominates none of them: it says nothing, and would make every new word
# meet every old one.
_CROWDED = 64
# 0.85 / (2 - 0.85) = 17/23, exactly: in floating point, 17 / 0.739... rounds 23 down to 22.
_SIMILARITY = Fraction(SIMILARITY).limit_denominator(1000)
_RATIO = _SIMILARITY / (2 - _SIMILARITY)


def _compatible_lengths(length: int) -> tuple[int, int]:
    """The lengths a word similar to one of ``length`` can have: 2 min >= 0.85 (la + lb)."""
    return math.ceil(length * _RATIO), math.floor(length / _RATIO)


def _deletions(length: int) -> int:
    """How many letters a word of ``length`` can lack from the spelling it shares with a
    similar word. With M letters matched, a ratio of 0.85 needs 2M >= 0.85 (la + lb), and
    M <= lb, so M >= 17/23 la: at most 26% of a word's letters go unmatched."""
    return math.floor(length * (1 - _RATIO))


@functools.lru_cache(maxsize=1 << 16)
def _variants(word: str) -> frozenset[str]:
    """The word and every spelling of it with up to ``_deletions`` letters left out (for words
    of at most ``_INDEXED`` letters: see ``_Words``)."""
    if len(word) > _INDEXED:
        raise ValueError(f"a word of {len(word)} letters is not indexed by its spellings")
    found = {word}
    frontier = {word}
    for _ in range(_deletions(len(word))):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))} - found
        found |= frontier
    return frozenset(found)


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


def person_key(name: str) -> str:
    """What two mentions of one actor share: the country's own name, else the name without
    its title, folded."""
    return fold_name(canonical_place(name) or person_core(name))
