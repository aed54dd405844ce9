from __future__ import annotations

import asyncio
import dataclasses
import json
import time

import grpc
from sqlalchemy.exc import OperationalError

from gateway.incidents.source_auth import grafana_signature
from gateway.incidents.tests.payloads import alertmanager, alertmanager_alert, grafana
from gateway.settings import Secret
from gateway.tests.fakes import Behaviour, rpc_error
from services.incident_integrator.signature import github_signature

TOKEN = "am-token-123"
JSON = {"content-type": "application/json"}


def _intake(settings, **changes):
    return {"intake": dataclasses.replace(settings.intake, **changes)}


async def test_alertmanager_delivery_is_accepted_once_and_listed(open_client, settings):
    async with open_client(None, **_intake(settings, alertmanager_token=Secret(TOKEN))) as client:
        auth = {"Authorization": f"Bearer {TOKEN}", **JSON}
        first = await client.post("/api/v1/alerts/alertmanager", content=alertmanager(), headers=auth)
        again = await client.post("/api/v1/alerts/alertmanager", content=alertmanager(), headers=auth)
    assert first.status_code == 202 and first.json()["duplicate"] is False
    assert again.status_code == 202 and again.json()["duplicate"] is True
    assert first.json()["incidents"] == again.json()["incidents"] or again.json()["incidents"] == []


async def test_wrong_token_is_401_and_nothing_is_stored(open_client, settings, keys):
    async with open_client("viewer", **_intake(settings, alertmanager_token=Secret(TOKEN))) as client:
        bad = await client.post(
            "/api/v1/alerts/alertmanager",
            content=alertmanager(),
            headers={"Authorization": "Bearer nope", **JSON},
        )
        listing = await client.get("/api/v1/incidents")
    assert bad.status_code == 401
    assert listing.json()["items"] == []


async def test_operator_api_key_is_accepted_when_the_source_has_no_token(open_client):
    async with open_client() as client:
        accepted = await client.post(
            "/api/v1/alerts/generic",
            json={"alerts": [{"title": "Checkout errors", "service": "checkout", "logs": ["ERROR db down"]}]},
        )
    assert accepted.status_code == 202


async def test_grafana_needs_a_valid_hmac_signature_when_configured(open_client, settings):
    secret = "test-secret"
    body = grafana()
    async with open_client(None, **_intake(settings, grafana_hmac_secret=Secret(secret))) as client:
        unsigned = await client.post("/api/v1/alerts/grafana", content=body, headers=JSON)
        wrong = await client.post(
            "/api/v1/alerts/grafana",
            content=body,
            headers={"X-Grafana-Alerting-Signature": "00" * 32, **JSON},
        )
        signed = await client.post(
            "/api/v1/alerts/grafana",
            content=body,
            headers={"X-Grafana-Alerting-Signature": grafana_signature(secret, body), **JSON},
        )
    assert (unsigned.status_code, wrong.status_code, signed.status_code) == (401, 401, 202)


def test_grafana_signature_matches_the_published_test_vector():
    body = b'{"receiver":"incident-mesh","status":"firing"}'
    assert (
        grafana_signature("test-secret", body)
        == "4a234d382526abc8ea0e6f5a3746dc65ea6a8b78ad6d5b8b1a28fb02ffacee23"
    )
    assert (
        grafana_signature("test-secret", body, "1767225600")
        == "f67cf7c40ddbd3f1844ff735358718baf6cd2d7c0770f961fd0cae6ecc26e91b"
    )


async def test_malformed_payload_is_400_naming_the_field(open_client):
    async with open_client() as client:
        response = await client.post(
            "/api/v1/alerts/alertmanager", content=b'{"status":"firing","alerts":[{}]}', headers=JSON
        )
    assert response.status_code == 400
    assert "status" in response.json()["detail"]


async def test_ten_thousand_alerts_is_a_documented_413(open_client, settings):
    alerts = [alertmanager_alert(f"fp{i}") for i in range(10_000)]
    body = alertmanager(alerts=alerts)
    async with open_client(
        **_intake(settings, max_alerts_per_delivery=1000),
        limits=dataclasses.replace(settings.limits, max_body_bytes=50_000_000),
    ) as client:
        response = await client.post("/api/v1/alerts/alertmanager", content=body, headers=JSON)
    assert response.status_code == 413
    assert response.json()["limit"] == "max_alerts_per_delivery"


class _BrokenStore:
    def ingest(self, delivery, raw):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))


