"""How many model requests may be in flight at once, adapted to what the server tolerates.

The limit starts at the run's concurrency. A 429 halves it (never below 1); a run of successes
as long as the limit raises it by one, back up to the ceiling: additive increase,
multiplicative decrease, as TCP does. A burst of 429s from requests that were all in flight
together halves the limit once, not once per request: a 429 counts only if its request was
sent after the last decrease.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

log = logging.getLogger("summarizer")


class AdaptiveLimit:
    """A semaphore whose size follows the server's 429s."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = self.ceiling
        self.lowered = 0  # how many times a 429 lowered the limit
        self._in_flight = 0
        self._successes = 0
        self._epoch = 0  # bumped at each decrease
        self._cond = threading.Condition()

    @contextlib.contextmanager
    def slot(self) -> Iterator[int]:
        """Hold one place among the requests in flight; yields the epoch it was taken in."""
        with self._cond:
            self._cond.wait_for(lambda: self._in_flight < self.limit)
            self._in_flight += 1
            epoch = self._epoch
        try:
            yield epoch
        finally:
            with self._cond:
                self._in_flight -= 1
                self._cond.notify_all()

    def throttled(self, epoch: int) -> None:
        """The server answered 429 to a request sent in ``epoch``."""
        with self._cond:
            if epoch != self._epoch or self.limit == 1:
                return  # already lowered for this burst, or as low as it goes
            self.limit = max(1, self.limit // 2)
            self._epoch += 1
            self._successes = 0
            self.lowered += 1
            log.warning("rate limited (429): at most %d requests in flight now", self.limit)

    def succeeded(self) -> None:
        with self._cond:
            self._successes += 1
            if self.limit < self.ceiling and self._successes >= self.limit:
                self.limit += 1
                self._successes = 0
                self._cond.notify_all()
