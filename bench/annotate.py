"""Benchmark: people and posts held on the sample pages against a gold file, and throughput.

Accuracy: person and role precision/recall of `pressgraph ingest` on examples/ against
bench/gold/entities.yml, next to what plain spaCy's PERSON entities give on the same texts.
Throughput: words per second of our whole annotation (pipeline + records) against plain
`nlp.pipe` of the same model on the same corpus, in the same run.

    .venv/bin/python bench/annotate.py [--words 100000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml

from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.nlp.pipeline import build_pipeline, to_records
from pressgraph.resolve.names import parse_person_name, same_person
from pressgraph.settings import from_env
from pressgraph.store.annotations import all_mentions, all_roles, load_entities
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "entities.yml"
FACTS = ROOT / "bench" / "gold" / "facts.yml"


@dataclass
class Score:
    """Counts for precision and recall."""

    found: int = 0
    correct: int = 0
    gold: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    def line(self, label: str) -> str:
        p, r = self.precision, self.recall
        return (
            f"{label:34} precision {p:6.1%} ({self.correct}/{self.found})   "
            f"recall {r:6.1%} ({self.matched_gold}/{self.gold})"
        )


def _same(a: str, b: str, page: Iterable[str] = ()) -> bool:
    """Whether found name `a` is gold name `b`. Full names match by `same_person`; a surname
    alone or initials match the same written form, or the one gold person of the page they
    fit (the page names al-Baghdadi by surname only; the gold has his full name)."""
    pa, pb = parse_person_name(a), parse_person_name(b)
    if pa is None or pb is None or not same_person(pa, pb):
        return False
    if (pa.given is not None and pb.given is not None) or a == b:
        return True
    fits = [g for g in page if (pg := parse_person_name(g)) is not None and same_person(pa, pg)]
    return fits == [b]


def _score_names(found: Iterable[str], gold: Iterable[str], score: Score) -> None:
    found, gold = set(found), set(gold)
    score.found += len(found)
    score.gold += len(gold)
    score.correct += sum(any(_same(f, g, gold) for g in gold) for f in found)
    score.matched_gold += sum(any(_same(f, g, gold) for f in found) for g in gold)


def _score_roles(found: set[tuple[str, ...]], gold: set[tuple[str, ...]], score: Score) -> None:
    def match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return _same(a[0], b[0]) and a[1].casefold() == b[1].casefold() and a[2:] == b[2:]

    score.found += len(found)
    score.gold += len(gold)
    score.correct += sum(any(match(f, g) for g in gold) for f in found)
    score.matched_gold += sum(any(match(f, g) for f in found) for g in gold)


def entity_scores() -> dict[str, Score]:
    """Person and role precision/recall, ours and plain spaCy's, against the gold file."""
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    settings = from_env()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'gold.db'}")
        ingest(db, expand([str(ROOT / "examples")]), settings)
        annotate_stories(db, settings)
        names = {e.id: e.name for e in load_entities(db)}
        plain = spacy.load(settings.model)
        ours_people, plain_people, ours_roles = Score(), Score(), Score()
        for doc in iter_documents(db):
            page = gold[Path(doc.source).name]
            targets = {s.id for s in doc.stories} | {f"removed:{r.id}" for r in doc.removed}
            people = {
                names[m.entity]
                for m in all_mentions(db)
                if m.story in targets and m.mention.kind == "person" and m.entity
            }
            _score_names(people, page["persons"], ours_people)
            texts = [s.text for s in doc.stories] + [
                r.text for r in doc.removed if r.kind == "signature"
            ]
            spacy_people = {e.text for t in texts for e in plain(t).ents if e.label_ == "PERSON"}
            _score_names(spacy_people, page["persons"], plain_people)
            roles = {
                (
                    names[r.person],
                    r.role.title,
                    r.organization or r.country or "",
                    r.role.date or "",
                )
                for r in all_roles(db)
                if r.role.story in targets and r.person
            }
            _score_roles(roles, {tuple(str(x) for x in g) for g in page["roles"]}, ours_roles)
        db.close()
    return {"persons": ours_people, "plain_persons": plain_people, "roles": ours_roles}


def _set_score(found: set[tuple[object, ...]], gold: set[tuple[object, ...]], score: Score) -> None:
    score.found += len(found)
    score.gold += len(gold)
    score.correct += len(found & gold)
    score.matched_gold += len(found & gold)


