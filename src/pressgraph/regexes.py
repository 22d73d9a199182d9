"""Large regular expressions compiled once per machine, not once per process (issue 10).

The roles grammar, the dates and the quantities compile about 270,000 characters of
patterns made from the data files: over a second of every fresh `pressgraph` process, more
than the model takes to load. Python's `re` parses a pattern into a program of integer
codes and makes the pattern object from that program; `compile` keeps the programs of the
patterns it is given in the cache folder (caches.py), in a file named after the Python
build and its regex engine's version, and a later process makes the pattern object from
the kept program at once. The object is the one `re.compile` gives: patterns compare equal
by their programs, and a test checks every kept one. Another engine, or a kept file that
cannot be read, means `re.compile` does the work, as without the file.

The programs are written when the process ends, and only when it compiled a pattern not
kept yet (the data files changed, or a first run).
"""

from __future__ import annotations

import atexit
import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pressgraph import caches

_ENGINE: Any = importlib.import_module("_sre")  # the engine behind `re` (CPython)
_PARSER: Any = importlib.import_module("re._parser")
_COMPILER: Any = importlib.import_module("re._compiler")

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Kept:
    """The programs read from the cache file, and whether any were added since."""

    def __init__(self) -> None:
        self.path = cache_file()
        kept = caches.read(self.path)
        self.programs: dict[str, Program] = kept if isinstance(kept, dict) else {}
        self.added = False

    def write(self) -> None:
        if self.added:
            caches.keep(self.path, self.programs)
            self.added = False


_kept: _Kept | None = None


def cache_file() -> Path:
    """Where the programs are kept for this Python build and regex engine."""
    return caches.folder() / f"regexes-{sys.hexversion:x}-{_ENGINE.MAGIC}.marshal"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the kept program when there is one."""
    kept = _programs()
    key = f"{int(flags)}:{pattern}"
    program = kept.programs.get(key)
    if program is not None:
        try:
            return _made(pattern, program)
        except (TypeError, ValueError, RuntimeError):  # a program of another engine
            pass
    try:
        program = _program(pattern, flags)
        compiled = _made(pattern, program)
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)
    kept.programs[key] = program
    kept.added = True
    return compiled


def _programs() -> _Kept:
    global _kept
    if _kept is None:
        _kept = _Kept()
        atexit.register(_kept.write)
    return _kept


def _program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` gives the engine for this pattern."""
    parsed = _PARSER.parse(pattern, flags)
    code = [int(c) for c in _COMPILER._code(parsed, flags)]  # named constants are ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _made(pattern: str, program: Program) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = program
    made: re.Pattern[str] = _ENGINE.compile(
        pattern, final_flags, code, groups, groupindex, indexgroup
    )
    return made


Trie = dict[str, "Trie"]


def matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose every match is non-empty and
    begins at one of `starts` (ascending), tried there only. A search runs the pattern at every
    character; one that opens with a look-behind or a group cannot skip ahead to where it
    could begin, so over a whole story it costs more than finding those places once."""
    after = 0
    for at in starts:
        if at < after:
            continue
        found = pattern.match(text, at)
        if found is not None:
            after = found.end()
            yield found


def trie(phrases: Iterable[str], space: str = r"\s+") -> str:
    """One regex for many phrases, as a prefix tree: "Deputy Minister|Deputy Secretary General"
    becomes "Deputy\\s+(?:Minister|Secretary\\s+General)", so the engine does not try every
    phrase at every position. A space in a phrase matches `space`. It matches what the
    alternation of the phrases longest first matches, and the same way: where several phrases
    fit at one position each is a prefix of the next, and every branch is greedy, so the
    longest is tried first. Without phrases it matches nothing."""
    root: Trie = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root, space) if root else "(?!)"


def _branches(node: Trie, space: str) -> str:
    branches = [
        (space if c == " " else re.escape(c)) + _branches(child, space)
        for c, child in sorted(node.items())
        if c
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
