"""Accuracy floors on the gold files of bench/ (people, posts, events, claims, statements).

A drop below a floor fails the build; change a floor only consciously, in the same commit,
saying why. The gold was written from the two sample pages, which the extractors were also
developed on: these floors guard against regressions, they do not measure accuracy on
unseen pages.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT

FLOORS = {
    # score: (precision, recall)
    "persons": (0.95, 0.90),
    "roles": (0.95, 0.95),
    "events": (0.75, 0.75),
    "claims": (0.90, 0.90),
    "speakers": (0.90, 0.90),
    "quotes": (0.66, 0.66),
}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """bench/annotate.py, which holds the scoring against the gold files."""
    spec = importlib.util.spec_from_file_location("bench_annotate", ROOT / "bench" / "annotate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_annotate"] = module
    spec.loader.exec_module(module)
    return module


def test_scores_stay_above_their_floors(bench: ModuleType) -> None:
    scores = {**bench.entity_scores(), **bench.fact_scores()}
    for name, (precision, recall) in FLOORS.items():
        score = scores[name]
        assert score.precision >= precision, (name, score)
        assert score.recall >= recall, (name, score)
    # our people beat the plain model's PERSON entities on the same pages, at least as precisely
    assert scores["persons"].recall > scores["plain_persons"].recall
    assert scores["persons"].precision >= scores["plain_persons"].precision
