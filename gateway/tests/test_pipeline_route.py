from __future__ import annotations

import time

import grpc
import pytest

from gateway.pipeline import overall_confidence
from gateway.tests.fakes import Behaviour, prediction_reply, rpc_error

LOGS = ["INFO start", "ERROR NullPointerException at Cart.total", "at shop.Cart.total(Cart.java:42)"]


async def test_full_pipeline_answers_every_part(open_client, mesh):
    async with open_client() as operator_client:
        response = await operator_client.post(
            "/api/v1/incidents/analyze", json={"logs": LOGS, "service": "cart"}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["anomalies"][0]["reasons"] == ["new template"]
        assert body["root_cause"]["label"] == "code_regression"
        assert body["root_cause"]["evidence"][0]["text"].startswith("NullPointerException")
        assert [hit["id"] for hit in body["similar_incidents"]] == ["inc-7", "rb-1"]
        assert body["recommended_actions"][0]["steps"] == ["kubectl rollout undo deployment/cart"]
        assert body["ticket"]["key"] == "SHOP-12"
        assert body["ticket"]["assignee"] == "alice"
        assert body["degraded"] == []
        assert set(body["timings"]) >= {
            "log_analyzer",
            "root_cause",
            "knowledge_base",
            "action_recommender",
            "total",
        }
        # p=0.8, matching incident similarity 0.5, action success 0.9 -> 0.8 * (0.7 + 0.1 + 0.09)
        assert body["confidence"] == pytest.approx(0.712)

        (report,) = mesh.incident_integrator.calls
        request = report[1]
        assert request.suspect_files[0].path == "src/main/java/shop/Cart.java"
        assert request.root_cause == "code_regression"
        assert len(request.fingerprint) == 24


async def test_independent_stages_run_in_parallel(open_client, mesh):
    async with open_client() as operator_client:
        for backend in (mesh.log_analyzer, mesh.root_cause, mesh.knowledge_base):
            backend.behaviour = Behaviour(delay=0.3)
        started = time.perf_counter()
        response = await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        assert elapsed < 0.6, f"three 0.3 s stages took {elapsed:.2f} s: not parallel"
        spans = [
            backend.calls[0][2:] for backend in (mesh.log_analyzer, mesh.root_cause, mesh.knowledge_base)
        ]
        assert max(start for start, _ in spans) < min(end for _, end in spans), "stage timings must overlap"


async def test_hung_backend_is_reported_as_degraded_within_the_overall_deadline(open_client, mesh):
    async with open_client() as operator_client:
        mesh.knowledge_base.behaviour = Behaviour(delay=30)
        started = time.perf_counter()
        response = await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})
        elapsed = time.perf_counter() - started
        body = response.json()
        assert response.status_code == 200
        assert elapsed < 2.5 + 0.3
        assert body["degraded"] == [{"stage": "knowledge_base", "reason": "DEADLINE_EXCEEDED"}]
        assert body["similar_incidents"] == []
        assert body["root_cause"]["label"] == "code_regression"


async def test_dead_backend_degrades_and_skips_what_depends_on_it(open_client, mesh):
    async with open_client() as operator_client:
        mesh.root_cause.behaviour = Behaviour(
            error=rpc_error(grpc.StatusCode.UNAVAILABLE, "connect failed 10.0.0.1")
        )
        body = (await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})).json()
        assert body["degraded"] == [{"stage": "root_cause", "reason": "UNAVAILABLE"}]
        assert body["root_cause"] is None
        assert body["recommended_actions"] == []
        assert body["ticket"] is None
        assert body["confidence"] is None
        assert body["anomalies"]


async def test_every_essential_stage_down_is_503(open_client, mesh):
    async with open_client() as operator_client:
        for backend in (mesh.log_analyzer, mesh.root_cause, mesh.knowledge_base):
            backend.behaviour = Behaviour(error=rpc_error(grpc.StatusCode.UNAVAILABLE))
        response = await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_input_every_stage_rejects_is_422_with_the_backends_message(open_client, mesh):
    async with open_client() as operator_client:
        for backend in (mesh.log_analyzer, mesh.root_cause, mesh.knowledge_base):
            backend.behaviour = Behaviour(
                error=rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "lines[0] is binary")
            )
        response = await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})
        assert response.status_code == 422
        assert response.json()["detail"] == "lines[0] is binary"


async def test_slow_ticket_does_not_hold_the_answer(open_client, mesh):
    async with open_client("admin") as operator_client:
        slow_tracker = {"deadlines": {"incident_integrator": 10_000}}
        assert (await operator_client.put("/api/v1/config", json=slow_tracker)).status_code == 200
        mesh.incident_integrator.behaviour = Behaviour(delay=3)
        started = time.perf_counter()
        body = (await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})).json()
        assert time.perf_counter() - started < 2.5 + 0.3
        assert body["ticket"] == {
            "status": "pending",
            "key": "",
            "url": "",
            "assignee": "",
            "assignee_reason": "",
            "action": "",
            "dry_run": False,
            "occurrences": 0,
        }


async def test_abstaining_predictor_gives_unknown_and_no_ticket(open_client, mesh):
    async with open_client() as operator_client:
        mesh.root_cause.replies["predict"] = prediction_reply(probability=0.3, novel=True)
        body = (await operator_client.post("/api/v1/incidents/analyze", json={"logs": LOGS})).json()
        assert body["root_cause"]["label"] is None
        assert body["root_cause"]["novel"] is True
        assert body["recommended_actions"] == []
        assert body["ticket"] is None
        assert body["confidence"] == 0.0
        assert any("needs a human" in note for note in body["notes"])
        assert mesh.incident_integrator.calls == []


def test_confidence_never_exceeds_the_predictor_probability():
    from gateway import schemas

    root = schemas.RootCause(
        label="disk_full",
        confidence=0.6,
        novel=False,
        code_related=False,
        evidence=[],
        candidates=[],
        prediction_id="",
        model_version="",
    )
    hit = schemas.SimilarIncident(
        id="1",
        kind="incident",
        title="",
        summary="",
        resolution="",
        score=1.0,
        root_cause="disk_full",
        service="",
        section="",
        links=[],
    )
    action = schemas.RecommendedAction(
        id="a",
        title="",
        steps=[],
        risk_tier="low",
        requires_approval=False,
        probability=1,
        rationale="",
        historical_success_rate=1.0,
        historical_outcomes=3,
    )
    assert overall_confidence(root, [hit], [action]) == pytest.approx(0.6)
    assert overall_confidence(root, [], []) == pytest.approx(0.6 * 0.75)
