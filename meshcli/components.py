"""The processes that make up the mesh, in start order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str
    module: str
    # Environment variables holding its ports, with their defaults.
    port_variable: str
    default_port: int
    grpc: bool = True


SERVICES = (
    Component("log-analyzer", "services.log_analyzer", "LOG_ANALYZER_PORT", 50051),
    Component("root-cause", "services.root_cause", "ROOT_CAUSE_PORT", 50052),
    Component("knowledge-base", "services.knowledge_base", "KNOWLEDGE_BASE_PORT", 50053),
    Component("action-recommender", "services.action_recommender", "ACTION_RECOMMENDER_PORT", 50054),
    Component("incident-integrator", "services.incident_integrator", "INCIDENT_INTEGRATOR_PORT", 50055),
)
GATEWAY = Component("gateway", "gateway", "GATEWAY_PORT", 8080, grpc=False)
ALL = (*SERVICES, GATEWAY)
