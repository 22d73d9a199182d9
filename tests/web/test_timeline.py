"""The time lines of the entity pages on the sample pages (issue 13): a person's posts,
events, statements and claims as marks that open their sentence; an organization's officials
as bars with the right people and years; the undated said in words; the JSON twin the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

from pressgraph.web.marks import evidence_url

SEMERIKOV = "person:valery-semerikov"


@dataclass
class Drawn:
    """A mark as the page draws it: its figure, class, link, accessible name, hover text."""

    figure: str
    css: str
    href: str | None
    label: str
    a: int
    b: int
    shape: str = ""
    title: str = ""


@dataclass
class _Marks(HTMLParser):
    """The marks and official names of each time line figure of a page."""

    marks: list[Drawn] = field(default_factory=list)
    names: list[tuple[str, str | None]] = field(default_factory=list)
    figure: str = ""
    _in: Drawn | None = None
    _title: bool = False
    _name: str | None = None

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = dict(attrs)
        css = at.get("class") or ""
        if tag == "figure" and "tl" in css.split():
            self.figure = at.get("id") or ""
        elif "tl-mark" in css.split():
            self._in = Drawn(self.figure, css, at.get("href"), at.get("aria-label") or "",
                             int(at["data-a"] or 0), int(at["data-b"] or 0))  # fmt: skip
            self.marks.append(self._in)
        elif "tl-name" in css.split():
            self._name = at.get("href")
        elif self._in and tag in ("circle", "rect"):
            self._in.shape = tag
        self._title = tag == "title" and self._in is not None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "g") and self._in is not None and not self._title:
            self._in = None
        self._title = False

    def handle_data(self, data: str) -> None:
        if self._title and self._in is not None:
            self._in.title += data
        elif self._name is not None and data.strip():
            self.names.append((data.strip(), self._name))
            self._name = None


def drawn(html: str) -> _Marks:
    """The time line marks of a page."""
    found = _Marks()
    found.feed(html)
    return found


def story_text(client: TestClient, story_id: str) -> str:
    """The text of a story, from its page's JSON twin."""
    text: str = client.get(f"/stories/{story_id}.json").json()["story"]["text"]
    return text


def test_a_person_has_marks_of_each_kind_that_open_their_sentence(client: TestClient) -> None:
    page = client.get(f"/entities/{SEMERIKOV}.json").json()
    line = page["timeline"]
    assert {m["kind"] for m in line["marks"]} == {"post", "event", "statement", "claim"}
    dates = [m["first"] for m in line["marks"]]
    assert dates == sorted(dates) and dates[0] == "2019-10-30"
    # the same facts the page lists: each post, event, statement and claim once
    assert sum(m["kind"] == "statement" for m in line["marks"]) == len(page["statements"])
    assert sum(m["kind"] == "post" for m in line["marks"]) == len(page["posts"])
    found = drawn(client.get(f"/entities/{SEMERIKOV}").text)
    facts = [m for m in found.marks if m.figure == "tl-facts"]
    assert len(facts) == len(line["marks"])
    by_href = {m.href: m for m in facts}
    for mark in line["marks"]:
        href = evidence_url(mark["story"], mark["start"], mark["end"])
        shown = by_href[href]
        assert f"tl-{mark['kind']}" in shown.css and shown.title == mark["sentence"]
        assert mark["first"] in shown.label
        said = story_text(client, mark["story"])[mark["start"] : mark["end"]]
        assert " ".join(said.split()) in shown.title  # hovering shows the evidence sentence


def test_a_post_seen_over_time_is_a_bar_and_a_day_is_a_dot(client: TestClient) -> None:
    found = drawn(client.get("/entities/org:csto-joint-staff").text)
    (sidorov,) = [m for m in found.marks if m.figure == "tl-officials"]
    assert found.names == [("Anatoly Sidorov — Head", "/entities/person:anatoly-sidorov")]
    assert "2019-10-30 to 2022-05-24" in sidorov.label and "seen 2 times" in sidorov.label
    assert sidorov.shape == "rect" and sidorov.b - sidorov.a > 900  # from 2019 to 2022
    assert (sidorov.href or "").startswith("/stories/") and "#at-" in (sidorov.href or "")
    assert "Sidorov" in sidorov.title


