"""Knowledge-base documents for the dashboard: view, add, stats."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec
from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from litestar import Controller, Request, get, post
from litestar.params import FromPath, JSONBody

from gateway.auth import requires
from gateway.limits import InvalidInput
from gateway.routes.common import backends, metrics, request_id, runtime_config
from gateway.stages import call_stage
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2

_KINDS = {"incident": kb_pb2.DOCUMENT_KIND_INCIDENT, "runbook": kb_pb2.DOCUMENT_KIND_RUNBOOK}
MAX_DOCUMENT_CHARS = 200_000


class Section(msgspec.Struct):
    heading: str
    body: str


class DocumentBody(msgspec.Struct, forbid_unknown_fields=False):
    kind: Literal["incident", "runbook"]
    title: str
    id: str = ""
    summary: str = ""
    symptoms: str = ""
    root_cause: str = ""
    resolution: str = ""
    service: str = ""
    links: list[str] = []
    occurred_at: datetime | None = None
    sections: list[Section] = []
    metadata: dict[str, str] = {}


def document_json(document: kb_pb2.Document) -> dict[str, Any]:
    body = MessageToDict(
        document, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    body["kind"] = kb_pb2.DocumentKind.Name(document.kind).removeprefix("DOCUMENT_KIND_").lower()
    return body


class KnowledgeController(Controller):
    path = "/api/v1/knowledge"
    tags = ["knowledge base"]

    @get(
        "/documents/{document_id:str}",
        operation_id="getKnowledgeDocument",
        guards=[requires("viewer")],
        summary="One past incident or runbook",
    )
    async def get_document(self, request: Request, document_id: FromPath[str]) -> dict[str, Any]:
        reply = await call_stage(
            metrics(request),
            "knowledge_base",
            "GetDocument",
            lambda d: backends(request).knowledge_base.get_document(
                kb_pb2.GetDocumentRequest(id=document_id), d, request_id(request)
            ),
            runtime_config(request).deadlines.knowledge_base / 1000,
        )
        return document_json(reply)

    @post(
        "/documents",
        operation_id="addKnowledgeDocument",
        guards=[requires("operator")],
        status_code=201,
        summary="Add (or replace, same id) a past incident or runbook",
    )
    async def add_document(self, request: Request, data: JSONBody[DocumentBody]) -> dict[str, Any]:
        if not data.title.strip():
            raise InvalidInput("title", "title must not be empty")
        size = len(msgspec.json.encode(data))
        if size > MAX_DOCUMENT_CHARS:
            raise InvalidInput("document", f"document is {size} bytes; the limit is {MAX_DOCUMENT_CHARS}")
        occurred = None
        if data.occurred_at is not None:
            occurred = Timestamp()
            occurred.FromDatetime(data.occurred_at)
        document = kb_pb2.Document(
            id=data.id,
            kind=_KINDS[data.kind],
            title=data.title,
            summary=data.summary,
            symptoms=data.symptoms,
            root_cause=data.root_cause,
            resolution=data.resolution,
            service=data.service,
            links=data.links,
            occurred_at=occurred,
            metadata=data.metadata,
            sections=[kb_pb2.RunbookSection(heading=s.heading, body=s.body) for s in data.sections],
        )
        reply = await call_stage(
            metrics(request),
            "knowledge_base",
            "UpsertDocument",
            lambda d: backends(request).knowledge_base.upsert(
                kb_pb2.UpsertDocumentRequest(document=document), d, request_id(request)
            ),
            max(runtime_config(request).deadlines.knowledge_base / 1000, 5.0),
        )
        return {"id": reply.id, "created": reply.created}

    @get("/stats", operation_id="getKnowledgeStats", guards=[requires("viewer")], summary="Index statistics")
    async def stats(self, request: Request) -> dict[str, Any]:
        reply = await call_stage(
            metrics(request),
            "knowledge_base",
            "GetStats",
            lambda d: backends(request).knowledge_base.stats(
                kb_pb2.GetStatsRequest(), d, request_id(request)
            ),
            runtime_config(request).deadlines.knowledge_base / 1000,
        )
        return MessageToDict(
            reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
