"""Full-text search: the FTS5 index and its triggers (PostgreSQL: its search column), query
syntax, dates, pages, snippets; the same stories found on both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, text

from pressgraph.store import schema
from pressgraph.store.db import Database
from pressgraph.store.search import (
    Marked,
    SearchSyntaxError,
    _like,
    search_stories,
    to_fts,
)
from tests.web.conftest import Seeded


@pytest.mark.parametrize(
    ("typed", "fts"),
    [
        ("Semerikov", '"Semerikov"'),
        ("Counter-Terrorism agencies", '"Counter-Terrorism" "agencies"'),
        ('"joint staff" OR semer*', '"joint staff" OR "semer"*'),
        ("CSTO NOT (Serbia OR Armenia)", '"CSTO" NOT ( "Serbia" OR "Armenia" )'),
        ("headline:Semerikov", 'headline : "Semerikov"'),
        ("and or", '"and" "or"'),  # lower case words are words, not operators
    ],
)
def test_typed_queries_become_fts5_queries(typed: str, fts: str) -> None:
    assert to_fts(typed) == fts


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "NOT CSTO", "(CSTO", "CSTO OR"])
def test_a_malformed_query_is_a_clear_400_never_a_500(
    client: TestClient, seeded: Seeded, query: str
) -> None:
    response = client.get("/search.json", params={"q": query})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert repr(query) in message and 'Type words, "a quoted phrase"' in message
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400
    assert '<p class="error-message" role="alert">' in page.text
    assert "Type words, &#34;a quoted phrase&#34;" in page.text


def test_search_finds_semerikov_with_the_headline_match_first(
    client: TestClient, seeded: Seeded
) -> None:
    data = client.get("/search.json", params={"q": "Semerikov"}).json()
    assert data["total"] == 2 and data["pages"] == 1
    first, second = data["hits"]
    assert first["story"] == seeded.seed_004_main  # in the headline too, which weighs more
    assert second["story"] == seeded.seed_000
    marked = first["snippet"]
    start, end = marked["spans"][0]
    assert marked["text"][start:end] == "Semerikov"


def test_search_ignores_case_and_diacritics_and_takes_prefixes(db_for_search: Database) -> None:
    for query in ("semerikov", "SEMERIKOV", "semer*", "Sémerikov"):
        assert search_stories(db_for_search, query).total == 2, query


def test_dates_filter_and_order_the_results(client: TestClient, seeded: Seeded) -> None:
    query = {"q": "CSTO", "from": "2021-01-01", "to": "2022-12-31"}
    data = client.get("/search.json", params=query).json()
    assert {h["story"] for h in data["hits"]} == {seeded.seed_004_main, seeded.seed_004_side}
    assert (data["date_from"], data["date_to"]) == ("2021-01-01", "2022-12-31")
    browse = client.get("/search.json", params={"from": "2020-01-01"}).json()
    assert [h["date"] for h in browse["hits"]] == ["2024-03-12", "2022-05-24", "2021-06-30"]


def test_empty_date_fields_from_the_form_mean_no_limit(client: TestClient) -> None:
    data = client.get("/search.json?q=&from=&to=").json()
    assert data["total"] == 4


def test_a_reversed_date_range_is_a_400_that_says_to_swap(client: TestClient) -> None:
    response = client.get("/search.json", params={"from": "2022-01-01", "to": "2021-01-01"})
    assert response.status_code == 400
    assert "swap them" in response.json()["error"]["message"]


def test_results_are_paginated(db_for_search: Database) -> None:
    first = search_stories(db_for_search, "", page=1, page_size=3)
    second = search_stories(db_for_search, "", page=2, page_size=3)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (4, 2, 3, 1)
    assert {h.story for h in first.hits}.isdisjoint(h.story for h in second.hits)
    ranked = [search_stories(db_for_search, "CSTO", page=n, page_size=1) for n in range(1, 6)]
    assert [r.total for r in ranked] == [4] * 5 and ranked[4].hits == ()
    assert len({r.hits[0].story for r in ranked[:4]}) == 4


def test_the_html_pager_links_to_the_next_page(client: TestClient) -> None:
    # four stories at the default 20 a page is one page: no pager
    assert 'class="pager"' not in client.get("/search?q=").text
    past = client.get("/search?q=CSTO&page=9")
    assert past.status_code == 200 and "past the last page" in past.text


def test_snippets_mark_matches_and_are_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": "alert"}).text
    assert "<mark>alert</mark>" in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html


def test_marked_text_splits_into_runs() -> None:
    marked = Marked("a Semerikov b", ((2, 11),))
    assert marked.parts() == [("a ", False), ("Semerikov", True), (" b", False)]


def test_the_like_fallback_finds_the_same_stories(db_for_search: Database) -> None:
    with db_for_search.read() as conn:
        total, hits = _like(conn, "semerikov conference", (None, None), (), 1, 10)
    assert total == 2
    assert all(any(hit for _, hit in h.snippet.parts()) for h in hits)


@pytest.fixture
def db_for_search(seeded: Seeded) -> Database:
    """The seeded database, opened for direct store calls."""
    return Database(seeded.url)


def _indexed(db: Database) -> tuple[list[str], int]:
    """The story ids in the index's map, and how many rows its FTS5 table holds (on
    PostgreSQL: the stories with words in their search column, and how many there are)."""
    if db.dialect == "postgresql":
        found = "SELECT id FROM stories WHERE search_vector != ''::tsvector"
        with db.read() as conn:
            ids = sorted(conn.execute(text(found)).scalars())
        return ids, len(ids)
    with db.read() as conn:
        ids = sorted(conn.execute(text("SELECT story_id FROM story_search_map")).scalars())
        rows = conn.execute(text("SELECT count(*) FROM story_search")).scalar_one()
    return ids, rows


def _unindexed(conn: Connection) -> str:
    """Turn the database back into one made before its search index; the migration's name."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE stories DROP COLUMN search_vector"))
        conn.execute(text("DROP TEXT SEARCH CONFIGURATION pressgraph_search"))
        name = "story_search_postgres"
    else:
        for trigger in ("insert", "delete", "update"):
            conn.execute(text(f"DROP TRIGGER story_search_{trigger}"))
        conn.execute(text("DROP TABLE story_search"))
        conn.execute(text("DROP TABLE story_search_map"))
        name = "story_search"
    conn.execute(schema.migrations.delete().where(schema.migrations.c.name == name))
    return name


