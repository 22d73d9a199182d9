"""Feeds: an RSS feed served by a real local HTTP server (127.0.0.1), an Atom file on disk,
and feeds that cannot be read."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pressgraph.errors import InputError
from pressgraph.ingest.feeds import is_feed, parse_feed
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents, list_refusals
from tests.conftest import Cli

ARTICLE = """<!DOCTYPE html><html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The participants discussed cooperation in countering international terrorism and agreed to
hold the next meeting in the autumn. The delegations exchanged views on the situation in the
region and on joint exercises planned for the coming months.</p>
</article></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="rss.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>CSTO news</title><link>{server}/</link>
<item><title>Meeting of the Secretaries</title><link>{server}/meeting.html</link>
  <guid>news-101</guid><pubDate>Tue, 18 May 2021 10:00:00 +0300</pubDate></item>
<item><title>Exercises in Tajikistan</title><link>/exercises.html</link>
  <guid>news-102</guid><pubDate>Wed, 20 Oct 2021 09:30:00 +0300</pubDate></item>
<item><title>A page that is gone</title><link>{server}/gone.html</link>
  <guid>news-103</guid></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>SCO RATS news</title><id>urn:rats</id><updated>2022-03-02T10:00:00Z</updated>
  <entry>
    <title>RATS Council session</title><id>urn:rats:7</id>
    <published>2022-03-01T08:00:00+03:00</published>
    <content type="html">&lt;p&gt;The Council of the Regional Anti-Terrorist Structure of the
    SCO held its regular session in Tashkent. The Council approved the plan of joint border
    operations and discussed measures against the financing of terrorism.&lt;/p&gt;</content>
  </entry>
  <entry><title>No link, no content</title><id>urn:rats:8</id></entry>
</feed>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """Two article pages and an RSS feed listing them (and a page that is not there)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "meeting.html").write_text(
        ARTICLE.format(
            title="Meeting of the CSTO Security Council Secretaries",
            body="The Secretaries of the Security Councils of the CSTO member states met in "
            "Dushanbe to discuss the collective security of the region.",
        ),
        encoding="utf-8",
    )
    (root / "exercises.html").write_text(
        ARTICLE.format(
            title="Exercises of the Collective Rapid Reaction Forces",
            body="On October 18, 2021, the exercises of the CSTO Collective Rapid Reaction "
            "Forces began at the Harb-Maidon training ground in Tajikistan.",
        ),
        encoding="utf-8",
    )
    handler = partial(_Quiet, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "rss.xml").write_text(RSS.format(server=server), encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_url_ingests_each_item_page(cli: Cli, db_url: str, site: str) -> None:
    result = cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"{site}/rss.xml")
    assert result.exit_code == 0
    assert "Pages read: 3, stored: 2, duplicates: 0, refused: 1" in result.output
    db = Database(db_url)
    docs = {d.source: d for d in iter_documents(db)}
    assert set(docs) == {f"{site}/meeting.html", f"{site}/exercises.html"}  # relative link
    meeting = docs[f"{site}/meeting.html"]
    # the page has no date of its own: the item's pubDate dates it and its story
    assert meeting.published == "2021-05-18"
    assert meeting.stories[0].date == "2021-05-18"
    assert "Home" not in meeting.stories[0].text
    # the story's own date line wins over the feed's
    assert docs[f"{site}/exercises.html"].stories[0].date == "2021-10-18"
    refusals = {r.source: r for _, r in list_refusals(db)}
    assert "HTTP 404" in refusals[f"{site}/gone.html"].message


def test_ingesting_the_feed_again_stores_nothing_new(cli: Cli, site: str) -> None:
    cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"{site}/rss.xml")
    again = cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"{site}/rss.xml")
    assert "stored: 0, duplicates: 2, refused: 1" in again.output


def test_an_atom_file_reads_content_of_items_without_a_link(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "rats.atom"
    feed.write_text(ATOM, encoding="utf-8")
    result = cli("ingest", "--no-annotate", str(feed))
    assert "Pages read: 2, stored: 1, duplicates: 0, refused: 1" in result.output
    db = Database(db_url)
    (doc,) = iter_documents(db)
    assert doc.source == f"{feed.resolve()}#urn:rats:7"
    assert doc.title == "RATS Council session" and doc.published == "2022-03-01"
    assert doc.stories[0].text.startswith("The Council of the Regional Anti-Terrorist Structure")
    assert "<p>" not in doc.stories[0].text
    ((_, refusal),) = list_refusals(db)
    assert refusal.reason == "bad_record" and "neither a web link nor any content" in (
        refusal.message
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<rss version='2.0'><channel><item><title>x</title></channel></rss>", "bad_feed"),
        ("<rss version='2.0'><channel><title>empty</title></channel></rss>", "bad_feed"),
        (  # entity expansion is refused, not expanded
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<rss><channel><item><title>&b;</title></item></channel></rss>",
            "bad_feed",
        ),
    ],
)
def test_a_feed_that_cannot_be_read_is_refused_with_its_reason(
    cli: Cli, db_url: str, tmp_path: Path, text: str, reason: str
) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(text, encoding="utf-8")
    result = cli("ingest", "--no-annotate", str(feed))
    assert result.exit_code == 1  # nothing could be ingested
    ((_, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == reason and "feed" in refusal.message


def test_an_xml_file_that_is_not_a_feed_says_so(cli: Cli, db_url: str, tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    cli("ingest", "--no-annotate", str(sitemap))
    ((_, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == "unsupported" and "not an RSS or Atom feed" in refusal.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<?xml version="1.0"?>\n<!-- news -->\n<rss version="2.0">', True),
        ('\ufeff<feed xmlns="http://www.w3.org/2005/Atom">', True),
        ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
        ('<!DOCTYPE html><html><link type="application/rss+xml"><rss ', False),
        ("The <rss> of the CSTO", False),
    ],
)
def test_a_feed_is_known_by_its_root_element(text: str, expected: bool) -> None:
    assert is_feed(text) is expected


def test_rss_1_and_dublin_core_dates_are_read() -> None:
    rdf = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>x</title></channel>"
        "<item><title>Summit</title><link>https://example.org/a</link>"
        "<dc:date>2020-11-30T12:00:00Z</dc:date></item></rdf:RDF>"
    )
    (item,) = parse_feed(rdf, "feed")
    assert (item.title, item.link, item.published) == (
        "Summit",
        "https://example.org/a",
        "2020-11-30",
    )
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed("<rss><channel>", "feed")
