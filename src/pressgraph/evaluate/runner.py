"""Run an evaluation: ingest and annotate the pages into a throwaway SQLite database in a
temporary directory, export it with the project's exporter, and score that export against
the gold (or score an export that already exists)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pressgraph.errors import EvaluationError
from pressgraph.evaluate.export import Export, read_export
from pressgraph.evaluate.gold import GoldDocument, read_gold
from pressgraph.evaluate.results import Scores
from pressgraph.evaluate.scoring import score
from pressgraph.evaluate.selection import Selection
from pressgraph.export.jsonl import write_jsonl
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.addresses import is_url
from pressgraph.ingest.sources import expand
from pressgraph.records import IngestSummary
from pressgraph.settings import Settings
from pressgraph.store.db import Database

Update = Callable[[int, int], None]  # done, total
# A stage of the run ("Ingesting", total) shown while it lasts, fed with how far it got.
Stage = Callable[[str, int], AbstractContextManager[Update]]


@contextmanager
def quiet_stage(_label: str, _total: int) -> Iterator[Update]:
    """A stage shown nowhere."""
    yield lambda _done, _total: None


@dataclass(frozen=True)
class Run:
    """An evaluation's scores and what it read."""

    scores: Scores
    export_documents: int  # documents in the export
    paired: int  # ... paired with a selected gold document
    unpaired: tuple[str, ...]  # file names of kept documents no gold document describes
    ingested: IngestSummary | None = None  # None when an existing export was scored
    export_path: Path | None = None  # the export kept (--export) or scored (--score-export)


def _gold(gold_path: str | Path, selection: Selection) -> list[GoldDocument]:
    chosen = [d for d in read_gold(gold_path) if selection.keeps(d.file)]
    if not chosen:
        raise EvaluationError(
            f"{gold_path}: no gold document is kept by the selection (--half/--only); "
            'check the file names given and the gold\'s "file" fields'
        )
    return chosen


def _scored(gold: list[GoldDocument], export: Export, selection: Selection) -> Run:
    files = {d.file for d in gold}
    kept = [f for f in export.docs_by_file if selection.keeps(f)]
    return Run(
        scores=score(export, gold, selection),
        export_documents=len(export.of("document")),
        paired=sum(len(export.docs_by_file[f]) for f in kept if f in files),
        unpaired=tuple(sorted(f for f in kept if f not in files)),
    )


def evaluate_export(gold_path: str | Path, export_path: str | Path, selection: Selection) -> Run:
    """Score an existing JSONL export against the gold."""
    gold = _gold(gold_path, selection)
    run = _scored(gold, read_export(export_path), selection)
    return replace(run, export_path=Path(export_path))


def page_inputs(pages: Sequence[str], selection: Selection) -> list[str]:
    """The page files (folders expanded) and URLs the selection keeps; errors when none."""
    if not pages:
        raise EvaluationError(
            "no pages to read; give page files or folders after the gold file, or score an "
            "existing export with --score-export EXPORT.jsonl"
        )
    for page in pages:
        if not is_url(page) and not Path(page).exists():
            raise EvaluationError(f"{page}: no such file or folder; give the pages to read")
    found = expand(list(pages))
    kept = selection.pages(found)
    if not kept:
        why = "none is kept by --half/--only" if found else "none is a page pressgraph reads"
        raise EvaluationError(
            f"no pages to read: {len(found)} files found in {', '.join(pages)} and {why}; "
            "check the paths and the selection"
        )
    return kept


def _ingest(db: Database, items: list[str], settings: Settings, stage: Stage) -> IngestSummary:
    from pressgraph.flow.annotate import annotate_stories  # spaCy loads only when needed

    with stage("Ingesting", len(items)) as update:
        done = 0

        def step(_item: str) -> None:
            nonlocal done
            done += 1
            update(done, len(items))

        summary = ingest(db, items, settings, progress=step)
    if summary.stored == 0:
        reasons = "; ".join(r.message for r in summary.refusals[:3])
        raise EvaluationError(
            f"none of the {len(items)} pages could be ingested ({summary.refused} refused, "
            f"{summary.duplicates} duplicates){': ' + reasons if reasons else ''}"
        )
    with stage("Annotating", 0) as update:
        annotate_stories(db, settings, progress=update)
    return summary


def _write_export(db: Database, out: Path) -> None:
    try:
        with out.open("w", encoding="utf-8") as handle:
            write_jsonl(db, handle)
    except OSError as exc:
        raise EvaluationError(
            f"{out}: cannot write the export ({exc.strerror or exc}); give a path in a folder "
            "that exists and can be written"
        ) from exc


def evaluate_pages(
    gold_path: str | Path,
    pages: Sequence[str],
    selection: Selection,
    settings: Settings,
    *,
    keep: str | Path | None = None,
    stage: Stage = quiet_stage,
) -> Run:
    """Ingest and annotate the pages into a throwaway database, export it (to `keep` when
    given, else into the temporary directory) and score the export."""
    gold = _gold(gold_path, selection)
    items = page_inputs(pages, selection)
    if keep is not None and not Path(keep).parent.is_dir():
        raise EvaluationError(f"{keep}: no folder {Path(keep).parent} to keep the export in")
    with tempfile.TemporaryDirectory(prefix="pressgraph-evaluate-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'evaluate.db'}"
        local = settings.with_overrides(db_url=url)
        db = Database(url)
        try:
            summary = _ingest(db, items, local, stage)
            out = Path(keep) if keep is not None else Path(tmp) / "export.jsonl"
            _write_export(db, out)
        finally:
            db.close()
        run = _scored(gold, read_export(out), selection)
    kept = Path(keep) if keep is not None else None
    return replace(run, ingested=summary, export_path=kept)
