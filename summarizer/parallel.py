"""One function over many items on a few threads, results in input order.

Threads, not asyncio: the library's API stays synchronous and callable from anywhere (a
script, a notebook whose event loop is already running, a web handler), the openai client is
thread-safe, and the work is waiting on the network. The threads are daemons, so Ctrl-C in
the caller returns at once instead of waiting for requests in flight; the run then closes its
model client and store, so an abandoned thread sends no new request and stores nothing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    on_result: Callable[[int, R], None] | None = None,
) -> list[R]:
    """``[work(x) for x in items]``, with up to ``workers`` items in progress at once.

    ``on_result(index, result)`` is called on the caller's thread as each item finishes, in
    completion order; the list returned is in input order, so the output never depends on
    which call came back first. The first exception raised by ``work`` stops the items not
    yet started and is raised here.
    """
    if workers <= 1 or len(items) <= 1:
        in_order = []
        for index, item in enumerate(items):
            in_order.append(work(item))
            if on_result is not None:
                on_result(index, in_order[-1])
        return in_order
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(items)):
        todo.put(index)
    done: queue.SimpleQueue[tuple[int, Future[R]]] = queue.SimpleQueue()
    halt = threading.Event()

    def worker() -> None:
        while not halt.is_set():
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            outcome: Future[R] = Future()
            try:
                outcome.set_result(work(items[index]))
            except BaseException as exc:  # handed to the caller's thread, raised there
                outcome.set_exception(exc)
            done.put((index, outcome))

    for n in range(min(workers, len(items))):
        threading.Thread(target=worker, name=f"summarizer-{n}", daemon=True).start()
    results: dict[int, R] = {}
    try:
        for _ in items:
            index, outcome = done.get()
            results[index] = outcome.result()  # raises what work() raised
            if on_result is not None:
                on_result(index, results[index])
    finally:
        halt.set()
    return [results[i] for i in range(len(items))]
