"""Single-stage routes: one backend each. A backend's failure becomes this route's HTTP error."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from litestar import Controller, Request, post
from litestar.params import JSONBody

from gateway import convert, schemas
from gateway.auth import requires
from gateway.clients import log_lines
from gateway.limits import InvalidInput, check_top_k, normalize_logs
from gateway.routes.common import backends, metrics, operation_id, request_id, runtime_config, settings
from gateway.stages import call_stage
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2

_KINDS = {
    "": kb_pb2.DOCUMENT_KIND_UNSPECIFIED,
    "incident": kb_pb2.DOCUMENT_KIND_INCIDENT,
    "runbook": kb_pb2.DOCUMENT_KIND_RUNBOOK,
}


def _timestamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def _as_dict(message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


class AnalysisController(Controller):
    tags = ["analysis"]

    @post(
        ["/api/v1/analyze", "/analyze"],
        operation_id=operation_id("analyzeLogs"),
        guards=[requires("operator")],
        status_code=200,
        summary="Anomalous lines, key events and entities (log analyzer)",
    )
    async def analyze(self, request: Request, data: JSONBody[schemas.LogsRequest]) -> dict[str, Any]:
        lines = normalize_logs(data.logs, settings(request).limits)
        reply = await call_stage(
            metrics(request),
            "log_analyzer",
            "AnalyzeLogs",
            lambda d: backends(request).log_analyzer.analyze(
                analyzer_pb2.AnalyzeLogsRequest(
                    lines=log_lines(lines, data.service), service=data.service, source=data.source
                ),
                d,
                request_id(request),
            ),
            runtime_config(request).deadlines.log_analyzer / 1000,
        )
        body = _as_dict(reply)
        body["anomalies"] = [convert.anomaly(a) for a in reply.anomalies]
        return body

    @post(
        ["/api/v1/predict", "/predict"],
        operation_id=operation_id("predictRootCause"),
        guards=[requires("operator")],
        status_code=200,
        summary="Ranked root causes (root-cause predictor)",
    )
    async def predict(self, request: Request, data: JSONBody[schemas.PredictRequest]) -> schemas.RootCause:
        limits = settings(request).limits
        lines = normalize_logs(data.logs, limits)
        top_k = check_top_k(data.top_k, limits)
        reply = await call_stage(
            metrics(request),
            "root_cause",
            "PredictRootCause",
            lambda d: backends(request).root_cause.predict(
                rootcause_pb2.PredictRootCauseRequest(
                    lines=log_lines(lines, data.service), service=data.service, top_k=top_k
                ),
                d,
                request_id(request),
            ),
            runtime_config(request).deadlines.root_cause / 1000,
        )
        return convert.root_cause(reply)

    @post(
        ["/api/v1/search", "/search"],
        operation_id=operation_id("searchKnowledgeBase"),
        guards=[requires("viewer")],
        status_code=200,
        summary="Similar past incidents and runbooks",
    )
    async def search(
        self, request: Request, data: JSONBody[schemas.SearchRequest]
    ) -> list[schemas.SimilarIncident]:
        limits = settings(request).limits
        top_k = check_top_k(data.top_k, limits)
        if not data.query.strip():
            raise InvalidInput("query", "query must not be empty")
        filters = data.filters or schemas.SearchFiltersBody()
        proto_filters = kb_pb2.SearchFilters(
            services=filters.services,
            root_causes=filters.root_causes,
            kind=_KINDS[filters.kind],
            occurred_after=_timestamp(filters.occurred_after),
            occurred_before=_timestamp(filters.occurred_before),
        )
        reply = await call_stage(
            metrics(request),
            "knowledge_base",
            "Search",
            lambda d: backends(request).knowledge_base.search(
                kb_pb2.SearchRequest(
                    query=data.query[: limits.max_line_length * 4], top_k=top_k, filters=proto_filters
                ),
                d,
                request_id(request),
            ),
            runtime_config(request).deadlines.knowledge_base / 1000,
        )
        return [convert.search_hit(hit) for hit in reply.hits]

    @post(
        ["/api/v1/recommend", "/recommend"],
        operation_id=operation_id("recommendActions"),
        guards=[requires("operator")],
        status_code=200,
        summary="Remediation actions for a root cause",
    )
    async def recommend(
        self, request: Request, data: JSONBody[schemas.RecommendRequest]
    ) -> list[schemas.RecommendedAction]:
        limits = settings(request).limits
        lines = normalize_logs(data.logs, limits, required=False)
        top_k = check_top_k(data.top_k, limits)
        reply = await call_stage(
            metrics(request),
            "action_recommender",
            "RecommendActions",
            lambda d: backends(request).action_recommender.recommend(
                actions_pb2.RecommendActionsRequest(
                    root_cause=data.root_cause,
                    root_cause_confidence=data.confidence,
                    service=data.service,
                    lines=log_lines(lines, data.service),
                    top_k=top_k,
                ),
                d,
                request_id(request),
            ),
            runtime_config(request).deadlines.action_recommender / 1000,
        )
        return [convert.recommended_action(a) for a in reply.actions]
