"""Scoring figures against gold: one-to-one matches on value+unit, then on the claimant too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import cli, evaluate, ingest
from summarizer.models import Briefing, FigureClaim, FigureGroup, RunInfo, Source
from tests.support.helpers import ROOT

GOLD = {
    "a.txt": [
        {"raw": "1,000", "value": 1000, "unit": "people", "claimed_by": ["John Kirby"]},
        {"raw": "£1 billion", "value": 1e9, "unit": "GBP", "claimed_by": None},
    ]
}


def _briefing(*claims: tuple[float | None, float | None, str | None, str | None]) -> Briefing:
    article = ingest.parse("Kirby said 1,000 died. Aid of £1 billion.\n", "dir/a.txt")
    return Briefing(
        title="t",
        date="d",
        sources=[Source(n=1, article=article)],
        figures=[
            FigureGroup(
                id="f-x",
                counted="x",
                unit=unit,
                agree=True,
                verdict="one source",
                claims=[
                    FigureClaim(
                        source=1,
                        raw="r",
                        value=value,
                        low=low,
                        high=None,
                        qualifier="exact",
                        unit=unit,
                        scope=None,
                        claimed_by=who,
                        unverified=False,
                        citations=[1],
                    )
                ],
            )
            for value, low, unit, who in claims
        ],
        run=RunInfo(
            model="m",
            prompt_version="p",
            articles=1,
            calls=0,
            reasks=0,
            dropped=0,
            prompt_tokens=0,
            completion_tokens=0,
            timing=None,
        ),
    )


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            [(1000, None, "people", "Kirby"), (1e9, None, "GBP", None)],
            {"value+unit": (2, 2, 2), "value+unit+claimant": (2, 2, 2)},
        ),
        (
            [(1000, None, "people", "Biden"), (1e9, None, "USD", None)],
            {"value+unit": (1, 2, 2), "value+unit+claimant": (0, 2, 2)},
        ),
        (
            [(None, 1000, "people", "John Kirby")],
            {"value+unit": (1, 1, 2), "value+unit+claimant": (1, 1, 2)},
        ),
        (
            [(1000, None, "people", "Kirby"), (1000, None, "people", "Kirby")],
            {"value+unit": (1, 2, 2), "value+unit+claimant": (1, 2, 2)},
        ),
        (
            [(1e9, None, "GBP", "Kirby")],
            {"value+unit": (1, 1, 2), "value+unit+claimant": (0, 1, 2)},
        ),
    ],
)
def test_score(
    claims: list[tuple[float | None, float | None, str | None, str | None]],
    expected: dict[str, tuple[int, int, int]],
) -> None:
    scores = evaluate.score(_briefing(*claims), GOLD)
    assert {k: (s.matched, s.predicted, s.gold) for k, s in scores.items()} == expected


def test_evaluate_command_prints_precision_and_recall(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(_briefing((1000, None, "people", "Kirby")).to_json())
    result = CliRunner().invoke(
        cli.app, ["evaluate", str(path), "--gold", str(ROOT / "tests/data/gold_figures.json")]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == [
        "key",
        "precision",
        "recall",
        "matched",
        "predicted",
        "gold",
    ]


def test_gold_file_is_labelled_as_hand_written() -> None:
    about = " ".join(
        __import__("json").loads((ROOT / "tests/data/gold_figures.json").read_text())["_about"]
    )
    assert "WRITTEN BY HAND" in about


def test_evaluate_finds_its_gold_anywhere_and_fails_with_the_documented_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default gold file is found from any folder (it was a path relative to a checkout),
    and an unreadable briefing or gold file is exit 4, an input that cannot be read."""
    path = tmp_path / "b.json"
    path.write_text(_briefing((1000, None, "people", "Kirby")).to_json())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert evaluate.default_gold().is_file()
    missing = CliRunner().invoke(cli.app, ["evaluate", str(tmp_path / "nope.json")])
    assert missing.exit_code == 4 and "Cannot read the briefing" in missing.stderr
    bad_gold = CliRunner().invoke(cli.app, ["evaluate", str(path), "--gold", str(path)])
    assert bad_gold.exit_code == 4 and "Cannot read the gold file" in bad_gold.stderr
