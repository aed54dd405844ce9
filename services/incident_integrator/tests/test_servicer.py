"""The gRPC surface through the shared kit, with a real server on 127.0.0.1:0."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import grpc
import pytest

from incidentmesh.integrator.v1 import incident_integrator_pb2 as pb
from incidentmesh.integrator.v1 import incident_integrator_pb2_grpc
from services.incident_integrator.config import read_settings
from services.incident_integrator.service import COMPONENT, IncidentIntegratorComponent
from services.incident_integrator.tests.conftest import JIRA_TOKEN, github_env, jira_env
from services.incident_integrator.tests.test_integrator import pr_payload
from services.kit import Env
from services.kit.testing import local_settings, running_server

FAST = {
    "INCIDENT_INTEGRATOR_WORKER_INTERVAL_SECONDS": "0.05",
    "INCIDENT_INTEGRATOR_BACKOFF_SECONDS": "0.05",
    "INCIDENT_INTEGRATOR_BACKOFF_MAX_SECONDS": "0.2",
}


@asynccontextmanager
async def integrator_client(tmp_path, env: dict[str, str]):
    settings = local_settings(COMPONENT, data_dir=tmp_path / "integrator")
    component = IncidentIntegratorComponent(settings, read_settings(Env({**FAST, **env})))
    async with running_server(component, settings) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            yield incident_integrator_pb2_grpc.IncidentIntegratorServiceStub(channel), server


def _request(fingerprint: str = "fp-1", **overrides) -> pb.ReportIncidentRequest:
    values = {
        "fingerprint": fingerprint,
        "title": "NPE in checkout",
        "root_cause": "null token",
        "confidence": 0.9,
        "logs_excerpt": "ERROR boom",
        "suspect_files": [pb.SuspectFile(path="src/payments/app.py", line=4, function="charge")],
        "service": "checkout",
        "severity": "critical",
        "incident_id": "inc-1",
    }
    values.update(overrides)
    return pb.ReportIncidentRequest(**values)


async def _status_of(call) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return raised.value.code(), raised.value.details()


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (_request(fingerprint=""), "fingerprint is required"),
        (_request(fingerprint="   "), "fingerprint is required"),
        (_request(fingerprint="x" * 513), "fingerprint must be at most 512"),
        (_request(confidence=1.5), "confidence"),
        (_request(confidence=float("nan")), "confidence"),
        (_request(suspect_files=[pb.SuspectFile(path="")]), "suspect_files[0].path"),
        (_request(suspect_files=[pb.SuspectFile(path="a.py", line=-1)]), "suspect_files[0].line"),
    ],
)
async def test_report_rejects_bad_input_with_invalid_argument(tmp_path, request_, field):
    async with integrator_client(tmp_path, {}) as (stub, _):
        code, details = await _status_of(stub.ReportIncident(request_, timeout=10))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert field in details


async def test_dry_run_report_lookup_list_and_stats(tmp_path):
    async with integrator_client(tmp_path, {}) as (stub, server):
        first = await stub.ReportIncident(_request("fp-1"), timeout=10)
        assert first.action == pb.TICKET_ACTION_CREATED
        assert first.ticket.dry_run and first.ticket.key == "DRY-1"
        assert first.ticket.summary == "[checkout] NPE in checkout"
        assert first.ticket.assignee_reason.startswith("unassigned")
        again = await stub.ReportIncident(_request("fp-1"), timeout=10)
        assert again.action == pb.TICKET_ACTION_UPDATED and again.ticket.occurrences == 2
        for n in range(2, 5):
            await stub.ReportIncident(_request(f"fp-{n}"), timeout=10)
        by_key = await stub.GetTicket(pb.GetTicketRequest(key="DRY-1"), timeout=10)
        by_fp = await stub.GetTicket(pb.GetTicketRequest(fingerprint="fp-1"), timeout=10)
        assert by_key == by_fp
        assert [e.kind for e in by_key.events][:3] == ["reported", "owner_chosen", "created"]
        page = await stub.ListTickets(pb.ListTicketsRequest(page_size=3), timeout=10)
        assert [t.fingerprint for t in page.tickets] == ["fp-1", "fp-2", "fp-3"]
        rest = await stub.ListTickets(pb.ListTicketsRequest(page_size=3, page_token=page.next_page_token))
        assert [t.fingerprint for t in rest.tickets] == ["fp-4"] and rest.next_page_token == ""
        stats = await stub.GetStats(pb.GetStatsRequest(), timeout=10)
        assert stats.dry_run and dict(stats.tickets_by_status) == {"open": 4} and stats.outbox_depth == 0
        assert server.registry.get_sample_value("integrator_tickets_total", {"action": "created"}) == 4


async def test_lookups_validate_their_input(tmp_path):
    async with integrator_client(tmp_path, {}) as (stub, _):
        code, _ = await _status_of(stub.GetTicket(pb.GetTicketRequest(), timeout=10))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        code, details = await _status_of(stub.GetTicket(pb.GetTicketRequest(key="OPS-404"), timeout=10))
        assert code == grpc.StatusCode.NOT_FOUND and "OPS-404" in details
        for bad in (pb.ListTicketsRequest(status="weird"), pb.ListTicketsRequest(page_token="abc")):
            code, _ = await _status_of(stub.ListTickets(bad, timeout=10))
            assert code == grpc.StatusCode.INVALID_ARGUMENT
        code, _ = await _status_of(
            stub.HandlePullRequestEvent(pb.HandlePullRequestEventRequest(delivery_id="d" * 201), timeout=10)
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT


async def test_pull_request_events_close_once_and_ignore_the_rest(tmp_path):
    async with integrator_client(tmp_path, {}) as (stub, server):
        await stub.ReportIncident(_request("fp-1"), timeout=10)
        event = pb.HandlePullRequestEventRequest(
            delivery_id="guid-1", event_name="pull_request", payload=pr_payload(title="DRY-1 fix")
        )
        closed = await stub.HandlePullRequestEvent(event, timeout=10)
        assert (
            closed.handled
            and closed.action == pb.TICKET_ACTION_CLOSED
            and list(closed.ticket_keys) == ["DRY-1"]
        )
        replay = await stub.HandlePullRequestEvent(event, timeout=10)
        assert not replay.handled and "already handled" in replay.reason
        push = await stub.HandlePullRequestEvent(
            pb.HandlePullRequestEventRequest(delivery_id="guid-2", event_name="push", payload=b"{}"),
            timeout=10,
        )
        assert not push.handled and push.action == pb.TICKET_ACTION_NONE
        ticket = await stub.GetTicket(pb.GetTicketRequest(key="DRY-1"), timeout=10)
        assert ticket.status == "closed"
        assert server.registry.get_sample_value("integrator_github_events_total", {"action": "closed"}) == 1


async def test_concurrent_grpc_reports_make_one_jira_ticket(tmp_path, fake_jira, fake_github):
    async with integrator_client(tmp_path, {**jira_env(fake_jira), **github_env(fake_github)}) as (stub, _):
        responses = await asyncio.gather(
            *(stub.ReportIncident(_request("fp-1"), timeout=20) for _ in range(3))
        )
        assert len(fake_jira.state.issues) == 1
        assert sorted(r.action for r in responses).count(pb.TICKET_ACTION_UPDATED) == 2
        ticket = await stub.GetTicket(pb.GetTicketRequest(fingerprint="fp-1"), timeout=10)
        assert ticket.occurrences == 3 and ticket.key == "OPS-1" and ticket.assignee == "alice"


async def test_the_background_outbox_finishes_what_jira_refused_at_first(tmp_path, fake_jira, fake_github):
    fake_jira.inject_failure(503, times=2, method="POST", path=r"/rest/api/2/issue$")
    async with integrator_client(tmp_path, {**jira_env(fake_jira, **FAST), **github_env(fake_github)}) as (
        stub,
        srv,
    ):
        response = await stub.ReportIncident(_request("fp-1"), timeout=10)
        assert response.action == pb.TICKET_ACTION_QUEUED and response.ticket.key == ""
        for _ in range(100):
            ticket = await stub.GetTicket(pb.GetTicketRequest(fingerprint="fp-1"), timeout=10)
            if ticket.key:
                break
            await asyncio.sleep(0.05)
        assert ticket.key == "OPS-1" and list(fake_jira.state.issues) == ["OPS-1"]
        assert srv.registry.get_sample_value("integrator_jira_errors_total", {"status": "503"}) == 2


async def test_a_rejected_ticket_reports_the_reason_without_secrets(tmp_path, fake_jira):
    env = jira_env(fake_jira, INCIDENT_INTEGRATOR_JIRA_PROJECT="NOPE")
    async with integrator_client(tmp_path, env) as (stub, _):
        response = await stub.ReportIncident(_request("fp-1"), timeout=10)
        stats = await stub.GetStats(pb.GetStatsRequest(), timeout=10)
    assert response.action == pb.TICKET_ACTION_NONE
    assert response.ticket.status == "failed" and "valid project is required" in response.ticket.error
    assert JIRA_TOKEN not in str(response) and stats.failed_count == 1 and not stats.dry_run


async def test_a_service_restart_with_queued_work_loses_nothing(tmp_path, fake_jira, fake_github):
    env = {**jira_env(fake_jira, INCIDENT_INTEGRATOR_LEASE_SECONDS="1"), **github_env(fake_github)}
    fake_jira.inject_failure(503, times=10_000, method="POST", path=r"/rest/api/2/issue$")
    async with integrator_client(tmp_path, env) as (stub, _):
        for fingerprint in ("fp-1", "fp-2"):
            response = await stub.ReportIncident(_request(fingerprint), timeout=10)
            assert response.action == pb.TICKET_ACTION_QUEUED
    assert fake_jira.state.issues == {}
    fake_jira.clear_failures()
    async with integrator_client(tmp_path, env) as (stub, _):
        for _ in range(200):
            stats = await stub.GetStats(pb.GetStatsRequest(), timeout=10)
            if stats.outbox_depth == 0:
                break
            await asyncio.sleep(0.05)
        assert dict(stats.tickets_by_status) == {"open": 2}
    assert sorted(fake_jira.state.issues) == ["OPS-1", "OPS-2"]
