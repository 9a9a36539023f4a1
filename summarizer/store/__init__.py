"""The run store: every model call and every briefing, in SQLite, so no answer is paid twice.

One file (``runs.sqlite3`` in the user data directory, or ``--store PATH``), WAL mode, written
as each call completes: a run killed halfway has kept every answer it got, and the next run
over the same inputs asks only for the rest.

A call's key is a hash of what decides its answer: the model, the base URL, the prompt
version and the schema (both inside the request), the messages (with their random delimiter
tags blanked, see prompts.untagged) and the sampling parameters. Its row keeps the request, the
answer as the model wrote it, whether it validated, what it cost in tokens, latency and money
(from a versioned price table; unknown is NULL, never 0).

A store that cannot be opened, read or written (a folder, a corrupt or read-only file, a full
disk) raises StoreError, whose one line names the file and says what to do.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from summarizer import prompts
from summarizer.errors import ConfigError, StoreError
from summarizer.llm.base import BatchEntry, Stored
from summarizer.llm.prices import PRICES_VERSION
from summarizer.store.database import alive, connect, explain, host, now

T = TypeVar("T")


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("summarizer") / "runs.sqlite3"


class Store:
    """A connection to the run store; use as a context manager.

    Without ``on_error``, a statement that fails raises StoreError. With it, the run matters
    more than its record: the first failure is reported there ("nothing was stored: why", or
    "nothing more was stored: why") instead, and nothing more is written; reads go on, so a
    full disk still answers what it holds. Opening the store raises StoreError either way.
    """

    def __init__(self, path: Path | str, *, on_error: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        # One connection shared by the extraction threads, each statement under the lock.
        self._db = connect(self.path)
        self._lock = threading.Lock()
        self._closed = False
        self._on_error = on_error
        self._lost = False  # a write failed: no more are tried
        self._wrote = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()

    def _execute(
        self, sql: str, params: tuple[Any, ...] = (), *, write: bool = False
    ) -> tuple[list[Any], list[str], int]:
        """Run one statement: its rows, column names and last row id. After close() (a call
        abandoned by an interrupted run finishing late) nothing is run and nothing returned."""

        def run(db: sqlite3.Connection) -> tuple[list[Any], list[str], int]:
            cursor = db.execute(sql, params)
            names = [d[0] for d in cursor.description or ()]
            return cursor.fetchall(), names, int(cursor.lastrowid or 0)

        return self._locked(run, write=write) or ([], [], 0)

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """Run one statement that writes; its last row id (0 when nothing was written)."""
        return self._execute(sql, params, write=True)[2]

    def _locked(self, work: Callable[[sqlite3.Connection], T], *, write: bool) -> T | None:
        """``work`` on the connection, under the lock. None after close(), for a write once the
        store is lost, and when ``work`` failed and the failure went to ``on_error``."""
        with self._lock:
            if self._closed or (write and self._lost):
                return None
            try:
                result = work(self._db)
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
            self._wrote = self._wrote or write
            return result

    def _failed(self, exc: sqlite3.Error) -> None:
        error = StoreError(explain(self.path, exc))
        if self._on_error is None:
            raise error from exc
        if not self._lost:  # said once: every later write would fail the same way
            self._lost = True
            self._on_error(f"nothing {'more ' if self._wrote else ''}was stored: {error}")

    # --- calls --------------------------------------------------------------------------------

    def get(self, key: str) -> Stored | None:
        rows, _, _ = self._execute(
            "SELECT answer, valid, error, truncated, attempts, prompt_tokens, completion_tokens "
            "FROM calls WHERE key = ?",
            (key,),
        )
        if not rows:
            return None
        row = rows[0]
        return Stored(row[0], bool(row[1]), row[2], bool(row[3]), row[4], row[5], row[6])

    def put(
        self,
        key: str,
        *,
        run_id: int | None,
        model: str,
        base_url: str | None,
        article_id: str | None,
        request: dict[str, Any],
        stored: Stored,
        cached_tokens: int | None,
        seconds: float,
        cost_usd: float | None,
    ) -> None:
        """Record one completed call; a later identical call is answered from here."""
        self._write(
            "INSERT OR REPLACE INTO calls VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                now(),
                run_id,
                model,
                base_url,
                article_id,
                prompts.untagged(json.dumps(request, ensure_ascii=False, default=str)),
                stored.answer,
                int(stored.valid),
                stored.error,
                int(stored.truncated),
                stored.attempts,
                stored.prompt_tokens,
                stored.completion_tokens,
                cached_tokens,
                round(seconds, 3),
                cost_usd,
                PRICES_VERSION,
            ),
        )

    # --- batches ------------------------------------------------------------------------------

    def add_batch(self, batch_id: str, run_id: int | None, keys: dict[str, str | None]) -> None:
        """Record a batch just submitted and its requests (key -> article id)."""

        def record(db: sqlite3.Connection) -> None:
            with db:  # one transaction: a batch is recorded whole or not at all
                db.execute("BEGIN")
                db.execute(
                    "INSERT INTO batches VALUES (?, ?, ?, 'submitted', ?)",
                    (batch_id, run_id, now(), len(keys)),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO batch_requests (key, batch_id, article_id) "
                    "VALUES (?, ?, ?)",
                    [(key, batch_id, article_id) for key, article_id in keys.items()],
                )

        self._locked(record, write=True)

    def rename_batch(self, old: str, new: str) -> None:
        """The batch recorded as ``old`` (its upload) is ``new`` on the server."""
        self._write("UPDATE batches SET id = ? WHERE id = ?", (new, old))
        self._write("UPDATE batch_requests SET batch_id = ? WHERE batch_id = ?", (new, old))

    def forget_batch(self, batch_id: str) -> None:
        """A batch the server no longer has: its unanswered requests are free to go again."""
        self._write("DELETE FROM batch_requests WHERE batch_id = ? AND done = 0", (batch_id,))
        self._write("UPDATE batches SET status = 'lost' WHERE id = ?", (batch_id,))

    def batch_request(self, key: str) -> BatchEntry | None:
        """Where this request stands in the batches, if it was ever sent in one."""
        rows, _, _ = self._execute(
            "SELECT r.batch_id, b.run_id, r.done, r.answer, r.error FROM batch_requests r "
            "JOIN batches b ON b.id = r.batch_id WHERE r.key = ?",
            (key,),
        )
        if not rows:
            return None
        batch_id, run_id, done, answer, error = rows[0]
        return BatchEntry(str(batch_id), run_id, bool(done), answer, error)

    def batch_done(
        self, batch_id: str, status: str, results: dict[str, tuple[str | None, str | None]]
    ) -> None:
        """Store what a finished batch answered (key -> (completion JSON, error)); requests
        it did not answer get the batch's status as their error."""
        for key, (answer, error) in results.items():
            self._write(
                "UPDATE batch_requests SET answer = ?, error = ?, done = 1 WHERE key = ? AND batch_id = ?",
                (answer, error, key, batch_id),
            )
        self._write(
            "UPDATE batch_requests SET error = ?, done = 1 WHERE batch_id = ? AND done = 0",
            (f"the batch ended {status} without answering this request", batch_id),
        )
        self._write("UPDATE batches SET status = ? WHERE id = ?", (status, batch_id))

    # --- runs ---------------------------------------------------------------------------------

    def start_run(self, inputs: list[dict[str, str]], date: str | None) -> int | None:
        """A new run's id; None if it could not be recorded (the store's ``on_error`` heard).
        The runs that earlier processes left 'running' and died in are marked 'killed'."""
        run_id = self._write(
            "INSERT INTO runs (started_at, date, inputs, pid, host) VALUES (?, ?, ?, ?, ?)",
            (now(), date, json.dumps(inputs, ensure_ascii=False), os.getpid(), host()),
        )
        self._mark_killed()  # after the insert: a read-only store says so, not "no pid column"
        return run_id or None

    def _mark_killed(self) -> None:
        """Runs left 'running' by a process of this machine that is gone (killed, crashed, or
        unable to record its end) become 'killed'. Another machine's processes cannot be looked
        at, and a run from before pids were recorded cannot be told from a live one: both are
        left as they are."""
        rows, _, _ = self._execute(
            "SELECT id, pid FROM runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL",
            (host(),),
        )
        for run_id, pid in rows:
            if not alive(pid):
                self._write(
                    "UPDATE runs SET status = 'killed' WHERE id = ? AND status = 'running'",
                    (run_id,),
                )

    def run_inputs(self, run_id: int) -> tuple[list[str], str | None, bool]:
        """What a stored run was given, to resume it: its inputs (where they were read), its
        date, and whether it sent batches."""
        rows, _, _ = self._execute("SELECT inputs, date FROM runs WHERE id = ?", (run_id,))
        if not rows:
            raise ConfigError(f"No run {run_id} in the run store {self.path}; see: summarizer runs")
        inputs = json.loads(rows[0][0])
        batched, _, _ = self._execute("SELECT 1 FROM batches WHERE run_id = ? LIMIT 1", (run_id,))
        paths = [i.get("resolved") or i["path"] for i in inputs]
        return paths, rows[0][1], bool(batched)

    def reopen_run(self, run_id: int) -> int:
        """Mark a stored run as running again (resumed); its counters go on from where they were."""
        self._write(
            "UPDATE runs SET status = 'running', finished_at = NULL, pid = ?, host = ? WHERE id = ?",
            (os.getpid(), host(), run_id),
        )
        return run_id

    def count(
        self, run_id: int, *, made: bool, tokens: tuple[int, int], cost_usd: float | None
    ) -> None:
        """Add one call to a run's counters: made, or answered from the store."""
        column = "calls_made" if made else "cache_hits"
        self._write(
            f"UPDATE runs SET {column} = {column} + 1, prompt_tokens = prompt_tokens + ?, "
            "completion_tokens = completion_tokens + ?, "
            "cost_usd = CASE WHEN ? IS NULL THEN cost_usd ELSE COALESCE(cost_usd, 0) + ? END "
            "WHERE id = ?",
            (*tokens, cost_usd, cost_usd, run_id),
        )

    def finish_run(self, run_id: int, status: str, briefing_json: str | None) -> None:
        self._write(
            "UPDATE runs SET finished_at = ?, status = ?, briefing = ? WHERE id = ?",
            (now(), status, briefing_json, run_id),
        )

    def previous_briefing(self, date: str) -> tuple[int, str] | None:
        """The latest briefing stored for a date before ``date``: (run id, its JSON)."""
        rows, _, _ = self._execute(
            # The latest earlier date; of its runs, the one over the most articles (not a
            # quick look at two files), then the latest.
            "SELECT id, briefing FROM runs WHERE date < ? AND briefing IS NOT NULL "
            "AND status IN ('ok', 'partial') "
            "ORDER BY date DESC, json_array_length(inputs) DESC, id DESC LIMIT 1",
            (date,),
        )
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first; those whose process is gone are marked 'killed'."""
        with contextlib.suppress(StoreError):  # a read-only store is still listed, as it stands
            self._mark_killed()
        return self._rows(
            "SELECT id, started_at, finished_at, date, status, calls_made, cache_hits, "
            "prompt_tokens, completion_tokens, cost_usd, inputs FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        )

    def briefing(self, run_id: int) -> str | None:
        """The briefing JSON a run stored, or None (no such run, or it stored none)."""
        rows, _, _ = self._execute("SELECT briefing FROM runs WHERE id = ?", (run_id,))
        return rows[0][0] if rows else None

    def run(self, run_id: int) -> dict[str, Any] | None:
        return next((r for r in self.runs(limit=1_000_000) if r["id"] == run_id), None)

    def usage(self) -> list[dict[str, Any]]:
        """Calls, tokens and cost by model and day (UTC), newest first."""
        return self._rows(
            "SELECT substr(created_at, 1, 10) AS day, model, COUNT(*) AS calls, "
            "SUM(attempts) AS attempts, SUM(prompt_tokens) AS prompt_tokens, "
            "SUM(completion_tokens) AS completion_tokens, SUM(cached_tokens) AS cached_tokens, "
            "CASE WHEN COUNT(cost_usd) = COUNT(*) THEN SUM(cost_usd) END AS cost_usd, "
            "AVG(seconds) AS mean_seconds FROM calls GROUP BY day, model "
            "ORDER BY day DESC, model",
            (),
        )

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        rows, names, _ = self._execute(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]
