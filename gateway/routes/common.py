"""What every API route needs: request ids, operation ids for versioned and legacy paths, state access."""

from __future__ import annotations

import re
import uuid

from litestar import Request

from gateway.clients import Backends
from gateway.metrics import GatewayMetrics
from gateway.pipeline import Pipeline
from gateway.runtime_config import RuntimeConfig
from gateway.settings import GatewaySettings

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def request_id(request: Request) -> str:
    supplied = request.headers.get("x-request-id", "")
    return supplied if _SAFE_REQUEST_ID.match(supplied) else uuid.uuid4().hex


def operation_id(name: str):
    """The same handler serves /api/v1/<x> and the original design's /<x>; OpenAPI needs distinct ids."""

    def create(_handler, _method, path_components) -> str:
        first = path_components[0] if path_components else ""
        return name if first == "api" else f"{name}Unversioned"

    return create


def backends(request: Request) -> Backends:
    return request.app.state.backends


def runtime_config(request: Request) -> RuntimeConfig:
    return request.app.state.runtime_config


def settings(request: Request) -> GatewaySettings:
    return request.app.state.settings


def metrics(request: Request) -> GatewayMetrics:
    return request.app.state.metrics


def pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline
