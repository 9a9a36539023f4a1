"""Daily history: two dated runs in one store, and the second briefing says what is new,
which figure was revised (from X to Y, with sources) and which thread is no longer reported.
Against tests/support/fake_server.py, whose answers follow the articles (written by hand)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import ConfigError
from summarizer.models import Briefing
from summarizer.pipeline import brief
from summarizer.render import to_html, to_markdown
from summarizer.text.neutral import loaded_in_html, loaded_outside_quotes
from tests.support.fake_server import OpenAIServer
from tests.support.helpers import article_folder, settings_for

DAY_ONE = {
    "a.txt": "Ana Lima said 12 ships were waiting at the port of Oakford.\n",
    "b.txt": "Rui Costa closed the old bridge at Elmgate for repairs.\n",
}
DAY_TWO = {
    "a.txt": "Ana Lima said 15 ships were waiting at the port of Oakford.\n",
    "c.txt": "Lea Moreau opened the new school at Ashwick with pupils.\n",
}


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def _two_days(server: OpenAIServer, tmp_path: Path) -> tuple[Briefing, Briefing]:
    settings = settings_for(server, store=str(tmp_path / "r.sqlite3"))
    first = brief([article_folder(tmp_path, DAY_ONE, "d1")], settings=settings, date="2026-11-22")
    second = brief([article_folder(tmp_path, DAY_TWO, "d2")], settings=settings, date="2026-11-23")
    return first, second


def test_the_second_day_shows_the_revised_figure_the_new_and_the_gone(
    server: OpenAIServer, tmp_path: Path
) -> None:
    first, second = _two_days(server, tmp_path)
    assert first.history is None  # nothing earlier in the store
    history = second.history
    assert history is not None and history.previous_date == "2026-11-22"
    (revision,) = history.revised
    assert revision.before == ["12 (Ana Lima, unknown outlet)"] and revision.after == [
        "15 (Ana Lima, unknown outlet)"
    ]
    assert second.citations[revision.citations[0] - 1].quote.startswith("Ana Lima said 15")
    (new,) = history.new
    assert "Lea Moreau" in next(d.text for d in second.developments if d.id == new)
    (gone,) = history.no_longer_reported
    assert "Rui Costa" in gone.text and gone.outlets == ["unknown outlet"]
    markdown = to_markdown(second)
    section = markdown.split("## Since the previous briefing (2026-11-22)")[1].split("\n## ")[0]
    assert (
        "Revised: **" in section
        and "from 12 (Ana Lima, unknown outlet) to 15 (Ana Lima, unknown outlet) [" in section
    )
    assert (
        "New: “Lea Moreau opened" in section
        and "No longer reported: “Rui Costa closed the old bridge at Elmgate for repairs.” "
        "(last reported on 2026-11-22 by unknown outlet)"
        in section
    )
    html = to_html(second)
    assert (
        "Since the previous briefing (2026-11-22)" in html
        and "from 12 (Ana Lima, unknown outlet)" in html
    )
    assert loaded_outside_quotes(markdown) == [] and loaded_in_html(html) == []


def test_the_same_day_run_again_compares_with_the_earlier_date_and_gives_the_same_bytes(
    server: OpenAIServer, tmp_path: Path
) -> None:
    settings = settings_for(server, store=str(tmp_path / "r.sqlite3"))
    brief([article_folder(tmp_path, DAY_ONE, "d1")], settings=settings, date="2026-11-22")
    day_two = article_folder(tmp_path, DAY_TWO, "d2")
    once = brief([day_two], settings=settings, date="2026-11-23", timing=False)
    again = brief([day_two], settings=settings, date="2026-11-23", timing=False)
    assert again.to_json() == once.to_json()
    assert json.loads(again.to_json())["history"]["previous_date"] == "2026-11-22"


def test_no_history_leaves_the_section_out(server: OpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(server, store=str(tmp_path / "r.sqlite3"))
    brief([article_folder(tmp_path, DAY_ONE, "d1")], settings=settings, date="2026-11-22")
    later = brief(
        [article_folder(tmp_path, DAY_TWO, "d2")],
        settings=settings,
        date="2026-11-23",
        history=False,
    )
    assert later.history is None and "Since the previous" not in to_markdown(later)


@pytest.mark.parametrize("date", ["yesterday", "2026-13-01", "23/11/2026"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(tmp_path: Path, date: str) -> None:
    (tmp_path / "a.txt").write_text(DAY_ONE["a.txt"], encoding="utf-8")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        brief([tmp_path], base_url="http://127.0.0.1:9/v1", date=date)


def test_another_outlet_adding_a_value_is_not_a_revision(
    server: OpenAIServer, tmp_path: Path
) -> None:
    settings = settings_for(server, store=str(tmp_path / "r.sqlite3"))
    brief([article_folder(tmp_path, DAY_ONE, "d1")], settings=settings, date="2026-11-22")
    more = {**DAY_ONE, "d.txt": "Rui Costa said 20 ships were waiting at the port of Oakford.\n"}
    later = brief([article_folder(tmp_path, more, "d2")], settings=settings, date="2026-11-23")
    assert later.history is not None and later.history.revised == []
