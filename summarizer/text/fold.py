"""The one text fold: what two spellings of the same words have in common.

Models retype quotes: curly quote marks become straight, runs of spaces collapse, a trailing
period appears. ``normalise`` folds quote marks, dashes, case and whitespace, drops invisible
characters, and keeps, for each folded character, the index it came from, so a match in the
folded copy maps back to the article's own characters. ``fold`` is the same without the map,
for comparisons; ``fold_name`` also drops accents, for names spelled with and without them.
``clean_label`` folds the ways a model writes "no value" to None.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.models import FigureClaim

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
    }
)
INVISIBLE = frozenset({"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"})


def normalise(text: str, *, spaces: bool = True) -> tuple[str, list[int]]:
    """Fold quotes, dashes, case and whitespace; return the folded text and, per char, its origin.

    With ``spaces=False`` whitespace is dropped altogether: models retype "U.S." as "U. S.".
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if char.isspace():
            if not spaces or (out and out[-1] == " "):
                continue
            folded = " "
        else:
            folded = char.translate(_FOLD).lower()
            if len(folded) != 1:  # a few characters lower-case to two; keep them as they are
                folded = char
        out.append(folded)
        origin.append(index)
    return "".join(out), origin


def fold(text: str, *, accents: bool = True) -> str:
    """The normalised form of ``text``, for comparisons; ``accents=False`` drops accents too."""
    if not accents and not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    if text.isascii():  # the same result, without the per-character pass
        return " ".join(text.translate(_FOLD).lower().split())
    return normalise(text)[0].strip()


@functools.lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """``fold`` with accents dropped: "Zelenskyy" and "Zelenskyý" compare equal (cached: the
    same names come back all the time)."""
    return fold(text, accents=False)


def fold_scope(scope: str | None) -> str:
    """A figure's scope folded for comparison: "The past week" and "past week" are one scope."""
    return fold_name(scope or "").removeprefix("the ")


def compared_within(claim: FigureClaim) -> tuple[str | None, str, str]:
    """What two figure claims must share to be compared at all: the unit, the scope (period,
    place and time reference, folded) and the role (a level is never compared with a change
    or an earlier value). Claims that differ here may differ in value without any conflict."""
    return (claim.unit, fold_scope(claim.scope), claim.role)


def clean_label(value: str | None) -> str | None:
    """A label the model left empty or wrote as "null"/"unknown" becomes None."""
    value = (value or "").strip()
    return value if value and value.lower() not in {"null", "none", "n/a", "unknown"} else None


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string ("the a an ..."): the grammar lists of the finders."""
    return frozenset(words.split())
