"""Reading what the paths name: files, folders (in sorted order), stdin, and the reasons for
whatever cannot be read, which is skipped, never raised; and decoding the bytes."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.models import SkippedArticle

SUFFIXES = (".txt", ".md")


def read_all(
    paths: list[str], skipped: list[SkippedArticle], max_chars: int, follow_links: bool = False
) -> Iterator[tuple[str, bytes]]:
    reader = _Reader(skipped, max_chars, follow_links)
    for given in paths:
        if given == "-":
            yield from reader.stdin()
        else:
            yield from reader.path(given)


@dataclass
class _Reader:
    """Reads what each path names; whatever it cannot read is skipped with the reason, never
    raised: one broken input never sinks the others."""

    skipped: list[SkippedArticle]
    max_chars: int
    follow_links: bool = False

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(SkippedArticle(path=shown(path), reason=reason))

    def stdin(self) -> Iterator[tuple[str, bytes]]:
        data = sys.stdin.buffer.read(_max_bytes(self.max_chars) + 1)
        if len(data) > _max_bytes(self.max_chars):
            self.skip("<stdin>", self._too_long(f"over {_max_bytes(self.max_chars):,} bytes"))
            return
        yield "<stdin>", data

    def path(self, given: str) -> Iterator[tuple[str, bytes]]:
        kind = _kind(Path(given))
        if kind == "folder":
            yield from self.folder(Path(given))
        elif kind == "file":
            yield from self.file(given, Path(given))
        else:
            self.skip(given, kind)

    def folder(self, root: Path) -> Iterator[tuple[str, bytes]]:
        """Every .txt and .md file below ``root``, in sorted order of their paths."""
        paths = sorted(folder / name for folder, names in self._walk(root) for name in names)
        wanted = [p for p in paths if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")]
        if not wanted:
            self.skip(str(root), "folder holds no .txt or .md file")
        for path in wanted:
            kind = self._kind_within(root, path)
            if kind == "file":
                yield from self.file(str(path), path)
            else:
                self.skip(str(path), kind)

    def _walk(self, root: Path) -> Iterator[tuple[Path, list[str]]]:
        """(folder, file names) in sorted order; folders that cannot be entered, and links to
        folders (a loop, or a way out of ``root``), are skipped with the reason."""
        seen = {_real(root)}
        pending = [root]
        while pending:
            folder = pending.pop()
            seen.add(_real(folder))  # a link back to it is a loop, however it is reached
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self.skip(str(folder), f"folder cannot be entered: {_why(exc)}")
                continue
            files, subfolders = [], []
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(Path(entry.path))
                elif entry.is_symlink() and _kind(Path(entry.path)) == "folder":
                    link = Path(entry.path)
                    reason = self._link_to_folder(root, link, seen)
                    if reason is None:
                        subfolders.append(link)
                        seen.add(_real(link))
                    elif reason and not entry.name.startswith("."):
                        self.skip(str(link), reason)
                else:
                    files.append(entry.name)
            yield folder, files
            pending.extend(reversed(subfolders))

    def _link_to_folder(self, root: Path, link: Path, seen: set[str]) -> str | None:
        """None to follow the link; else why not ("" when that needs no saying)."""
        if _real(link) in seen:
            return "a link back to a folder already read (a symlink loop): not followed"
        if self.follow_links:
            return None
        if _inside(root, link):
            return ""  # read where it really is, once: nothing is left out, nothing to say
        return f"a link to a folder outside {shown(str(root))}: not followed (--follow-links)"

    def _kind_within(self, root: Path, path: Path) -> str:
        kind = _kind(path)
        leaves = path.is_symlink() and not _inside(root, path)
        if kind == "file" and leaves and not self.follow_links:
            return f"a link to a file outside {shown(str(root))}: not followed (--follow-links)"
        return kind

    def file(self, shown_as: str, path: Path) -> Iterator[tuple[str, bytes]]:
        limit = _max_bytes(self.max_chars)
        try:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                data = b"" if size > limit else stream.read(limit + 1)  # never more than that
        except OSError as exc:
            self.skip(shown_as, f"cannot be read: {_why(exc)}")
            return
        if size > limit or len(data) > limit:
            self.skip(shown_as, self._too_long(f"{max(size, len(data)):,} bytes"))
            return
        yield shown(shown_as), data

    def _too_long(self, size: str) -> str:
        return (
            f"too long to brief ({size}; the limit is {self.max_chars:,} characters, "
            "SUMMARIZER_MAX_ARTICLE_CHARS): split it, or raise the limit"
        )


def _max_bytes(max_chars: int) -> int:
    """The most bytes an article of ``max_chars`` characters can take (UTF-8: 4 a character,
    UTF-32 with its BOM: 4 and 4)."""
    return 4 * max_chars + 4


def _kind(path: Path) -> str:
    """ "file", "folder", or why the path cannot be read, without following it further."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing (dangling symlink)" if path.is_symlink() else _NO_SUCH
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        return f"cannot be read: {_why(exc)}"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")


_NO_SUCH = "no such file or folder"
_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO), not a file: not read, it could wait forever",
    stat.S_IFCHR: "a device, not a file",
    stat.S_IFBLK: "a device, not a file",
    stat.S_IFSOCK: "a socket, not a file",
}


def _why(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _inside(root: Path, path: Path) -> bool:
    return Path(_real(path)).is_relative_to(_real(root))


def shown(path: str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a file name
    (kept by the OS as surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# Byte order marks, longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, list[str]] | None:
    """The text and what to warn about; None for a binary file. A UTF-16 or UTF-32 file says
    so with its byte order mark; without one, a NUL byte means binary; what is not UTF-8 is
    read as cp1252, which decodes every byte, so nothing is lost."""
    if data.startswith(codecs.BOM_UTF8):  # the mark says UTF-8; it is not part of the text
        data = data[len(codecs.BOM_UTF8) :]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not UTF-8 ({exc.reason} at byte {exc.start}); decoded as cp1252"]