async def test_store_that_cannot_commit_answers_503_never_429(client_for):
    app, key = client_for()
    from gateway.testing import gateway_client

    async with gateway_client(app) as client:
        app.state.incident_store = _BrokenStore()
        response = await client.post(
            "/api/v1/alerts/alertmanager",
            content=alertmanager(),
            headers={"Authorization": f"Bearer {key}", **JSON},
        )
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"


async def _wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = await predicate()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_worker_analyzes_each_incident_once_and_waits_for_a_dead_service(open_client, settings, mesh):
    mesh.root_cause.behaviour = Behaviour(error=rpc_error(grpc.StatusCode.UNAVAILABLE))
    intake = _intake(settings, worker_enabled=True, worker_retry_base_seconds=0.05, worker_max_attempts=50)
    async with open_client(**intake) as client:
        body = alertmanager(alerts=[alertmanager_alert(logs="ERROR NullPointerException at Cart.total")])
        incident_id = (await client.post("/api/v1/alerts/alertmanager", content=body, headers=JSON)).json()[
            "incidents"
        ][0]

        async def has_error():
            detail = (await client.get(f"/api/v1/incidents/{incident_id}")).json()
            return detail if detail["last_error"] else None

        waiting = await _wait_for(has_error)
        assert waiting["analysis"] is None and "root_cause" in waiting["last_error"]

        mesh.root_cause.behaviour = Behaviour()

        async def analyzed():
            detail = (await client.get(f"/api/v1/incidents/{incident_id}")).json()
            return detail if detail["analysis"] else None

        detail = await _wait_for(analyzed)
        await asyncio.sleep(0.3)
        detail = (await client.get(f"/api/v1/incidents/{incident_id}")).json()
    assert detail["root_cause"] == "code_regression"
    assert [event["kind"] for event in detail["timeline"]].count("analyzed") == 1
    analyzed_lines = [call[1].lines for call in mesh.log_analyzer.calls]
    assert analyzed_lines and analyzed_lines[-1][0].text == "ERROR NullPointerException at Cart.total"


async def test_incident_api_resolve_feedback_stats_and_404(open_client, mesh):
    async with open_client() as client:
        incident_id = (
            await client.post("/api/v1/alerts/alertmanager", content=alertmanager(), headers=JSON)
        ).json()["incidents"][0]
        listing = (await client.get("/api/v1/incidents", params={"status": "open"})).json()
        assert [item["id"] for item in listing["items"]] == [incident_id]
        feedback = await client.post(
            f"/api/v1/incidents/{incident_id}/feedback",
            json={"root_cause": "database_unavailable", "action_id": "failover_db"},
        )
        assert feedback.json()["root_cause"] == "recorded"
        resolved = await client.post(f"/api/v1/incidents/{incident_id}/resolve")
        assert resolved.json()["changed"] is True
        detail = (await client.get(f"/api/v1/incidents/{incident_id}")).json()
        stats = (await client.get("/api/v1/incidents/stats", params={"days": 3})).json()
        missing = await client.get("/api/v1/incidents/does-not-exist")
        bad_cursor = await client.get("/api/v1/incidents", params={"cursor": "!!!"})
    assert detail["status"] == "resolved"
    assert {"feedback", "resolved"} <= {event["kind"] for event in detail["timeline"]}
    assert len(stats["per_day"]) == 3
    assert missing.status_code == 404
    assert bad_cursor.status_code == 422
    assert mesh.action_recommender.calls[0][1].action_id == "failover_db"


async def test_github_webhook_needs_its_signature_and_reaches_the_integrator(open_client, settings, mesh):
    secret = "It's a Secret to Everybody"
    payload = json.dumps(
        {"action": "closed", "pull_request": {"merged": True, "title": "OPS-1 fix"}}
    ).encode()
    headers = {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-1", **JSON}
    async with open_client(None, **_intake(settings, github_webhook_secret=Secret(secret))) as client:
        unsigned = await client.post("/api/v1/github/webhook", content=payload, headers=headers)
        signed = await client.post(
            "/api/v1/github/webhook",
            content=payload,
            headers={**headers, "X-Hub-Signature-256": github_signature(secret, payload)},
        )
    assert unsigned.status_code == 401
    assert signed.status_code == 202 and signed.json()["handled"] is True
    (call,) = mesh.incident_integrator.calls
    assert call[1].delivery_id == "d-1" and call[1].payload == payload


async def test_github_webhook_is_off_without_a_secret(open_client):
    async with open_client() as client:
        response = await client.post("/api/v1/github/webhook", content=b"{}", headers=JSON)
    assert response.status_code == 403
