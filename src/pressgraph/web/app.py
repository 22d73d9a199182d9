"""The read-only web application: pages and their JSON twins over one database.

`create_app` wires the views (one module per page type), the error handlers and the static
files; `serve` runs it with uvicorn. Nothing is loaded from outside the package, so the
pages work offline.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import anyio.to_thread
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from pressgraph import __version__
from pressgraph.errors import SettingsError
from pressgraph.store.db import Database
from pressgraph.web import errors
from pressgraph.web.cache import ENTRIES, ResponseCache
from pressgraph.web.middleware import (
    NoDelayHttpToolsProtocol,
    RequestBudget,
    SecurityHeaders,
    Unexpected,
)
from pressgraph.web.processes import serve_processes
from pressgraph.web.render import compile_templates
from pressgraph.web.throttle import Throttle
from pressgraph.web.views import ROUTERS

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Read-only JSON API of a pressgraph knowledge base.

Every page `/x` of the site has a JSON twin `/x.json` (the home page: `/index.json`) with the
same data; `/x` with `Accept: application/json` answers the same JSON. Every error has one
shape: `{"error": {"status": 404, "title": "Not Found", "message": "..."}}`.
"""

CACHE_ENTRIES = ENTRIES
QUERY_BUDGET = 1.5  # seconds of queries per request; past it, a 503 that says to narrow it
_BUDGET_VARIABLE = "PRESSGRAPH_QUERY_BUDGET"  # another budget, in seconds
# Pages made at once by one server process. The views are Python holding the GIL most of the
# time: more threads only share one core ever more finely, so a slow page waits behind every
# other one; two keep the waiting requests nearly in order. bench/load.py at concurrency 32:
# p99 526 ms with 2 threads, 693-861 ms with Starlette's default of 40, on a busy machine.
SERVE_THREADS = int(os.environ.get("PRESSGRAPH_SERVE_THREADS") or 2)
# How often a thread holding the GIL lets another run (Python's default: 5 ms). The event loop,
# which sends cached pages and reads requests, then waits at most 1 ms for a view's thread:
# p99 at concurrency 32 went from 341-388 ms to 267-322 ms in bench/load.py.
SWITCH_INTERVAL = 0.001


def _limit_threads(threads: int | None) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
            sys.setswitchinterval(SWITCH_INTERVAL)
            compile_templates()
            # The garbage collector's full collections walked every object a server process
            # had (~160,000: the application, SQLAlchemy, Jinja) and stopped it 60-370 ms,
            # several times in 30 s of bench/load.py. What exists once the server has started
            # is frozen: never walked again.
            gc.collect()
            gc.freeze()
        yield

    return lifespan


def create_app(
    db: Database,
    *,
    budget: float | None = None,
    cache: int = CACHE_ENTRIES,
    threads: int | None = None,
    curate_token: str | None = None,
) -> FastAPI:
    """The application over `db`: every page, its JSON twin, OpenAPI, static files, errors;
    the queries of a request stop after `budget` seconds (None: query_budget()) or when its
    client goes away; up to
    `cache` answers are kept while the database is unchanged (0: none); at most `threads`
    pages are made at once (None: Starlette's default, 40). With a `curate_token`, curators
    may judge (`web/curate.py`) and nothing is cached: a curator's pages are their own."""
    if curate_token:
        cache = 0
    budget = query_budget() if budget is None else budget
    app = FastAPI(
        lifespan=_limit_threads(threads),
        title="pressgraph",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the site works offline
        redoc_url=None,
    )
    app.state.db = db
    app.state.curate_token = curate_token
    app.state.login_throttle = Throttle()
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.add_middleware(RequestBudget, seconds=budget)
    app.add_middleware(Unexpected, render=errors.unexpected)
    app.add_middleware(ResponseCache, stamp=db.version_stamp, entries=cache)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, even around errors
    return app


def query_budget() -> float:
    """Seconds of queries a request may take: PRESSGRAPH_QUERY_BUDGET, else QUERY_BUDGET."""
    value = os.environ.get(_BUDGET_VARIABLE)
    if not value:
        return QUERY_BUDGET
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise SettingsError(f"{_BUDGET_VARIABLE}={value!r}: give seconds, such as 1.5 or 10")
    return seconds


# How `serve` tells its worker processes the database and the cache size.
_DB_VARIABLE = "PRESSGRAPH_SERVE_DB"
_CACHE_VARIABLE = "PRESSGRAPH_SERVE_CACHE"


def serve(
    db: Database,
    *,
    host: str,
    port: int,
    workers: int = 1,
    cache: int = CACHE_ENTRIES,
    curate_token: str | None = None,
) -> None:
    """Serve the application until interrupted (Ctrl+C): in this process, or in `workers`
    processes that share the port. Every process reads the database through read-only
    connections (the database was migrated by the command that opened `db`); with a
    `curate_token`, one process writes the curators' judgements."""
    if curate_token:
        app = create_app(db, threads=SERVE_THREADS, curate_token=curate_token)
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    if workers <= 1:
        app = create_app(Database(db.url, read_only=True), cache=cache, threads=SERVE_THREADS)
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    os.environ[_DB_VARIABLE] = db.url
    os.environ[_CACHE_VARIABLE] = str(cache)
    config = uvicorn.Config(
        "pressgraph.web.app:worker_app",
        factory=True,
        host=host,
        port=port,
        http=NoDelayHttpToolsProtocol,
        log_level="info",
    )
    serve_processes(config, workers)


def worker_app() -> FastAPI:
    """The application of one worker process of `serve --workers N`."""
    url = os.environ.get(_DB_VARIABLE)
    if not url:
        raise SettingsError(f"{_DB_VARIABLE} is not set; start the workers with `pressgraph serve`")
    cache = int(os.environ.get(_CACHE_VARIABLE) or CACHE_ENTRIES)
    return create_app(Database(url, read_only=True), cache=cache, threads=SERVE_THREADS)
