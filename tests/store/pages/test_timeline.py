"""An entity's time line from the facts its page read, built by hand: dated marks oldest
first with their evidence, undated ones counted by kind, officials as bars (the most seen)."""

from __future__ import annotations

from pressgraph.store.db import Database
from pressgraph.store.pages.common import ClaimView, Ref, StatementView
from pressgraph.store.pages.entities import Evidence, PostView
from pressgraph.store.pages.timeline import BARS_SHOWN, Left, entity_timeline

ORG = Ref("org:top", "Top Organization", "organization")
BODY = Ref("org:body", "Body of the Top", "organization")


def _post(name: str, title: str, first: str | None, last: str | None, seen: int = 1) -> PostView:
    person = Ref(f"person:{name.lower()}", name, "person")
    signature = Evidence(None, f"{title} {name}", first)
    told = Evidence("story-1", f"the {title} {name}", first, "", 10, 30, f"Said the {title}.")
    return PostView(person, title, ORG, None, first, last, seen, (signature, told))


def _statement(date: str | None, text: str) -> StatementView:
    return StatementView(1, None, "story-2", date, None, "said", True, text, 5, 5 + len(text))


def _claim(date: str | None) -> ClaimView:
    return ClaimView(
        7, "story-3", date, 40.0, 40.0, "over", "fighter", "over 40", None, "the fighters",
        None, None, None, "over 40 fighters", 100, 116, "There were over 40 fighters.",
    )  # fmt: skip


def test_marks_are_dated_oldest_first_with_their_evidence_and_undated_are_counted(
    db: Database,
) -> None:
    with db.read() as conn:
        line = entity_timeline(
            conn,
            "person:ann",
            posts=[
                _post("Ann", "Envoy", "2021-03", "2022-01-05"),
                _post("Ann", "Aide", None, None),
            ],
            officials=[],
            events=[],
            statements=[_statement("2020-05-01", "We agree."), _statement(None, "No date.")],
            claims=[_claim("2019"), _claim(None), _claim(None)],
        )
    assert [(m.kind, m.first, m.last) for m in line.marks] == [
        ("claim", "2019", "2019"),
        ("statement", "2020-05-01", "2020-05-01"),
        ("post", "2021-03", "2022-01-05"),
    ]
    post = line.marks[2]
    # a post links to the first phrase with a story, not to the press signature
    assert (post.story, post.start, post.end, post.sentence) == (
        "story-1",
        10,
        30,
        "Said the Envoy.",
    )
    assert post.label == "Post: Envoy, Top Organization"
    assert line.marks[0].sentence == "There were over 40 fighters."
    assert line.marks[1].sentence == "We agree."  # no sentence read: the words themselves
    assert line.undated == (Left("post", 1), Left("statement", 1), Left("claim", 2))
    assert line.bars == ()


def test_officials_are_the_most_seen_dated_ones_oldest_first(db: Database) -> None:
    many = [
        _post(f"P{n:03d}", "Member", f"2001-01-{n % 28 + 1:02d}", None, seen=n) for n in range(60)
    ]
    body_post = PostView(
        Ref("person:bo", "Bo", "person"), "Head", BODY, None, "1999", "2003", 99, ()
    )
    with db.read() as conn:
        line = entity_timeline(
            conn,
            ORG.id,
            posts=[],
            officials=[*many, body_post, _post("Undated", "Clerk", None, None)],
            events=[],
            statements=[],
            claims=[],
        )
    assert len(line.bars) == BARS_SHOWN
    assert line.bars_more == 61 - BARS_SHOWN and line.bars_undated == 1
    seen = sorted(b.seen for b in line.bars)
    assert seen[0] == 60 - (BARS_SHOWN - 1)  # the least seen drawn is among the most seen
    assert [b.first for b in line.bars] == sorted(b.first for b in line.bars)
    first = line.bars[0]
    assert (first.person, first.where, first.first, first.last) == (
        body_post.person, BODY, "1999", "2003",
    )  # fmt: skip
    member = line.bars[1]
    assert member.where is None  # a post in the entity itself does not name it again
    assert member.last == member.first  # seen on one day: a bar of one day, drawn as a dot
