"""Ingest: reading paths, marking boilerplate, titles and outlets, skipping bad inputs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from summarizer import ingest
from summarizer.errors import InputError
from tests.support.helpers import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _marked(article: ingest.Article) -> list[str]:
    return [article.text[b.start : b.end] for b in article.boilerplate]


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_b5a58dfb68e4b0e0.txt", ["Original Source: www.independent.co.uk", "Post Comment"]),
        ("001_20794ec927be5556.txt", []),
        (
            "002_9e14d8b332cb9dc9.txt",
            [
                "Smiley face",
                "Weather\u00a0 \u00a0 \u00a0Live Markets",
                "Share.",
                "© 2024 Globe Timeline. All Rights Reserved.",
            ],
        ),
        (
            "003_8ca868f52a6922c0.txt",
            ["Loading Now", "Original Source: www.rfa.org", "BIO", "Post Comment"],
        ),
        ("004_90a43850ede0f87a.txt", []),
    ],
)
def test_seed_boilerplate(seed: str, expected: list[str]) -> None:
    article = ingest.load([SEEDS / seed]).articles[0]
    marked = _marked(article)
    assert len(marked) == len(expected)
    for got, want in zip(marked, expected, strict=True):
        if want == "BIO":
            assert got.startswith("Elena Martinez is a distinguished journalist")
        else:
            assert got.replace("\u00a0", " ").split() == want.replace("\u00a0", " ").split()


@pytest.mark.parametrize(
    ("seed", "outlet", "title"),
    [
        (
            "000_b5a58dfb68e4b0e0.txt",
            "independent.co.uk",
            "US Reports High North Korean Casualties in Ukraine-Russia War Amid New Aid for Ukraine",
        ),
        (
            "001_20794ec927be5556.txt",
            None,
            "The US commits to new military aid following North Korean troop losses and 'human wave' "
            "tactics in Ukraine's eastern front.",
        ),
        ("002_9e14d8b332cb9dc9.txt", None, None),
        (
            "003_8ca868f52a6922c0.txt",
            "rfa.org",
            "U.S. Confirms North Korean Casualties in Russia Amid Ongoing Conflict",
        ),
        ("004_90a43850ede0f87a.txt", None, None),
    ],
)
def test_seed_outlet_and_title(seed: str, outlet: str, title: str | None) -> None:
    article = ingest.load([SEEDS / seed]).articles[0]
    assert (article.outlet, article.title) == (outlet, title)


def test_text_is_exactly_the_file() -> None:
    for path in SEED_FILES:
        article = ingest.load([path]).articles[0]
        assert article.text == path.read_bytes().decode("utf-8")
        assert len(article.id) == 12


def test_directory_is_read_in_sorted_order() -> None:
    loaded = ingest.load([SEEDS])
    assert [Path(a.path).name for a in loaded.articles] == [p.name for p in SEED_FILES]
    assert loaded.skipped == []


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said 12 shops closed.".encode("latin-1"))
    (tmp_path / "copy.txt").write_bytes((SEED_FILES[1]).read_bytes())
    (tmp_path / "notes.csv").write_text("ignored")
    loaded = ingest.load([SEED_FILES[1], tmp_path, tmp_path / "missing.txt"])
    reasons = {Path(s.path).name: s.reason for s in loaded.skipped}
    assert reasons == {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
        "missing.txt": "no such file or folder",
    }
    # The same text twice is read once, and both paths are listed.
    seed = next(a for a in loaded.articles if a.path == str(SEED_FILES[1]))
    assert seed.also_at == [str(tmp_path / "copy.txt")]
    assert sum(a.id == seed.id for a in loaded.articles) == 1
    latin = next(a for a in loaded.articles if a.path.endswith("latin1.txt"))
    assert latin.text.startswith("Café owners")
    assert "decoded as cp1252" in latin.warnings[0]


@pytest.mark.parametrize(
    ("paths", "expected_error"),
    [
        (["no-such-dir/"], "no-such-dir/: no such file or folder"),
        ([], "no paths given"),
    ],
)
def test_nothing_readable_is_an_input_error(paths: list[str], expected_error: str) -> None:
    with pytest.raises(InputError, match=expected_error):
        ingest.load(paths)


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"folder holds no \.txt or \.md file"):
        ingest.load([tmp_path])


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(
        io.BytesIO(b"Headline here\nOfficials said 40 soldiers were killed.\n")
    )
    monkeypatch.setattr(sys, "stdin", stream)
    article = ingest.load(["-"]).articles[0]
    assert (article.path, article.outlet, article.title) == ("<stdin>", None, "Headline here")
    assert article.shown_outlet == "unknown outlet"  # never the file's (or stdin's) name


@pytest.mark.parametrize(
    ("line", "is_clutter"),
    [
        ("Post Comment", True),
        ("Share.", True),
        ("© 2023 Daily Planet. All rights reserved.", True),
        ("Advertisement", True),
        ("Share prices fell 3% in Seoul on Monday.", False),
        ("Loading Now", True),
        ("The loading of ships resumed now that the port is open.", False),
    ],
)
def test_clutter_lines(line: str, is_clutter: bool) -> None:
    article = ingest.parse(f"Headline\n{line}\nBody text that says 5 things.\n")
    assert bool(article.boilerplate) is is_clutter


def test_bio_only_counts_near_the_end() -> None:
    bio = "Jane Roe is an award-winning reporter covering defence."
    early = ingest.parse(f"Headline\n{bio}\n" + "Paragraph.\n" * 5)
    late = ingest.parse("Headline\n" + "Paragraph.\n" * 5 + bio + "\n")
    assert early.boilerplate == []
    assert [b.reason for b in late.boilerplate] == ["author bio"]


def test_a_dateline_after_the_headline_is_the_publication_date() -> None:
    from summarizer.ingest import parse

    assert parse("GM files for bankruptcy\nJune 01, 2009\n\nGM filed.").published == "2009-06-01"
    assert parse("Storm hits coast\n28 May 2009\n\nWinds rose.").published == "2009-05-28"
    # A date inside a sentence is not a dateline, and a text without one has no date.
    assert parse("Storm hits coast\n\nOn May 28, 2009 winds rose.").published is None
    assert parse("Storm hits coast\n\nWinds rose.").published is None
