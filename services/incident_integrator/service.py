"""Hands the incident-integrator to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.integrator.v1 import incident_integrator_pb2, incident_integrator_pb2_grpc
from services.incident_integrator.servicer import IncidentIntegratorServicer
from services.kit import Env, ServerSettings

COMPONENT = "incident-integrator"
DEFAULT_PORT = 50055
DEFAULT_METRICS_PORT = 9105


class IncidentIntegratorComponent:
    service_names: Sequence[str] = (
        incident_integrator_pb2.DESCRIPTOR.services_by_name["IncidentIntegratorService"].full_name,
    )

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        incident_integrator_pb2_grpc.add_IncidentIntegratorServiceServicer_to_server(
            IncidentIntegratorServicer(), server
        )

    async def load(self) -> None:
        pass

    async def close(self) -> None:
        pass


def build(env: Env) -> tuple[IncidentIntegratorComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return IncidentIntegratorComponent(settings), settings
