"""The gateway against all five real services: one incident through the whole pipeline."""

from __future__ import annotations

import pytest

from gateway.selftest import CANNED_INCIDENT, CANNED_SERVICE


@pytest.mark.slow
def test_full_pipeline_against_the_real_services(real_mesh):
    with real_mesh.client() as client:
        response = client.post(
            "/api/v1/incidents/analyze", json={"logs": CANNED_INCIDENT, "service": CANNED_SERVICE}
        )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["degraded"] == [], answer["degraded"]
    assert answer["anomalies"], "the log analyzer flagged nothing in a database outage"
    assert answer["root_cause"]["label"] == "database_unavailable", answer["root_cause"]
    assert answer["root_cause"]["evidence"]
    assert answer["similar_incidents"], "the knowledge base found no similar incident"
    assert any(hit["root_cause"] == "database_unavailable" for hit in answer["similar_incidents"])
    assert answer["recommended_actions"]
    assert all(
        action["requires_approval"]
        for action in answer["recommended_actions"]
        if action["risk_tier"] == "high"
    )
    assert 0 < answer["confidence"] <= answer["root_cause"]["confidence"]


@pytest.mark.slow
def test_ready_reports_every_real_backend_with_its_version(real_mesh):
    with real_mesh.client() as client:
        ready = client.get("/ready").json()
    assert ready["status"] == "ready"
    assert set(ready["backends"]) == {
        "log_analyzer",
        "root_cause",
        "knowledge_base",
        "action_recommender",
        "incident_integrator",
    }
    assert all(backend["version"] for backend in ready["backends"].values()), ready


@pytest.mark.slow
def test_code_related_incident_reaches_the_integrator_in_dry_run(real_mesh):
    logs = [
        "2026-11-30T11:02:01Z ERROR [cart-api] Unhandled exception after deploy v2.31.0",
        "Traceback (most recent call last):",
        '  File "/app/cart/pricing.py", line 88, in total',
        "    return sum(item.price * item.qty for item in items) / len(discounts)",
        "ZeroDivisionError: division by zero",
        "2026-11-30T11:02:01Z ERROR [cart-api] POST /cart/checkout 500 12ms",
        "2026-11-30T11:02:02Z ERROR [cart-api] Unhandled exception after deploy v2.31.0",
        "ZeroDivisionError: division by zero",
    ]
    with real_mesh.client() as client:
        answer = client.post("/api/v1/incidents/analyze", json={"logs": logs, "service": "cart-api"}).json()
    assert answer["root_cause"]["code_related"], answer["root_cause"]
    assert answer["ticket"] is not None
    assert answer["ticket"]["status"] in ("pending",) or answer["ticket"]["dry_run"] is True
