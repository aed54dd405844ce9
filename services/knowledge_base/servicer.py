"""gRPC <-> domain translation for the knowledge base; no domain logic here.

Blocking work (embedding, FAISS, SQL) runs in worker threads so the event loop keeps
answering health checks and other RPCs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as pb
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc
from services.knowledge_base.documents import INCIDENT, RUNBOOK, Document, InvalidDocument, Section
from services.knowledge_base.filters import SearchFilters
from services.knowledge_base.knowledge_base import InvalidRequest, KnowledgeBase

_KIND_FROM_PROTO = {pb.DOCUMENT_KIND_INCIDENT: INCIDENT, pb.DOCUMENT_KIND_RUNBOOK: RUNBOOK}
_KIND_TO_PROTO = {kind: value for value, kind in _KIND_FROM_PROTO.items()}
# Bounds on the filter lists, so one request cannot make every chunk check thousands of values.
MAX_FILTER_VALUES = 100


def _timestamp(when: datetime | None) -> Timestamp | None:
    if when is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(when.astimezone(UTC))
    return stamp


def _datetime(message: object, field: str) -> datetime | None:
    if not message.HasField(field):  # type: ignore[attr-defined]
        return None
    return getattr(message, field).ToDatetime(tzinfo=UTC)


def document_to_proto(document: Document) -> pb.Document:
    return pb.Document(
        id=document.id,
        kind=_KIND_TO_PROTO.get(document.kind, pb.DOCUMENT_KIND_UNSPECIFIED),
        title=document.title,
        summary=document.summary,
        symptoms=document.symptoms,
        root_cause=document.root_cause,
        resolution=document.resolution,
        service=document.service,
        links=list(document.links),
        occurred_at=_timestamp(document.occurred_at),
        sections=[pb.RunbookSection(heading=s.heading, body=s.body) for s in document.sections],
        metadata=dict(document.metadata),
        updated_at=_timestamp(document.updated_at),
    )


def document_from_proto(message: pb.Document) -> Document:
    sections = tuple(Section(s.heading, s.body) for s in message.sections)
    kind = _KIND_FROM_PROTO.get(message.kind, RUNBOOK if sections else INCIDENT)
    return Document(
        id=message.id.strip(),
        kind=kind,
        title=message.title.strip(),
        summary=message.summary,
        symptoms=message.symptoms,
        root_cause=message.root_cause.strip(),
        resolution=message.resolution,
        service=message.service.strip(),
        links=tuple(message.links),
        occurred_at=_datetime(message, "occurred_at"),
        sections=sections,
        metadata=dict(message.metadata),
    )


def _filters(message: pb.SearchFilters) -> SearchFilters:
    if len(message.services) > MAX_FILTER_VALUES or len(message.root_causes) > MAX_FILTER_VALUES:
        raise InvalidRequest(
            f"filters.services and filters.root_causes take at most {MAX_FILTER_VALUES} values"
        )
    try:
        after = _datetime(message, "occurred_after")
        before = _datetime(message, "occurred_before")
    except (ValueError, OverflowError):
        raise InvalidRequest("filters.occurred_after/occurred_before must be valid timestamps") from None
    if after and before and after >= before:
        raise InvalidRequest("filters.occurred_after must be earlier than filters.occurred_before")
    return SearchFilters.of(
        list(message.services), list(message.root_causes), _KIND_FROM_PROTO.get(message.kind), after, before
    )


class KnowledgeBaseServicer(knowledge_base_pb2_grpc.KnowledgeBaseServiceServicer):
    def __init__(self, knowledge_base: Callable[[], KnowledgeBase]) -> None:
        # A provider, because the knowledge base is built in load(), after RPCs are registered.
        self._kb = knowledge_base

    async def Search(self, request: pb.SearchRequest, context: grpc.aio.ServicerContext) -> pb.SearchResponse:
        try:
            filters = _filters(request.filters)
            result = await asyncio.to_thread(self._kb().search, request.query, request.top_k, filters)
        except InvalidRequest as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        hits = [
            pb.SearchHit(
                document_id=hit.document.id,
                kind=_KIND_TO_PROTO.get(hit.document.kind, pb.DOCUMENT_KIND_UNSPECIFIED),
                title=hit.document.title,
                summary=hit.document.summary,
                resolution=hit.document.resolution,
                score=hit.score,
                vector_score=hit.vector_score,
                lexical_score=hit.lexical_score,
                section=hit.section,
                root_cause=hit.document.root_cause,
                service=hit.document.service,
                links=list(hit.document.links),
                occurred_at=_timestamp(hit.document.occurred_at),
            )
            for hit in result.hits
        ]
        return pb.SearchResponse(hits=hits, index_type=result.index_type, notes=result.notes)

    async def UpsertDocument(
        self, request: pb.UpsertDocumentRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpsertDocumentResponse:
        if not request.HasField("document"):
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "document is required")
        try:
            document = document_from_proto(request.document)
            document_id, created = await asyncio.to_thread(self._kb().upsert, document)
        except (InvalidDocument, ValueError) as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        return pb.UpsertDocumentResponse(id=document_id, created=created)

    async def DeleteDocument(
        self, request: pb.DeleteDocumentRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteDocumentResponse:
        if not request.id.strip():
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id must not be empty")
        deleted = await asyncio.to_thread(self._kb().delete, request.id.strip())
        return pb.DeleteDocumentResponse(deleted=deleted)

    async def GetDocument(
        self, request: pb.GetDocumentRequest, context: grpc.aio.ServicerContext
    ) -> pb.Document:
        if not request.id.strip():
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id must not be empty")
        document = await asyncio.to_thread(self._kb().get, request.id.strip())
        if document is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, f"no document with id {request.id.strip()!r}")
        return document_to_proto(document)

    async def ListDocuments(
        self, request: pb.ListDocumentsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListDocumentsResponse:
        try:
            documents, next_token = await asyncio.to_thread(
                self._kb().list, _KIND_FROM_PROTO.get(request.kind), request.page_size, request.page_token
            )
        except InvalidRequest as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        return pb.ListDocumentsResponse(
            documents=[document_to_proto(d) for d in documents], next_page_token=next_token
        )

    async def GetStats(
        self, request: pb.GetStatsRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetStatsResponse:
        stats = await asyncio.to_thread(self._kb().stats)
        return pb.GetStatsResponse(
            document_count=stats.document_count,
            chunk_count=stats.chunk_count,
            documents_by_kind=stats.documents_by_kind,
            index_type=stats.index_type,
            embedding_model=stats.embedding_model,
            dimension=stats.dimension,
            index_version=stats.index_version,
        )