def _insert_story(conn: Connection, body: str) -> None:
    """A document d1 with one story d1-0, written straight to the tables."""
    conn.execute(
        schema.documents.insert().values(
            id="d1",
            source="s",
            version=1,
            content_hash="h",
            format="text",
            raw="r",
            text="t",
            cleaned="c",
            segments="[]",
            image_count=0,
            story_count=1,
            fetched_at="now",
            stage="test",
        )
    )
    conn.execute(
        schema.stories.insert().values(
            id="d1-0",
            document_id="d1",
            idx=0,
            start=0,
            end=len(body),
            main=True,
            text=body,
            stage="test",
        )
    )


def test_triggers_keep_the_index_in_sync_with_stories(db: Database) -> None:
    with db.begin() as conn:
        _insert_story(conn, "Zas spoke")
    assert search_stories(db, "Zas").total == 1
    assert _indexed(db) == (["d1-0"], 1)
    with db.begin() as conn:
        conn.execute(schema.stories.update().values(text="Peshko spoke", date="2020-05-01"))
    assert (search_stories(db, "Zas").total, search_stories(db, "Peshko").total) == (0, 1)
    assert search_stories(db, "Peshko", date_from="2020-01-01", date_to="2020-12-31").total == 1
    assert _indexed(db) == (["d1-0"], 1)
    with db.begin() as conn:
        conn.execute(schema.stories.delete())
    assert _indexed(db) == ([], 0)


def test_the_migration_indexes_stories_stored_before_it(db: Database, db_url: str) -> None:
    with db.begin() as conn:
        _insert_story(conn, "Zas spoke")
        name = _unindexed(conn)  # a database made before issue 5 (on PostgreSQL: issue 10)
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == [name]
    assert search_stories(upgraded, "Zas").total == 1
    assert _indexed(upgraded) == (["d1-0"], 1)


