"""What model or index each backend is answering with, for /ready and the dashboard."""

from __future__ import annotations

import grpc

from incidentmesh.actions.v1 import action_recommender_pb2_grpc as actions_grpc
from incidentmesh.common.v1 import common_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2_grpc as integrator_grpc
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc as kb_grpc
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2_grpc as analyzer_grpc
from incidentmesh.rootcause.v1 import root_cause_pb2_grpc as rootcause_grpc

_MODEL_INFO_STUBS = {
    "log_analyzer": analyzer_grpc.LogAnalyzerServiceStub,
    "root_cause": rootcause_grpc.RootCauseServiceStub,
    "action_recommender": actions_grpc.ActionRecommenderServiceStub,
}


async def backend_version(name: str, channel: grpc.aio.Channel, deadline: float) -> str:
    """A short version string; empty when the backend cannot say (it is then still reported by status)."""
    try:
        if name in _MODEL_INFO_STUBS:
            info = await _MODEL_INFO_STUBS[name](channel).GetModelInfo(
                common_pb2.GetModelInfoRequest(), timeout=deadline
            )
            return info.version
        if name == "knowledge_base":
            stats = await kb_grpc.KnowledgeBaseServiceStub(channel).GetStats(
                kb_pb2.GetStatsRequest(), timeout=deadline
            )
            return stats.index_version or f"{stats.index_type}:{stats.document_count}"
        if name == "incident_integrator":
            stats = await integrator_grpc.IncidentIntegratorServiceStub(channel).GetStats(
                integrator_pb2.GetStatsRequest(), timeout=deadline
            )
            return "dry-run" if stats.dry_run else "live"
    except grpc.aio.AioRpcError:
        return ""
    return ""
