"""The read-only web application: pages and their JSON twins over one database.

`create_app` wires the views (one module per page type), the error handlers and the static
files; `serve` runs it with uvicorn. Nothing is loaded from outside the package, so the
pages work offline.
"""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from pressgraph import __version__
from pressgraph.errors import SettingsError
from pressgraph.store.db import Database
from pressgraph.web import errors
from pressgraph.web.middleware import RequestBudget, SecurityHeaders, Unexpected
from pressgraph.web.views import ROUTERS

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Read-only JSON API of a pressgraph knowledge base.

Every page `/x` of the site has a JSON twin `/x.json` (the home page: `/index.json`) with the
same data; `/x` with `Accept: application/json` answers the same JSON. Every error has one
shape: `{"error": {"status": 404, "title": "Not Found", "message": "..."}}`.
"""

QUERY_BUDGET = 1.5  # seconds of queries per request; past it, a 503 that says to narrow it


def create_app(db: Database, *, budget: float = QUERY_BUDGET) -> FastAPI:
    """The application over `db`: every page, its JSON twin, OpenAPI, static files, errors;
    the queries of a request stop after `budget` seconds or when its client goes away."""
    app = FastAPI(
        title="pressgraph",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the site works offline
        redoc_url=None,
    )
    app.state.db = db
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.add_middleware(RequestBudget, seconds=budget)
    app.add_middleware(Unexpected, render=errors.unexpected)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, even around errors
    return app


_DB_VARIABLE = "PRESSGRAPH_SERVE_DB"  # how `serve` tells its worker processes the database


def serve(db: Database, *, host: str, port: int, workers: int = 1) -> None:
    """Serve the application until interrupted (Ctrl+C): in this process, or in `workers`
    processes that share the port. Every process reads the database through read-only
    connections (the database was migrated by the command that opened `db`)."""
    if workers <= 1:
        app = create_app(Database(db.url, read_only=True))
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    os.environ[_DB_VARIABLE] = db.url
    uvicorn.run(
        "pressgraph.web.app:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def worker_app() -> FastAPI:
    """The application of one worker process of `serve --workers N`."""
    url = os.environ.get(_DB_VARIABLE)
    if not url:
        raise SettingsError(f"{_DB_VARIABLE} is not set; start the workers with `pressgraph serve`")
    return create_app(Database(url, read_only=True))
