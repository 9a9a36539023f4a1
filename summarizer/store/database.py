"""The SQLite file under the run store: its schema and the columns later versions added, how
it is opened, and one line that says what is wrong with it and what to do."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sqlite3
import sys
from pathlib import Path

from summarizer.errors import StoreError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    key TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    run_id INTEGER,
    model TEXT NOT NULL,
    base_url TEXT,
    article_id TEXT,
    request TEXT NOT NULL,
    answer TEXT,
    valid INTEGER NOT NULL,
    error TEXT,
    truncated INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cached_tokens INTEGER,
    seconds REAL NOT NULL,
    cost_usd REAL,
    prices_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    date TEXT,
    inputs TEXT NOT NULL,
    calls_made INTEGER NOT NULL DEFAULT 0,
    cache_hits INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    status TEXT NOT NULL DEFAULT 'running',
    briefing TEXT,
    pid INTEGER,
    host TEXT
);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    run_id INTEGER,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    requests INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_requests (
    key TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL,
    article_id TEXT,
    answer TEXT,
    error TEXT,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS batch_requests_batch ON batch_requests(batch_id);
CREATE INDEX IF NOT EXISTS calls_run ON calls(run_id);
CREATE INDEX IF NOT EXISTS runs_date ON runs(date);
"""

# Columns added since the first stores were written: an older file gains them when opened.
_ADDED_COLUMNS = (("runs", "pid", "INTEGER"), ("runs", "host", "TEXT"))

# The schema's version, kept in SQLite's PRAGMA user_version. 0: a file written before the
# version was kept (its tables and columns are brought up to date, as for 1); 1: the tables
# above with runs.pid and runs.host. A later change writes its step in ``connect`` (run when
# the file's version is below the step's) and bumps this; a file of a newer version than
# this code knows is refused, never rewritten.
SCHEMA_VERSION = 1


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store at ``path``, WAL mode, its tables made; StoreError if the
    file cannot be that."""
    if path.is_dir():
        raise StoreError(
            f"the run store {path} is a folder, not a file: pass --store "
            f"{path / 'runs.sqlite3'} (or SUMMARIZER_STORE), or another file"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"the folder of the run store {path} cannot be created ({_why_no_folder(path, exc)}): "
            f"{_ELSEWHERE}"
        ) from exc
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(explain(path, exc)) from exc
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(
                f"the run store {path} was written by a newer summarizer (schema version "
                f"{version}; this one knows up to {SCHEMA_VERSION}): upgrade summarizer, or "
                f"{_ELSEWHERE}"
            )
        db.executescript(_SCHEMA)
        _add_missing_columns(db)
        if version < SCHEMA_VERSION:
            _set_version(db)
    except sqlite3.Error as exc:  # e.g. not a database: the first statement reads the file
        db.close()
        raise StoreError(explain(path, exc)) from exc
    return db


def _set_version(db: sqlite3.Connection) -> None:
    try:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.OperationalError as exc:  # a read-only store of an older version: as read
        if not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
            raise


def _add_missing_columns(db: sqlite3.Connection) -> None:
    for table, column, kind in _ADDED_COLUMNS:
        if column in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
            continue
        try:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        except sqlite3.OperationalError as exc:
            # A read-only store of an older version can still be listed; writing fails anyway.
            if not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
                raise


def alive(pid: int) -> bool:
    """Whether a process of this machine has this pid. A pid reused since by another process
    counts as alive: a dead run then stays 'running', as it did before pids were kept."""
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process, alive
        return True
    return True


def _why_no_folder(path: Path, exc: OSError) -> str:
    # "File exists" would puzzle: say which part of the path is a file.
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    return f"{blocker} is a file" if blocker else str(exc.strerror)


_ELSEWHERE = "pass --store PATH (or SUMMARIZER_STORE) to use another file"

# What a SQLite result code (or the family it starts: SQLITE_IOERR_WRITE is an IOERR) means
# for the store, and what to do about it.
_CAUSES = {
    "SQLITE_NOTADB": ("is not a SQLite database (corrupt?)", "move it away"),
    "SQLITE_CORRUPT": ("is corrupt", "move it away"),
    "SQLITE_FULL": ("cannot grow: its disk is full", "free some space"),
    "SQLITE_READONLY": ("is read-only", "make it writable"),
    "SQLITE_CANTOPEN": ("cannot be opened (is its folder read-only?)", "check its folder"),
    "SQLITE_IOERR": ("could not be written or read (disk I/O error)", "check the disk"),
    "SQLITE_PERM": ("is not accessible (permission denied)", "check its permissions"),
    "SQLITE_BUSY": ("is locked by another process", "wait for it to finish"),
    "SQLITE_LOCKED": ("is locked by another process", "wait for it to finish"),
}


def explain(path: Path, exc: sqlite3.Error) -> str:
    """SQLite's error as one line that names the store and says what to do."""
    code = getattr(exc, "sqlite_errorname", None) or ""
    what, todo = next(
        (cause for prefix, cause in _CAUSES.items() if code.startswith(prefix)),
        (f"failed ({exc})", "check it"),
    )
    return f"the run store {path} {what}: {todo}, or {_ELSEWHERE}"


def host() -> str:
    return socket.gethostname()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