def fact_scores() -> dict[str, Score]:
    """Precision/recall of events, claims and statements against bench/gold/facts.yml."""
    from pressgraph.store.queries import list_claims, list_events, list_statements, names

    gold = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    settings = from_env()
    scores = {k: Score() for k in ("events", "claims", "speakers", "quotes")}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'facts.db'}")
        ingest(db, expand([str(ROOT / "examples")]), settings)
        annotate_stories(db, settings)
        known = names(db)
        for doc in iter_documents(db):
            page = gold[Path(doc.source).name]
            stories = {s.id for s in doc.stories}
            events = {
                (e.kind, e.start, e.end, known.get(e.place or ""), e.format)
                for e in list_events(db)
                if set(e.stories) & stories
            }
            # YAML reads 2019-10-30 as a date: compare ISO strings
            gold_events = {tuple(None if x is None else str(x) for x in g) for g in page["events"]}
            _set_score(events, gold_events, scores["events"])
            claims = {
                (c.low, c.high, c.approx, c.unit, known.get(c.speaker or ""))
                for c in list_claims(db)
                if c.story in stories
            }
            _set_score(
                claims,
                {(float(g[0]), float(g[1]), *g[2:]) for g in page["claims"]},
                scores["claims"],
            )
            said = [s for s in list_statements(db) if s.story in stories]
            speakers = {known.get(s.speaker or "") for s in said}
            _set_score(
                {(x,) for x in speakers}, {(x,) for x in page["speakers"]}, scores["speakers"]
            )
            quotes = {
                (known.get(s.speaker or ""), g[1])
                for s in said
                if s.quote
                for g in page["quotes"]
                if s.text.startswith(g[1])
            }
            found_quotes = sum(1 for s in said if s.quote)
            scores["quotes"].found += found_quotes
            scores["quotes"].correct += len(quotes & {tuple(g) for g in page["quotes"]})
            scores["quotes"].gold += len(page["quotes"])
            scores["quotes"].matched_gold += len(quotes & {tuple(g) for g in page["quotes"]})
        db.close()
    return scores


def print_accuracy() -> None:
    """Print every accuracy line."""
    people = entity_scores()
    print("Accuracy on examples/ against bench/gold/entities.yml")
    print(people["persons"].line("persons, pressgraph (entities)"))
    print(people["plain_persons"].line("persons, plain spaCy PERSON"))
    print(people["roles"].line("posts held, pressgraph"))
    facts = fact_scores()
    print("\nAccuracy of issue 4 facts against bench/gold/facts.yml")
    print(facts["events"].line("events (kind, dates, place, format)"))
    print(facts["claims"].line("claims (figure, hedge, unit, speaker)"))
    print(facts["speakers"].line("statements: speakers"))
    print(facts["quotes"].line("statements: direct quotes"))


def throughput(words: int) -> None:
    """Print words per second of plain nlp.pipe and of our annotation on the same corpus."""
    settings = from_env()
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts: list[str] = []
    total = 0
    while total < words:
        text = seeds[len(texts) % len(seeds)]
        texts.append(text)
        total += len(text.split())
    plain = spacy.load(settings.model)
    plain_lean = spacy.load(settings.model, disable=["lemmatizer"])
    ours = build_pipeline(settings.model)
    for nlp in (plain, plain_lean, ours):  # warm up
        list(nlp.pipe(texts[:2]))

    def rate(run: object) -> float:
        start = time.perf_counter()
        run()  # type: ignore[operator]
        return total / (time.perf_counter() - start)

    plain_rate = rate(lambda: [None for _ in plain.pipe(texts, batch_size=16)])
    lean_rate = rate(lambda: [None for _ in plain_lean.pipe(texts, batch_size=16)])
    ours_rate = rate(lambda: [to_records("s", None, d) for d in ours.pipe(texts, batch_size=16)])
    print(f"\nThroughput on {len(texts)} pages, {total:,} words ({settings.model})")
    print(f"plain spaCy nlp.pipe (full model)          {plain_rate:8,.0f} words/s")
    print(f"plain spaCy nlp.pipe (lemmatizer disabled) {lean_rate:8,.0f} words/s")
    print(
        f"pressgraph annotation + extraction         {ours_rate:8,.0f} words/s "
        f"= {ours_rate / plain_rate:.0%} of plain, {ours_rate / lean_rate:.0%} of lean"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    print_accuracy()
    throughput(args.words)


if __name__ == "__main__":
    main()
