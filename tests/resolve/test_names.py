"""Person-name parsing, keys and compatibility: one person's spellings meet, others do not."""

from __future__ import annotations

import pytest

from pressgraph.errors import DataError
from pressgraph.resolve.names import (
    KEY_RULES,
    GivenNameTable,
    PersonName,
    given_key,
    given_name_table,
    looks_personal,
    name_key,
    parse_person_name,
    same_person,
    surname_key,
)


def parse(text: str) -> PersonName:
    name = parse_person_name(text)
    assert name is not None, text
    return name


# --- parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "given", "initials", "patronymic", "surname"),
    [
        ("Valery Semerikov", "Valery", ("V",), None, "Semerikov"),
        ("V. Semerikov", None, ("V",), None, "Semerikov"),
        ("V.N. Semerikov", None, ("V", "N"), None, "Semerikov"),
        ("V.N.Semerikov", None, ("V", "N"), None, "Semerikov"),
        ("Semerikov", None, (), None, "Semerikov"),
        ("Semerikov Valery Nikolaevich", "Valery", ("V", "N"), "Nikolaevich", "Semerikov"),
        ("Valery Nikolaevich Semerikov", "Valery", ("V", "N"), "Nikolaevich", "Semerikov"),
        ("Semerikov V.N.", None, ("V", "N"), None, "Semerikov"),
        ("Semerikov V. N.", None, ("V", "N"), None, "Semerikov"),
        ("Marie Dubot", "Marie", ("M",), None, "Dubot"),
        ("António Guterres", "António", ("A",), None, "Guterres"),
        ("Jurgen Stock", "Jurgen", ("J",), None, "Stock"),
        ("Sherali Mirzo", "Sherali", ("S",), None, "Mirzo"),
        ("Marcel Peško", "Marcel", ("M",), None, "Peško"),
        ("M. Peshko", None, ("M",), None, "Peshko"),
        ("Jehangir Khan", "Jehangir", ("J",), None, "Khan"),
        ("Mr. Valery Semerikov", "Valery", ("V",), None, "Semerikov"),
        ("Valery Semerikov.", "Valery", ("V",), None, "Semerikov"),
        ("Yu.V. Ivanov", None, ("Yu", "V"), None, "Ivanov"),
        ("SEMERIKOV Valery", "Valery", ("V",), None, "Semerikov"),
        ("VALERY SEMERIKOV", "Valery", ("V",), None, "Semerikov"),
        ("Ivanov Sergey", "Sergey", ("S",), None, "Ivanov"),
        ("George W. Bush", "George", ("G", "W"), None, "Bush"),
        ("Ursula von der Leyen", "Ursula", ("U",), None, "von der Leyen"),
        ("Jean-Yves Le Drian", "Jean-Yves", ("J",), None, "Le Drian"),
        ("Mohammad Javad Zarif", "Mohammad Javad", ("M", "J"), None, "Zarif"),
        ("Roman Abramovich", "Roman", ("R",), None, "Abramovich"),
        ("Roman Arkadyevich Abramovich", "Roman", ("R", "A"), "Arkadyevich", "Abramovich"),
        ("Ilham Heydar oglu Aliyev", "Ilham", ("I", "H"), "Heydar oglu", "Aliyev"),
        ("Aliyev Ilham Heydar oglu", "Ilham", ("I", "H"), "Heydar oglu", "Aliyev"),
        ("Семериков Валерий Николаевич", "Валерий", ("В", "Н"), "Николаевич", "Семериков"),
    ],
)
def test_parse_person_name(
    text: str,
    given: str | None,
    initials: tuple[str, ...],
    patronymic: str | None,
    surname: str,
) -> None:
    name = parse(text)
    assert (name.given, name.initials, name.patronymic, name.surname) == (
        given,
        initials,
        patronymic,
        surname,
    )


@pytest.mark.parametrize(
    ("text", "surname", "given", "display"),
    [
        ("Xie Xiaoyong", "Xie", "Xiaoyong", "Xie Xiaoyong"),
        ("Xi Jinping", "Xi", "Jinping", "Xi Jinping"),
        ("Wang Yi", "Wang", "Yi", "Wang Yi"),
        ("Ban Ki-moon", "Ban", "Ki-moon", "Ban Ki-moon"),
        ("Kim Jong Un", "Kim", "Jong Un", "Kim Jong Un"),
    ],
)
def test_east_asian_names_keep_written_order(
    text: str, surname: str, given: str, display: str
) -> None:
    name = parse(text)
    assert (name.surname, name.given, name.surname_first) == (surname, given, True)
    assert name.display() == display


