"""Merge scaling on synthetic extractions (bench/synthetic.py): time and peak memory of the
merge at each size, each run in a fresh process, three runs a size (the median time and the
largest memory are shown). Prints a table; asserts nothing.

    python -m bench.merge_scaling              # 1,000 and 10,000 articles
    python -m bench.merge_scaling 1000 3000 10000
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time

from bench.server import ROOT

RUNS = 3  # each size, each in a fresh process: the median time, the largest memory


def measure(n: int) -> dict[str, float]:
    """Build ``n`` articles' extractions, then time merge() alone (run in a child process)."""
    from bench.synthetic import extractions
    from summarizer.merge import merge

    data = extractions(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    merged = merge(data)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "articles": n,
        "seconds": seconds,
        "peak_mib": peak / 1024,
        "merge_mib": (peak - before) / 1024,
        "developments": len(merged.developments),
        "figure_groups": len(merged.figures),
        "actors": len(merged.actors),
        "citations": len(merged.citations),
    }


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    rows = []
    for n in sizes:
        tries = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-m", "bench.merge_scaling", "--child", str(n)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(RUNS)
        ]
        row = dict(tries[0])
        row["seconds"] = statistics.median(t["seconds"] for t in tries)
        row["all_seconds"] = [t["seconds"] for t in tries]
        row["peak_mib"] = max(t["peak_mib"] for t in tries)
        row["merge_mib"] = max(t["merge_mib"] for t in tries)
        rows.append(row)
    print(
        "| articles | merge s | peak RSS MiB | of it, merge MiB | developments | figure groups "
        "| actors | citations |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['articles']:,} | {r['seconds']:.2f} | {r['peak_mib']:.0f} | "
            f"{r['merge_mib']:.0f} | {r['developments']:,} | {r['figure_groups']:,} | "
            f"{r['actors']:,} | {r['citations']:,} |"
        )
    for r in rows:
        print(
            f"{r['articles']:,} articles, each run: "
            + ", ".join(f"{t:.2f} s" for t in r["all_seconds"])
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"\n{last['articles']:,}/{first['articles']:,} articles: time ratio "
            f"{last['seconds'] / first['seconds']:.1f} "
            f"(linear would be {last['articles'] / first['articles']:.0f})"
        )


if __name__ == "__main__":
    main()
