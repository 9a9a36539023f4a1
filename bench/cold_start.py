"""Cold start of `summarizer --help`: the median wall time of several runs, each a new
process. Prints the times; asserts nothing.

    python -m bench.cold_start                 # 9 runs
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    command = [shutil.which("summarizer") or "summarizer", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    print(f"summarizer --help, {runs} runs: median {statistics.median(times):.3f} s")
    print("runs: " + ", ".join(f"{t:.3f}" for t in times))
    code = "import summarizer.cli, sys; print(len(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print(f"modules loaded by importing summarizer.cli: {modules.stdout.strip()}")


if __name__ == "__main__":
    main()
