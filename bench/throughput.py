"""Extraction throughput, a 429 storm and a cache re-run, against a test server with a fixed
latency (tests/support/fake_server.py in its own process). Prints a table; asserts nothing.

    python -m bench.throughput                 # N=200 articles, L=0.2 s, C=16, 20% of 429s

Each article is one short sentence with no number in it, so its extraction is exactly one
model call and the ideal wall time at concurrency C is ceil(N / C) * L. The baseline is a
plain loop that sends the same requests one after another through instructor. One untimed
run over C articles comes first (imports and set-up); every run gets its own run store, and
each is a whole brief(): ingest, extraction, merge.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from bench.server import serving, stats
from summarizer import ingest
from summarizer.config import Settings
from summarizer.extraction import _messages as extraction_messages
from summarizer.extraction.chunks import chunks
from summarizer.extraction.reply import ExtractionReply
from summarizer.pipeline import brief

GIVEN = ["Ana", "Rui", "Lea", "Ivo", "Eva", "Joel", "Mia", "Tor", "Zoe", "Kai"]
FAMILY = ["Lima", "Costa", "Moreau", "Sousa", "Dias", "Neto", "Berg", "Ruiz", "Holm", "Vidal"]
PLACES = ["Oakford", "Elmgate", "Ashwick", "Birchport", "Cedarham"]


def write_articles(folder: Path, n: int) -> None:
    for i in range(n):
        name = f"{GIVEN[i % 10]} {FAMILY[(i // 10) % 10]}"
        place = PLACES[(i // 100) % 5]
        text = f"{name} opened the bridge at {place} on Monday. Traffic resumed at noon.\n"
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")


def sequential_instructor(folder: Path, url: str) -> float:
    """The same requests, one after another, through a plain instructor client."""
    import instructor
    import openai

    client = instructor.from_openai(
        openai.OpenAI(base_url=url, api_key="none", max_retries=0), mode=instructor.Mode.JSON
    )
    articles = ingest.load([folder]).articles
    started = time.perf_counter()
    for article in articles:
        chunk = next(chunks(article, 6000))
        client.chat.completions.create(
            model="test-model",
            messages=extraction_messages(article, chunk, "0"),  # type: ignore[arg-type]
            response_model=ExtractionReply,
            max_retries=0,
            temperature=0,
        )
    return time.perf_counter() - started


def run(folder: Path, url: str, store: Path, concurrency: int, cache: bool) -> tuple[float, int]:
    settings = Settings(
        base_url=url,
        model="test-model",
        concurrency=concurrency,
        cache=cache,
        store=str(store),
        retry_wait=0.05,
        transport_retries=8,
    )
    started = time.perf_counter()
    briefing = brief([folder], settings=settings, timing=False)
    wall = time.perf_counter() - started
    assert len(briefing.sources) + len(briefing.skipped) == len(list(folder.iterdir()))
    return wall, len(briefing.sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate-limited", type=float, default=0.2)
    args = parser.parse_args()
    n, latency, c = args.articles, args.latency, args.concurrency
    ideal = math.ceil(n / c) * latency
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, store = Path(tmp) / "in", Path(tmp) / "runs.sqlite3"
        folder.mkdir()
        write_articles(folder, n)
        with serving(latency) as url:
            # One untimed run over a few articles first, so the timed ones measure throughput,
            # not the first imports and set-up of openai, instructor and the prompts.
            warm = Path(tmp) / "warm"
            warm.mkdir()
            write_articles(warm, c)
            run(warm, url, Path(tmp) / "warm.sqlite3", c, cache=False)
            plain = sequential_instructor(folder, url)
            rows.append(("sequential instructor loop", f"{plain:.2f}", f"{n}", f"{n}/{n}"))
            before = stats(url)["calls"]
            wall, done = run(folder, url, store, c, cache=False)
            calls = stats(url)["calls"] - before
            rows.append((f"summarizer, C={c}", f"{wall:.2f}", f"{calls}", f"{done}/{n}"))
            before = stats(url)["calls"]
            rerun, done = run(folder, url, store, c, cache=True)
            rows.append(
                ("cache re-run", f"{rerun:.2f}", f"{stats(url)['calls'] - before}", f"{done}/{n}")
            )
        with serving(latency, args.rate_limited) as url:
            storm, done = run(folder, url, Path(tmp) / "storm.sqlite3", c, cache=False)
            calls = stats(url)["calls"]
            rows.append(
                (
                    f"summarizer, C={c}, {args.rate_limited:.0%} answered 429",
                    f"{storm:.2f}",
                    f"{calls} ({calls - n} extra)",
                    f"{done}/{n}",
                )
            )
    print(f"N={n} articles, L={latency} s per call; ideal ceil(N/C)*L = {ideal:.2f} s at C={c}\n")
    print(f"| {'run':<40} | {'wall s':>7} | {'calls':>15} | {'articles':>8} |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 17}|{'-' * 10}|")
    for name, secs, calls_made, articles in rows:
        print(f"| {name:<40} | {secs:>7} | {calls_made:>15} | {articles:>8} |")
    print(
        f"\nsummarizer at C={c}: {wall / ideal:.2f}x the ideal, "
        f"{plain / wall:.1f}x faster than the sequential loop"
    )


if __name__ == "__main__":
    main()
