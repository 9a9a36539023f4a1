"""What a figure measures and what period it covers, read by rule (sentences written by hand,
most of them cut from the seeds)."""

from __future__ import annotations

import pytest

from summarizer.figures import measures


def _read(sentence: str, number: str, unit: str | None = "people") -> measures.Measure:
    start = sentence.index(number)
    return measures.read(sentence, start, start + len(number), unit)


@pytest.mark.parametrize(
    ("sentence", "number", "unit", "label"),
    [
        (
            "estimates of over 1,000 North Korean soldiers killed or injured during assaults",
            "1,000",
            "people",
            "North Korean casualties (killed or wounded)",
        ),
        (
            "thousands of North Korean soldiers have sustained injuries or have been killed",
            "thousands",
            "people",
            "North Korean casualties (killed or wounded)",
        ),
        ("following claims of 500 North Korean deaths", "500", "people", "North Korean deaths"),
        (
            "up to 12,000 North Korean troops are entrenched",
            "12,000",
            "people",
            "North Korean troops",
        ),
        (
            "8,000 North Korean soldiers are expected to fight Ukrainian troops, with 80% of a "
            "force of 10,000 in the area",
            "10,000",
            "people",
            "North Korean troops",  # the counted phrase, not the nearer "Ukrainian troops"
        ),
        (
            "Russian casualties in eastern Ukraine have reached record highs, with some 1,200 "
            "casualties reported daily",
            "1,200",
            "people",
            "Russian casualties (killed or wounded)",
        ),
        ("200 wounded were taken to hospital", "200", "people", "injuries"),
        ("The strategy includes leveraging $20 billion in loans", "$20 billion", "USD", "loans"),
        (
            "assistance to Ukraine, valued at £1 billion, primarily for ammunition",
            "£1 billion",
            "GBP",
            "aid",
        ),
        # Hand-written, markets: the noun joined to the amount by "of" or "was" wins.
        (
            "declared assets of $82.29 billion and a debt of $172.81 billion",
            "$82.29 billion",
            "USD",
            "assets",
        ),
        (
            "declared assets of $82.29 billion and a debt of $172.81 billion",
            "$172.81 billion",
            "USD",
            "debt",
        ),
        ("Volta's net loss was €2 billion on sales of €40 billion", "€2 billion", "EUR", "loss"),
        (
            "Volta's net loss was €2 billion on sales of €40 billion",
            "€40 billion",
            "EUR",
            "revenue",
        ),
        ("the government's $30 billion rescue package", "$30 billion", "USD", "package"),
        ("over 10,000 containers of military equipment", "10,000", "items", None),
        ("roughly 460 square miles", "460 square miles", "sq mi", None),
    ],
)
def test_what_is_measured(sentence: str, number: str, unit: str | None, label: str | None) -> None:
    assert _read(sentence, number, unit).label == label


@pytest.mark.parametrize(
    ("sentence", "number", "period"),
    [
        ("over 1,000 North Korean casualties within a single week", "1,000", "in one week"),
        ("the recent week had witnessed more than 1,000 killed or wounded", "1,000", "in one week"),
        ("some 1,200 casualties reported daily", "1,200", "per day"),
        ("in Kursk since early August, with over 10,000 soldiers", "10,000", "since early August"),
        ("12 missiles targeted a command post last week", "12", "last week"),  # a date, as written
        ("up to 12,000 troops are entrenched in Ukraine", "12,000", None),
        # Hand-written, of other beats: a time of reference is part of the scope.
        ("exports rose to 3.2 million tonnes in 2019", "3.2 million", "in 2019"),
        ("claims were 300,000 a week earlier", "300,000", "a week earlier"),
        ("sales hit $4 billion, the most since March 2020", "$4 billion", "since March 2020"),
    ],
)
def test_the_period_comes_from_the_sentence(sentence: str, number: str, period: str | None) -> None:
    assert _read(sentence, number).period == period
