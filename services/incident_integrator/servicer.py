"""gRPC <-> domain translation for the incident-integrator; no domain logic here."""

from __future__ import annotations

from incidentmesh.integrator.v1 import incident_integrator_pb2_grpc


class IncidentIntegratorServicer(incident_integrator_pb2_grpc.IncidentIntegratorServiceServicer):
    """Every RPC answers UNIMPLEMENTED until its behaviour is built (inherited from the base class)."""
