"""What scoring returns: counts and P/R/F1 per category, attribute accuracies, macro F1, the
gold documents missing from the export, and every false positive, false negative and wrong
attribute with its file and evidence (for --errors)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

# The eight categories macro F1 is the mean of, in the order the table prints them.
CATEGORIES = ("stories", "persons", "roles", "events", "claims", "quotes", "speakers", "relations")

MissKind = Literal["fp", "fn", "attribute"]


@dataclass(frozen=True)
class Miss:
    """One error: a predicted fact the gold lacks (fp), a gold fact not found (fn), or a found
    fact with a wrong attribute (attribute: `expected` vs `found`)."""

    kind: MissKind
    category: str  # a category, or an attribute name for kind "attribute" ("story.date")
    file: str
    what: str  # the gold fact (fn, attribute) or the predicted one (fp), summarised
    evidence: str | None = None  # story id, offsets and text of a predicted fact
    expected: str | None = None
    found: str | None = None


@dataclass
class Tally:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; nothing predicted and nothing missed counts as perfect."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Accuracy:
    """How many checks of one attribute were right, of how many."""

    ok: int = 0
    n: int = 0

    def value(self) -> float | None:
        """The share right, None when nothing was checked."""
        return self.ok / self.n if self.n else None


@dataclass(frozen=True)
class CategoryScore:
    """One line of the table."""

    name: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class AttributeScore:
    """One attribute line of the table."""

    name: str
    ok: int
    n: int
    accuracy: float | None


@dataclass(frozen=True)
class Scores:
    """The whole result of scoring an export against a gold file."""

    categories: tuple[CategoryScore, ...]
    attributes: tuple[AttributeScore, ...]
    macro_f1: float
    documents: tuple[str, ...]  # the gold files scored
    missing_documents: tuple[str, ...]
    misses: tuple[Miss, ...]

    def category(self, name: str) -> CategoryScore:
        """The score of one category by name."""
        (found,) = [c for c in self.categories if c.name == name]
        return found


@dataclass
class Board:
    """Where scoring adds up its counts and records its misses, document by document."""

    tallies: defaultdict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    checks: defaultdict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    misses: list[Miss] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def hit(self, category: str) -> None:
        """A predicted fact that is a gold one."""
        self.tallies[category].tp += 1

    def false_positive(self, category: str, file: str, what: str, evidence: str | None) -> None:
        """A predicted fact the gold does not have."""
        self.tallies[category].fp += 1
        self.misses.append(Miss("fp", category, file, what, evidence))

    def false_negative(self, category: str, file: str, what: str) -> None:
        """A gold fact nothing predicted matches."""
        self.tallies[category].fn += 1
        self.misses.append(Miss("fn", category, file, what))

    def check(
        self, attribute: str, ok: bool, file: str, what: str, expected: str, found: str
    ) -> None:
        """One attribute of a matched fact, right or wrong."""
        self.checks[attribute].n += 1
        self.checks[attribute].ok += int(bool(ok))
        if not ok:
            self.misses.append(Miss("attribute", attribute, file, what, None, expected, found))

    def scores(self) -> Scores:
        """The final, frozen result."""
        categories = tuple(_category(name, self.tallies[name]) for name in CATEGORIES)
        attributes = tuple(
            AttributeScore(name, acc.ok, acc.n, acc.value())
            for name, acc in sorted(self.checks.items())
        )
        macro = sum(c.f1 for c in categories) / len(categories)
        return Scores(
            categories,
            attributes,
            macro,
            tuple(self.documents),
            tuple(self.missing_documents),
            tuple(self.misses),
        )


def _category(name: str, tally: Tally) -> CategoryScore:
    p, r, f = tally.prf()
    return CategoryScore(name, tally.tp, tally.fp, tally.fn, p, r, f)
