"""Curation in the browser: the login form, the judgement form handler, the audit log.

Only `POST /curate/judge`, `POST /login` and `POST /logout` change anything, and only for a
curator (`web/curate.py`); every other request is read-only. The audit log (`/judgements`,
with its JSON and CSV twins) lists every judgement to everyone.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pressgraph.resolve.judging import judge
from pressgraph.store.judgements import Judgement, JudgementError, list_judgements
from pressgraph.web.curate import (
    COOKIE,
    curate_token,
    local_path,
    require_curator,
    set_session,
)
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.marks import entity_url, event_url
from pressgraph.web.render import DB, Page, add_page, render, wants_json
from pressgraph.web.tables import TABLES, Rows
from pressgraph.web.throttle import check_throttle, count_failure

router = APIRouter(tags=["curation"])
MAX_FORM = 64_000


@dataclass(frozen=True)
class JudgementsPage:
    """The audit log: every judgement, newest first, with how it fared."""

    total: int
    judgements: tuple[Judgement, ...]


@dataclass(frozen=True)
class LoginPage:
    """The login form: where to go next, and what went wrong last time."""

    next: str
    message: str | None
    enabled: bool


async def _form(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form (the last value of each), capped in size."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, f"The form is larger than {MAX_FORM:,} bytes; shorten it.")
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


@router.post("/curate/judge", responses=ERROR_RESPONSES, summary="Make a judgement")
async def judge_form(request: Request, db: DB) -> Response:
    """Store and apply one judgement (fields: action, target, other, value, why; csrf and
    next from the page's forms); a curator's only way to change anything."""
    form = await _form(request)
    curator = require_curator(request, form)
    fields = {k: (form.get(k) or "").strip() or None for k in ("other", "value")}
    if form.get("action") == "note" and not fields["value"]:
        fields["value"] = (form.get("why") or "").strip() or None  # a fact row's one field
    try:
        done = await run_in_threadpool(
            judge,
            db,
            form.get("action", ""),
            form.get("target", ""),
            why=form.get("why", ""),
            who=curator.name,
            **fields,
        )
    except JudgementError as exc:
        raise HTTPException(400, str(exc)[:1].upper() + str(exc)[1:]) from exc
    if curator.via == "header" or wants_json(request):
        return JSONResponse({"judgement": jsonable_encoder(done)}, 201)
    goes = local_path(form.get("next", ""), "/judgements")
    if done.action == "merge" and done.status == "applied" and done.other:
        goes = entity_url(done.other)
    elif done.action == "reject" and goes in (event_url(done.target), "/judgements"):
        goes = "/events"  # its page is gone with it (from another page, back to that page)
    return RedirectResponse(goes, 303)


def judgements(request: Request, db: DB) -> Response:
    """Every judgement, newest first: who, when, why, what, and how it fared."""
    found = tuple(reversed(list_judgements(db)))
    return render(request, Page("judgements.html", "Judgements", JudgementsPage(len(found), found)))


def _rows(page: JudgementsPage, _table: str) -> Rows:
    """The audit log as a table (its CSV twin)."""
    header = ("id", "at", "who", "action", "target", "other", "value", "why", "status", "message")
    return header, [[getattr(j, c) for c in header] for j in page.judgements]


TABLES[JudgementsPage] = _rows
add_page(
    router,
    "/judgements",
    judgements,
    model=JudgementsPage,
    summary="Judgements (audit log)",
    responses=ERROR_RESPONSES,
    csv=True,
)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    """The curators' login form (only with `serve --curate`)."""
    enabled = curate_token(request) is not None
    page = LoginPage(local_path(next), None, enabled)
    return render(request, Page("login.html", "Curator login", page, 200 if enabled else 404))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    """Log in with the curation token (fields: name, token, next): a signed session cookie,
    then back to `next`."""
    form = await _form(request)
    expected = curate_token(request)
    goes = local_path(form.get("next", "/"))
    if expected is None:
        raise HTTPException(
            403, "This site is read-only: start it with `pressgraph serve --curate`."
        )
    check_throttle(request)
    token, name = form.get("token", ""), form.get("name", "").strip()
    right = hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))
    if not right:
        count_failure(request)
    if not right or not name:
        message = "Wrong token, or no name given: give your name and the curation token."
        page = LoginPage(goes, message, True)
        return render(request, Page("login.html", "Curator login", page, 403))
    response = RedirectResponse(goes, 303)
    set_session(response, request, expected, name)
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    """End the curator's session."""
    form = await _form(request)
    require_curator(request, form)
    response = RedirectResponse(local_path(form.get("next", "/")), 303)
    response.delete_cookie(COOKIE, path="/")
    return response
