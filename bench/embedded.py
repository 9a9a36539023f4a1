"""The embedded model on this machine: seconds per article and tokens per second for a run
over the seeds, against the floor set by the server's own prompt-eval and generation rates.
Prints a table; asserts nothing.

    summarizer brief seeds/ --no-cache --store /tmp/seeds.sqlite3 > /dev/null   # ~15 min
    python -m bench.embedded --store /tmp/seeds.sqlite3

The per-call figures come from the run store (the latest run that made calls, or --run).
The rates are measured by starting the embedded server and timing two requests: a long
prompt with one output token (prompt evaluation), and a short prompt with 128 output tokens
(generation). Two floors: with no prefix cache, prompt tokens / prompt rate + completion
tokens / generation rate, what the server needs with no overhead at all if it evaluated every
prompt in full; and generation alone, completion tokens / generation rate, what it needs even
if every prompt came from its cache. llama.cpp re-uses the evaluated prefix of the previous
prompt (the instructions and schema come first for that reason), so a run lands between;
the JSON grammar the server applies to every answer slows generation further.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections import defaultdict
from typing import Any

from summarizer.config import Settings
from summarizer.llm import LLM
from summarizer.llm.backends import connect


def rates(settings: Settings) -> tuple[float, float]:
    """(prompt tokens per second, generated tokens per second) of the embedded server, the
    best of two tries each."""
    with connect(settings) as connected, LLM(connected) as llm:
        long_prompt = " ".join(f"word{i}" for i in range(1500))
        best_pp = best_tg = 0.0
        for n in range(2):
            prompt, _, seconds = _timed(llm, f"{n} {long_prompt}", 1)
            best_pp = max(best_pp, prompt / seconds)
            prompt, generated, seconds = _timed(llm, f"Count from {n} to 500, one per line.", 128)
            best_tg = max(best_tg, generated / max(seconds - prompt / best_pp, 1e-3))
    return best_pp, best_tg


def _timed(llm: LLM, text: str, max_tokens: int) -> tuple[int, int, float]:
    """(prompt tokens, completion tokens, seconds) of one plain request."""
    started = time.perf_counter()
    answer = llm.api_client().chat.completions.create(
        model=llm.model,
        messages=[{"role": "user", "content": text}],
        max_tokens=max_tokens,
        temperature=0,
    )
    seconds = time.perf_counter() - started
    assert answer.usage is not None
    return answer.usage.prompt_tokens, answer.usage.completion_tokens, seconds


def calls(store: str, run: int | None) -> tuple[int, list[dict[str, Any]]]:
    db = sqlite3.connect(store)
    db.row_factory = sqlite3.Row
    if run is None:
        found = db.execute(
            "SELECT run_id FROM calls GROUP BY run_id ORDER BY MAX(created_at) DESC LIMIT 1"
        ).fetchone()
        if found is None:
            raise SystemExit(f"{store} holds no model call: run summarizer brief first")
        run = int(found[0])
    rows = db.execute(
        "SELECT article_id, prompt_tokens, completion_tokens, seconds, attempts FROM calls "
        "WHERE run_id = ? ORDER BY created_at",
        (run,),
    ).fetchall()
    return run, [dict(r) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="the run store of a run over the seeds")
    parser.add_argument("--run", type=int, help="which run (default: the latest with calls)")
    args = parser.parse_args()
    run, rows = calls(args.store, args.run)
    pp, tg = rates(Settings(embedded=True))
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_article[row["article_id"]].append(row)
    print(
        f"run {run} of {args.store}; server rates: {pp:.0f} prompt tok/s, {tg:.1f} generated tok/s\n"
    )
    print(
        "| article | calls | attempts | prompt tok | completion tok | seconds "
        "| floor, no cache s | floor, generation s | generated tok/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0.0, 0.0]
    for article, items in by_article.items():
        prompt = sum(r["prompt_tokens"] for r in items)
        completion = sum(r["completion_tokens"] for r in items)
        seconds = sum(r["seconds"] for r in items)
        floor = prompt / pp + completion / tg
        attempts = sum(r["attempts"] for r in items)
        print(
            f"| {article} | {len(items)} | {attempts} | {prompt:,} | {completion:,} | {seconds:.0f} | "
            f"{floor:.0f} | {completion / tg:.0f} | {completion / seconds:.1f} |"
        )
        for i, v in enumerate((len(items), attempts, prompt, completion, seconds, floor)):
            totals[i] += v
    n, attempts, prompt, completion, seconds, floor = totals
    print(
        f"| all {len(by_article)} | {n} | {attempts} | {prompt:,} | {completion:,} | {seconds:.0f} | "
        f"{floor:.0f} | {completion / tg:.0f} | {completion / seconds:.1f} |"
    )
    print(f"\n{seconds / len(by_article):.0f} s per article on average")


if __name__ == "__main__":
    main()