@pytest.mark.sqlite_only(reason="the FTS5 index's map and its triggers are SQLite's")
def test_updating_other_columns_leaves_the_index_alone(db: Database) -> None:
    with db.begin() as conn:
        _insert_story(conn, "Zas spoke")
        key = conn.execute(text("SELECT id FROM story_search_map")).scalar_one()
        conn.execute(schema.stories.update().values(stage="again"))
        assert conn.execute(text("SELECT id FROM story_search_map")).scalar_one() == key


def test_a_search_syntax_error_is_a_pressgraph_error(db_for_search: Database) -> None:
    with pytest.raises(SearchSyntaxError, match="unbalanced quote"):
        search_stories(db_for_search, '"Semerikov')


@pytest.mark.parametrize(
    ("params", "stories"),
    [
        ({"entity": "Semerikov"}, {"seed_000", "seed_004_main"}),
        ({"entity": "person:suren-papikian"}, {"seed_004_side"}),
        ({"kind": "conference"}, {"seed_000", "seed_004_main"}),
        ({"kind": "meeting"}, {"seed_004_side"}),
        ({"q": "terrorism", "entity": "org:csto"}, {"seed_000", "seed_004_main"}),
        ({"q": "terrorism", "kind": "meeting"}, set()),
        (
            {"q": "Semerikov", "entity": "Semerikov", "kind": "conference"},
            {"seed_000", "seed_004_main"},
        ),
        ({"entity": "org:csto", "from": "2021-01-01", "to": "2021-12-31"}, {"seed_004_main"}),
        (
            {"q": "CSTO", "entity": "", "kind": ""},
            {"seed_000", "seed_004_main", "seed_004_side", "injected"},
        ),
    ],
)
def test_search_filters_by_entity_and_event_kind(
    client: TestClient, seeded: Seeded, params: dict[str, str], stories: set[str]
) -> None:
    data = client.get("/search.json", params=params).json()
    assert {h["story"] for h in data["hits"]} == {getattr(seeded, s) for s in stories}
    assert data["total"] == len(stories)
    if params.get("entity"):
        assert data["entity"]["id"].split(":")[0] in {"person", "org"}
    assert data["kind"] == (params.get("kind") or None)


def test_filtered_results_are_ranked_and_marked_like_the_others(client: TestClient) -> None:
    plain = client.get("/search.json", params={"q": "Semerikov"}).json()
    filtered = client.get("/search.json", params={"q": "Semerikov", "kind": "conference"}).json()
    assert [h["story"] for h in filtered["hits"]] == [h["story"] for h in plain["hits"]]
    assert filtered["hits"][0]["snippet"] == plain["hits"][0]["snippet"]


def test_the_search_form_keeps_its_filters(client: TestClient) -> None:
    html = client.get(
        "/search", params={"q": "CSTO", "entity": "Semerikov", "kind": "meeting"}
    ).text
    assert 'value="person:valery-semerikov"' in html
    assert '<option value="meeting" selected>' in html
    assert "&amp;entity=person%3Avalery-semerikov&amp;kind=meeting" in html or "mentioning" in html


def test_an_unknown_entity_filter_is_a_404(client: TestClient) -> None:
    response = client.get("/search.json", params={"entity": "Nobody Atall"})
    assert response.status_code == 404
    message = response.json()["error"]["message"]
    assert message.startswith("No entity named 'Nobody Atall'; entity ids look like")
    assert "pressgraph entities" not in message


def test_the_like_fallback_applies_the_filters(seeded: Seeded) -> None:
    from pressgraph.store.pages.common import Ref
    from pressgraph.store.pages.search import _within

    db = Database(seeded.url)
    within = _within((Ref("org:csto", "CSTO", "organization"),), "conference")
    assert within is not None
    with db.read() as conn:
        total, hits = _like(conn, "terrorism", (None, None), (within,), 1, 10)
    assert total == 2 and {h.story for h in hits} == {seeded.seed_000, seeded.seed_004_main}
