"""A speaker's name in a sentence: what counts as a name, where the sentence writes it, and
whether it heads a phrase."""

from __future__ import annotations

import pytest

from summarizer.extraction.speakers import heads, is_acronym, mentions, not_a_name


@pytest.mark.parametrize(
    ("speaker", "is_name"),
    [
        ("Ana Lima", True),
        ("GM", True),
        ("Deputy Pentagon Press Secretary", True),  # the office names a body
        ("the Biden administration", True),
        ("unknown", False),
        ("Unnamed official", False),
        ("a source", False),
        ("Officials", False),
        ("The company", False),
        ("Prime Minister", False),  # a title alone
        ("He", False),
        ("", False),
    ],
)
def test_what_is_a_name(speaker: str, is_name: bool) -> None:
    assert (not_a_name(speaker) is None) == is_name


@pytest.mark.parametrize(
    ("sentence", "speaker", "found"),
    [
        ("Coach Ana Lima said so.", "Ana Lima", ["Ana Lima"]),
        ("Lima said so.", "Coach Ana Lima", ["Lima"]),  # the surname alone
        ("President Kim said so.", "Kim Dae Ho", ["Kim"]),  # the family name of three
        ("Ana Lima Costa said so.", "Ana Lima", ["Ana Lima"]),
        ("Lima Costa said so.", "Ana Lima", []),  # a surname inside a longer name
        ("Lima's lawyer said so.", "Ana Lima", ["Lima"]),  # the possessive left out
        ("US officials said so.", "US officials", ["US officials"]),
        (
            "The U.S. Department of Defense said so.",
            "U. S. Department of Defense",
            ["U.S. Department of Defense"],
        ),
        ("officials said so.", "Officials", []),  # no capital: no name
        ("Japan said so.", "Bank of Japan", []),  # a body's last word is not its name
        ("Austin said so.", "Secretary of Defense Lloyd Austin", ["Austin"]),
        ("The Bank of Japan said so.", "Japan", ["Japan"]),  # named, if no head (below)
    ],
)
def test_where_the_sentence_names_the_speaker(
    sentence: str, speaker: str, found: list[str]
) -> None:
    assert sorted(sentence[s:e] for s, e in mentions(sentence, speaker)) == found


@pytest.mark.parametrize(
    ("phrase", "name", "is_head"),
    [
        ("coach Ana Lima", "Ana Lima", True),
        ("Ian Rintoul of the Refugee Coalition", "Ian Rintoul", True),
        ("GM spokesman Tom Wilkinson", "GM", True),
        ("analysts at Nomura", "Nomura", True),
        ("a spokesman for GM", "GM", True),
        ("Brown's lawyer", "Brown", False),
        ("a friend of Brown", "Brown", False),
        ("a Nomura analyst", "Nomura", False),  # one analyst is no voice of the bank
        ("The Bank of Japan", "Japan", False),
    ],
)
def test_whether_the_name_heads_the_phrase(phrase: str, name: str, is_head: bool) -> None:
    start = phrase.index(name)
    assert heads(phrase, (start, start + len(name)), 0, len(phrase), False) == is_head


def test_an_acronym_is_no_person() -> None:
    assert is_acronym("GM") and is_acronym("the U.N.") and not is_acronym("Ana Lima")
