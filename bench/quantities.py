"""Speed of the quantity reader (`summarizer quantities`, figures/reader.py): sentences and
numbers read per second over the real articles of tests/data/news and the seeds, each read
REPEATS times. Prints figures; asserts nothing. Measure with the machine otherwise idle.

    python -m bench.quantities
"""

from __future__ import annotations

import sys
import time

from bench.server import ROOT

REPEATS = 5


def main() -> None:
    from summarizer import ingest
    from summarizer.figures import reader
    from summarizer.text.sentences import sentences

    paths = sorted((ROOT / "tests" / "data" / "news").glob("*.txt"))
    paths += sorted((ROOT / "seeds").glob("*.txt"))
    articles = ingest.load([str(p) for p in paths]).articles
    reader.read("Warm-up: 5 miles, $3bn, 15 euros.")  # loads pint's and babel's tables once
    count = sum(len(list(sentences(a))) for a in articles)
    started = time.perf_counter()
    numbers = 0
    for _ in range(REPEATS):
        for article in articles:
            numbers += len(reader.read_article(article))
    elapsed = time.perf_counter() - started
    sys.stdout.write(
        f"{len(articles)} articles, {count} sentences, {numbers // REPEATS} numbers, read "
        f"{REPEATS} times in {elapsed:.2f} s: {count * REPEATS / elapsed:,.0f} sentences/s, "
        f"{numbers / elapsed:,.0f} numbers/s\n"
    )


if __name__ == "__main__":
    main()
