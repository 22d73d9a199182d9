"""All document text is escaped: a page holding `<script>alert(1)</script>` shows it as text."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import SCRIPT, Seeded


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_injected_story_shows_its_html_as_text(client: TestClient, seeded: Seeded) -> None:
    html = client.get(f"/stories/{seeded.injected}").text
    main = _main(html)
    assert "<script" not in main and "<img" not in main and "<b>" not in main
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert "&lt;img src=x onerror=alert(2)&gt;" in main
    assert "<title>Injected &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_javascript_url_is_never_a_link(client: TestClient, seeded: Seeded) -> None:
    doc_id = seeded.injected.split("-")[0]
    data = client.get(f"/documents/{doc_id}.json").json()
    assert data["document"]["url"] == "javascript:alert(3)"
    assert data["document"]["link"] is None
    html = client.get(f"/documents/{doc_id}").text
    assert 'href="javascript:' not in html
    assert "<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Injected page</h1>" in html


def test_every_page_escapes_it(client: TestClient, seeded: Seeded) -> None:
    doc_id = seeded.injected.split("-")[0]
    for path in (
        "/",
        "/search?q=alert",
        "/search?q=",
        "/search?q=alert&entity=org:csto-secretariat",
        f"/documents/{doc_id}",
    ):
        main = _main(client.get(path).text)
        assert SCRIPT not in main, path
        assert "&lt;script&gt;" in main, path


def test_the_json_keeps_the_text_as_it_was(client: TestClient, seeded: Seeded) -> None:
    story = client.get(f"/stories/{seeded.injected}.json").json()["story"]
    assert SCRIPT in story["headline"] and "<img src=x onerror=alert(2)>" in story["text"]


def test_a_query_with_html_is_escaped_on_the_results_and_error_pages(client: TestClient) -> None:
    found = client.get("/search", params={"q": SCRIPT}).text
    assert SCRIPT not in found
    failed = client.get("/search", params={"q": '"' + SCRIPT}).text
    assert SCRIPT not in failed and "&lt;script&gt;" in failed
