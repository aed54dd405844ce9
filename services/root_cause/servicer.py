"""gRPC <-> domain translation for the root-cause; no domain logic here."""

from __future__ import annotations

from incidentmesh.rootcause.v1 import root_cause_pb2_grpc


class RootCauseServicer(root_cause_pb2_grpc.RootCauseServiceServicer):
    """Every RPC answers UNIMPLEMENTED until its behaviour is built (inherited from the base class)."""
