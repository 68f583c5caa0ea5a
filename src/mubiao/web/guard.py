"""The upload routes' gate, before any byte of the body is read (issue 15, item 2).

Starlette parses a multipart body (spooling it to a temporary file) before the
route runs, so the route is too late to refuse a request: a chunked POST with
no Content-Length and no token could make the server read gigabytes first.
This ASGI middleware stands in front of the upload routes and

- refuses at once when uploads are off, and on the API route when the token in
  the headers is missing or wrong (the page form carries its token in the body,
  so its token is checked by the route, within the size limit);
- counts the body's bytes as they arrive and answers 413 as soon as they pass
  the limit, whatever Content-Length said or did not say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mubiao.web.upload import UploadRefused, check_token, too_large

#: Room for the multipart framing and form fields around the file.
FORM_OVERHEAD = 1024 * 1024
API_UPLOAD = "/api/documents"
UPLOAD_PATHS = frozenset({API_UPLOAD, "/upload"})

ErrorResponse = Callable[[Request, int, str, "str | None"], Response]


class UploadGate:
    """ASGI middleware: token and size checks for POSTs to the upload routes."""

    def __init__(self, app: ASGIApp, settings: Callable[[], Any], error: ErrorResponse) -> None:
        self.app = app
        self.settings = settings  # () -> an object with .token and .max_upload
        self.error = error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") not in UPLOAD_PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        st = self.settings()
        try:
            if not st.token or scope["path"].rstrip("/") == API_UPLOAD:
                check_token(st.token, _header_token(request))
        except UploadRefused as err:
            response = self.error(request, err.status, err.message, err.code)
            if err.status == 401:
                response.headers["WWW-Authenticate"] = "Bearer"
            await response(scope, receive, send)
            return
        limit = st.max_upload + FORM_OVERHEAD
        seen = 0
        exceeded = answered = False

        async def refuse() -> None:
            nonlocal answered
            if answered:
                return
            answered = True
            refused = too_large(st.max_upload)
            response = self.error(request, refused.status, refused.message, refused.code)
            response.headers["Connection"] = "close"
            await response(scope, receive, send)

        async def counted() -> Message:
            nonlocal seen, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True  # the app sees a client gone; the client gets the 413 below
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Message) -> None:
            nonlocal answered
            if exceeded:
                await refuse()  # whatever the app answers to a body cut short
                return
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not exceeded:
                raise
        if exceeded:
            await refuse()


def _header_token(request: Request) -> str | None:
    given = request.headers.get("x-mubiao-token")
    authorization = request.headers.get("authorization", "")
    if not given and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    return given or None
