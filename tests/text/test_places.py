"""Countries by name: the forms of one country lead to one name, by general rules over the ISO
3166 names pycountry ships; a shared or unknown form leads to none."""

from __future__ import annotations

import pytest

from summarizer.text.places import canonical_place, is_demonym, is_place


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # dotted, spaced and bare initials, "the", the ISO name and the official one
        ("U.S.", "United States"),
        ("U. S.", "United States"),
        ("US", "United States"),
        ("the US", "United States"),
        ("The U.S.", "United States"),
        ("USA", "United States"),
        ("United States of America", "United States"),
        ("America", "United States"),  # the official name without its state words
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("UAE", "United Arab Emirates"),
        ("DPRK", "North Korea"),  # the initials of the official name
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Republic of Korea", "South Korea"),  # "Korea, Republic of" read in order
        ("Russian Federation", "Russia"),
        ("Russia", "Russia"),
        ("Viet Nam", "Vietnam"),
        ("the Netherlands", "Netherlands"),
        ("New Zealand", "New Zealand"),
        ("Sri Lanka", "Sri Lanka"),
        # none: a form two countries share, a city, a region, lower case, another body's letters
        ("Korea", None),
        ("SA", None),  # Saudi Arabia or South Africa
        ("Pyongyang", None),
        ("Kursk", None),
        ("us", None),
        ("IRA", None),
        ("PM", None),
    ],
)
def test_canonical_place(name: str, expected: str | None) -> None:
    assert canonical_place(name) == expected


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("North Carolina", True),
        ("Buenos Aires", True),
        ("Sri Lanka", True),
        ("Victoria", False),  # a region of one word is also a given name: left out
        ("Walter Reed", False),
    ],
)
def test_is_place(name: str, place: bool) -> None:
    assert is_place(name) is place


@pytest.mark.parametrize(
    ("word", "demonym"),
    [
        ("Korean", True),
        ("Koreans", True),
        ("Ukrainian", True),
        ("Japanese", True),
        ("Israeli", True),
        ("Afghan", True),
        ("Thai", True),
        ("Lankans", True),
        ("Brian", False),
        ("Christian", False),
        ("Julian", False),
        ("Dean", False),
    ],
)
def test_demonyms_are_made_from_country_names(word: str, demonym: bool) -> None:
    assert is_demonym(word) is demonym
