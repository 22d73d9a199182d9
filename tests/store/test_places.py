"""The map's places (store/places.py) on the sample pages: each place and country known to the
gazetteer has its point, and the stories that mention it, as `entity_stories` holds them."""

from __future__ import annotations

from sqlalchemy import func, select

from pressgraph.store.db import Database
from pressgraph.store.schema import entity_stories, places


def test_each_place_counts_the_stories_that_mention_it(seed_db: Database) -> None:
    with seed_db.read() as conn:
        shown = {r.entity_id: r for r in conn.execute(select(places))}
        counted = dict(
            conn.execute(
                select(entity_stories.c.entity_id, func.count()).group_by(
                    entity_stories.c.entity_id
                )
            ).all()
        )
    assert {"country:RUS", "place:moscow"} <= set(shown)
    assert {e: r.stories for e, r in shown.items()} == {e: counted.get(e, 0) for e in shown}
    assert max(r.stories for r in shown.values()) >= 2  # a country in more than one story
    moscow = shown["place:moscow"]
    assert moscow.country == "RUS" and 55 < moscow.latitude < 56 and moscow.precision == "city"
