"""The quantity reader against Microsoft Recognizers-Text's English specifications (copied in
tests/data/recognizers_text/, MIT licence; the families of cases left out, and why, are in
tests/support/recognizers.py). The test fails if a file's pass rate falls below the rate
measured when it was written, so a change that reads fewer of them is seen.

Run `python -m tests.support.recognizers` to print the rates and the failing cases."""

from __future__ import annotations

import pytest

from tests.support.recognizers import FILES, score

# Measured on 2026-12-02: passed / kept. Currency lost one case on purpose: "a 12-cent-a-share
# dividend" is no longer read, so that "2,000-pound bombs" are no sterling.
FLOORS = {
    "CurrencyModel": (100, 114),
    "DimensionModel": (37, 40),
    "AgeModel": (11, 11),
    "TemperatureModel": (20, 20),
    "NumberModel": (7, 9),
    "PercentModel": (7, 7),
}


@pytest.mark.parametrize("name", FILES)
def test_the_pass_rate_of_each_spec_file_holds(name: str) -> None:
    result = score(name)
    passed, kept = FLOORS[name]
    assert result.kept == kept, "the cases kept changed: update the floor with the reason"
    assert result.passed >= passed, result.failed
