"""The people the rule-based finder (extraction/people.py) finds in real news: the 43 Wikinews
articles of shared/news and the 5 seeds, one line per article and person, so two versions of
the rules can be compared by diffing their outputs. Asserts nothing; offline.

    python -m bench.people_found > before.txt   # on one commit
    python -m bench.people_found > after.txt    # on another
    diff before.txt after.txt

Read the list for places and institutions taken for persons: precision comes first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.seeds_speed import ROOT
from summarizer import ingest
from summarizer.extraction.people import find_people

NEWS = ROOT.parent / "shared" / "news"


def corpus(news: Path = NEWS) -> list[Path]:
    """The articles measured: the shared news (when this checkout sits beside it), the seeds."""
    found = sorted(news.glob("*.txt")) if news.is_dir() else []
    return found + sorted((ROOT / "seeds").glob("*.txt"))


def lines(paths: list[Path]) -> list[str]:
    """'file<TAB>name<TAB>role' for each person found, in the order the finder gives them."""
    out = []
    for path in paths:
        for article in ingest.load([path]).articles:
            out += [f"{path.name}\t{p.name}\t{p.role or ''}" for p in find_people(article)]
    return out


def main() -> None:
    news = Path(sys.argv[1]) if len(sys.argv) > 1 else NEWS
    paths = corpus(news)
    found = lines(paths)
    print("\n".join(found))
    print(f"# {len(found)} people in {len(paths)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