def test_an_organization_draws_its_officials_with_their_years(client: TestClient) -> None:
    page = client.get("/entities/org:csto.json").json()
    bars = page["timeline"]["bars"]
    assert {(b["person"]["name"], b["title"]) for b in bars} == {
        (p["person"]["name"], p["title"]) for p in page["officials"]
    }
    zas = next(b for b in bars if b["person"]["id"] == "person:stanislav-zas")
    assert (zas["title"], zas["first"], zas["last"]) == (
        "Secretary General",
        "2022-05-24",
        "2022-05-24",
    )
    found = drawn(client.get("/entities/org:csto").text)
    officials = [m for m in found.marks if m.figure == "tl-officials"]
    assert len(officials) == len(bars)
    assert ("Stanislav Zas — Secretary General", "/entities/person:stanislav-zas") in found.names
    drawn_zas = next(m for m in officials if m.label.startswith("Stanislav Zas"))
    assert drawn_zas.shape == "circle" and "2022-05-24" in drawn_zas.label
    assert drawn_zas.href == evidence_url(zas["story"], zas["start"], zas["end"])
    firsts = [b["first"] for b in bars]
    assert firsts == sorted(firsts)  # oldest first, top to bottom
    labels = [m.label.split(",")[0] for m in officials]
    assert labels == [f"{b['person']['name']} — {b['title']}" for b in bars]


def test_the_undated_are_counted_in_words_and_kept_off_the_drawing(client: TestClient) -> None:
    line: dict[str, Any] = client.get("/entities/org:csto.json").json()["timeline"]
    undated = {u["kind"]: u["count"] for u in line["undated"]}
    assert undated.get("event", 0) >= 1  # the exercise named without a date
    html = client.get("/entities/org:csto").text
    n = undated["event"]
    assert f"Left out for having no date: {n} event{'s' if n > 1 else ''}" in html
    assert all(m["first"] for m in line["marks"])
    facts = [m for m in drawn(html).marks if m.figure == "tl-facts"]
    assert len(facts) == len(line["marks"])


def test_a_place_and_a_country_have_their_timeline(client: TestClient) -> None:
    moscow = client.get("/entities/place:moscow.json").json()["timeline"]
    assert [m["kind"] for m in moscow["marks"]] == ["event"]
    found = drawn(client.get("/entities/place:moscow").text)
    assert [m.href for m in found.marks] == [
        evidence_url(
            moscow["marks"][0]["story"], moscow["marks"][0]["start"], moscow["marks"][0]["end"]
        )
    ]
    russia = client.get("/entities/country:RUS").text
    assert 'id="tl-officials"' in russia and "Sergey Shoygu — Minister of Defense" in russia
    assert "No dated event, statement or figure to draw." in russia


def test_without_a_script_the_drawing_is_whole_and_the_controls_wait(client: TestClient) -> None:
    html = client.get(f"/entities/{SEMERIKOV}").text
    assert '<script src="/static/timeline.js" defer></script>' in html
    figure = html.split('id="tl-facts"', 1)[1].split("</figure>", 1)[0]
    assert 'class="tl-controls" role="group" aria-label="Dates shown" hidden' in figure
    assert '<option value="2019" selected>' in figure and '<option value="2021" selected>' in figure
    assert client.get("/static/timeline.js").status_code == 200


def test_a_post_read_from_a_press_signature_opens_its_document(client: TestClient) -> None:
    bars = client.get("/entities/org:csto.json").json()["timeline"]["bars"]
    signed = [b for b in bars if b["story"] is None]
    assert signed and all(b["document"] for b in signed)  # the seed page's press secretary
    marks = drawn(client.get("/entities/org:csto").text).marks
    for bar in signed:
        href = f"/documents/{bar['document']}#removed-heading"
        (shown,) = [m for m in marks if m.href == href]
        assert shown.label.endswith("(press signature)") and shown.title == bar["sentence"]
