"""Seconds for one big article through brief(), against the test server: is every stage linear
in the article's length? Prints a table; asserts nothing.

    python -m bench.big_article                        # 100 kB, 1 MB and 10 MB
    python -m bench.big_article --sizes 100000 200000 --limit 20000000
    python -m bench.big_article --sizes 250000 --repeat seeds/*.txt   # real web copy, repeated

The article is generated (no model, no real text): paragraphs of short sentences naming
people (a new surname in every paragraph), places and numbers, so that every rule-based stage
has work (people, figures, grounding, merge). The test server (tests/support/fake_server.py, in its own process) answers
each call at once with a valid answer, so the time that is not "model calls" is ours: ingest,
chunking, grounding, the people and number finders, figure building and the merge. An
article over the size limit (SUMMARIZER_MAX_ARTICLE_CHARS, default 1,000,000 characters) is
skipped with the reason, and the table says so.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.server import serving
from bench.throughput import GIVEN, PLACES
from summarizer import SummarizerError
from summarizer.config import Settings
from summarizer.pipeline import brief

_SENTENCES = (
    "{name} said {n} people came to the {place} market on Monday.",
    "The council of {place} spent ${n} million on the new bridge, {name} said.",
    "Prices rose {p}% in {place} last month, according to {name}.",
    "{name} met the mayor of {place} to discuss the harbour.",
)


_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "be",
    "da",
    "fu",
    "gi",
    "ho",
    "ja",
    "ke",
    "lu",
    "ma",
    "no",
    "pi",
    "re",
    "su",
    "to",
    "va",
    "ze",
]


def _family(i: int) -> str:
    """A surname of its own for each of 13,824 values of ``i``, three syllables drawn by a
    hash of it: a long text names ever more people, few of them spelled alike."""
    n = (i * 7919 + 13) % 24**3
    return "".join(_SYLLABLES[n // 24**k % 24] for k in range(3)).capitalize()


def article(size: int, repeat: list[Path] | None = None) -> str:
    """About ``size`` characters of generated news copy, in paragraphs of four sentences; or,
    with ``repeat``, of those files' texts over and over."""
    if repeat:
        texts = [p.read_text(encoding="utf-8") for p in repeat]
        whole = "\n".join(texts)
        return (whole * (size // len(whole) + 1))[:size]
    parts: list[str] = ["Markets and bridges across the region\n"]
    length, i = len(parts[0]), 0
    while length < size:
        name = f"{GIVEN[i % 10]} {_family(i)}"
        values = {"name": name, "place": PLACES[i % 5], "n": 10 + i % 990, "p": 1 + i % 9}
        paragraph = " ".join(s.format(**values) for s in _SENTENCES) + "\n\n"
        parts.append(paragraph)
        length += len(paragraph)
        i += 1
    return "".join(parts)[:size]


def run(size: int, url: str, limit: int, repeat: list[Path] | None = None) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(article(size, repeat), encoding="utf-8")
        settings = Settings(
            base_url=url, model="test-model", store=str(Path(tmp) / "r.sqlite3"),
            cache=False, concurrency=4, max_article_chars=limit,
        )  # fmt: skip
        started = time.perf_counter()
        try:
            briefing = brief([path], settings=settings, timing=True, history=False)
        except SummarizerError as exc:  # the only article skipped: nothing to brief
            return f"{size:>10,} {time.perf_counter() - started:>8.1f}   skipped: {exc}"
        wall = time.perf_counter() - started
        calls = briefing.run.timing.seconds if briefing.run.timing else 0.0
        return (
            f"{size:>10,} {wall:>8.1f} {calls:>8.1f} {wall - calls:>8.1f} "
            f"{briefing.run.calls:>6} {len(briefing.figures):>7} {len(briefing.citations):>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--limit", type=int, default=None, help="max_article_chars")
    parser.add_argument(
        "--repeat", type=Path, nargs="+", help="build the article from these files, repeated"
    )
    args = parser.parse_args()
    limit = args.limit or Settings().max_article_chars
    print(f"size limit: {limit:,} characters")
    print(
        f"{'chars':>10} {'wall s':>8} {'calls s':>8} {'ours s':>8} {'calls':>6} {'figures':>7} {'citations':>9}"
    )
    with serving(latency=0.0) as url:
        for size in args.sizes:
            print(run(size, url, limit, args.repeat), flush=True)


if __name__ == "__main__":
    main()
