"""Errors -> RFC 9457 problem details. Nothing internal leaks; every 4xx says what was wrong."""

from __future__ import annotations

import logging
from http import HTTPStatus

import grpc
from litestar import Request, Response
from litestar.exceptions import HTTPException

from gateway.limits import InvalidInput, LimitExceeded

logger = logging.getLogger("incidentmesh.gateway")
PROBLEM = "application/problem+json"

# A backend's status as the HTTP status of a route that depends on that backend alone.
_HTTP_FOR_GRPC = {
    grpc.StatusCode.INVALID_ARGUMENT: 422,
    grpc.StatusCode.OUT_OF_RANGE: 422,
    grpc.StatusCode.FAILED_PRECONDITION: 422,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 413,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    grpc.StatusCode.CANCELLED: 503,
}


class BackendError(Exception):
    """A backend call failed; carries the stage name and the gRPC status."""

    def __init__(self, stage: str, code: grpc.StatusCode, message: str) -> None:
        super().__init__(f"{stage}: {code.name}: {message}")
        self.stage = stage
        self.code = code
        self.message = message

    @property
    def http_status(self) -> int:
        return _HTTP_FOR_GRPC.get(self.code, 502)

    @property
    def public_detail(self) -> str:
        # Caller mistakes carry the backend's own words; anything else only names the stage and status.
        if self.http_status in (404, 409, 413, 422):
            return self.message
        return f"{self.stage} is {self.code.name.lower().replace('_', ' ')}"


def problem(status: int, detail: str, **extra: object) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM)


def on_limit_exceeded(_: Request, error: LimitExceeded) -> Response:
    return problem(error.status_code, error.detail, limit=error.limit)


def on_invalid_input(_: Request, error: InvalidInput) -> Response:
    return problem(422, error.detail, field=error.field)


def on_backend_error(_: Request, error: BackendError) -> Response:
    return problem(error.http_status, error.public_detail, stage=error.stage)


def on_http_exception(request: Request, error: HTTPException) -> Response:
    if error.status_code == 413:
        limit = request.app.state.settings.limits.max_body_bytes
        return problem(413, f"request body exceeds the limit of {limit} bytes", limit="max_body_bytes")
    extra = {"errors": error.extra} if error.extra else {}
    return problem(error.status_code, error.detail, **extra)


def on_unexpected(request: Request, error: Exception) -> Response:
    logger.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return problem(500, "internal error; the gateway logged the details")


EXCEPTION_HANDLERS = {
    LimitExceeded: on_limit_exceeded,
    InvalidInput: on_invalid_input,
    BackendError: on_backend_error,
    HTTPException: on_http_exception,
    Exception: on_unexpected,
}
