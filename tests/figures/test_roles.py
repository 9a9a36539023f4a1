"""A number's role in its sentence (figures/roles.py). Every sentence here is hand-written, in
the style of wire copy from several beats (jobs data, markets, oil, weather, business, war)."""

from __future__ import annotations

import pytest

from summarizer.figures.roles import role

CASES = [
    (
        "Initial claims fell 36,000 to 293,000, the lowest since March 2020, when they stood "
        "at 256,000.",
        ["36,000", "293,000", "256,000"],
        ["change", "level", "earlier"],
    ),
    (
        "Brent crude was up 9.4 per cent to $84 a barrel.",
        ["9.4 per cent", "84"],
        ["change", "level"],
    ),
    ("Revenue dropped 7% to $2.3 billion.", ["7%", "2.3 billion"], ["change", "level"]),
    ("Unemployment rose from 5% to 6%.", ["5%", "6%"], ["earlier", "level"]),
    ("The index closed down 1.3%, at 7,250 points.", ["1.3%", "7,250"], ["change", "level"]),
    ("The economy shrank -1.3% in the quarter.", ["1.3%"], ["change"]),
    (
        "Claims totalled 293,000, against 300,000 a week earlier.",
        ["293,000", "300,000"],
        ["level", "earlier"],
    ),
    (
        "Sales were 1.2 million, up from 1.1 million.",
        ["1.2 million", "1.1 million"],
        ["level", "earlier"],
    ),
    ("Prices saw a 5% rise over the year.", ["5%"], ["change"]),
    ("There was an increase of 12% in arrivals.", ["12%"], ["change"]),
    ("The shares fell by about 4% in early trade.", ["4%"], ["change"]),
    ("Output grew 2.1% from a year earlier.", ["2.1%"], ["change"]),
    (
        "The Dow dropped by 4.08%, or 280.52 points, to 6,594.44.",
        ["4.08%", "280.52", "6,594.44"],
        ["change", "change", "level"],
    ),
    (
        "Temperatures reached 41 degrees, compared with 38 degrees a day earlier.",
        ["41", "38"],
        ["level", "earlier"],
    ),
    (
        "The Hang Seng and the Straits Times went up by 10.24% and 6.57% respectively.",
        ["10.24%", "6.57%"],
        ["change", "change"],
    ),
    # Found by review: none of these is a change or an earlier value.
    ("Air defences shot down 25 drones overnight.", ["25"], ["level"]),
    ("The strike killed 300 people two days ago.", ["300"], ["level"]),
    ("The garrison held out against 10,000 troops.", ["10,000"], ["level"]),
    ("It was -5 degrees overnight.", ["5"], ["level"]),
    ("The index closed -3.2% lower.", ["3.2%"], ["change"]),
    # Verbs that count things, and hedges, leave a level.
    ("The company lost 1,000 jobs in the cuts.", ["1,000"], ["level"]),
    ("More than 1,000 North Korean troops were killed or wounded.", ["1,000"], ["level"]),
    ("Up to 12,000 troops are entrenched.", ["12,000"], ["level"]),
    ("The F-16 flew 500 miles.", ["500"], ["level"]),
    ("Australia were 2 for 356 at stumps.", ["356"], ["level"]),
    ("The jet landed at 6:40 p.m. (GMT +8) after a 12-hour flight.", ["8"], ["level"]),
]


@pytest.mark.parametrize(("sentence", "numbers", "roles"), CASES)
def test_each_number_gets_its_role(sentence: str, numbers: list[str], roles: list[str]) -> None:
    found, at = [], 0
    for n in numbers:
        start = sentence.index(n, at)
        at = start + len(n)
        found.append(role(sentence, start, at))
    assert found == roles
