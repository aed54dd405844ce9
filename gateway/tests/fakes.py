"""Fakes of the five backends: the same Protocols as the gRPC clients, scripted replies, recorded calls."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import grpc

from gateway.clients import Backends
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2


def rpc_error(code: grpc.StatusCode, details: str = "") -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata(), details=details)


@dataclass
class Behaviour:
    delay: float = 0.0
    error: grpc.aio.AioRpcError | None = None


@dataclass
class FakeBackend:
    """Answers every method with `reply`, after `behaviour.delay`, or raises `behaviour.error`."""

    replies: dict[str, object]
    behaviour: Behaviour = field(default_factory=Behaviour)
    calls: list[tuple[str, object, float, float]] = field(default_factory=list)

    async def _answer(self, method: str, request, deadline: float):
        started = time.perf_counter()
        try:
            if self.behaviour.delay:
                await asyncio.sleep(self.behaviour.delay)
            if self.behaviour.error is not None:
                raise self.behaviour.error
            return self.replies[method]
        finally:
            self.calls.append((method, request, started, time.perf_counter()))

    def __getattr__(self, method: str):
        if method.startswith("_") or method not in self.replies:
            raise AttributeError(method)

        async def call(request, deadline, request_id):
            return await self._answer(method, request, deadline)

        return call


def analyzer_reply() -> analyzer_pb2.AnalyzeLogsResponse:
    return analyzer_pb2.AnalyzeLogsResponse(
        anomalies=[
            analyzer_pb2.Anomaly(
                line_index=1,
                text="NullPointerException at Cart.total",
                score=0.93,
                template="NullPointerException at <*>",
                reasons=["new template"],
                severity=analyzer_pb2.SEVERITY_ERROR,
            )
        ],
        key_events=[analyzer_pb2.KeyEvent(template_id="t1", template="NullPointerException at <*>", count=3)],
        entities=analyzer_pb2.Entities(
            exception_types=["java.lang.NullPointerException"],
            source_locations=[
                analyzer_pb2.SourceLocation(
                    path="src/main/java/shop/Cart.java", line=42, function="total", language="java"
                )
            ],
        ),
        line_count=3,
        template_count=2,
        new_template_count=1,
        model_version="la-1",
    )


def prediction_reply(
    label: str = "code_regression", probability: float = 0.8, code_related: bool = True, novel: bool = False
) -> rootcause_pb2.PredictRootCauseResponse:
    return rootcause_pb2.PredictRootCauseResponse(
        prediction_id="pred-1",
        candidates=[
            rootcause_pb2.RootCauseCandidate(
                label=label,
                probability=probability,
                code_related=code_related,
                evidence=[
                    rootcause_pb2.Evidence(
                        kind=rootcause_pb2.EVIDENCE_KIND_LINE,
                        text="NullPointerException at Cart.total",
                        weight=1.2,
                        line_index=1,
                    )
                ],
            ),
            rootcause_pb2.RootCauseCandidate(label="config_error", probability=1 - probability),
        ],
        novel=novel,
        code_related=code_related,
        model_version="rc-1",
    )


def search_reply() -> kb_pb2.SearchResponse:
    return kb_pb2.SearchResponse(
        hits=[
            kb_pb2.SearchHit(
                document_id="inc-7",
                kind=kb_pb2.DOCUMENT_KIND_INCIDENT,
                title="NPE in cart after deploy",
                resolution="rolled back 2.3.1",
                score=0.5,
                root_cause="code_regression",
                service="cart",
            ),
            kb_pb2.SearchHit(
                document_id="rb-1",
                kind=kb_pb2.DOCUMENT_KIND_RUNBOOK,
                title="Rollback runbook",
                section="Rolling back",
                score=0.4,
            ),
        ],
        index_type="flat",
    )


def recommend_reply() -> actions_pb2.RecommendActionsResponse:
    return actions_pb2.RecommendActionsResponse(
        recommendation_id="rec-1",
        actions=[
            actions_pb2.RecommendedAction(
                action=actions_pb2.Action(
                    id="rollback_deployment",
                    title="Roll back the deployment",
                    steps=["kubectl rollout undo deployment/cart"],
                    risk_tier=actions_pb2.RISK_TIER_MEDIUM,
                    requires_approval=False,
                ),
                probability=0.7,
                rationale="code regression after a deploy",
                historical_success_rate=0.9,
                historical_outcomes=10,
            )
        ],
        model_version="ar-1",
    )


def report_reply() -> integrator_pb2.ReportIncidentResponse:
    return integrator_pb2.ReportIncidentResponse(
        ticket=integrator_pb2.Ticket(
            key="SHOP-12",
            url="https://jira.example/browse/SHOP-12",
            status="Open",
            assignee="alice",
            assignee_reason="CODEOWNERS /src/main/java/shop/ @alice",
            occurrences=1,
        ),
        action=integrator_pb2.TICKET_ACTION_CREATED,
    )


@dataclass
class FakeMesh:
    log_analyzer: FakeBackend
    root_cause: FakeBackend
    knowledge_base: FakeBackend
    action_recommender: FakeBackend
    incident_integrator: FakeBackend

    def backends(self) -> Backends:
        return Backends(
            self.log_analyzer,
            self.root_cause,
            self.knowledge_base,
            self.action_recommender,
            self.incident_integrator,
        )


def fake_mesh() -> FakeMesh:
    return FakeMesh(
        log_analyzer=FakeBackend({"analyze": analyzer_reply()}),
        root_cause=FakeBackend(
            {
                "predict": prediction_reply(),
                "record_feedback": rootcause_pb2.RecordFeedbackResponse(feedback_id="f1"),
            }
        ),
        knowledge_base=FakeBackend(
            {
                "search": search_reply(),
                "upsert": kb_pb2.UpsertDocumentResponse(id="d1", created=True),
                "get_document": kb_pb2.Document(
                    id="inc-7", kind=kb_pb2.DOCUMENT_KIND_INCIDENT, title="NPE in cart after deploy"
                ),
                "stats": kb_pb2.GetStatsResponse(document_count=3, index_type="flat"),
            }
        ),
        action_recommender=FakeBackend(
            {
                "recommend": recommend_reply(),
                "record_feedback": actions_pb2.RecordFeedbackResponse(feedback_id="f2"),
            }
        ),
        incident_integrator=FakeBackend(
            {
                "report": report_reply(),
                "stats": integrator_pb2.GetStatsResponse(dry_run=True),
                "handle_pull_request": integrator_pb2.HandlePullRequestEventResponse(handled=True),
            }
        ),
    )
