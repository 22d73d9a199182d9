"""The read-only web application: pages and their JSON twins over one database.

`create_app` wires the views (one module per page type), the error handlers and the static
files; `serve` runs it with uvicorn. Nothing is loaded from outside the package, so the
pages work offline.
"""

from __future__ import annotations

from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pressgraph import __version__
from pressgraph.store.db import Database
from pressgraph.web import errors
from pressgraph.web.views import ROUTERS

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Read-only JSON API of a pressgraph knowledge base.

Every page `/x` of the site has a JSON twin `/x.json` (the home page: `/index.json`) with the
same data; `/x` with `Accept: application/json` answers the same JSON. Every error has one
shape: `{"error": {"status": 404, "title": "Not Found", "message": "..."}}`.
"""

# Defence in depth behind the escaping of every template: no inline script, no outside origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """ASGI middleware adding `SECURITY_HEADERS` to every response (pages, JSON, errors, files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response as it starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db: Database, *, curate_token: str | None = None) -> FastAPI:
    """The application over `db`: every page, its JSON twin, OpenAPI, static files, errors;
    with a `curate_token`, curators may judge (`web/curate.py`)."""
    app = FastAPI(
        title="pressgraph",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the site works offline
        redoc_url=None,
    )
    app.state.db = db
    app.state.curate_token = curate_token
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    return app


def serve(db: Database, *, host: str, port: int, curate_token: str | None = None) -> None:
    """Serve the application until interrupted (Ctrl+C)."""
    app = create_app(db, curate_token=curate_token)
    uvicorn.run(app, host=host, port=port, log_level="info")
