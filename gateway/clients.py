"""Typed backends the gateway calls: Protocols for the routes and pipeline, gRPC implementations.

Routes depend on the Protocols only, so tests swap in fakes; the gRPC classes are the only
place that knows about stubs and channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from gateway.backends import BackendPool
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.actions.v1 import action_recommender_pb2_grpc as actions_grpc
from incidentmesh.common.v1 import common_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2_grpc as integrator_grpc
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc as kb_grpc
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2_grpc as analyzer_grpc
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2_grpc as rootcause_grpc


class LogAnalyzer(Protocol):
    async def analyze(
        self, request: analyzer_pb2.AnalyzeLogsRequest, deadline: float, request_id: str
    ) -> analyzer_pb2.AnalyzeLogsResponse: ...


class RootCausePredictor(Protocol):
    async def predict(
        self, request: rootcause_pb2.PredictRootCauseRequest, deadline: float, request_id: str
    ) -> rootcause_pb2.PredictRootCauseResponse: ...

    async def record_feedback(
        self, request: rootcause_pb2.RecordFeedbackRequest, deadline: float, request_id: str
    ) -> rootcause_pb2.RecordFeedbackResponse: ...


class KnowledgeBase(Protocol):
    async def search(
        self, request: kb_pb2.SearchRequest, deadline: float, request_id: str
    ) -> kb_pb2.SearchResponse: ...

    async def upsert(
        self, request: kb_pb2.UpsertDocumentRequest, deadline: float, request_id: str
    ) -> kb_pb2.UpsertDocumentResponse: ...

    async def get_document(
        self, request: kb_pb2.GetDocumentRequest, deadline: float, request_id: str
    ) -> kb_pb2.Document: ...

    async def stats(
        self, request: kb_pb2.GetStatsRequest, deadline: float, request_id: str
    ) -> kb_pb2.GetStatsResponse: ...


class ActionRecommender(Protocol):
    async def recommend(
        self, request: actions_pb2.RecommendActionsRequest, deadline: float, request_id: str
    ) -> actions_pb2.RecommendActionsResponse: ...

    async def record_feedback(
        self, request: actions_pb2.RecordFeedbackRequest, deadline: float, request_id: str
    ) -> actions_pb2.RecordFeedbackResponse: ...


class IncidentIntegrator(Protocol):
    async def report(
        self, request: integrator_pb2.ReportIncidentRequest, deadline: float, request_id: str
    ) -> integrator_pb2.ReportIncidentResponse: ...

    async def handle_pull_request(
        self, request: integrator_pb2.HandlePullRequestEventRequest, deadline: float, request_id: str
    ) -> integrator_pb2.HandlePullRequestEventResponse: ...

    async def stats(
        self, request: integrator_pb2.GetStatsRequest, deadline: float, request_id: str
    ) -> integrator_pb2.GetStatsResponse: ...


@dataclass(frozen=True)
class Backends:
    """Everything the routes and the pipeline may call."""

    log_analyzer: LogAnalyzer
    root_cause: RootCausePredictor
    knowledge_base: KnowledgeBase
    action_recommender: ActionRecommender
    incident_integrator: IncidentIntegrator


def _metadata(request_id: str) -> tuple[tuple[str, str], ...]:
    return (("x-request-id", request_id),)


class _GrpcBackend:
    def __init__(self, pool: BackendPool, name: str) -> None:
        self._pool = pool
        self._name = name

    @property
    def _channel(self):
        # Looked up per call: an admin may have switched the backend to another allowed address.
        return self._pool.channel(self._name)


class GrpcLogAnalyzer(_GrpcBackend):
    async def analyze(self, request, deadline, request_id):
        stub = analyzer_grpc.LogAnalyzerServiceStub(self._channel)
        return await stub.AnalyzeLogs(request, timeout=deadline, metadata=_metadata(request_id))


class GrpcRootCausePredictor(_GrpcBackend):
    async def predict(self, request, deadline, request_id):
        stub = rootcause_grpc.RootCauseServiceStub(self._channel)
        return await stub.PredictRootCause(request, timeout=deadline, metadata=_metadata(request_id))

    async def record_feedback(self, request, deadline, request_id):
        stub = rootcause_grpc.RootCauseServiceStub(self._channel)
        return await stub.RecordFeedback(request, timeout=deadline, metadata=_metadata(request_id))


class GrpcKnowledgeBase(_GrpcBackend):
    async def search(self, request, deadline, request_id):
        stub = kb_grpc.KnowledgeBaseServiceStub(self._channel)
        return await stub.Search(request, timeout=deadline, metadata=_metadata(request_id))

    async def upsert(self, request, deadline, request_id):
        stub = kb_grpc.KnowledgeBaseServiceStub(self._channel)
        return await stub.UpsertDocument(request, timeout=deadline, metadata=_metadata(request_id))

    async def get_document(self, request, deadline, request_id):
        stub = kb_grpc.KnowledgeBaseServiceStub(self._channel)
        return await stub.GetDocument(request, timeout=deadline, metadata=_metadata(request_id))

    async def stats(self, request, deadline, request_id):
        stub = kb_grpc.KnowledgeBaseServiceStub(self._channel)
        return await stub.GetStats(request, timeout=deadline, metadata=_metadata(request_id))


class GrpcActionRecommender(_GrpcBackend):
    async def recommend(self, request, deadline, request_id):
        stub = actions_grpc.ActionRecommenderServiceStub(self._channel)
        return await stub.RecommendActions(request, timeout=deadline, metadata=_metadata(request_id))

    async def record_feedback(self, request, deadline, request_id):
        stub = actions_grpc.ActionRecommenderServiceStub(self._channel)
        return await stub.RecordFeedback(request, timeout=deadline, metadata=_metadata(request_id))


class GrpcIncidentIntegrator(_GrpcBackend):
    async def report(self, request, deadline, request_id):
        stub = integrator_grpc.IncidentIntegratorServiceStub(self._channel)
        return await stub.ReportIncident(request, timeout=deadline, metadata=_metadata(request_id))

    async def handle_pull_request(self, request, deadline, request_id):
        stub = integrator_grpc.IncidentIntegratorServiceStub(self._channel)
        return await stub.HandlePullRequestEvent(request, timeout=deadline, metadata=_metadata(request_id))

    async def stats(self, request, deadline, request_id):
        stub = integrator_grpc.IncidentIntegratorServiceStub(self._channel)
        return await stub.GetStats(request, timeout=deadline, metadata=_metadata(request_id))


def grpc_backends(pool: BackendPool) -> Backends:
    return Backends(
        log_analyzer=GrpcLogAnalyzer(pool, "log_analyzer"),
        root_cause=GrpcRootCausePredictor(pool, "root_cause"),
        knowledge_base=GrpcKnowledgeBase(pool, "knowledge_base"),
        action_recommender=GrpcActionRecommender(pool, "action_recommender"),
        incident_integrator=GrpcIncidentIntegrator(pool, "incident_integrator"),
    )


def log_lines(lines: list[str], service: str = "") -> list[common_pb2.LogLine]:
    return [common_pb2.LogLine(text=line, service=service) for line in lines]
