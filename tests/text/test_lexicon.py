"""Words that are no personal names: English words in general use (wordfreq), adjectives of
places and peoples, and the head nouns and calendar words the rules share."""

from __future__ import annotations

import pytest

from summarizer.text.lexicon import CALENDAR, HEADS, adjective, common_word


@pytest.mark.parametrize(
    ("word", "common"),
    [
        # words in general use: translated, so frequent in English only
        ("house", True),
        ("Storm", True),
        ("economists", True),
        ("investors", True),
        ("Russia", True),  # "Russland", "Russie": translated too
        ("White", True),
        # personal names are written alike in every language
        ("John", False),
        ("Trump", False),
        ("Walter", False),
        ("Bill", False),
        ("Zelensky", False),  # rare in English too
        ("Kirby", False),
    ],
)
def test_common_words_are_frequent_in_english_only(word: str, common: bool) -> None:
    assert common_word(word) is common


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("European", True),
        ("Americans", True),
        ("British", True),
        ("Republican", True),
        ("Islamic", True),
        ("Brian", False),  # the shape of an adjective, but no common word
        ("Eric", False),
        ("Jordan", False),
        ("Duncan", False),
    ],
)
def test_adjectives_of_places_and_peoples(word: str, expected: bool) -> None:
    assert adjective(word) is expected


def test_may_is_no_calendar_word_and_heads_name_kinds_of_body() -> None:
    assert "may" not in CALENDAR and "april" in CALENDAR  # Theresa May
    assert {"church", "hospital", "chiefs", "motors", "region"} <= HEADS
