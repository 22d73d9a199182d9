"""Find and read input files safely: regular files only, links kept inside their folder,
reads that stop at the size cap.

A folder is walked with every problem kept as an `Input` that will be refused with its reason
(a folder that cannot be listed, a link leading out of the folder), never skipped in silence.
A file is opened without blocking and checked on the open descriptor, so a named pipe, a
device or a socket is refused before a byte is read, and at most `limit + 1` bytes are read:
`/dev/zero` behind a link, or a file that grows while read, cannot fill the memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pressgraph.errors import InputError

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Input:
    """One thing to ingest: a file path or a URL, the folder it was found in (links must stay
    inside it), or a problem found while listing the folder."""

    path: str
    root: str | None = None
    problem: InputError | None = None


def walk(folder: Path, suffixes: set[str] | list[str]) -> Iterator[Input]:
    """Files with a supported suffix under `folder`, sorted, hidden ones skipped; a sub-folder
    that cannot be listed is an `Input` with its problem."""
    root = str(folder)
    problems: list[OSError] = []
    found: list[Input] = []
    for here, dirs, files in os.walk(folder, onerror=problems.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Input(str(Path(here) / name), root)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes
        )
        # A link to a folder is listed among `dirs` and not walked: refused like a file link.
        found.extend(
            Input(str(Path(here) / name), root) for name in dirs if (Path(here) / name).is_symlink()
        )
    for error in problems:
        where = error.filename or folder
        found.append(
            Input(
                str(where),
                root,
                InputError(
                    "unreadable",
                    f"{where}: cannot list this folder ({error.strerror or error}); its files "
                    "were not read. Check its permissions",
                ),
            )
        )
    return iter(sorted(found, key=lambda i: i.path))


def check_link(path: Path, root: str | None, follow_links: bool) -> None:
    """Refuse a path found in a folder that leads out of it through a symbolic link."""
    if root is None or follow_links:
        return
    target = path.resolve()
    inside = Path(root).resolve()
    if not target.is_relative_to(inside):
        raise InputError(
            "outside_link",
            f"{path}: a symbolic link to {target}, outside the folder {root}; it was not "
            "read. Give the file itself, or pass --follow-links to read such links",
        )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return name
    return "special file"


def _not_regular(path: Path, mode: int) -> InputError:
    return InputError(
        "not_a_file",
        f"{path}: a {_kind(mode)}, not a regular file; only regular files are read",
    )


def _too_large(path: Path, limit: int) -> InputError:
    return InputError(
        "too_large",
        f"{path}: over the {limit:,}-byte limit; raise it with --max-bytes or "
        "PRESSGRAPH_MAX_BYTES if the page is genuine",
    )


def _unreadable(path: Path, exc: OSError) -> InputError:
    reason = exc.strerror or type(exc).__name__
    return InputError(
        "unreadable", f"{path}: cannot read it ({reason}); check the path and permissions"
    )


def open_regular(path: Path) -> int:
    """A descriptor of `path` opened for reading, which must be a regular file."""
    try:
        mode = path.stat().st_mode  # no open at all for a device or a pipe
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    mode = os.fstat(fd).st_mode  # what was opened, should it have changed since
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(path, mode)
    return fd


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing one over `limit` without reading past it."""
    fd = open_regular(path)
    try:
        with os.fdopen(fd, "rb", buffering=0) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if data is None or len(data) > limit:
        raise _too_large(path, limit)
    return data


def read_lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes) of each line of a regular file; a line over `limit` bytes is an
    InputError in its place, skipped without being held in memory."""
    fd = open_regular(path)
    try:
        with os.fdopen(fd, "rb") as handle:
            number = 0
            while line := handle.readline(limit + 1):
                number += 1
                if len(line) > limit and not line.endswith(b"\n"):
                    _skip_line(handle)
                    yield number, _too_large_record(path, number, limit)
                    continue
                yield number, line
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _skip_line(handle: BinaryIO) -> None:
    while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
        pass


def _too_large_record(path: Path, number: int, limit: int) -> InputError:
    return InputError(
        "too_large",
        f"{path.resolve()}#L{number}: record is over the {limit:,}-byte limit; raise it with "
        "--max-bytes or PRESSGRAPH_MAX_BYTES",
    )
