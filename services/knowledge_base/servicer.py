"""gRPC <-> domain translation for the knowledge-base; no domain logic here."""

from __future__ import annotations

from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc


class KnowledgeBaseServicer(knowledge_base_pb2_grpc.KnowledgeBaseServiceServicer):
    """Every RPC answers UNIMPLEMENTED until its behaviour is built (inherited from the base class)."""
