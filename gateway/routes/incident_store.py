"""Incidents made from alerts: list, detail, resolve, feedback, stats."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from gateway import schemas
from gateway.auth import Principal, requires
from gateway.limits import InvalidInput
from gateway.routes.feedback import forward_feedback


class IncidentFeedback(msgspec.Struct, forbid_unknown_fields=False):
    root_cause: str
    action_id: str = ""
    action_succeeded: bool = True
    resolution: str = ""


def _store(request: Request):
    return request.app.state.incident_store


class IncidentStoreController(Controller):
    path = "/api/v1/incidents"
    tags = ["incidents"]

    @get(operation_id="listIncidents", guards=[requires("viewer")], summary="Incidents, newest first, paged")
    async def list_incidents(
        self,
        request: Request,
        status: FromQuery[Literal["open", "resolved"] | None] = None,
        service: FromQuery[str | None] = None,
        root_cause: FromQuery[str | None] = None,
        since: FromQuery[datetime | None] = None,
        until: FromQuery[datetime | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 20,
        cursor: FromQuery[str | None] = None,
    ) -> dict[str, Any]:
        try:
            items, next_cursor = await asyncio.to_thread(
                _store(request).list,
                status=status,
                service=service,
                root_cause=root_cause,
                since=since,
                until=until,
                limit=limit,
                cursor=cursor,
            )
        except ValueError as error:
            raise InvalidInput("cursor", str(error)) from None
        return {"items": items, "next_cursor": next_cursor}

    @get(
        "/stats",
        operation_id="getIncidentStats",
        guards=[requires("viewer")],
        summary="Open incidents by severity and root cause, daily counts, analysis latency",
    )
    async def stats(
        self, request: Request, days: Annotated[int, QueryParameter(ge=1, le=90)] = 14
    ) -> dict[str, Any]:
        return await asyncio.to_thread(_store(request).stats, days)

    @get(
        "/{incident_id:str}",
        operation_id="getIncident",
        guards=[requires("viewer")],
        summary="One incident: alerts, grouping reason, analysis, ticket, timeline",
    )
    async def get_incident(self, request: Request, incident_id: FromPath[str]) -> dict[str, Any]:
        incident = await asyncio.to_thread(_store(request).get, incident_id)
        if incident is None:
            raise NotFoundException(f"no incident {incident_id!r}")
        return incident

    @post(
        "/{incident_id:str}/resolve",
        operation_id="resolveIncident",
        guards=[requires("operator")],
        status_code=200,
        summary="Resolve an incident by hand",
    )
    async def resolve(self, request: Request, incident_id: FromPath[str]) -> dict[str, Any]:
        principal: Principal = request.user
        store = _store(request)
        if not await asyncio.to_thread(store.exists, incident_id):
            raise NotFoundException(f"no incident {incident_id!r}")
        changed = await asyncio.to_thread(store.resolve, incident_id, principal.name)
        return {"id": incident_id, "status": "resolved", "changed": changed}

    @post(
        "/{incident_id:str}/feedback",
        operation_id="recordIncidentFeedback",
        guards=[requires("operator")],
        status_code=200,
        summary="Confirm or correct an incident's root cause; say which action worked",
    )
    async def feedback(
        self, request: Request, incident_id: FromPath[str], data: JSONBody[IncidentFeedback]
    ) -> dict[str, str]:
        store = _store(request)
        incident = await asyncio.to_thread(store.get, incident_id)
        if incident is None:
            raise NotFoundException(f"no incident {incident_id!r}")
        analysis = incident.get("analysis") or {}
        logs = [
            line
            for alert in incident["alerts"]
            for line in (alert["annotations"].get("logs") or "").splitlines()
            if line.strip()
        ]
        outcome = await forward_feedback(
            request,
            schemas.FeedbackRequest(
                root_cause=data.root_cause,
                prediction_id=(analysis.get("root_cause") or {}).get("prediction_id", ""),
                action_id=data.action_id,
                action_succeeded=data.action_succeeded,
                service=incident["service"],
                logs=logs[-200:],
                title=incident["title"],
                resolution=data.resolution,
            ),
        )
        action = (
            f", action {data.action_id} {'worked' if data.action_succeeded else 'did not work'}"
            if data.action_id
            else ""
        )
        await asyncio.to_thread(
            store.note, incident_id, "feedback", f"root cause confirmed as {data.root_cause}{action}"
        )
        return outcome
