"""gRPC <-> domain translation for the incident-integrator; no domain logic here."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from incidentmesh.integrator.v1 import incident_integrator_pb2 as pb
from incidentmesh.integrator.v1 import incident_integrator_pb2_grpc
from services.incident_integrator.integrator import Integrator, TicketView
from services.incident_integrator.storage import MAX_FINGERPRINT_CHARS

MAX_DELIVERY_ID_CHARS = 200
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
TICKET_STATUSES = ("pending", "open", "closed", "failed")

_REPORT_ACTIONS = {
    "created": pb.TICKET_ACTION_CREATED,
    "updated": pb.TICKET_ACTION_UPDATED,
    "reopened": pb.TICKET_ACTION_REOPENED,
    "regression_created": pb.TICKET_ACTION_REGRESSION_CREATED,
    "queued": pb.TICKET_ACTION_QUEUED,
    "failed": pb.TICKET_ACTION_NONE,
}
_PR_ACTIONS = {
    "closed": pb.TICKET_ACTION_CLOSED,
    "commented": pb.TICKET_ACTION_COMMENTED,
    "linked": pb.TICKET_ACTION_UPDATED,
    "none": pb.TICKET_ACTION_NONE,
}


class IncidentIntegratorServicer(incident_integrator_pb2_grpc.IncidentIntegratorServiceServicer):
    def __init__(self, integrator: Callable[[], Integrator]) -> None:
        # A getter: the integrator exists only after load(), and the kit rejects RPCs before that.
        self._integrator = integrator

    async def ReportIncident(self, request: pb.ReportIncidentRequest, context) -> pb.ReportIncidentResponse:
        problem = _report_problem(request)
        if problem:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, problem)
        report = {
            "fingerprint": request.fingerprint.strip(),
            "title": request.title,
            "root_cause": request.root_cause,
            "confidence": request.confidence,
            "logs_excerpt": request.logs_excerpt,
            "suspect_files": [
                {"path": f.path, "line": f.line, "function": f.function} for f in request.suspect_files
            ],
            "service": request.service,
            "recommended_actions": list(request.recommended_actions),
            "severity": request.severity,
            "incident_id": request.incident_id,
            "dashboard_url": request.dashboard_url,
        }
        outcome = await asyncio.to_thread(self._integrator().report, report)
        return pb.ReportIncidentResponse(ticket=_ticket(outcome.view), action=_REPORT_ACTIONS[outcome.action])

    async def HandlePullRequestEvent(
        self, request: pb.HandlePullRequestEventRequest, context
    ) -> pb.HandlePullRequestEventResponse:
        if len(request.delivery_id) > MAX_DELIVERY_ID_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"delivery_id must be at most {MAX_DELIVERY_ID_CHARS} characters",
            )
        outcome = await asyncio.to_thread(
            self._integrator().handle_pull_request_event,
            request.delivery_id.strip(),
            request.event_name.strip(),
            request.payload,
        )
        return pb.HandlePullRequestEventResponse(
            handled=outcome.handled,
            reason=outcome.reason,
            ticket_keys=outcome.ticket_keys,
            action=_PR_ACTIONS[outcome.action],
        )

    async def GetTicket(self, request: pb.GetTicketRequest, context) -> pb.Ticket:
        lookup = request.WhichOneof("lookup")
        value = getattr(request, lookup).strip() if lookup else ""
        if not value:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "set either key or fingerprint")
        if lookup == "key":
            view = await asyncio.to_thread(self._integrator().get_ticket, key=value)
        else:
            view = await asyncio.to_thread(self._integrator().get_ticket, fingerprint=value)
        if view is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, f"no ticket with {lookup} {value!r}")
        return _ticket(view)

    async def ListTickets(self, request: pb.ListTicketsRequest, context) -> pb.ListTicketsResponse:
        status = request.status.strip().lower()
        if status and status not in TICKET_STATUSES:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"status must be one of {', '.join(TICKET_STATUSES)} or empty",
            )
        if request.page_size < 0:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "page_size must not be negative")
        size = min(request.page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        after_id = 0
        if request.page_token:
            if not request.page_token.isdigit() or len(request.page_token) > 18:
                await context.abort(
                    grpc.StatusCode.INVALID_ARGUMENT, "page_token is not one this service issued"
                )
            after_id = int(request.page_token)
        views = await asyncio.to_thread(self._integrator().list_tickets, status or None, after_id, size + 1)
        next_token = str(views[size - 1].ticket.id) if len(views) > size else ""
        return pb.ListTicketsResponse(tickets=[_ticket(v) for v in views[:size]], next_page_token=next_token)

    async def GetStats(self, request: pb.GetStatsRequest, context) -> pb.GetStatsResponse:
        stats = await asyncio.to_thread(self._integrator().stats)
        return pb.GetStatsResponse(
            tickets_by_status=stats.tickets_by_status,
            outbox_depth=stats.outbox_depth,
            failed_count=stats.failed_count,
            dry_run=stats.dry_run,
        )


def _report_problem(request: pb.ReportIncidentRequest) -> str | None:
    fingerprint = request.fingerprint.strip()
    if not fingerprint:
        return "fingerprint is required"
    if len(fingerprint) > MAX_FINGERPRINT_CHARS:
        return f"fingerprint must be at most {MAX_FINGERPRINT_CHARS} characters"
    if math.isnan(request.confidence) or not 0.0 <= request.confidence <= 1.0:
        return "confidence must be between 0 and 1"
    for index, suspect in enumerate(request.suspect_files):
        if not suspect.path.strip():
            return f"suspect_files[{index}].path is required"
        if suspect.line < 0:
            return f"suspect_files[{index}].line must not be negative"
    return None


def _ticket(view: TicketView) -> pb.Ticket:
    t = view.ticket
    return pb.Ticket(
        key=t.key or "",
        url=t.url or "",
        status=t.status,
        assignee=t.assignee or "",
        assignee_reason=t.assignee_reason or "",
        fingerprint=t.fingerprint,
        dry_run=t.dry_run,
        occurrences=t.occurrences,
        linked_pr_url=t.linked_pr_url or "",
        created_at=_timestamp(t.created_at),
        updated_at=_timestamp(t.updated_at),
        events=[pb.TicketEvent(kind=e.kind, detail=e.detail, at=_timestamp(e.at)) for e in view.events],
        summary=t.summary,
        error=t.error or "",
    )


def _timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1_000_000_000))
    return stamp
