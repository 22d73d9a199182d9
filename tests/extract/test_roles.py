"""Posts held: one sentence per pattern of the design notes, with exact titles and holders."""

from __future__ import annotations

from pressgraph.nlp.pipeline import Annotated
from tests.extract.conftest import Annotate


def _roles(found: Annotated) -> set[tuple[str, str, str | None, str | None]]:
    """(person, title, organization key, country key) of every role."""
    m = found.mentions
    return {
        (
            m[r.person].text,
            r.title,
            m[r.organization].key if r.organization is not None else None,
            m[r.country].key if r.country is not None else None,
        )
        for r in found.roles
    }


def _ranks(found: Annotated) -> dict[str, str | None]:
    return {m.text: m.rank for m in found.mentions if m.kind == "person"}


def test_title_before_name_with_honorific(annotate: Annotate) -> None:
    found = annotate(
        "Addressing the forum, the Acting Secretary General of the Shanghai Cooperation "
        "Organisation, Mr. Sohail Khan, said the meeting was useful."
    )
    assert _roles(found) == {("Sohail Khan", "Acting Secretary General", "org:sco", None)}
    (role,) = found.roles
    assert role.date == "2024-01-15"
    assert role.text.endswith("Mr. Sohail Khan")


def test_title_with_organization_before_the_post(annotate: Annotate) -> None:
    found = annotate("The OSCE Deputy Secretary General Tuula Yrjola opened the session.")
    assert _roles(found) == {("Tuula Yrjola", "Deputy Secretary General", "org:osce", None)}


def test_title_dash_rank_name(annotate: Annotate) -> None:
    found = annotate(
        "The meeting was attended by the Commander of the CSTO Collective Rapid Reaction "
        "Forces - Colonel General Andrey Serdyukov."
    )
    assert _roles(found) == {("Andrey Serdyukov", "Commander", "org:csto-crrf", None)}
    assert _ranks(found)["Andrey Serdyukov"] == "Colonel General"


def test_title_after_name(annotate: Annotate) -> None:
    found = annotate(
        "Natalia Gherman, Executive Director of the Counter-Terrorism Committee Executive "
        "Directorate, briefed the Council."
    )
    assert _roles(found) == {("Natalia Gherman", "Executive Director", "org:un-cted", None)}


def test_country_post_with_a_name_the_model_may_miss(annotate: Annotate) -> None:
    found = annotate(
        "Under the chairmanship of the Minister of Internal Affairs of the Kyrgyz Republic "
        "Ulan Niyazbekov, the council adopted its plan."
    )
    assert _roles(found) == {
        ("Ulan Niyazbekov", "Minister of Internal Affairs", None, "country:KGZ")
    }


def test_parenthesized_list_gives_each_minister_his_country_and_rank(annotate: Annotate) -> None:
    found = annotate(
        "The defense ministers of the Republic of Belarus (Lieutenant General Viktor Khrenin), "
        "of the Kyrgyz Republic (Major General Ruslan Mukambetov) and of the Republic of "
        "Tajikistan (Colonel General Sherali Mirzo) took part."
    )
    assert _roles(found) == {
        ("Viktor Khrenin", "Minister of Defense", None, "country:BLR"),
        ("Ruslan Mukambetov", "Minister of Defense", None, "country:KGZ"),
        ("Sherali Mirzo", "Minister of Defense", None, "country:TJK"),
    }
    assert _ranks(found) == {
        "Viktor Khrenin": "Lieutenant General",
        "Ruslan Mukambetov": "Major General",
        "Sherali Mirzo": "Colonel General",
    }


def test_compound_title_with_a_dash(annotate: Annotate) -> None:
    found = annotate(
        "First Deputy Chairman of the Executive Committee - Executive Secretary of the CIS "
        "Sergey Lebedev signed the protocol."
    )
    ((person, title, org, _),) = _roles(found)
    assert person == "Sergey Lebedev" and org == "org:cis"
    assert title == "First Deputy Chairman of the Executive Committee - Executive Secretary"


def test_two_titles_before_one_name(annotate: Annotate) -> None:
    found = annotate(
        "The UN Under-Secretary-General, the head of the United Nations Office of "
        "Counter-Terrorism, Mr. Vladimir Voronkov, spoke by video."
    )
    assert _roles(found) == {
        ("Vladimir Voronkov", "Under-Secretary-General", "org:un", None),
        ("Vladimir Voronkov", "Head", "org:un-oct", None),
    }


def test_head_of_a_delegation(annotate: Annotate) -> None:
    found = annotate(
        "The head of the CSTO delegation, Deputy Secretary General Samat Ordabaev, took part. "
        "The delegation of the OSCE Secretariat was headed by Alena Kupchyna."
    )
    roles = _roles(found)
    assert ("Samat Ordabaev", "Head of the delegation", "org:csto", None) in roles
    assert ("Samat Ordabaev", "Deputy Secretary General", None, None) in roles
    assert ("Alena Kupchyna", "Head of the delegation", "org:osce-secretariat", None) in roles


def test_surname_first_name_with_patronymic(annotate: Annotate) -> None:
    found = annotate("Tasmagambetov Imangali Nurgalievich said the Organization is ready.")
    assert [m.text for m in found.mentions if m.kind == "person"] == [
        "Tasmagambetov Imangali Nurgalievich"
    ]


def test_later_references_to_the_post_are_the_person(annotate: Annotate) -> None:
    found = annotate(
        "The Acting Secretary General of the CSTO, Mr. Valery Semerikov, opened the forum. "
        "Later the CSTO Acting Secretary General answered questions. "
        "The Acting Secretary General also said the plan was ready."
    )
    refs = [m for m in found.mentions if m.source == "reference"]
    assert [m.text for m in refs] == ["CSTO Acting Secretary General", "Acting Secretary General"]
    person = next(i for i, m in enumerate(found.mentions) if m.text == "Valery Semerikov")
    assert all(m.refers_to == person and m.key == "Valery Semerikov" for m in refs)


def test_a_post_held_by_two_people_of_the_story_is_not_guessed(annotate: Annotate) -> None:
    found = annotate(
        "Deputy Secretary General of the CSTO Valery Semerikov and Deputy Secretary General of "
        "the CSTO Samat Ordabaev met the press. The Deputy Secretary General said it was useful."
    )
    assert [m for m in found.mentions if m.source == "reference"] == []


def test_no_role_without_a_name(annotate: Annotate) -> None:
    found = annotate(
        "The initiative was voiced by the President of the Republic of Kazakhstan at the last "
        "session of the UN General Assembly."
    )
    assert found.roles == ()
