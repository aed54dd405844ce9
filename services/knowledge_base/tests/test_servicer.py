from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CollectorRegistry

from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as pb
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc
from services.kit import Env
from services.kit.testing import local_settings, running_server
from services.knowledge_base.config import KnowledgeBaseSettings
from services.knowledge_base.embedding import HashingEmbedder
from services.knowledge_base.service import KnowledgeBaseComponent, build

SERVICE = "incidentmesh.knowledgebase.v1.KnowledgeBaseService"


def _settings(tmp_path, **extra: str) -> KnowledgeBaseSettings:
    env = {"KNOWLEDGE_BASE_SEED": "false", "KNOWLEDGE_BASE_EMBEDDER": "hashing", **extra}
    return KnowledgeBaseSettings.from_env(Env(env), tmp_path)


def _incident(id: str, title: str, symptoms: str, service: str = "checkout-api") -> pb.Document:
    stamp = pb.Document().occurred_at
    stamp.FromDatetime(datetime(2024, 6, 1, tzinfo=UTC))
    return pb.Document(
        id=id,
        kind=pb.DOCUMENT_KIND_INCIDENT,
        title=title,
        symptoms=symptoms,
        root_cause="disk_full",
        service=service,
        resolution="cleaned up",
        links=["https://jira.example.internal/browse/OPS-1"],
        occurred_at=stamp,
    )


async def _code(call) -> grpc.StatusCode:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value.code(), error.value.details()


async def test_full_rpc_round_trip_and_metrics(tmp_path):
    registry = CollectorRegistry()
    component = KnowledgeBaseComponent(_settings(tmp_path))
    async with running_server(component, local_settings("knowledge-base", tmp_path), registry) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = knowledge_base_pb2_grpc.KnowledgeBaseServiceStub(channel)
            reply = await stub.UpsertDocument(
                pb.UpsertDocumentRequest(document=_incident("INC-1", "Disk full", "No space left on device"))
            )
            assert (reply.id, reply.created) == ("INC-1", True)
            again = await stub.UpsertDocument(
                pb.UpsertDocumentRequest(document=_incident("INC-1", "Disk full again", "ENOSPC on /var"))
            )
            assert (again.id, again.created) == ("INC-1", False)
            runbook = pb.Document(
                title="Disk runbook",
                sections=[pb.RunbookSection(heading="Free space", body="delete old logs")],
            )
            generated = await stub.UpsertDocument(pb.UpsertDocumentRequest(document=runbook))
            assert generated.id.startswith("doc-")

            found = await stub.Search(pb.SearchRequest(query="ENOSPC on /var", top_k=5))
            assert found.hits[0].document_id == "INC-1"
            assert found.hits[0].title == "Disk full again"
            assert found.hits[0].links == ["https://jira.example.internal/browse/OPS-1"]
            assert found.hits[0].occurred_at.ToDatetime(tzinfo=UTC) == datetime(2024, 6, 1, tzinfo=UTC)
            assert found.index_type == "flat"
            section = await stub.Search(
                pb.SearchRequest(
                    query="delete old logs", filters=pb.SearchFilters(kind=pb.DOCUMENT_KIND_RUNBOOK)
                )
            )
            assert [(h.document_id, h.section) for h in section.hits] == [(generated.id, "Free space")]
            filtered = await stub.Search(
                pb.SearchRequest(query="disk", filters=pb.SearchFilters(services=["elsewhere"]))
            )
            assert list(filtered.hits) == []

            document = await stub.GetDocument(pb.GetDocumentRequest(id="INC-1"))
            assert document.title == "Disk full again" and document.updated_at.seconds > 0
            listed = await stub.ListDocuments(pb.ListDocumentsRequest(kind=pb.DOCUMENT_KIND_INCIDENT))
            assert [d.id for d in listed.documents] == ["INC-1"]
            stats = await stub.GetStats(pb.GetStatsRequest())
            assert (stats.document_count, stats.chunk_count, stats.index_type) == (2, 2, "flat")
            assert dict(stats.documents_by_kind) == {"incident": 1, "runbook": 1}
            assert (stats.embedding_model, stats.dimension) == ("hashing-128", 128)

            assert (await stub.DeleteDocument(pb.DeleteDocumentRequest(id="INC-1"))).deleted
            assert not (await stub.DeleteDocument(pb.DeleteDocumentRequest(id="INC-1"))).deleted
            code, _ = await _code(stub.GetDocument(pb.GetDocumentRequest(id="INC-1")))
            assert code == grpc.StatusCode.NOT_FOUND

    assert registry.get_sample_value("kb_documents", {"kind": "incident"}) == 0
    assert registry.get_sample_value("kb_documents", {"kind": "runbook"}) == 1
    assert registry.get_sample_value("kb_searches_total") == 3
    assert registry.get_sample_value("kb_search_seconds_count") == 3
    assert registry.get_sample_value("kb_embed_seconds_count", {"purpose": "query"}) == 3
    assert registry.get_sample_value("kb_embed_seconds_count", {"purpose": "document"}) == 3


