"""gRPC <-> domain translation for the log-analyzer; no domain logic here."""

from __future__ import annotations

from incidentmesh.loganalyzer.v1 import log_analyzer_pb2_grpc


class LogAnalyzerServicer(log_analyzer_pb2_grpc.LogAnalyzerServiceServicer):
    """Every RPC answers UNIMPLEMENTED until its behaviour is built (inherited from the base class)."""
