"""Line classification of page furniture, on lines seen on real pages."""

from __future__ import annotations

import pytest

from pressgraph.clean.furniture import classify_line, is_signature, strip_inline


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Go back", "navigation"),
        ("Back to the section", "navigation"),
        ("Back to the all news", "navigation"),
        ("← Назад", "navigation"),
        ("(Video)", "navigation"),
        ("DSC_8507.JPG", "image"),
        ("ZVF_8796.JPG", "image"),
        ("Встреча министров обороны ОДКБ.jpg", "image"),
        ("photo 2 (1).png", "image"),
        ("Download document 9f2c1d3e4b5a69788796a5b4c3d2e1f0.docx", "download"),
        ("Скачать документ решение.pdf", "download"),
        ("report_2021.pdf (350 KB)", "download"),
        ("{{item.group_date}}", "placeholder"),
        ("{% endif %}", "placeholder"),
        ("None", "placeholder"),
        ("undefined", "placeholder"),
        ("E-mail: odkb-pressa@gov.ru", "contact"),
        ("odkb-pressa@gov.ru", "contact"),
        ("Tel.: +7 (495) 606-97-71", "contact"),
        ("Тел.: +7 495 606 97 71", "contact"),
        ("Skip to main content", "navigation"),
        ("Read also", "navigation"),
        ("Currently reading", "navigation"),
        ("Subscribe to our channel on Telegram", "navigation"),
        ("Подписаться на новости агентства:", "navigation"),
        ("Content type: Press release", "metadata"),
        ("Region:Central Asia, Caucasus", "metadata"),
        ("• Last updated: 14 Jan. 2021 10:15", "metadata"),
        ("Source: Пресс-служба Секретариата", "metadata"),
        ("by admin", "byline"),
        ("Ivan Sidorov March 3, 2022 4 min read", "byline"),
        ("© Anna Volkova/Press Agency", "credit"),
        ("Border guards at the crossing point. ©", "credit"),
        (
            "© Agency / Ivan Sidorov / Go to the media bankJoint drills of the rapid reaction "
            "forces at the training ground near the border",
            "credit",
        ),
        ("We use cookies to improve this site. Learn more about our policy.", "cookie"),
        ("English Русский Қазақша", "language"),
        ("• ru-RU1 en-GB1", "language"),
        ("This page is also available in Русский and Français", "language"),
        ("• Google News", "share"),
        ("Facebook Twitter Telegram", "share"),
        ("• 1", "counter"),
        ("^", "counter"),
        ("250 Entries", "counter"),
        ("DateRelease numberTitle", "labels"),
        ("Home » News » The Council met in Minsk", "breadcrumb"),
        ("05/14/2024 | Press release | Distributed by Wire on 05/14/2024 09:10", "metadata"),
        ("CSTO - Collective Security Treaty Organization", "label"),
        ("Organization for Security and Co-operation in Europe", "label"),
    ],
)
def test_furniture_lines_are_recognized(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "On May 24, 2022, the Council met.",
        "The CSTO will go back to the issue at the next session.",
        "Back to the future: the CSTO at 30",
        "The photos.jpg were published by the press service, he said.",
        "He sent the report by e-mail to all member states.",
        "In 2022 the CSTO will celebrate its 20th anniversary.",
        "- global threats of terrorism: assessing current threats;",
        "By the end of the year the Council will meet again.",
        "The ministers discussed the cookies industry and sugar prices in a long session of talks.",
        "Russia, China and India discussed security in Central Asia",
        "Source of the threat: the ministers named terrorism and drug trafficking as the main "
        "threats to the region.",
        "CSTO - SCO: the secretaries general met in Minsk",
        "None of the delegations objected.",
        "Minsk | Talks | The CSTO and the SCO signed a memorandum on cooperation",
    ],
)
def test_story_lines_are_kept(line: str) -> None:
    assert classify_line(line) is None


def test_signatures() -> None:
    assert is_signature("The CSTO Press Secretary Vladimir Zaynetdinov")
    assert is_signature("Пресс-служба Секретариата ОДКБ")
    assert not is_signature("The press secretary said that the meeting was productive.")


def test_bracketed_link_texts_are_cut_out_anywhere_in_a_line() -> None:
    kept, gone = strip_inline(
        "Secretary General - Ivanov Ivan Ivanovich (biographical information) - Republic of X"
    )
    assert kept == "Secretary General - Ivanov Ivan Ivanovich - Republic of X"
    assert [g[0] for g in gone] == ["(biographical information)"]
    kept, gone = strip_inline("The statement was adopted (click here to read it in Russian).")
    assert kept == "The statement was adopted."


def test_inline_placeholders_and_markers_are_cut_out() -> None:
    kept, gone = strip_inline("Headline of the day (Video)")
    assert kept == "Headline of the day"
    assert [g[0] for g in gone] == ["(Video)"]
    kept, gone = strip_inline("Moscow {{item.city}} hosted {{x}} the forum.")
    assert kept == "Moscow hosted the forum."
    assert [g[0] for g in gone] == ["{{item.city}}", "{{x}}"]
