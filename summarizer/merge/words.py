"""The words that stand for what a figure counts or what an event is about, and how close two
accounts are by them: shared by figure groups and the daily history (a story's tellings are
compared by weighted lemmas instead, in events.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer.figures import vocabulary
from summarizer.text.fold import fold_name

# Two days' developments are one event: with a named person in common, a fifth of their
# words; without one, 30% of them. (The model's event types once let 3 shared words do with
# a person in common; those types were one beat's list and are gone.)
_EVENT_WORDS_WITH_PERSON = 0.2
_EVENT_WORDS_ALONE = 0.3
_STOP = {"the", "of", "a", "an", "in", "on", "and", "or", "to", "for", "by", "with", "at", "from"}


def story_score(
    a_words: set[str], a_people: set[str], b_words: set[str], b_people: set[str]
) -> float:
    """A score above 0 when two accounts (their words and the people they name) read as one
    event; the higher, the closer. Used across days (history.py)."""
    if not a_words or not b_words:
        return 0.0
    if a_people and b_people and not a_people & b_people:
        return 0.0  # each names its people, and none in common: the same words, other people
    shared = a_words & b_words
    overlap = len(shared) / len(a_words | b_words)
    if a_people & b_people and overlap >= _EVENT_WORDS_WITH_PERSON:
        return overlap + 1.0
    return overlap if overlap >= _EVENT_WORDS_ALONE else 0.0


def story_words(texts: Iterable[str], people: Iterable[str]) -> set[str]:
    """The words clustering compares: those of ``texts``, without the people's names."""
    name_words = {w for n in people for w in counted_key(n)}
    return counted_key(" ".join(texts)) - name_words


def counted_key(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", fold_name(text))
    stems = (w.rstrip("s") if len(w) > 3 else w for w in words if w not in _STOP)
    same = vocabulary.default().same_thing  # words that count one thing: the beats' data
    return {same.get(w, w) for w in stems}