async def test_bad_inputs_are_invalid_argument_not_internal(tmp_path):
    component = KnowledgeBaseComponent(_settings(tmp_path))
    async with running_server(component, local_settings("knowledge-base", tmp_path)) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = knowledge_base_pb2_grpc.KnowledgeBaseServiceStub(channel)
            await stub.UpsertDocument(pb.UpsertDocumentRequest(document=_incident("INC-1", "Disk", "full")))
            cases = [
                (stub.Search(pb.SearchRequest(query="")), "query"),
                (stub.Search(pb.SearchRequest(query="disk", top_k=10_000)), "top_k"),
                (stub.Search(pb.SearchRequest(query="disk", top_k=-3)), "top_k"),
                (stub.UpsertDocument(pb.UpsertDocumentRequest()), "document"),
                (stub.UpsertDocument(pb.UpsertDocumentRequest(document=pb.Document(id="x"))), "title"),
                (
                    stub.UpsertDocument(pb.UpsertDocumentRequest(document=pb.Document(id="a b", title="t"))),
                    "id",
                ),
                (
                    stub.UpsertDocument(
                        pb.UpsertDocumentRequest(
                            document=pb.Document(id="big", title="t", symptoms="x" * 300_000)
                        )
                    ),
                    "larger",
                ),
                (stub.GetDocument(pb.GetDocumentRequest(id=" ")), "id"),
                (stub.DeleteDocument(pb.DeleteDocumentRequest()), "id"),
                (stub.ListDocuments(pb.ListDocumentsRequest(page_token="!!")), "page_token"),
                (stub.ListDocuments(pb.ListDocumentsRequest(page_size=-1)), "page_size"),
            ]
            for call, field in cases:
                code, details = await _code(call)
                assert code == grpc.StatusCode.INVALID_ARGUMENT, (field, details)
                assert field in details

            huge = await stub.Search(pb.SearchRequest(query="disk full " * 100_000 + "tail"))
            assert any("truncated" in note for note in huge.notes)
            default_k = await stub.Search(pb.SearchRequest(query="disk", top_k=0))
            assert len(default_k.hits) == 1


async def test_health_is_not_serving_until_the_index_is_loaded(tmp_path):
    release = threading.Event()

    def slow_embedder() -> HashingEmbedder:
        release.wait(timeout=10)
        return HashingEmbedder()

    component = KnowledgeBaseComponent(_settings(tmp_path), embedder_factory=slow_embedder)
    async with running_server(component, local_settings("knowledge-base", tmp_path), load=False) as server:
        loading = asyncio.create_task(server.load())
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            reply = await health.Check(health_pb2.HealthCheckRequest(service=SERVICE), timeout=2)
            assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING
            stub = knowledge_base_pb2_grpc.KnowledgeBaseServiceStub(channel)
            code, _ = await _code(stub.Search(pb.SearchRequest(query="disk"), timeout=2))
            assert code == grpc.StatusCode.UNAVAILABLE
            release.set()
            await loading
            reply = await health.Check(health_pb2.HealthCheckRequest(service=SERVICE), timeout=2)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_build_reads_prefixed_settings_and_rejects_bad_values(tmp_path):
    component, settings = build(
        Env({"KNOWLEDGE_BASE_DATA_DIR": str(tmp_path), "KNOWLEDGE_BASE_MAX_TOP_K": "50"})
    )
    assert settings.port == 50053
    assert component._settings.database_url == f"sqlite:///{tmp_path / 'knowledge_base.sqlite3'}"
    assert component._settings.domain.max_top_k == 50
    assert component._settings.embedder == "minilm"
    from services.kit import ConfigError

    with pytest.raises(ConfigError, match="KNOWLEDGE_BASE_VECTOR_WEIGHT"):
        build(Env({"KNOWLEDGE_BASE_VECTOR_WEIGHT": "1.5"}))
    with pytest.raises(ConfigError, match="KNOWLEDGE_BASE_EMBEDDER"):
        build(Env({"KNOWLEDGE_BASE_EMBEDDER": "word2vec"}))
