"""Chunks: whole lines, boilerplate left out, offsets into the article kept, long lines cut."""

from __future__ import annotations

from summarizer import ingest
from summarizer.extraction.chunks import chunks, chunks_within
from tests.support.answers import SEED_002


def test_chunks_skip_boilerplate_and_keep_offsets() -> None:
    parts = list(chunks(SEED_002, 1200))
    assert len(parts) > 1
    for part in parts:
        assert "Smiley face" not in part.text and "Share." not in part.text
        for line in part.text.split("\n"):
            assert SEED_002.text.find(line, part.start) >= part.start
        assert len(part.text) <= 1200


def test_one_chunk_for_a_short_article() -> None:
    (part,) = chunks(SEED_002, 6000)
    assert part.start == SEED_002.text.index("U.S. Secretary")
    assert part.text.startswith("U.S. Secretary") and part.text.endswith("stability in the region.")


def test_a_line_longer_than_the_limit_is_cut_after_a_sentence() -> None:
    text = "First sentence here. " * 40 + "\n"  # one line of 840 characters, no break
    article = ingest.parse(text, "long.txt")
    parts = list(chunks(article, 200))
    assert len(parts) > 1 and all(len(p.text) <= 200 for p in parts)
    assert all(p.text.endswith(".") or p.text.endswith(". ") for p in parts[:-1])
    assert "".join(article.text[p.start : p.end] for p in parts) == text.rstrip("\n")


def test_a_chunk_cut_again_stays_inside_it() -> None:
    (whole,) = chunks(SEED_002, 6000)
    halves = list(chunks_within(SEED_002, whole, len(whole.text) // 2 + 1))
    assert len(halves) >= 2
    assert halves[0].start == whole.start and halves[-1].end == whole.end
    for half in halves:
        assert whole.start <= half.start < half.end <= whole.end