def test_east_asian_surname_alone_finds_the_full_name() -> None:
    assert same_person(parse("Xie"), parse("Xie Xiaoyong"))
    assert same_person(parse("Xiaoyong Xie"), parse("Xie Xiaoyong"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "CSTO",
        "the Acting Secretary General",
        "Secretary General",
        "Colonel General Anatoly Sidorov",
        "2021",
        "DSC_8507.JPG",
        "Valery Semerikov, Jehangir Khan",
        "V. N.",
        "Collective Security Treaty Organization",
        "of the Republic of Armenia",
        "Moscow",
    ],
)
def test_not_a_person_name(text: str) -> None:
    assert parse_person_name(text) is None


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("Valery Semerikov", "Valery Semerikov"),
        ("V. Semerikov", "V. Semerikov"),
        ("Semerikov V.N.", "V.N. Semerikov"),
        ("Semerikov Valery Nikolaevich", "Valery Nikolaevich Semerikov"),
        ("George W. Bush", "George W. Bush"),
        ("Semerikov", "Semerikov"),
    ],
)
def test_display(text: str, display: str) -> None:
    assert parse(text).display() == display


# --- keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Peško", "Peshko"),
        ("Shoygu", "Shoigu"),
        ("Papikian", "Papikyan"),
        ("Zaynetdinov", "Zainetdinov"),
        ("Jürgen", "Jurgen"),
        ("Juergen", "Jurgen"),
        ("António", "Antonio"),
        ("Nikolayevich", "Nikolaevich"),
        ("Aliyev", "Aliev"),
        ("Berdimuhamedow", "Berdimuhamedov"),
        ("Kassymov", "Kasymov"),
        ("Dzhaksybekov", "Jaksybekov"),
        ("Seleznyov", "Seleznev"),
        ("Семериков", "Semerikov"),
        ("Шойгу", "Shoigu"),
    ],
)
def test_name_key_folds_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ivanov", "Ivanova"),
        ("Sidorov", "Sidorova"),
        ("Petrov", "Petrova"),
        ("Semerikov", "Semenikov"),
        ("Khan", "Kahn"),
        ("Khrenin", "Krenin"),
    ],
)
def test_name_key_keeps_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_key_keeps_kh_and_zh() -> None:
    assert name_key("Khrenin").startswith("kh")
    assert name_key("Zhaksylykov").startswith("zh")


def test_key_rules_are_a_documented_table() -> None:
    assert all(len(rule) == 3 and rule[2] for rule in KEY_RULES)


def test_surname_key_ignores_particles_and_article() -> None:
    assert surname_key(parse("Ursula von der Leyen")) == surname_key(parse("Leyen"))
    assert surname_key(parse("al-Baghdadi")) == surname_key(parse("Baghdadi"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yuri", "Yury"),
        ("Yuri", "Iurii"),
        ("Yuri", "Юрий"),
        ("Andrei", "Andrey"),
        ("Andrei", "Андрей"),
        ("Aleksandr", "Alexander"),
        ("Aleksandr", "Oleksandr"),
        ("Sergey", "Sergei"),
        ("Sergey", "Serguei"),
        ("Sergey", "Sergej"),
        ("Jürgen", "Juergen"),
        ("António", "Antonio"),
        ("Vladimir", "Volodymyr"),
        ("Evgeny", "Yevgeny"),
    ],
)
def test_given_key_groups_spellings(a: str, b: str) -> None:
    assert given_key(parse(f"{a} Ivanov")) == given_key(parse(f"{b} Ivanov"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey", "Andrey"),
        ("Aleksandr", "Aleksandra"),
        ("Aleksandr", "Sasha"),
        ("Sergey", "Stanislav"),
        ("Ivan", "John"),
    ],
)
def test_given_key_keeps_apart(a: str, b: str) -> None:
    assert given_key(parse(f"{a} Ivanov")) != given_key(parse(f"{b} Ivanov"))


def test_given_key_without_given_name() -> None:
    assert given_key(parse("V. Semerikov")) is None
    assert given_key(parse("Semerikov")) is None


