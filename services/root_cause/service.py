"""Hands the root-cause to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.rootcause.v1 import root_cause_pb2, root_cause_pb2_grpc
from services.kit import Env, ServerSettings
from services.root_cause.servicer import RootCauseServicer

COMPONENT = "root-cause"
DEFAULT_PORT = 50052
DEFAULT_METRICS_PORT = 9102


class RootCauseComponent:
    service_names: Sequence[str] = (root_cause_pb2.DESCRIPTOR.services_by_name["RootCauseService"].full_name,)

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        root_cause_pb2_grpc.add_RootCauseServiceServicer_to_server(RootCauseServicer(), server)

    async def load(self) -> None:
        pass

    async def close(self) -> None:
        pass


def build(env: Env) -> tuple[RootCauseComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return RootCauseComponent(settings), settings
