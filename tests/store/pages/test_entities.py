"""An entity page's events on a busy organization: the newest few of many, read from the
derived `event_members` rows (written here directly, as resolution would write them)."""

from __future__ import annotations

import json

from sqlalchemy import insert

from pressgraph.store.db import Database
from pressgraph.store.pages.entities import EVENTS_SHOWN, entity_page
from pressgraph.store.schema import MEMBER_ORDER, entities, entity_counts, event_members, events


def _entity(eid: str, name: str, parent: str | None = None) -> dict[str, object]:
    return {
        "id": eid,
        "kind": "organization",
        "name": name,
        "parent_id": parent,
        "aliases": json.dumps([name]),
        "stage": "resolve@2",
    }


def test_the_newest_events_of_it_and_its_bodies_come_first_and_officials_do_not_count(
    db: Database,
) -> None:
    days = [f"2020-01-{d:02d}" for d in range(1, 29)]
    rows = [{"id": f"event:{n:02d}", "start": day} for n, day in enumerate(days)]
    rows += [{"id": f"event:same-day-{n}", "start": "2020-01-28"} for n in range(3)]
    rows += [{"id": f"event:undated-{n}", "start": None} for n in range(3)]
    members = []
    for n, row in enumerate(rows):
        # the organization's own events, its body's, and (every third) only an official's
        who, part = ("org:body", "organizer") if n % 3 == 1 else ("org:top", "participant")
        if n % 3 == 2:
            part = "official"
        members.append(
            {"entity_id": who, "event_id": row["id"], "start": row["start"], "part": part}
        )
    members.append(  # a stronger part of the top organization in one of its body's events
        {"entity_id": "org:top", "event_id": "event:25", "start": days[25], "part": "chair"}
    )
    with db.begin() as conn:
        conn.execute(
            insert(entities), [_entity("org:top", "Top"), _entity("org:body", "Body", "org:top")]
        )
        conn.execute(
            insert(events),
            [{"kind": "meeting", "stage": "resolve@2", **row} for row in rows],
        )
        conn.execute(
            insert(event_members),
            [{**m, "rank": MEMBER_ORDER.index(str(m["part"]))} for m in members],
        )
        conn.execute(
            insert(entity_counts),
            [{"entity_id": "org:top", "mentions": 1, "stories": 1, "events": 23}],
        )
    page = entity_page(db, "org:top")
    shown = [(a.event.id, a.event.start, a.part) for a in page.events]
    attended = [(m["event_id"], m["start"]) for m in members if m["part"] != "official"]
    newest = sorted(set(attended), key=lambda e: (e[1] or "", e[0]), reverse=True)
    assert len(shown) == EVENTS_SHOWN
    assert {e for e, _, _ in shown} == {e for e, _ in newest[:EVENTS_SHOWN]}
    assert all(part != "official" for *_, part in shown)
    assert ("event:25", days[25], "chair") in shown  # the strongest part of either
    assert [s for _, s, _ in shown] == sorted((s for _, s, _ in shown), reverse=True)
    assert page.events_total == 23  # counted by resolution, with the bodies'