# --- same_person ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Marcel Peško", "M. Peshko"),
        ("Marcel Peško", "Marcel Peshko"),
        ("Jehangir Khan", "J. Khan"),
        ("Valery Semerikov", "V. Semerikov"),
        ("Valery Semerikov", "Semerikov"),
        ("V. Semerikov", "Semerikov"),
        ("Semerikov Valery Nikolaevich", "Valery Semerikov"),
        ("Semerikov Valery Nikolaevich", "V.N. Semerikov"),
        ("Semerikov Valery Nikolaevich", "Valery Nikolayevich Semerikov"),
        ("Sergey Shoygu", "Sergei Shoigu"),
        ("Suren Papikian", "Suren Papikyan"),
        ("Vladimir Zaynetdinov", "Vladimir Zainetdinov"),
        ("Jürgen Stock", "Jurgen Stock"),
        ("Juergen Stock", "Jurgen Stock"),
        ("Yuri Ivanov", "Yury Ivanov"),
        ("Yuri Ivanov", "Yu. Ivanov"),
        ("Andrei Ivanov", "Andrey Ivanov"),
        ("Aleksandr Pankin", "Alexander Pankin"),
        ("Sergey Ivanov", "Sergei Ivanov"),
        ("Sergey Ivanov", "S. Ivanov"),
        ("António Guterres", "Antonio Guterres"),
        ("Viktor Khrenin", "V. Khrenin"),
        ("Ruslan Zhaksylykov", "Zhaksylykov"),
        ("Валерий Семериков", "Valery Semerikov"),
        ("Evgeny Ivanov", "Ye. Ivanov"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(parse(a), parse(b))
    assert same_person(parse(b), parse(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey Ivanov", "Andrey Ivanov"),
        ("S. Ivanov", "Andrey Ivanov"),
        ("S. Ivanov", "A. Ivanov"),
        ("Sergey Ivanov", "Sergey Ivanova"),
        ("Ivanov", "Ivanova"),
        ("Anatoly Sidorov", "Anatoly Sidorova"),
        ("Petrov", "Petrova"),
        ("Valery Semerikov", "Valery Semenikov"),
        ("Jehangir Khan", "Jehangir Kahn"),
        ("V.N. Semerikov", "V.A. Semerikov"),
        ("Valery Nikolaevich Semerikov", "Valery Alekseevich Semerikov"),
        ("Valery Nikolaevich Semerikov", "V.A. Semerikov"),
        ("Aleksandr Ivanov", "Aleksandra Ivanova"),
    ],
)
def test_not_same_person(a: str, b: str) -> None:
    assert not same_person(parse(a), parse(b))
    assert not same_person(parse(b), parse(a))


# --- the given-name table ---------------------------------------------------------------


def test_bundled_table_loads_with_hundreds_of_names() -> None:
    table = given_name_table()
    assert len(table.spellings) >= 300
    assert table.canonical("Yury") == table.canonical("Юрий") == "Yuri"
    assert table.canonical("Sasha") is None  # diminutives are not merged


def test_table_rejects_a_spelling_in_two_groups() -> None:
    text = "groups:\n  Yuri: [Yury]\n  Georgy: [Yuri]\n"
    with pytest.raises(DataError, match="one group"):
        GivenNameTable.from_yaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "groups: [Yuri, Yury]\n",
        "version: 1\n",
        "groups:\n  Yuri: [Yury, 12]\n",
        "groups:\n  Yuri: {a: b}\n",
        "groups: [unclosed\n",
        "groups:\n  Yuri: ['---']\n",
    ],
)
def test_table_rejects_malformed_data(text: str) -> None:
    with pytest.raises(DataError, match=r"given_names\.yml"):
        GivenNameTable.from_yaml(text)


def test_looks_personal_needs_a_trait_of_a_real_name() -> None:
    def looks(text: str) -> bool:
        name = parse_person_name(text)
        assert name is not None
        return looks_personal(name)

    assert looks("Talant Osmonov")  # a surname-shaped last word
    assert looks("Vladimir Lazar")  # a known given name
    assert looks("Sh.J.Karimzoda")  # initials
    assert looks("Rustam Sharifzoda")
    assert not looks("Red Notice")
    assert not looks("Road Map")


def test_a_surname_of_two_words_after_its_particle() -> None:
    full = parse_person_name("Pieter de Groot Hendriks")
    alone = parse_person_name("de Groot Hendriks")
    assert full is not None and alone is not None
    assert (full.given, full.surname) == ("Pieter", "de Groot Hendriks")
    assert (alone.given, alone.surname) == (None, "de Groot Hendriks")
    assert same_person(full, alone)
