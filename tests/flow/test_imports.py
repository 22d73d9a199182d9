"""Issue 10, one flow: the stages stay pure. Nothing in `pressgraph.nlp`, `pressgraph.extract`
or `pressgraph.clean` imports the store, the flow or the settings (which name the store),
directly or through another pressgraph module (read from the source with `ast`)."""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import pressgraph
from tests.modules import loaded_by

SRC = Path(pressgraph.__file__).resolve().parent
PURE = ("nlp", "extract", "clean")
FORBIDDEN = ("pressgraph.store", "pressgraph.flow", "pressgraph.settings")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _file(module: str) -> Path | None:
    base = SRC.parent.joinpath(*module.split("."))
    for found in (base.with_suffix(".py"), base / "__init__.py"):
        if found.is_file():
            return found
    return None


def _imported(path: Path) -> set[str]:
    """The pressgraph modules a file imports: `from a import b` names `a` and, when it is a
    module, `a.b`; a relative import is read against the file's package."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            origin = ".".join([*base, node.module] if node.level else [node.module or ""])
            origin = origin.strip(".")
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] == "pressgraph" and _file(m) is not None}


def _with_parents(module: str) -> list[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ too."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts) + 1)]


def _reached_from(packages: tuple[str, ...]) -> dict[str, str | None]:
    """Every pressgraph module the packages' files import, directly or not: module -> the
    module that imported it (None for the packages' own files)."""
    start = [_module(f) for p in packages for f in sorted((SRC / p).rglob("*.py"))]
    seen: dict[str, str | None] = dict.fromkeys(start)
    todo = deque(start)
    while todo:
        module = todo.popleft()
        path = _file(module)
        assert path is not None, module
        for name in sorted(_imported(path)):
            for needed in _with_parents(name):
                if needed not in seen:
                    seen[needed] = module
                    todo.append(needed)
    return seen


def _chain(seen: dict[str, str | None], module: str) -> str:
    steps = [module]
    while (before := seen[steps[-1]]) is not None:
        steps.append(before)
    return " <- ".join(steps)


def test_the_import_walk_sees_relative_and_indirect_imports() -> None:
    seen = _reached_from(("flow",))  # the flow does use the store: the walk must find it
    assert "pressgraph.store.annotations" in seen and "pressgraph.nlp.workers" in seen
    assert "pressgraph.store.db" in seen  # through store.annotations, not named by the flow
    assert len(_reached_from(PURE)) > 100


def test_the_stages_import_nothing_of_the_store_the_flow_or_the_settings() -> None:
    seen = _reached_from(PURE)
    bad = [_chain(seen, m) for m in seen if m.startswith(FORBIDDEN)]
    assert bad == [], "\n".join(bad)


def test_importing_the_annotation_stage_loads_no_database_code() -> None:
    stages = "pressgraph.nlp.annotate, pressgraph.extract, pressgraph.clean.page"
    forbidden = ("pressgraph.store", "pressgraph.flow", "pressgraph.settings", "sqlalchemy")
    assert loaded_by(stages, forbidden) == []
