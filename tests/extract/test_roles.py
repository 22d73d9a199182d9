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


def test_bracketed_acronym_between_title_and_name(annotate: Annotate) -> None:
    found = annotate(
        "The protocol was signed by the Secretary General of the Collective Security Treaty "
        "Organization (CSTO) Oleg Marchenko."
    )
    assert _roles(found) == {("Oleg Marchenko", "Secretary General", "org:csto", None)}


def test_coordinated_titles_share_the_country(annotate: Annotate) -> None:
    found = annotate(
        "The guests were welcomed by Rustam Karimov, Deputy Prime Minister and Minister of "
        "Internal Affairs of the Republic of Uzbekistan."
    )
    assert _roles(found) == {
        ("Rustam Karimov", "Deputy Prime Minister", None, "country:UZB"),
        ("Rustam Karimov", "Minister of Internal Affairs", None, "country:UZB"),
    }


def test_owner_country_before_two_titles(annotate: Annotate) -> None:
    found = annotate("The Kazakh Deputy Prime Minister and Foreign Minister Ilyas Zhunusov spoke.")
    assert _roles(found) == {
        ("Ilyas Zhunusov", "Deputy Prime Minister", None, "country:KAZ"),
        ("Ilyas Zhunusov", "Minister of Foreign Affairs", None, "country:KAZ"),
    }


def test_possessive_and_adjective_countries(annotate: Annotate) -> None:
    found = annotate(
        "Russia's Foreign Minister Sergei Lavrov arrived in Dushanbe. The Kazakh Defense "
        "Minister Ruslan Zhaksylykov also attended."
    )
    assert _roles(found) == {
        ("Sergei Lavrov", "Minister of Foreign Affairs", None, "country:RUS"),
        ("Ruslan Zhaksylykov", "Minister of Defense", None, "country:KAZ"),
    }


def test_an_ambassador_keeps_the_sending_country(annotate: Annotate) -> None:
    found = annotate(
        "He met the Ambassador Extraordinary and Plenipotentiary of the Republic of Serbia to "
        "the Russian Federation Dragan Milovic."
    )
    assert _roles(found) == {
        (
            "Dragan Milovic",
            "Ambassador Extraordinary and Plenipotentiary to the Russian Federation",
            None,
            "country:SRB",
        )
    }


def test_a_charge_d_affaires_and_a_later_bare_mention(annotate: Annotate) -> None:
    found = annotate(
        "On 3 May, the SCO Secretary-General met with the Chargé d'Affaires ad interim of the "
        "Republic of Peru in China Luis Romero. Chargé d'Affaires Romero handed over a letter."
    )
    titles = {(p, t, c) for p, t, _, c in _roles(found)}
    assert ("Luis Romero", "Chargé d'Affaires ad interim in China", "country:PER") in titles
    assert ("Romero", "Chargé d'Affaires ad interim in China", "country:PER") in titles


def test_a_list_of_names_with_titles_gives_each_title_to_its_name(annotate: Annotate) -> None:
    found = annotate(
        "The event was attended by the Prime Minister of Armenia Nikol Pashinyan, the "
        "President of Belarus Alexander Lukashenko."
    )
    assert _roles(found) == {
        ("Nikol Pashinyan", "Prime Minister", None, "country:ARM"),
        ("Alexander Lukashenko", "President", None, "country:BLR"),
    }


def test_names_then_titles_in_a_list(annotate: Annotate) -> None:
    found = annotate(
        "The talks were attended by Igor Petrenko, Director of the CSTO Legal Department, "
        "Anna Kovalenko, Head of the CSTO Press Service."
    )
    people = {(p, t) for p, t, _, _ in _roles(found)}
    assert ("Igor Petrenko", "Director of the CSTO Legal Department") in people
    assert not any(p == "Anna Kovalenko" and "Director" in t for p, t in people)


def test_a_list_of_country_name_pairs_after_a_plural_title(annotate: Annotate) -> None:
    found = annotate(
        "The meeting brought together the defense ministers of Armenia Suren Avetisyan, "
        "Belarus Viktor Khomenko and Tajikistan Sherali Rakhmonov."
    )
    assert _roles(found) == {
        ("Suren Avetisyan", "Minister of Defense", None, "country:ARM"),
        ("Viktor Khomenko", "Minister of Defense", None, "country:BLR"),
        ("Sherali Rakhmonov", "Minister of Defense", None, "country:TJK"),
    }


def test_a_body_headed_by_a_ranked_name(annotate: Annotate) -> None:
    found = annotate(
        "The work of the CSTO Joint Staff, headed by Colonel General Andrei Serdyuk, was praised."
    )
    assert _roles(found) == {("Andrei Serdyuk", "Head", "org:csto-joint-staff", None)}
    assert _ranks(found)["Andrei Serdyuk"] == "Colonel General"


def test_an_organization_in_apposition_after_the_title(annotate: Annotate) -> None:
    found = annotate(
        "The Secretary General met Pierre Lemaire, Commissioner, African Union (AU), in Lyon."
    )
    assert _roles(found) == {("Pierre Lemaire", "Commissioner", "org:african-union", None)}


def test_the_organization_s_post_is_the_organization_named_before(annotate: Annotate) -> None:
    found = annotate(
        "The US joined the operation conducted by the Collective Security Treaty Organization "
        "(CSTO), the organization’s Deputy Secretary General Sergei Panov said."
    )
    assert _roles(found) == {("Sergei Panov", "Deputy Secretary General", "org:csto", None)}


