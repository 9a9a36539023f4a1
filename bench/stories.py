"""Story clustering at scale: time and peak memory of merge/stories.cluster() on synthetic
days built from the real articles of tests/data/news and the seeds. Each size runs in a fresh
process. Prints a table; asserts nothing.

    python -m bench.stories              # 1,000 and 10,000 articles
    python -m bench.stories 1000 3000 10000

A synthetic story takes one real article's paragraphs, and each of its (one to eight)
articles a random half of them, with the story's own invented names added, so the day has
many stories that share a beat's vocabulary.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time

from bench.server import ROOT


def day(n: int, seed: int = 7) -> list[object]:
    from summarizer import ingest

    rng = random.Random(seed)
    paths = sorted((ROOT / "tests" / "data" / "news").glob("*.txt"))
    paths += sorted((ROOT / "seeds").glob("*.txt"))
    bases = [p.read_text(encoding="utf-8").split("\n\n") for p in paths]
    articles = []
    story = 0
    while len(articles) < n:
        paragraphs = rng.choice(bases)
        names = [f"Zq{story}x{k} Vel{story}o{k}" for k in range(3)]
        for _ in range(min(rng.randint(1, 8), n - len(articles))):
            kept = [p for p in paragraphs if rng.random() < 0.5] or paragraphs[:1]
            extra = f"{rng.choice(names)} said {rng.choice(names)} met {rng.choice(names)}."
            text = "\n\n".join([*kept, extra])
            articles.append(ingest.parse(text, f"s{story}_{len(articles)}.txt"))
        story += 1
    return articles


def measure(n: int) -> dict[str, float]:
    from summarizer.merge.stories import cluster

    articles = day(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    found = cluster(articles)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "articles": n,
        "seconds": seconds,
        "peak_mib": peak / 1024,
        "cluster_mib": (peak - before) / 1024,
        "stories": len(found),
    }


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    print(f"{'articles':>9} {'seconds':>8} {'peak MiB':>9} {'+MiB':>7} {'stories':>8}")
    for n in sizes:
        out = subprocess.run(
            [sys.executable, "-m", "bench.stories", "--child", str(n)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        r = json.loads(out)
        print(
            f"{r['articles']:>9,} {r['seconds']:>8.1f} {r['peak_mib']:>9,.0f} "
            f"{r['cluster_mib']:>7,.0f} {r['stories']:>8,}"
        )


if __name__ == "__main__":
    main()
