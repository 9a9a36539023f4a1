"""AdaptiveLimit: halved on a 429, once per burst, never below 1, raised again by successes."""

from __future__ import annotations

import threading
import time

from summarizer.llm.limit import AdaptiveLimit
from tests.support.helpers import Gauge


def test_a_429_halves_the_limit_and_successes_raise_it_back() -> None:
    limit = AdaptiveLimit(8)
    with limit.slot() as epoch:
        pass
    limit.throttled(epoch)
    assert limit.limit == 4 and limit.lowered == 1
    for _ in range(4):
        limit.succeeded()
    assert limit.limit == 5  # one more after a run of successes as long as the limit
    for _ in range(100):
        limit.succeeded()
    assert limit.limit == 8  # never above the ceiling


def test_a_burst_of_429s_from_one_epoch_halves_once() -> None:
    limit = AdaptiveLimit(16)
    epochs = []
    for _ in range(16):
        with limit.slot() as epoch:
            epochs.append(epoch)
    for epoch in epochs:  # sixteen requests sent together, all answered 429
        limit.throttled(epoch)
    assert limit.limit == 8 and limit.lowered == 1
    with limit.slot() as later:
        pass
    limit.throttled(later)  # a request sent after the decrease counts again
    assert limit.limit == 4


def test_the_limit_never_drops_below_one() -> None:
    limit = AdaptiveLimit(2)
    for _ in range(5):
        with limit.slot() as epoch:
            pass
        limit.throttled(epoch)
    assert limit.limit == 1


def test_slots_bound_the_requests_in_flight() -> None:
    limit = AdaptiveLimit(3)
    gauge = Gauge()

    def request() -> None:
        with limit.slot(), gauge:
            time.sleep(0.02)

    threads = [threading.Thread(target=request) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gauge.peak == 3
