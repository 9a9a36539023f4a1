"""Real filesystem failures for the run store's tests: files and folders made read-only, and a
tiny disk that fills up. Everything is undone when the test ends.

Root ignores permission bits, so as root "read-only" is the immutable attribute (chattr +i),
which root cannot write through either; as another user it is chmod. The tiny disk is a tmpfs
mount, which needs root: without it the test that asks for one is skipped.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest


class Breakage:
    """What a test broke, to be repaired by ``undo()`` (the fixture calls it)."""

    def __init__(self) -> None:
        self._immutable: list[Path] = []
        self._modes: list[tuple[Path, int]] = []
        self._mounts: list[Path] = []

    def read_only(self, *paths: Path) -> None:
        """Nothing can be written to these files, nor created in these folders."""
        for path in paths:
            if os.geteuid() == 0:
                self._chattr(path)
            else:
                self._modes.append((path, path.stat().st_mode))
                path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))

    def _chattr(self, path: Path) -> None:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not installed: root cannot be kept from writing")
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is refused here: {done.stderr.decode().strip()}")
        self._immutable.append(path)

    def tiny_disk(self, where: Path, size: str = "256k") -> Path:
        """A folder on a disk of its own, ``size`` big (a tmpfs)."""
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs (needs root): {done.stderr.decode().strip()}")
        self._mounts.append(where)
        return where

    @staticmethod
    def fill(disk: Path) -> None:
        """Write zeros to a file on ``disk`` until no byte is left."""
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:  # ENOSPC: full
            pass
        finally:
            os.close(fd)

    def undo(self) -> None:
        for path in self._immutable:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        for path, mode in self._modes:
            path.chmod(mode)
        for where in self._mounts:
            (where / "filler").unlink(missing_ok=True)
            if subprocess.run(["umount", str(where)], check=False).returncode != 0:
                subprocess.run(["umount", "-l", str(where)], check=False)
        self._immutable, self._modes, self._mounts = [], [], []
