"""Hands the action-recommender to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.actions.v1 import action_recommender_pb2, action_recommender_pb2_grpc
from services.action_recommender.servicer import ActionRecommenderServicer
from services.kit import Env, ServerSettings

COMPONENT = "action-recommender"
DEFAULT_PORT = 50054
DEFAULT_METRICS_PORT = 9104


class ActionRecommenderComponent:
    service_names: Sequence[str] = (
        action_recommender_pb2.DESCRIPTOR.services_by_name["ActionRecommenderService"].full_name,
    )

    def __init__(self, settings: ServerSettings) -> None:
        self._settings = settings

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        action_recommender_pb2_grpc.add_ActionRecommenderServiceServicer_to_server(
            ActionRecommenderServicer(), server
        )

    async def load(self) -> None:
        pass

    async def close(self) -> None:
        pass


def build(env: Env) -> tuple[ActionRecommenderComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return ActionRecommenderComponent(settings), settings
