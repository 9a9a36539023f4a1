"""The beats' vocabularies are data: the figure rules read another beat's file as they read
the shipped conflict one (tests/data/vocabularies/sport.toml is hand-written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.figures import measures, vocabulary
from summarizer.merge.words import counted_key

SPORT = Path(__file__).resolve().parents[1] / "data" / "vocabularies" / "sport.toml"


@pytest.fixture
def sport(monkeypatch: pytest.MonkeyPatch) -> vocabulary.Vocabulary:
    words = vocabulary.load([SPORT])
    monkeypatch.setattr(vocabulary, "default", lambda: words)
    return words


def _read(sentence: str, number: str, unit: str | None) -> measures.Measure:
    start = sentence.index(number)
    return measures.read(sentence, start, start + len(number), unit)


def test_the_shipped_vocabulary_reads_the_conflict_beat() -> None:
    m = _read("Kirby said 1,000 North Korean troops were killed or wounded.", "1,000", "people")
    assert (m.thing, m.who) == ("casualties (killed or wounded)", "North Korean")
    assert counted_key("soldiers killed") == counted_key("troops dead") == {"troop", "death"}


def test_another_beats_file_is_read_the_same_way(sport: vocabulary.Vocabulary) -> None:
    m = _read("A crowd of 52,000 Brazilian fans saw the final.", "52,000", "people")
    assert (m.thing, m.who) == ("attendance", "Brazilian")
    assert _read("The club named 23 players for the cup.", "23", "people").thing == "squad"
    money = _read("He joined for a transfer fee of €80 million.", "€80 million", "EUR")
    assert money.thing == "transfer fee"
    # the words that count the same thing are the sport file's; the conflict file's are gone
    assert counted_key("fans") == counted_key("spectators") == {"supporter"}
    assert counted_key("soldiers") == {"soldier"}
    # ... and the conflict words measure nothing here
    assert _read("Kirby said 1,000 troops were killed.", "1,000", "people").thing is None


def test_a_misspelt_section_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("peopel = ['fans']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown keys"):
        vocabulary.load([bad])


def test_files_are_joined_in_order() -> None:
    both = vocabulary.load([*sorted(vocabulary.FOLDER.glob("*.toml")), SPORT])
    names = [m.name for m in both.measures]
    assert names[0] == "casualties (killed or wounded)" and names[-2:] == ["attendance", "squad"]
