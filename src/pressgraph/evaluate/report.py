"""How an evaluation is shown: the shared scorer's table (and its JSON, field for field), a
line before it on what was read, one after it summing up, and the --errors lines."""

from __future__ import annotations

from typing import Any

from pressgraph.evaluate.results import Miss, Scores
from pressgraph.evaluate.runner import Run


def as_json(scores: Scores, *, errors: bool = False) -> dict[str, Any]:
    """The structure of `score.py --json` (figures rounded to 3 places), plus the misses
    under "errors" when asked for."""
    out: dict[str, Any] = {
        "categories": {
            c.name: {
                "p": round(c.precision, 3),
                "r": round(c.recall, 3),
                "f1": round(c.f1, 3),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
            for c in scores.categories
        },
        "attributes": {
            a.name: {"acc": None if a.accuracy is None else round(a.accuracy, 3), "n": a.n}
            for a in scores.attributes
        },
        "missing_documents": list(scores.missing_documents),
        "macro_f1": round(scores.macro_f1, 3),
    }
    if errors:
        out["errors"] = [miss_json(m) for m in scores.misses]
    return out


def miss_json(miss: Miss) -> dict[str, Any]:
    """One miss as a JSON object."""
    return {
        "kind": miss.kind,
        "category": miss.category,
        "file": miss.file,
        "what": miss.what,
        "evidence": miss.evidence,
        "expected": miss.expected,
        "found": miss.found,
    }


def table(scores: Scores) -> list[str]:
    """The lines `score.py` prints, in its layout."""
    data = as_json(scores)
    lines = []
    if scores.missing_documents:
        lines.append("documents missing from export: " + ", ".join(scores.missing_documents))
    lines.append(f"{'category':<12} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for k, v in data["categories"].items():
        lines.append(
            f"{k:<12} {v['p']:>6.3f} {v['r']:>6.3f} {v['f1']:>6.3f}   {v['tp']}/{v['fp']}/{v['fn']}"
        )
    for k, v in data["attributes"].items():
        acc = "  n/a" if v["acc"] is None else f"{v['acc']:.3f}"
        lines.append(f"  {k:<28} {acc} (n={v['n']})")
    lines.append(f"macro F1 {data['macro_f1']:.3f}")
    return lines


def miss_line(miss: Miss) -> str:
    """fp|fn|attribute, category, file, what; then the evidence, or expected vs found."""
    line = f"{miss.kind:<9} {miss.category:<22} {miss.file}  {miss.what}"
    if miss.kind == "attribute":
        return f"{line}: expected {miss.expected}, found {miss.found}"
    return f"{line}  <- {miss.evidence}" if miss.evidence else line


def header(run: Run) -> str:
    """What was read and what is scored."""
    scored = f"scoring {len(run.scores.documents)} gold documents"
    paired = f"{run.paired} paired with gold"
    if run.ingested is None:
        return f"Export {run.export_path}: {run.export_documents} documents ({paired}); {scored}"
    got = run.ingested
    return (
        f"Pages read: {got.read}, stored: {got.stored}, refused: {got.refused} ({paired}); {scored}"
    )


def summary(run: Run) -> str:
    """One line: documents scored and missing, macro F1, the weakest category, error counts."""
    scores = run.scores
    weakest = min(scores.categories, key=lambda c: c.f1)
    counts = {"fp": 0, "fn": 0, "attribute": 0}
    for miss in scores.misses:
        counts[miss.kind] += 1
    return (
        f"{len(scores.documents)} gold documents scored, {len(scores.missing_documents)} "
        f"missing from the export; macro F1 {round(scores.macro_f1, 3):.3f}; weakest: "
        f"{weakest.name} (F1 {round(weakest.f1, 3):.3f}); {counts['fp']} false positives, "
        f"{counts['fn']} false negatives, {counts['attribute']} wrong attributes"
    )
