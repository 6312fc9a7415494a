"""HTTP face of the Teams stand-in (Starlette, like the Slack stand-in): routes, auth, faults.

Every route is an "operation" (e.g. `activities.send`) for fault injection and the call record.
Faults fire before the token check, as in the Slack stand-in; `error` faults answer with the
Bot Framework error code given as `error` (e.g. "PreconditionFailed" → 412, default 400).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..faults import Fault
from ..webapi import Call, SlackStandIn, _clone
from .identity import JWKS_PATH, OPENID_PATH, AadError
from .standin import CONNECTOR_PREFIX

if TYPE_CHECKING:
    from .standin import TeamsStandIn

ERROR_STATUS = {
    "BadArgument": 400,
    "Forbidden": 403,
    "NotFound": 404,
    "ConversationNotFound": 404,
    "PreconditionFailed": 412,
    "BadGateway": 502,
    "ServiceUnavailable": 503,
    "GatewayTimeout": 504,
}
DENIED = {"message": "Authorization has been denied for this request."}  # the connector's real 401 body

# The Slack stand-in's way of closing the socket without an answer (needs scope["standin.transport"]).
_drop = SlackStandIn._drop


def _fault_answer(fault: Fault) -> tuple[int, dict, dict[str, str]]:
    if fault.kind == "rate_limited":
        return (
            429,
            {"error": {"code": "TooManyRequests", "message": "Too many requests."}},
            {"Retry-After": str(fault.retry_after)},
        )
    if fault.kind == "error":
        return ERROR_STATUS.get(fault.error, 400), {"error": {"code": fault.error, "message": "injected"}}, {}
    return 500, {"error": {"code": "ServiceError", "message": "Internal server error."}}, {}


def build_app(standin: TeamsStandIn) -> Any:
    async def serve(
        request: Request, operation: str, run: Callable[[Any], tuple[int, Any]], *, auth: bool = True, body: Any = None
    ) -> Response:
        """Faults, then auth, then `run(body)`; everything is recorded as a Call."""
        started = time.time()
        args = {"path": dict(request.path_params), "query": dict(request.query_params), "body": body}
        fault = standin.faults.take(operation)
        if fault is not None and fault.kind == "slow":
            await asyncio.sleep(fault.delay)
        if fault is not None and not fault.takes_effect:
            status, answer, headers = _fault_answer(fault) if fault.kind != "drop" else (0, {}, {})
            standin.record(Call(operation, _clone(args), answer, False, started, status, fault.kind))
            return await _drop(request) if fault.kind == "drop" else JSONResponse(answer, status, headers)
        problem = standin.identity.bearer_problem(request.headers.get("authorization")) if auth else None
        seen = len(standin.violations())
        if problem:
            status, answer = 401, {**DENIED, "reason": problem}
        else:
            status, answer = run(body)  # synchronous: no other request interleaves with its violations
        errors = [v.detail for v in standin.violations()[seen:] if v.kind != "markup"]
        shown = {"bytes": len(answer.body)} if isinstance(answer, Response) else _clone(answer)
        standin.record(
            Call(
                operation,
                _clone(args),
                shown,
                200 <= status < 300,
                started,
                status,
                fault.kind if fault else None,
                errors,
            )
        )
        if fault is not None and fault.kind == "server_error_after":
            return JSONResponse(_fault_answer(fault)[1], 500)
        if fault is not None and fault.kind == "drop_after":
            return await _drop(request)
        if isinstance(answer, Response):
            return answer
        return Response(status_code=status) if answer is None else JSONResponse(answer, status)

    async def json_body(request: Request) -> Any:
        raw = await request.body()
        try:
            return json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError:
            return None

    async def openid(request: Request) -> Response:
        return JSONResponse(standin.identity.openid_configuration(standin.base_url))

    async def jwks(request: Request) -> Response:
        return JSONResponse(standin.identity.jwks())

    async def token(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
        tenant = request.path_params["tenant"]

        def run(_: Any) -> tuple[int, Any]:
            try:
                t = standin.identity.issue(tenant, form)
            except AadError as e:
                return e.status, e.body()
            return 200, {
                "token_type": "Bearer",
                "expires_in": int(t.expires_at - t.issued_at),
                "ext_expires_in": int(t.expires_at - t.issued_at),
                "access_token": t.access_token,
            }

        shown = {k: ("***" if k == "client_secret" else v) for k, v in form.items()}
        return await serve(request, "token", run, auth=False, body=shown)

    def connector(operation: str, run: Callable[[Request, Any], tuple[int, Any]], *, reads_body: bool = False):
        async def endpoint(request: Request) -> Response:
            body = await json_body(request) if reads_body else None
            if reads_body and not isinstance(body, dict):
                return JSONResponse({"error": {"code": "BadSyntax", "message": "Body is not a JSON object."}}, 400)
            return await serve(request, operation, lambda b: run(request, b), body=body)

        return endpoint

    def p(request: Request, name: str) -> str:
        return request.path_params[name]

    def raw(status: int, content: bytes, mimetype: str) -> tuple[int, Any]:
        return status, (
            Response(content, status, media_type=mimetype)
            if status == 200
            else {"error": {"code": "NotFound" if status == 404 else "Forbidden", "message": content.decode()}}
        )

    async def file_download(request: Request) -> Response:
        # A pre-authenticated link: the signature is the credential, no bearer token.
        return await serve(
            request,
            "files.download",
            lambda _: raw(*standin.signed_download(p(request, "file_id"), request.query_params.get("sig"))),
            auth=False,
        )

    async def attachment(request: Request) -> Response:
        return await serve(
            request, "attachments.get", lambda _: raw(*standin.attachment_content(p(request, "attachment_id")))
        )

    c = CONNECTOR_PREFIX + "/v3/conversations"
    routes = [
        Route(OPENID_PATH, openid, methods=["GET"]),
        Route(JWKS_PATH, jwks, methods=["GET"]),
        Route("/{tenant}/oauth2/v2.0/token", token, methods=["POST"]),
        Route(
            c,
            connector("conversations.create", lambda r, b: standin.create_conversation(b), reads_body=True),
            methods=["POST"],
        ),
        Route(
            c + "/{cid}/activities",
            connector("activities.send", lambda r, b: standin.post_activity(p(r, "cid"), b), reads_body=True),
            methods=["POST"],
        ),
        Route(
            c + "/{cid}/activities/{aid}",
            connector(
                "activities.reply",
                lambda r, b: standin.post_activity(p(r, "cid"), b, reply_to=p(r, "aid"), operation="activities.reply"),
                reads_body=True,
            ),
            methods=["POST"],
        ),
        Route(
            c + "/{cid}/activities/{aid}",
            connector(
                "activities.update", lambda r, b: standin.update_activity(p(r, "cid"), p(r, "aid"), b), reads_body=True
            ),
            methods=["PUT"],
        ),
        Route(
            c + "/{cid}/activities/{aid}",
            connector("activities.delete", lambda r, b: standin.delete_activity(p(r, "cid"), p(r, "aid"))),
            methods=["DELETE"],
        ),
        Route(
            c + "/{cid}/members", connector("members.list", lambda r, b: standin.members(p(r, "cid"))), methods=["GET"]
        ),
        Route(
            c + "/{cid}/members/{mid}",
            connector("members.get", lambda r, b: standin.member(p(r, "cid"), p(r, "mid"))),
            methods=["GET"],
        ),
    ]
    paged = connector(
        "members.paged",
        lambda r, b: standin.paged_members(
            p(r, "cid"), r.query_params.get("pageSize"), r.query_params.get("continuationToken")
        ),
    )
    # Microsoft documents "pagedmembers"; the Python SDK calls "pagedMembers". Serve both.
    routes += [
        Route(c + "/{cid}/pagedmembers", paged, methods=["GET"]),
        Route(c + "/{cid}/pagedMembers", paged, methods=["GET"]),
        Route(CONNECTOR_PREFIX + "/v3/attachments/{attachment_id}/views/{view}", attachment, methods=["GET"]),
        Route("/files/{file_id}", file_download, methods=["GET"]),
    ]
    starlette = Starlette(routes=routes)

    async def app(scope: dict, receive: Any, send: Any) -> None:
        # As in the Slack stand-in: expose uvicorn's transport so a "drop" fault can abort the socket.
        if scope["type"] == "http":
            scope["standin.transport"] = getattr(getattr(receive, "__self__", None), "transport", None)
        await starlette(scope, receive, send)

    return app
