"""Hands the knowledge base to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.knowledgebase.v1 import knowledge_base_pb2, knowledge_base_pb2_grpc
from services.kit import Env, ServerSettings
from services.knowledge_base.config import KnowledgeBaseSettings
from services.knowledge_base.embedding import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from services.knowledge_base.knowledge_base import KnowledgeBase
from services.knowledge_base.metrics import KnowledgeBaseMetrics
from services.knowledge_base.servicer import KnowledgeBaseServicer
from services.knowledge_base.sources import seed_documents
from services.knowledge_base.storage import DocumentStore, IndexFiles

COMPONENT = "knowledge-base"
DEFAULT_PORT = 50053
DEFAULT_METRICS_PORT = 9103


def make_embedder(settings: KnowledgeBaseSettings) -> Embedder:
    if settings.embedder == "hashing":
        return HashingEmbedder()
    return SentenceTransformerEmbedder(
        batch_size=settings.domain.embed_batch_size, threads=settings.torch_threads
    )


class KnowledgeBaseComponent:
    service_names: Sequence[str] = (
        knowledge_base_pb2.DESCRIPTOR.services_by_name["KnowledgeBaseService"].full_name,
    )

    def __init__(
        self,
        settings: KnowledgeBaseSettings,
        embedder_factory: Callable[[], Embedder] | None = None,
    ) -> None:
        self._settings = settings
        self._embedder_factory = embedder_factory or partial(make_embedder, settings)
        self._metrics: KnowledgeBaseMetrics | None = None
        self._knowledge_base: KnowledgeBase | None = None

    @property
    def knowledge_base(self) -> KnowledgeBase:
        if self._knowledge_base is None:
            raise RuntimeError("the knowledge base is used before load() finished")
        return self._knowledge_base

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        self._metrics = KnowledgeBaseMetrics(registry)
        servicer = KnowledgeBaseServicer(lambda: self.knowledge_base)
        knowledge_base_pb2_grpc.add_KnowledgeBaseServiceServicer_to_server(servicer, server)

    async def load(self) -> None:
        self._knowledge_base = await asyncio.to_thread(self._open)

    def _open(self) -> KnowledgeBase:
        import faiss

        settings = self._settings
        # Searches are one query at a time; OpenMP fan-out on shared cores only adds barrier waits.
        faiss.omp_set_num_threads(settings.faiss_threads)
        knowledge_base = KnowledgeBase(
            DocumentStore(settings.database_url),
            IndexFiles(settings.index_dir),
            self._embedder_factory(),
            settings.domain,
            self._metrics,
        )
        seed = partial(seed_documents, settings.seed_dir) if settings.seed_dir is not None else None
        knowledge_base.open(seed)
        return knowledge_base

    async def close(self) -> None:
        if self._knowledge_base is not None:
            await asyncio.to_thread(self._knowledge_base.close)


def build(env: Env) -> tuple[KnowledgeBaseComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return KnowledgeBaseComponent(KnowledgeBaseSettings.from_env(env, settings.data_dir)), settings
