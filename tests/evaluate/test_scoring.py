"""Scoring: a hand-written export of a hand-written gold file (made-up organizations and
people, tests/fixtures/evaluate/) with known counts and an exact list of errors; perfect
exports that score 1.0; the three ways an event is matched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pressgraph.evaluate.export import Export, read_export
from pressgraph.evaluate.gold import GoldDocument, GoldEvent, GoldStory, read_gold
from pressgraph.evaluate.report import as_json, miss_line
from pressgraph.evaluate.results import CATEGORIES, Scores
from pressgraph.evaluate.scoring import score
from pressgraph.evaluate.selection import Selection
from tests.conftest import ROOT
from tests.evaluate.perfect import write_perfect_export

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "evaluate"
GOLD = FIXTURES / "gold.json"
EXPORT = FIXTURES / "export.jsonl"
SEEDS_GOLD = ROOT / "bench" / "gold" / "seeds.json"


def _score(selection: Selection | None = None) -> Scores:
    return score(read_export(EXPORT), read_gold(GOLD), selection or Selection())


def test_the_hand_written_export_has_the_counts_it_was_written_with() -> None:
    scores = _score()
    counts = {c.name: (c.tp, c.fp, c.fn) for c in scores.categories}
    assert counts == {
        "stories": (3, 1, 2),  # the third story of 101 and 103's are missing; a newsletter box
        "persons": (5, 1, 2),  # Yury Haritonov is Yuriy Kharitonov; Erik is not Marta Lindqvist
        "roles": (3, 2, 2),  # Chairman twice in 101 counts once; Castellano's wrong organization
        "events": (3, 1, 0),  # by date, by name (Blue Wave), by kind and participant
        "claims": (3, 1, 0),  # people = person, vessels = vessel, "over 300" = 300-300
        "quotes": (1, 1, 1),
        "speakers": (3, 1, 1),
        "relations": (2, 1, 1),  # the partnership, reversed, is the gold cooperation
    }
    assert scores.missing_documents == ("103.txt",)
    assert scores.documents == ("101.txt", "102.txt", "103.txt")
    assert scores.category("roles").precision == pytest.approx(0.6)
    assert scores.macro_f1 == pytest.approx(
        (2 / 3 + 10 / 13 + 0.6 + 6 / 7 + 6 / 7 + 0.5 + 0.75 + 2 / 3) / 8
    )


# The reference: the shared scorer's output on the same files, made once with
#   python3 ../shared/eval/score.py tests/fixtures/evaluate/export.jsonl \
#       tests/fixtures/evaluate/gold.json --json [--only 101.txt,103.txt | --only 102.txt]
# into tests/fixtures/evaluate/shared/{all,odd,even}.json.
@pytest.mark.parametrize(("half", "reference"), [(None, "all"), ("odd", "odd"), ("even", "even")])
def test_the_numbers_are_the_shared_scorers(half: Any, reference: str) -> None:
    expected = json.loads((FIXTURES / "shared" / f"{reference}.json").read_text(encoding="utf-8"))
    found = as_json(_score(Selection(half)))
    assert found.keys() == expected.keys()
    assert found["missing_documents"] == expected["missing_documents"]
    assert found["macro_f1"] == pytest.approx(expected["macro_f1"], abs=1e-9)
    assert found["categories"].keys() == expected["categories"].keys()
    for name, figures in expected["categories"].items():
        assert found["categories"][name] == pytest.approx(figures, abs=1e-9), name
    assert found["attributes"].keys() == expected["attributes"].keys()
    for name, figures in expected["attributes"].items():
        assert found["attributes"][name] == pytest.approx(figures, abs=1e-9), name


ERRORS = [
    'attribute story.main             101.txt  story "Lakeland Border Agency signed": '
    "expected sidebar, found main",
    'attribute story.date             101.txt  story "Lakeland Border Agency signed": '
    "expected 2024-02-20, found 2024-02-21",
    'fn        stories                101.txt  story "A training course for rescue divers"',
    'fp        stories                101.txt  story "Subscribe to our newsletter"  '
    '<- s101c "Subscribe to our newsletter for weekly updates."',
    'attribute clean.removed          101.txt  furniture "IMG_0042.JPG": '
    "expected removed, found remained",
    "fn        persons                101.txt  person Pavel Dorokhov",
    "fp        persons                101.txt  person Erik Lindqvist  "
    '<- s101a [445:459] "Erik Lindqvist"',
    "attribute role.date              101.txt  role Marta Lindqvist: Director, Lakeland Border "
    "Agency: expected 2024-02-20, found 2024-02-21",
    "fp        roles                  101.txt  role Ingrid Holm: Spokeswoman, Lakeland Border "
    'Agency  <- s101a [323:376] "Spokeswoman Ingrid Holm of the Lakeland Border Agency"',
    'attribute event.end              101.txt  event session "annual session of the Northern '
    'Maritime Safety Council" 2024-03-05 in Harborview: expected 2024-03-06, found 2024-03-05',
    'attribute event.format           101.txt  event session "annual session of the Northern '
    'Maritime Safety Council" 2024-03-05 in Harborview: expected in_person, found video',
    'attribute event.participants     101.txt  event session "annual session of the Northern '
    'Maritime Safety Council" 2024-03-05 in Harborview: expected Marta Lindqvist, '
    "found Yury Haritonov",
    'attribute event.place            101.txt  event meeting "talks on search and rescue" '
    "undated in Lakeport: expected Lakeport, found -",
    'fp        events                 101.txt  event conference "winter review" 2023-12-01  '
    "<- in s101a",
    "attribute claim.speaker          101.txt  claim 120 person (exact) by Yuriy Kharitonov: "
    "expected Yuriy Kharitonov, found Ingrid Holm",
    "attribute claim.approx           101.txt  claim 40-50 vessel (about): "
    "expected about, found exact",
    "fp        claims                 101.txt  claim 12 year (exact)  "
    '<- s101a [298:306] "12 years"',
    'fn        quotes                 101.txt  quote "The border stays open" by Marta Lindqvist',
    'fp        quotes                 101.txt  quote "We will share radar data." by Marta '
    'Lindqvist  <- s101a [517:542] "We will share radar data."',
    "fn        speakers               101.txt  speaker Pavel Dorokhov",
    "fp        speakers               101.txt  speaker Erik Lindqvist  "
    '<- s101a [465:492] "the council will meet again"',
    "fn        relations              101.txt  relation membership NMSC -> LBA",
    "fp        relations              101.txt  relation observer Northern Maritime Safety "
    'Council -> Lakeland Border Agency  <- s101b [200:258] "The agency has been an observer '
    'at the council since 2019."',
    "attribute org.recall             101.txt  organization Coastal Rescue Alliance: "
    "expected mentioned, found not found",
    "fn        roles                  102.txt  role Ines Castellano: Director, Coastal Rescue "
    "Alliance",
    "fp        roles                  102.txt  role Ines Castellano: Director, Lakeland Border "
    'Agency  <- s102a [62:86] "Director Ines Castellano"',
    "attribute org.recall             102.txt  organization Lakeland Border Agency: "
    "expected mentioned, found not found",
    'fn        stories                103.txt  story "Inspectors of the Lakeland Border Agency"',
    "fn        persons                103.txt  person Pavel Dorokhov",
    "fn        roles                  103.txt  role Pavel Dorokhov: Inspector, LBA",
    "attribute person.cross_doc_same_id 101.txt,102.txt  person Marta Lindqvist: "
    "expected one entity, found p-lind, p-lind2",
]


def test_every_error_is_listed_with_its_file_and_evidence() -> None:
    assert [miss_line(m) for m in _score().misses] == ERRORS


def test_the_errors_add_up_to_the_counts() -> None:
    scores = _score()
    for c in scores.categories:
        misses = [m for m in scores.misses if m.category == c.name]
        assert (c.fp, c.fn) == (
            sum(m.kind == "fp" for m in misses),
            sum(m.kind == "fn" for m in misses),
        )
    for a in scores.attributes:
        wrong = [m for m in scores.misses if m.kind == "attribute" and m.category == a.name]
        assert a.n - a.ok == len(wrong)


def test_an_evidence_is_the_text_at_the_records_offsets() -> None:
    export = read_export(EXPORT)
    (miss,) = [m for m in _score().misses if m.kind == "fp" and m.category == "claims"]
    story = export.stories["s101a"]["text"]
    assert miss.evidence == f'{"s101a"} [298:306] "{story[298:306]}"'


def test_a_half_scores_only_its_documents() -> None:
    odd, even = _score(Selection("odd")), _score(Selection("even"))
    assert odd.documents == ("101.txt", "103.txt") and even.documents == ("102.txt",)
    assert even.category("persons").tp == 3 and even.category("stories").fp == 0
    # Marta Lindqvist is in one document of each half: no cross-document check
    assert "person.cross_doc_same_id" not in {a.name for a in odd.attributes}


@pytest.mark.parametrize("gold", [GOLD, SEEDS_GOLD], ids=["fixture", "seeds"])
@pytest.mark.parametrize("variant", [False, True], ids=["plain", "variant"])
def test_a_perfect_export_scores_one_everywhere(tmp_path: Path, gold: Path, variant: bool) -> None:
    export = write_perfect_export(gold, tmp_path / "perfect.jsonl", variant=variant)
    scores = score(read_export(export), read_gold(gold), Selection())
    assert [(c.name, c.f1) for c in scores.categories] == [(n, 1.0) for n in CATEGORIES]
    assert scores.macro_f1 == 1.0
    assert {a.name: a.accuracy for a in scores.attributes if a.accuracy != 1.0} == {}
    assert scores.misses == () and scores.missing_documents == ()


def _gold_with(*events: GoldEvent) -> GoldDocument:
    (base,) = [d for d in read_gold(GOLD) if d.file == "102.txt"]
    return GoldDocument(**{**base.__dict__, "events": events})


def _export_with(*events: dict[str, Any]) -> Export:
    export = read_export(EXPORT)
    for i, event in enumerate(events):
        export.add({"type": "event", "id": f"x{i}", "stories": ["s102a"], **event})
    return export


def _events(gold: GoldDocument, export: Export) -> tuple[int, int, int]:
    found = score(export, [gold], Selection()).category("events")
    return found.tp, found.fp, found.fn


def test_an_undated_gold_event_is_matched_by_name() -> None:
    gold = _gold_with(GoldEvent("exercise", "Blue Wave-2024", None, None, None, None, None, ()))
    named = {"kind": "exercise", "name": "Blue Wave 2024", "start": None}
    longer = {"kind": "drill", "name": "Blue Wave 2024 exercise", "start": None}  # ratio 0.76
    other = {"kind": "exercise", "name": "Red Tide 2023", "start": None}
    assert _events(gold, _export_with(named)) == (1, 0, 0)
    assert _events(gold, _export_with(longer)) == (1, 0, 0)
    assert _events(gold, _export_with(other)) == (0, 1, 1)
    # the most similar name wins, whatever the order
    found = score(_export_with(longer, named), [gold], Selection())
    assert [m.what for m in found.misses if m.category == "events"] == [
        'event drill "Blue Wave 2024 exercise" undated'
    ]


def test_an_undated_unnamed_match_needs_the_kind_and_a_shared_participant() -> None:
    talks = GoldEvent("meeting", "talks", None, None, None, None, None, ("Ines Castellano",))
    gold = _gold_with(talks)
    with_her = {"kind": "session", "name": None, "participants": [{"entity": "p-cast"}]}
    without = {"kind": "session", "name": None, "participants": [{"entity": "p-bren"}]}
    other_kind = {"kind": "exercise", "name": None, "participants": [{"entity": "p-cast"}]}
    assert _events(gold, _export_with(with_her)) == (1, 0, 0)  # meeting and session alike
    assert _events(gold, _export_with(without)) == (0, 1, 1)
    assert _events(gold, _export_with(other_kind)) == (0, 1, 1)


def test_a_dated_gold_event_is_matched_by_its_start_only() -> None:
    gold = _gold_with(GoldEvent("meeting", "talks", "2024-04-10", None, None, None, None, ()))
    same_day = {"kind": "conference", "name": "something else", "start": "2024-04-10"}
    named_alike = {"kind": "meeting", "name": "talks", "start": "2024-04-11"}
    assert _events(gold, _export_with(same_day)) == (1, 0, 0)
    assert _events(gold, _export_with(named_alike)) == (0, 1, 1)


def test_a_speaker_who_speaks_twice_counts_once() -> None:
    export = read_export(EXPORT)
    export.add({"type": "entity", "id": "p-x", "kind": "person", "name": "Tomas Brener"})
    for i, who in enumerate(["p-bren", "p-x", "p-bren", "p-cast"]):
        text = f"statement {i}"
        export.add({"type": "statement", "speaker": who, "story": "s102a", "text": text})
    (gold,) = [d for d in read_gold(GOLD) if d.file == "102.txt"]
    found = score(export, [gold], Selection()).category("speakers")
    # Castellano is the gold speaker; Brenner (also spelled Brener) is one false positive
    assert (found.tp, found.fp, found.fn) == (1, 1, 0)


def test_a_story_is_found_by_the_first_words_in_its_first_400_characters() -> None:
    export = Export()
    export.add({"type": "document", "id": "d", "source": "pages/105.txt", "stories": ["a", "b"]})
    lead = "Harborview, 5 March. " + "The council met. " * 30  # 531 characters
    export.add({"type": "story", "id": "a", "document": "d", "text": lead + "Divers trained."})
    export.add({"type": "story", "id": "b", "document": "d", "text": "Boats were repaired."})
    gold = GoldDocument(
        **{
            **_gold_with().__dict__,
            "file": "105.txt",
            "persons": (),
            "statements_by": (),
            "organizations": (),
            "images": None,
            "stories": (
                GoldStory("Divers trained", False, None, None),
                GoldStory("Boats were repaired", False, None, None),
            ),
        }
    )
    found = score(export, [gold], Selection()).category("stories")
    assert (found.tp, found.fp, found.fn) == (1, 1, 1)
