"""The seeds on the embedded model, an older commit against this checkout, one after the other
on the same machine: wall time, and per kind of call the calls, re-asks, prompt and
completion tokens and seconds. Prints Markdown tables; asserts nothing.

    python -m bench.seeds_speed --against 7a34768     # the old commit, then this checkout
    python -m bench.seeds_speed                       # this checkout only
    python -m bench.seeds_speed --store old.sqlite3   # the table of a run already made

Each run is ``python -m summarizer brief seeds/ --no-cache`` in its own process, from the
commit's own tree (a temporary ``git worktree``; the interpreter and the installed packages
are this environment's), with a fresh run store and nothing configured, so each starts and
stops its own embedded server. Run it with the machine otherwise idle: llama.cpp's two
threads wait on each other when another process keeps a core busy.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The first words of each system prompt name the kind of call.
KINDS = {
    "You extract facts": "extraction",
    "You label the numbers": "labels",
    "You write the lead": "lead",
}


def run(tree: Path, store: Path, out: Path) -> float:
    """Seconds for one brief of the seeds from ``tree``; the briefing goes to ``out``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["SUMMARIZER_STORE"] = str(store)
    command = [sys.executable, "-m", "summarizer", "brief", "seeds/", "--no-cache", "-o", str(out)]
    started = time.perf_counter()
    subprocess.run(command, cwd=tree, env=env, check=True)  # cwd first on sys.path: its code
    return time.perf_counter() - started


def table(store: Path) -> list[dict[str, object]]:
    """Per kind of call: calls, attempts, re-asks, tokens, seconds, from the run store."""
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with sqlite3.connect(store) as db:
        query = "SELECT request, attempts, prompt_tokens, completion_tokens, seconds FROM calls"
        for request, attempts, prompt, completion, seconds in db.execute(query):
            system = json.loads(request)["messages"][0]["content"]
            kind = next((k for p, k in KINDS.items() if system.startswith(p)), "other")
            row = rows[kind]
            row["calls"] += 1
            row["re-asks"] += attempts - 1
            row["prompt tokens"] += prompt
            row["completion tokens"] += completion
            row["seconds"] += seconds
    total: dict[str, float] = defaultdict(float)
    for row in rows.values():
        for key, value in row.items():
            total[key] += value
    return [{"kind": k, **rows[k]} for k in sorted(rows)] + [{"kind": "all", **total}]


def show(title: str, wall: float | None, rows: list[dict[str, object]]) -> None:
    print(f"\n{title}" + (f": {wall:.0f} s wall" if wall is not None else ""))
    keys = ["kind", "calls", "re-asks", "prompt tokens", "completion tokens", "seconds"]
    print("| " + " | ".join(keys) + " |\n|---|" + "---:|" * (len(keys) - 1))
    for row in rows:
        cells = [str(row["kind"])] + [f"{float(row.get(k, 0)):,.0f}" for k in keys[1:]]
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="an older commit, run first")
    parser.add_argument("--store", type=Path, help="only print the table of this run store")
    args = parser.parse_args()
    if args.store:
        show(str(args.store), None, table(args.store))
        return
    with tempfile.TemporaryDirectory() as tmp:
        walls = {}
        trees = [("this checkout", ROOT)]
        if args.against:
            old = Path(tmp) / "old"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(old), args.against], cwd=ROOT, check=True
            )
            trees.insert(0, (args.against, old))
        try:
            for n, (name, tree) in enumerate(trees):
                store = Path(tmp) / f"{n}.sqlite3"
                walls[name] = run(tree, store, Path(tmp) / f"{n}.md")
                show(name, walls[name], table(store))
        finally:
            if args.against:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False
                )
        if len(walls) == 2:
            before, after = walls.values()
            print(
                f"\nwall time: {after:.0f} s against {before:.0f} s, {before / after:.2f}x faster"
            )


if __name__ == "__main__":
    main()
