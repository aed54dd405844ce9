"""Hands the knowledge-base to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.knowledgebase.v1 import knowledge_base_pb2, knowledge_base_pb2_grpc
from services.kit import Env, ServerSettings
from services.knowledge_base.servicer import KnowledgeBaseServicer

COMPONENT = "knowledge-base"
DEFAULT_PORT = 50053
DEFAULT_METRICS_PORT = 9103


class KnowledgeBaseComponent:
    service_names: Sequence[str] = (
        knowledge_base_pb2.DESCRIPTOR.services_by_name["KnowledgeBaseService"].full_name,
    )

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        knowledge_base_pb2_grpc.add_KnowledgeBaseServiceServicer_to_server(KnowledgeBaseServicer(), server)

    async def load(self) -> None:
        pass

    async def close(self) -> None:
        pass


def build(env: Env) -> tuple[KnowledgeBaseComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return KnowledgeBaseComponent(settings), settings
