"""gRPC <-> domain translation for the action-recommender; no domain logic here."""

from __future__ import annotations

from incidentmesh.actions.v1 import action_recommender_pb2_grpc


class ActionRecommenderServicer(action_recommender_pb2_grpc.ActionRecommenderServiceServicer):
    """Every RPC answers UNIMPLEMENTED until its behaviour is built (inherited from the base class)."""
