"""The wheel carries prompts/ and schemas/, so an installed package needs no source tree."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.support.helpers import ROOT


def test_wheel_ships_prompts_and_schemas(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for prompt in (ROOT / "prompts").glob("*.md"):
        assert f"summarizer/_data/prompts/{prompt.name}" in names
    for schema in (ROOT / "schemas").glob("*.json"):
        assert f"summarizer/_data/schemas/{schema.name}" in names
    assert "summarizer/_data/gold_figures.json" in names  # evaluate's default
    assert "summarizer/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
