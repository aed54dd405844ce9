"""Hands the log-analyzer to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.loganalyzer.v1 import log_analyzer_pb2, log_analyzer_pb2_grpc
from services.kit import Env, ServerSettings
from services.log_analyzer.servicer import LogAnalyzerServicer

COMPONENT = "log-analyzer"
DEFAULT_PORT = 50051
DEFAULT_METRICS_PORT = 9101


class LogAnalyzerComponent:
    service_names: Sequence[str] = (
        log_analyzer_pb2.DESCRIPTOR.services_by_name["LogAnalyzerService"].full_name,
    )

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        log_analyzer_pb2_grpc.add_LogAnalyzerServiceServicer_to_server(LogAnalyzerServicer(), server)

    async def load(self) -> None:
        pass

    async def close(self) -> None:
        pass


def build(env: Env) -> tuple[LogAnalyzerComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return LogAnalyzerComponent(settings), settings
