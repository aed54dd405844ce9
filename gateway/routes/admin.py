"""Who am I, API keys (admin), the self-test, and the integrator's mode."""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from google.protobuf.json_format import MessageToDict
from litestar import Controller, Request, delete, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from gateway.auth import Principal, requires
from gateway.limits import InvalidInput
from gateway.routes.common import backends, metrics, pipeline, request_id, runtime_config
from gateway.selftest import CANNED_INCIDENT, CANNED_SERVICE
from gateway.stages import call_stage
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2


class NewKey(msgspec.Struct, forbid_unknown_fields=False):
    name: str
    role: Literal["viewer", "operator", "admin"]


class AdminController(Controller):
    path = "/api/v1"
    tags = ["administration"]

    @get(
        "/whoami",
        operation_id="whoAmI",
        guards=[requires("viewer")],
        summary="The caller's key name and role",
    )
    async def whoami(self, request: Request) -> dict[str, str]:
        principal: Principal = request.user
        return {"name": principal.name, "role": principal.role}

    @get(
        "/keys", operation_id="listApiKeys", guards=[requires("admin")], summary="API keys (ids, never keys)"
    )
    async def list_keys(self, request: Request) -> list[dict[str, str]]:
        return request.app.state.api_keys.listing()

    @post(
        "/keys",
        operation_id="createApiKey",
        guards=[requires("admin")],
        status_code=201,
        summary="Create an API key; the key is shown only in this answer",
    )
    async def create_key(self, request: Request, data: JSONBody[NewKey]) -> dict[str, str]:
        if not data.name.strip() or len(data.name) > 64:
            raise InvalidInput("name", "name must be 1 to 64 characters")
        key_id, key = request.app.state.api_keys.create(data.name.strip(), data.role)
        return {"id": key_id, "name": data.name.strip(), "role": data.role, "key": key}

    @delete(
        "/keys/{key_id:str}",
        operation_id="revokeApiKey",
        guards=[requires("admin")],
        status_code=204,
        summary="Revoke an API key created through the API",
    )
    async def revoke_key(self, request: Request, key_id: FromPath[str]) -> None:
        if not request.app.state.api_keys.revoke(key_id):
            raise NotFoundException(f"no revocable key with id {key_id!r}")

    @post(
        "/selftest",
        operation_id="runSelfTest",
        guards=[requires("admin")],
        status_code=200,
        summary="Run a canned incident through the whole pipeline",
    )
    async def selftest(self, request: Request) -> dict[str, Any]:
        answer = await pipeline(request).run(
            CANNED_INCIDENT,
            CANNED_SERVICE,
            msgspec.structs.replace(runtime_config(request), ticketing_enabled=False),
            request_id(request),
        )
        return {"ok": not answer.degraded, "analysis": answer, "timings": answer.timings}

    @get(
        "/integrator/stats",
        operation_id="getIntegratorStats",
        guards=[requires("viewer")],
        summary="Ticketing mode and outbox state",
    )
    async def integrator_stats(self, request: Request) -> dict[str, Any]:
        reply = await call_stage(
            metrics(request),
            "incident_integrator",
            "GetStats",
            lambda d: backends(request).incident_integrator.stats(
                integrator_pb2.GetStatsRequest(), d, request_id(request)
            ),
            runtime_config(request).deadlines.incident_integrator / 1000,
        )
        return MessageToDict(
            reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
