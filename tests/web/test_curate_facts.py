"""Judging facts where they are shown (issue 12): a logged-in curator rejects, confirms or
notes a claim, statement, post or event from its row; sees what was rejected in place,
struck through with who rejected it and why, and can undo it there. Everyone else never
sees a rejected fact (pages, JSON and CSV twins) nor a form, and sees the notes."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.test_curation import curated, logged_in

__all__ = ["curated"]

MILITANTS = "20-30 thousand militants"
CLAIM = "claim:a731134e987d110f-0#6543-6567"  # Khan's figure of the militants
KHAN, SEMERIKOV = "/entities/person:jehangir-khan", "/entities/person:valery-semerikov"
STATEMENT = "statement:a731134e987d110f-0#1355-1707"
POST = "role:a731134e987d110f-0#1246-1343"
CONFERENCE = "event:2021-06-28-conference-second-conference-of-the-heads-of-counter-terror"


def judge(client: TestClient, csrf: str, action: str, target: str, why: str, goes: str) -> None:
    """Send a fact row's form as the page does; it comes back to the page it was sent from."""
    form = {"csrf": csrf, "action": action, "target": target, "why": why, "next": goes}
    done = client.post("/curate/judge", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert done.headers["location"] == goes


def anyone(curated: TestClient) -> TestClient:
    """A visitor of the same site without the curator's cookie."""
    return TestClient(curated.app, raise_server_exceptions=False)


def test_a_claim_is_rejected_from_the_claims_page_and_undone_in_place(
    curated: TestClient,
) -> None:
    csrf = logged_in(curated)
    page = curated.get("/claims?unit=militant").text
    assert f'name="target" value="{CLAIM}"' in page  # the row's own form
    judge(curated, csrf, "reject", CLAIM, "a figure of the <UN> report", "/claims?unit=militant")

    page = curated.get("/claims?unit=militant").text
    assert f"<del>{MILITANTS}</del>" in page and 'class="rejected"' in page
    assert "rejected</span> by Ann: a figure of the &lt;UN&gt; report" in page
    undo = r'name="action" value="undo"><input type="hidden" name="target" value="1"'
    assert re.search(undo, page) is not None and "<UN>" not in page
    assert f"<del>{MILITANTS}</del>" in curated.get(KHAN).text
    assert curated.get("/claims.json?unit=militant").json()["total"] == 0  # twins: left out

    visitor = anyone(curated)
    assert MILITANTS not in visitor.get("/claims?unit=militant").text
    assert visitor.get("/claims.json?unit=militant").json()["total"] == 0
    assert MILITANTS not in visitor.get("/claims.csv").text
    assert f"“{MILITANTS}”" not in visitor.get(KHAN).text  # the row (the sentence stays)
    texts = [c["text"] for c in visitor.get(f"{KHAN}.json").json()["claims"]]
    assert texts and MILITANTS not in texts  # his other figure stays

    judge(curated, csrf, "undo", "1", "it is his", "/claims?unit=militant")
    assert visitor.get("/claims.json?unit=militant").json()["total"] == 1
    assert "<del>" not in curated.get("/claims?unit=militant").text


def test_a_confirm_and_notes_from_the_rows_notes_shown_to_everyone(
    curated: TestClient,
) -> None:
    csrf = logged_in(curated)
    assert f'name="target" value="{STATEMENT}"' in curated.get(SEMERIKOV).text
    judge(curated, csrf, "note", STATEMENT, "Said at the <Dushanbe> conference", SEMERIKOV)
    judge(curated, csrf, "confirm", CLAIM, "checked against the video", KHAN)
    judge(curated, csrf, "note", CLAIM, "The UN's figure, quoted", "/claims")
    log = curated.get("/judgements.json").json()["judgements"]
    assert [(j["action"], j["status"], j["value"]) for j in log] == [
        ("note", "applied", "The UN's figure, quoted"),
        ("confirm", "applied", None),
        ("note", "applied", "Said at the <Dushanbe> conference"),
    ]

    visitor = anyone(curated)
    page = visitor.get(SEMERIKOV).text
    assert "Note: Said at the &lt;Dushanbe&gt; conference" in page and "— Ann," in page
    claims = visitor.get("/claims?unit=militant").text
    assert "Note: The UN&#39;s figure, quoted" in claims and MILITANTS in claims
    assert "Note: The UN&#39;s figure, quoted" in visitor.get(KHAN).text


def test_a_post_rejected_from_the_entity_page_stays_listed_for_curators(
    curated: TestClient,
) -> None:
    csrf = logged_in(curated)
    assert f'name="target" value="{POST}"' in curated.get(SEMERIKOV).text
    judge(curated, csrf, "reject", POST, "he was never acting", SEMERIKOV)
    page = curated.get(SEMERIKOV).text
    rejected = page.split('aria-label="Posts rejected"')[1].split("</ul>")[0]
    assert "<del>" in rejected and "by Ann: he was never acting" in rejected
    titles = [p["title"] for p in anyone(curated).get(f"{SEMERIKOV}.json").json()["posts"]]
    assert "Acting Secretary General" not in titles
    assert "Acting Secretary General" not in anyone(curated).get(f"{SEMERIKOV}/posts.csv").text


def test_an_event_is_rejected_from_the_entity_events_table(curated: TestClient) -> None:
    csrf = logged_in(curated)
    page = curated.get(SEMERIKOV).text
    table = page.split('id="events-heading"')[1].split("</table>")[0]
    assert f'name="target" value="{CONFERENCE}"' in table
    judge(curated, csrf, "reject", CONFERENCE, "a merger of two events", SEMERIKOV)
    assert anyone(curated).get(f"/events/{CONFERENCE}").status_code == 404
    events = anyone(curated).get(f"{SEMERIKOV}.json").json()["events"]
    assert events and CONFERENCE not in [x["event"]["id"] for x in events]
    page = curated.get(SEMERIKOV).text  # gone from the table, listed below it with undo
    rejected = page.split('aria-label="Events rejected"')[1].split("</ul>")[0]
    assert "<del>" in rejected and "by Ann: a merger of two events" in rejected
    assert 'name="action" value="undo"' in rejected


def test_visitors_see_no_forms_and_cannot_judge(curated: TestClient, client: TestClient) -> None:
    for site in (anyone(curated), client):  # curated but not logged in; read-only
        for path in ("/claims?unit=militant", KHAN, SEMERIKOV, f"/events/{CONFERENCE}"):
            page = site.get(path)
            assert page.status_code == 200
            assert 'action="/curate/judge"' not in page.text and "Reject" not in page.text
        form = {"action": "reject", "target": CLAIM, "why": "x"}
        assert site.post("/curate/judge", data=form).status_code == 403
    assert anyone(curated).get("/claims.json?unit=militant").json()["total"] == 1
