"""ordered_map: results in input order whatever the completion order, a bound on the items in
progress, the first error raised and the rest not started."""

from __future__ import annotations

import threading
import time

import pytest

from summarizer.extraction.scheduling import ordered_map
from tests.support.helpers import Gauge


def test_results_keep_input_order_when_calls_finish_out_of_order() -> None:
    delays = [0.05, 0.0, 0.03, 0.01, 0.0, 0.02]
    finished: list[int] = []

    def work(i: int) -> int:
        time.sleep(delays[i])
        return i * 10

    out = ordered_map(work, list(range(len(delays))), 4, lambda i, _: finished.append(i))
    assert out == [0, 10, 20, 30, 40, 50]
    assert sorted(finished) == list(range(6)) and finished != sorted(finished)


@pytest.mark.parametrize("workers", [1, 3, 8])
def test_no_more_than_workers_items_run_at_once(workers: int) -> None:
    gauge = Gauge()

    def work(i: int) -> int:
        with gauge:
            time.sleep(0.02)
        return i

    assert ordered_map(work, list(range(12)), workers) == list(range(12))
    assert gauge.peak == workers


def test_the_first_error_is_raised_and_later_items_are_not_started() -> None:
    started: list[int] = []

    def work(i: int) -> int:
        started.append(i)
        if i == 1:
            raise ValueError("boom")
        time.sleep(0.05)
        return i

    with pytest.raises(ValueError, match="boom"):
        ordered_map(work, list(range(40)), 2)
    time.sleep(0.2)  # the worker still busy finishes its item, and takes no new one
    assert len(started) <= 4


def test_one_worker_runs_on_the_callers_thread() -> None:
    threads = ordered_map(lambda _: threading.current_thread(), [1, 2], 1)
    assert threads == [threading.main_thread()] * 2
