"""Who may judge: curators, when the site is served with `pressgraph serve --curate`.

Off by default: without `--curate` every request is read-only. With it, a request is a
curator's when it carries the token (the setting PRESSGRAPH_CURATE_TOKEN, never a URL
parameter) in `Authorization: Bearer <token>` or `X-Pressgraph-Token`, or the session cookie
the login form sets. The cookie is signed with a key derived from the token (so changing
the token logs everyone out), HttpOnly and SameSite=Strict; forms sent with it must carry a
CSRF token derived from the session, and a request whose Origin is another site is refused.
Wrong tokens are counted per client address (`web/throttle.py`): after five in a minute,
the address gets 429 until the minute is over.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.responses import Response

from pressgraph.web.throttle import address, check_throttle, count_failure, throttle_of

COOKIE = "pressgraph_curator"
SESSION_SECONDS = 12 * 3600
_ASKED = "pressgraph_curator"  # where a request keeps who its curator is


@dataclass(frozen=True)
class Curator:
    """A curator making this request: a name, how they proved it, and the CSRF token their
    forms must carry (None when the token came in a header: no cookie, no CSRF)."""

    name: str
    via: str  # header | session
    csrf: str | None
    here: str = "/"  # the page asked for: where its forms come back to


def _key(token: str) -> bytes:
    return hashlib.sha256(b"pressgraph-session\x00" + token.encode("utf-8")).digest()


def _sign(token: str, payload: str) -> str:
    return hmac.new(_key(token), payload.encode("ascii"), hashlib.sha256).hexdigest()


def session_value(token: str, name: str) -> str:
    """A signed session cookie value for `name`."""
    data = {"n": name[:100], "s": secrets.token_hex(16), "e": int(time.time()) + SESSION_SECONDS}
    payload = base64.urlsafe_b64encode(json.dumps(data).encode("utf-8")).decode("ascii")
    return f"{payload}.{_sign(token, payload)}"


def _session(token: str, value: str) -> tuple[str, str] | None:
    """(name, nonce) of a valid, unexpired session cookie, else None."""
    payload, _, signature = value.partition(".")
    if not hmac.compare_digest(_sign(token, payload), signature):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except ValueError:
        return None
    if int(data.get("e", 0)) < time.time():
        return None
    return str(data["n"]), str(data["s"])


def csrf_for(token: str, nonce: str) -> str:
    """The CSRF token of a session: what its forms carry."""
    return _sign(token, f"csrf:{nonce}")


def curate_token(request: Request) -> str | None:
    """The token the server was started with, or None when curation is off."""
    token: str | None = getattr(request.app.state, "curate_token", None)
    return token


def curator_of(request: Request) -> Curator | None:
    """The curator making this request, or None (curation off, or no valid token); worked
    out once per request, so a wrong token counts once however often a page asks."""
    state = request.scope.setdefault("state", {})
    if _ASKED not in state:
        state[_ASKED] = _curator(request)
    found: Curator | None = state[_ASKED]
    return found


def _curator(request: Request) -> Curator | None:
    token = curate_token(request)
    if not token:
        return None
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    given = request.headers.get("x-pressgraph-token") or _bearer(request)
    if given is not None:
        if throttle_of(request).wait(address(request)):
            return None  # even the right token: a guesser learns nothing while throttled
        if hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            name = request.headers.get("x-pressgraph-curator", "api")[:100]
            return Curator(name, "header", None, here)
        count_failure(request)
        return None
    found = _session(token, request.cookies.get(COOKIE, ""))
    if found is None:
        return None
    name, nonce = found
    return Curator(name, "session", csrf_for(token, nonce), here)


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_curator(request: Request, form: dict[str, str]) -> Curator:
    """The curator allowed to send this form, or a 403 that says what to do."""
    if not curate_token(request):
        raise HTTPException(
            403, "This site is read-only: judgements need `pressgraph serve --curate`."
        )
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise HTTPException(403, f"A form from {origin} cannot judge here; use this site's pages.")
    check_throttle(request)
    curator = curator_of(request)
    if curator is None:
        raise HTTPException(
            403, "Only curators may judge: log in at /login with the curation token first."
        )
    sent = form.get("csrf", "")
    if curator.csrf is not None and not hmac.compare_digest(sent, curator.csrf):
        raise HTTPException(403, "This form has expired (no valid CSRF token): reload the page.")
    return curator


def set_session(response: Response, request: Request, token: str, name: str) -> None:
    """Log the browser in as `name`."""
    response.set_cookie(
        COOKIE,
        session_value(token, name),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def local_path(value: str, default: str = "/") -> str:
    """`value` if it is a path on this site (never another host), else `default`."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
