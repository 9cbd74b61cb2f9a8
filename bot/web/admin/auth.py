"""Who may use the admin: the API by bearer token, the page by a session cookie derived from it.

Nothing is stored server-side. The session cookie is `<issued>.<HMAC(token, issued)>`: it proves
the holder once typed the token, lasts `session_hours`, and every session ends when ADMIN_TOKEN
changes. The CSRF token of a form is an HMAC of the session cookie, so it is bound to one session
and useless without it. Every comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

SESSION_COOKIE = "rahnama_admin"
MIN_TOKEN_CHARS = 16


def token_is_right(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


_bearer = HTTPBearer(auto_error=False, description="ADMIN_TOKEN")


def bearer_check(token: str):  # type: ignore[no-untyped-def]
    """A FastAPI dependency (and the OpenAPI security scheme): 401 without a bearer token, 403 with a wrong one."""

    def check(credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:  # noqa: B008
        if credentials is None or not credentials.credentials:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
            )
        if not token_is_right(credentials.credentials, token):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong token")

    return check


def _mac(token: str, purpose: str, value: str) -> str:
    return hmac.new(token.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def new_session(token: str, now: float | None = None) -> str:
    issued = str(int(now if now is not None else time.time()))
    return f"{issued}.{_mac(token, 'session', issued)}"


def session_is_valid(cookie: str | None, token: str, max_age: float, now: float | None = None) -> bool:
    if not cookie or "." not in cookie:
        return False
    issued, _, mac = cookie.partition(".")
    if not issued.isdigit() or not hmac.compare_digest(mac.encode(), _mac(token, "session", issued).encode()):
        return False
    age = (now if now is not None else time.time()) - int(issued)
    return 0 <= age <= max_age


def csrf_token(token: str, session: str) -> str:
    return _mac(token, "csrf", session)


def csrf_is_valid(given: str | None, token: str, session: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), csrf_token(token, session).encode())
