"""The words of a person's name and the runs a text shows are no person's (namewords.py); the
people finder's own tests (test_people.py) read them through whole sentences."""

from __future__ import annotations

import re

import pytest

from summarizer.extraction.namewords import WORD, NoPersons, Tok, is_name, runs


def _toks(text: str) -> list[Tok]:
    """One sentence's tokens, as find_people makes them."""
    return [
        Tok(m.start(), m.end(), m[0][:-2] if poss else m[0], poss, 0, k == 0)
        for k, m in enumerate(WORD.finditer(text))
        for poss in [bool(re.search(r"[’']s$", m[0]))]
    ]


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Walter", True),
        ("Park", True),  # a place's head noun, yet a surname: it only ends a run
        ("Korean", False),
        ("European", False),
        ("North", False),
        ("April", False),
        ("May", True),  # Theresa May
        ("SGD1.75-billion", False),
        ("Russian-North", False),
        ("Singapore-based", False),
        ("NATO", False),
        ("Fort", False),
    ],
)
def test_name_words(word: str, name: bool) -> None:
    (tok,) = _toks(word)
    assert is_name(tok) is name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fort Pitt Capital Group Charlie Smith said",
            [["Pitt", "Capital", "Group"], ["Charlie", "Smith"]],
        ),
        ("the United States Barack Obama said", [["United", "States"], ["Barack", "Obama"]]),
        ("Putin’s Kremlin aides", [["Putin"], ["Kremlin"]]),
    ],
)
def test_runs_end_at_a_head_noun_a_country_and_a_possessive(
    text: str, expected: list[list[str]]
) -> None:
    toks = _toks(text)
    assert [[t.word for t in toks[i:j]] for i, j in runs(text, toks)] == expected


@pytest.mark.parametrize(
    ("text", "words", "held"),
    [
        ("Traders watched the Dow Jones Industrial Average fall.", ["Dow", "Jones"], True),
        ("Exchanges in Buenos Aires closed.", ["Buenos", "Aires"], True),
        ("He was treated at Walter Reed.", ["Walter", "Reed"], True),
        ("Los Angeles based Northrop Grumman won.", ["Northrop", "Grumman"], True),
        ("As many as 12 British Storm Shadow missiles hit.", ["Storm", "Shadow"], True),
        (
            "The talks with Pentagon Acquisition Director Wynne ended.",
            ["Pentagon", "Acquisition"],
            True,
        ),
        ("Meanwhile, the Biden administration waited.", ["Biden"], False),
        ("The return of Donald Trump worried allies.", ["Donald", "Trump"], False),
        ("In 2008 Barack Obama won.", ["Barack", "Obama"], False),  # a year is no count
    ],
)
def test_runs_the_text_uses_as_no_persons(text: str, words: list[str], held: bool) -> None:
    assert NoPersons(text, _toks(text)).holds(words) is held