def test_titles_the_grammar_lacked_and_a_new_clause_after_a_name(annotate: Annotate) -> None:
    found = annotate(
        "Meeting Vice Chancellor and Finance Minister Klaus Weber, the Secretary General "
        "outlined the plans of the Alliance."
    )
    assert _roles(found) == {
        ("Klaus Weber", "Vice Chancellor", None, None),
        ("Klaus Weber", "Finance Minister", None, None),
    }


def test_an_apposition_without_its_closing_comma(annotate: Annotate) -> None:
    found = annotate(
        "Mr. Zhenish Razakov, Vice Prime Minister of the Kyrgyz Republic has addressed the "
        "plenary meeting."
    )
    assert _roles(found) == {("Zhenish Razakov", "Vice Prime Minister", None, "country:KGZ")}


def test_a_country_after_the_title_without_of(annotate: Annotate) -> None:
    found = annotate(
        "Chaired by the Minister of Foreign Affairs Tajikistan Farrukh Sharipov, the meeting "
        "adopted a statement."
    )
    assert _roles(found) == {
        ("Farrukh Sharipov", "Minister of Foreign Affairs", None, "country:TJK")
    }


def test_its_stands_for_the_country_named_before_in_the_sentence(annotate: Annotate) -> None:
    found = annotate(
        "The Russian Federation, which holds the presidency for July, is convening the debate, "
        "and its Deputy Foreign Minister Sergey Vershinin will chair the meeting."
    )
    assert _roles(found) == {("Sergey Vershinin", "Deputy Foreign Minister", None, "country:RUS")}


def test_the_parties_of_a_signing_represented_by_their_heads(annotate: Annotate) -> None:
    found = annotate(
        "The Anti-Terrorism Center of the CIS, represented by the Head, Mr. Andrey Petrov, and "
        "the CSTO Secretariat, represented by the Secretary General, Mr. Ivan Orlov, signed a "
        "memorandum."
    )
    orgs = {m.text: m.key for m in found.mentions if m.kind == "organization"}
    roles = {(p, t, o) for p, t, o, _ in _roles(found)}
    assert ("Andrey Petrov", "Head", orgs["Anti-Terrorism Center of the CIS"]) in roles
    assert ("Ivan Orlov", "Secretary General", orgs["CSTO Secretariat"]) in roles


def test_the_centers_head_is_the_head_of_the_center_named_before(annotate: Annotate) -> None:
    found = annotate(
        "The CIS ATC press service said that the center's head, Andrey Petrov, signed the "
        "memorandum in Tashkent."
    )
    assert {(p, t, o) for p, t, o, _ in _roles(found)} == {("Andrey Petrov", "Head", "org:cis-atc")}


def test_a_post_named_after_an_organization_and_a_unit_in_words(annotate: Annotate) -> None:
    found = annotate(
        "The Special Representative of the UN Secretary General for the Great Lakes, Head of "
        "the UN Office for the Great Lakes and the Horn (UNOGLH), Jean Dupont, opened the "
        "session."
    )
    assert _roles(found) == {
        (
            "Jean Dupont",
            "Special Representative of the UN Secretary General for the Great Lakes",
            "org:un",
            None,
        ),
        ("Jean Dupont", "Head of the UN Office for the Great Lakes and the Horn", "org:un", None),
    }
    assert [m.text for m in found.mentions if m.kind == "person"] == ["Jean Dupont"]


def test_a_post_stated_with_the_full_name_and_the_surname_is_one_holder(
    annotate: Annotate,
) -> None:
    found = annotate(
        "The Secretary-General of the SCO, Zhang Wei, met the delegation. Later the SCO "
        "Secretary-General Zhang met the press. The SCO Secretary-General noted the progress."
    )
    refs = [m for m in found.mentions if m.source == "reference"]
    assert [m.text for m in refs] == ["SCO Secretary-General"]
    assert refs[0].key == "Zhang Wei"


def test_a_plural_post_heading_over_a_list_of_holders(annotate: Annotate) -> None:
    found = annotate(
        "Leadership of the Secretariat:\n\n"
        "OSCE Deputy Secretaries General:\n\n"
        "- Ivanova Marina Petrovna - Republic of Belarus\n\n"
        "- Sidorenko Pavel Olegovich - Kyrgyz Republic\n\n"
        "The Secretariat includes five departments."
    )
    assert _roles(found) == {
        ("Ivanova Marina Petrovna", "Deputy Secretary General", "org:osce", None),
        ("Sidorenko Pavel Olegovich", "Deputy Secretary General", "org:osce", None),
    }


def test_a_long_body_name_with_articles_and_a_mention_inside(annotate: Annotate) -> None:
    found = annotate(
        "The statement was read by the Chairman of the Coordinating Council of the Heads of "
        "Agencies for Countering the Illegal Migration of the CSTO member states, Police Major "
        "General Oleg Rybin."
    )
    (role,) = found.roles
    assert found.mentions[role.person].text == "Oleg Rybin"
    assert role.title == (
        "Chairman of the Coordinating Council of the Heads of Agencies for Countering the "
        "Illegal Migration of the member states"
    )
    assert found.mentions[role.organization].key == "org:csto"
    assert _ranks(found)["Oleg Rybin"] == "Police Major General"
