"""How a command runs: settings from its options, the library call with its errors turned into
one red line and an exit code (Ctrl-C, SIGTERM), and where its output goes."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from summarizer.errors import SummarizerError

if TYPE_CHECKING:
    from summarizer.config import Settings

err = Console(stderr=True)


def settings_from(verbose: bool, **explicit: Any) -> Settings:
    from summarizer.config import Settings
    from summarizer.redact import RedactingFilter

    if verbose:
        # On a terminal, log lines go through rich's console so they print above the bar.
        from rich.logging import RichHandler

        handler: logging.Handler = (
            RichHandler(console=err, show_time=False, show_path=False, markup=False)
            if err.is_terminal
            else logging.StreamHandler(sys.stderr)
        )
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", handlers=[handler])
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactingFilter())
    else:
        # instructor logs every exhausted re-ask at ERROR, tracebacks and all; the run reports
        # dropped items itself, so without --verbose that noise stays out of the terminal.
        logging.getLogger("instructor").addHandler(logging.NullHandler())
        logging.getLogger("instructor").propagate = False
    given: dict[str, Any] = {k: v for k, v in explicit.items() if v is not None}
    # __init__, not model_validate: only __init__ reads the env. An invalid setting raises
    # ConfigError with one line per problem: exit 3.
    settings: Settings = run(lambda: Settings(**given))
    return settings


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread as Ctrl-C raises KeyboardInterrupt: the run stops
    the same way (the store records it 'interrupted', the embedded model is stopped)."""


def run(call: Any) -> Any:
    with _terminate_as_interrupt():
        try:
            return call()
        except SummarizerError as exc:
            fail(str(exc), exc.exit_code)
        except _Terminated:
            fail("Terminated.", 128 + signal.SIGTERM)
        except KeyboardInterrupt:
            fail("Interrupted.", 130)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the library runs, SIGTERM (a service manager, `kill`) raises _Terminated instead
    of ending the process on the spot, which would leave the run 'running' in the store."""
    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield
        return

    def terminated(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def check_out(out: Path | None) -> None:
    """An output file that cannot be written is said before the run, not after its calls."""
    if out is None:
        return
    folder = out.parent if str(out.parent) else Path(".")
    problem = None
    if out.is_dir():
        problem = "is a folder; give a file name"
    elif not folder.is_dir():
        problem = f"cannot be written: the folder {folder} does not exist"
    elif not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        problem = "cannot be written: permission denied"
    if problem:
        fail(f"--out {out} {problem}.", 3)


def emit(text: str, out: Path | None, status: Console | None = None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:  # checked before the run, but a disk can fill up meanwhile
        sys.stdout.write(text)
        fail(f"--out {out} could not be written ({exc.strerror}); the output went to stdout.", 1)
    (status or err).print(f"wrote {escape(str(out))}")


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


def fail(message: str, code: int) -> NoReturn:
    # escape: messages carry text such as "summarizer[local]" that rich would read as markup
    err.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
