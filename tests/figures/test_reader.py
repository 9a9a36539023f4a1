"""The quantity reader on its own (figures/reader.py, `summarizer quantities`). Every
sentence here is hand-written, in the style of wire copy from several beats."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import summarizer
from summarizer import cli
from summarizer.figures import reader
from summarizer.figures.reader import read

# (sentence, the number as written, value or (low, high), unit as compared, unit as written)
FIGURES = [
    ("The storm brought 100mph winds.", "100", 100, "mile per hour", "mph"),
    ("It flew 500 miles to Perth.", "500", 500, "mile", "miles"),
    ("Seville hit 41 degrees Celsius.", "41", 41, "degree Celsius", "degrees Celsius"),
    ("The engine makes 300 hp.", "300", 300, "horsepower", "hp"),
    ("Output fell to 9.8 million barrels a day.", "9.8 million", 9.8e6, "barrel", "barrels"),
    ("The lifter carried 120 kg.", "120", 120, "kilogram", "kg"),
    ("After a 12-hour flight, it landed.", "12", 12, "hour", "hour"),
    ("Tickets cost 15 euros.", "15 euros", 15, "EUR", "euros"),
    ("Tickets cost €15.", "€15", 15, "EUR", "€"),
    ("Stamps rose by 19 cents.", "19 cents", 0.19, "USD", "cents"),
    ("The plan costs RM79 a month.", "RM79", 79, "MYR", "RM"),
    ("The deal is worth Rs 500 crore.", "Rs 500 crore", 5e9, "INR", "Rs"),
    ("It raised USD10m in May.", "USD10m", 1e7, "USD", "USD"),
    ("The bill is $1tn.", "$1tn", 1e12, "USD", "$"),
    ("Sales reached 3.5bn units.", "3.5bn", 3.5e9, None, None),
    ("About 25k fans came.", "25k", 25e3, None, None),
    ("Between 5% and 6% of voters agreed.", "Between 5% and 6%", (5, 6), "percent", "%"),
    (
        "Prices range from $800,000 to $1.3 million.",
        "$800,000 to $1.3 million",
        (8e5, 1.3e6),
        "USD",
        "$",
    ),
    # Fractions of something are shares; a decimal comma before a percent is a decimal.
    ("A third of the homes lost power.", "A third", 33.33, "percent", None),
    ("Two-thirds of voters backed the plan.", "Two-thirds", 66.67, "percent", None),
    ("Half the staff walked out.", "Half", 50, "percent", None),
    ("Three quarters of the wheat crop was lost.", "Three quarters", 75, "percent", None),
    ("Some 3/4 of fans left early.", "3/4", 75, "percent", None),
    ("Inflation in Spain reached 8,26% in May.", "8,26%", 8.26, "percent", "%"),
    # Found reading twenty figures of tests/data/news at random (2026-12-02).
    (
        "Kudrin announced that 500 billion rubles would be infused.",
        "500 billion rubles",
        5e11,
        "RUB",
        "rubles",
    ),
    ("The bank lent 20 billion roubles.", "20 billion roubles", 2e10, "RUB", "roubles"),
    (
        "The firm paid 420 million Finnish markka.",
        "420 million Finnish markka",
        4.2e8,
        "FIM",
        "Finnish markka",
    ),
]


@pytest.mark.parametrize(("sentence", "raw", "value", "unit", "written"), FIGURES)
def test_each_kind_of_figure_is_read_with_its_unit(
    sentence: str,
    raw: str,
    value: float | tuple[float, float],
    unit: str | None,
    written: str | None,
) -> None:
    (q,) = [q for q in read(sentence) if q.figure]
    assert q.text == raw and sentence[q.start : q.end] == raw
    if isinstance(value, tuple):
        assert (q.low, q.high) == pytest.approx(value)
    else:
        assert q.value == pytest.approx(value)
    assert (q.unit, q.unit_written) == (unit, written)


def test_a_change_and_a_level_written_as_one_are_two_figures() -> None:
    found = [(q.text, q.role) for q in read("Brent was up 9.4 per cent to $84 a barrel.")]
    assert found == [("9.4 per cent", "change"), ("$84", "level")]
    found = [(q.text, q.role) for q in read("Revenue dropped 7% to $2.3 billion.")]
    assert found == [("7%", "change"), ("$2.3 billion", "level")]


def test_a_physical_unit_carries_its_si_value_and_is_never_converted() -> None:
    (q,) = read("The road is 500 miles long.")
    assert (q.value, q.unit) == (500, "mile")
    assert q.si_unit == "meter" and q.si_value == pytest.approx(804_672)


@pytest.mark.parametrize(
    ("sentence", "raw", "reason"),
    [
        ("The F-16 crashed.", "16", "designation"),
        ("It happened on May 3, 2021.", "2021", "date"),
        ("She was 25 years old.", "25", "age"),
        ("Under Article 5, allies respond.", "5", "reference"),
        ("It was the first time in a century.", "first", "set phrase"),
        # Found on real days: a term of office, a rank, a man's age, names, results.
        ("Bush served as governor from 1995 to 2000.", "1995 to 2000", "date"),
        ("The four-star general retired.", "four", "set phrase"),
        ("John Smith, 85, died on Monday.", "85", "age"),
        ("The actor died at 85.", "85", "age"),
        ("The S&P 500 index fell.", "500", "name"),
        ("The jet has four Rolls-Royce Trent 900 engines.", "900", "name"),
        ("Apple sold the iPhone 11 widely.", "11", "name"),
        # A year and a code are one designation (an asteroid's, a comet's); a count before
        # a code is still a count.
        ("NASA said 2004 MN4 has a 1 in 300 chance.", "2004", "name"),
        ("The 1998 KY26 asteroid spins fast.", "1998", "name"),
        ("Arsenal beat Sevilla 2-0 at the Emirates.", "2-0", "score"),
        ("It ended in a 2-2 draw.", "2-2", "score"),
        # Slashed numbers are not two numbers.
        ("The Fed raised rates by 1/16 of a point.", "1/16", "fraction"),
        ("The shop is open 24/7 now.", "24/7", "fraction"),
        ("The vote took place on 11/05/2024.", "11/05/2024", "date"),
    ],
)
def test_a_number_that_is_no_figure_says_why(sentence: str, raw: str, reason: str) -> None:
    (q,) = [q for q in read(sentence) if q.text == raw]
    assert (q.figure, q.reason) == (False, reason)


def test_a_fraction_of_one_unit_and_a_third_place_are_no_shares() -> None:
    found = [(q.text, q.figure) for q in read(
        "It took half an hour and a quarter of a century; she came third, scoring 3,2 points."
    )]  # fmt: skip
    assert ("third", False) in found
    assert not [t for t, _ in found if "half" in t or "quarter" in t]
    # No decimal comma outside a percent: "3,2" stays as written, two numbers.
    assert [t for t, _ in found if t[0].isdigit()] == ["3", "2"]


def test_a_headline_in_title_case_keeps_its_number() -> None:
    """Every word of a headline is capitalised: "Kills 12" is no name."""
    (q,) = read("Storm Kills 12 In Texas")
    assert (q.figure, q.value) == (True, 12)


def test_what_is_counted_stops_at_a_grammar_word_and_at_the_next_number() -> None:
    """Found reading twenty figures of tests/data/news at random: "6.57% respectively" counted
    "respectively", and the dozen nations a tsunami hit were "deaths", the word of the next
    number (60,000)."""
    found = {q.text: q.counted for q in read(
        "The Hang Seng and the Straits Times went up by 10.24% and 6.57% respectively."
    )}  # fmt: skip
    assert found["6.57%"] == "share"
    found = {q.text: q.counted for q in read(
        "The death toll from the tsunami that hit the coasts of a dozen Asian nations has "
        "risen to nearly 60,000 people killed."
    )}  # fmt: skip
    assert found["a dozen"] == "Asian nations"
    found = {q.text: q.counted for q in read("It will supply 179 tankers at a rate of 15 a year.")}
    assert found == {"179": "tankers", "15": "quantity"}


def test_counted_nouns_are_read_from_the_text() -> None:
    found = {
        q.text: q.counted for q in read("Arsenal scored 12 goals; the app has 3 million users.")
    }
    assert found == {"12": "goals", "3 million": "users"}


def test_the_api_and_the_command_give_the_same_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Initial claims fell 36,000 to 293,000, the lowest since March 2020.\n"
    path = tmp_path / "claims.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["quantities", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [q.to_dict() for q in summarizer.quantities(text)]
    assert [(x["text"], x["figure"], x["role"] or x["reason"]) for x in lines] == [
        ("36,000", True, "change"),
        ("293,000", True, "level"),
        ("2020", False, "date"),
    ]
    piped = CliRunner().invoke(cli.app, ["quantities", "-"], input=text)
    assert piped.stdout == result.stdout


def test_the_command_says_what_it_could_not_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli.app, ["quantities", str(tmp_path / "missing.txt")])
    assert result.exit_code == 4
    assert "no such file" in result.stderr


def test_every_digit_of_the_real_articles_is_a_figure_or_a_not_figure_with_a_reason() -> None:
    """tests/data/news (43 Wikinews articles of six beats) and the seeds: no number is missed,
    and each is a figure or says why it is none."""
    from summarizer import ingest
    from tests.support.helpers import ROOT

    paths = sorted((ROOT / "tests" / "data" / "news").glob("*.txt"))
    paths += sorted((ROOT / "seeds").glob("*.txt"))
    articles = ingest.load([str(p) for p in paths]).articles
    assert len(articles) == 48
    for article in articles:
        found = reader.read_article(article)
        assert all(q.figure or q.reason for q in found)
        for digits in re.finditer(r"\d+", article.content()):
            assert any(q.start <= digits.start() and digits.end() <= q.end for q in found), (
                article.path,
                digits[0],
            )


def test_odd_input_is_read_without_error_and_prints_as_json() -> None:
    """Hand-written: nothing, thousands of digits (past Python's int-string limit), a unicode
    minus; every line the command would print is valid JSON (no Infinity)."""
    assert read("") == []
    (huge,) = read("1" * 5000)
    assert huge.figure and huge.value is None
    (cold,) = read("It was −5 degrees.")
    assert cold.value == -5
    for q in [huge, cold]:
        json.loads(json.dumps(q.to_dict(), allow_nan=False))


def test_a_count_before_a_code_is_still_a_count() -> None:
    (q,) = [q for q in read("The G7 leaders met 12 G20 officials.") if q.text == "12"]
    assert q.figure
