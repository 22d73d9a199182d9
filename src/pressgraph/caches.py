"""Files kept between processes in the user's cache folder (`$XDG_CACHE_HOME/pressgraph`,
else `~/.cache/pressgraph`): what every fresh process would otherwise make again, such as
the index of city names (resolve/city_index.py) and the programs of the large regular
expressions (regexes.py). Each is only a copy, named after what it was made from: a
missing, unreadable or unwritable file means the thing is made in memory, as without it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def folder() -> Path:
    """The folder the copies are kept in."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressgraph"


def read(path: Path) -> Any:
    """The value kept at `path` (marshal), or None when there is none that can be read."""
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        return marshal.loads(path.read_bytes())
    return None


def keep(path: Path, value: Any) -> None:
    """Write `value` (marshal) whole or not at all: another process may be reading or
    writing the same file. A folder that cannot be written is not an error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps(value))
            Path(temporary).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
