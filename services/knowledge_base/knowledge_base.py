"""The knowledge base: documents in, ranked hits out, consistent across restarts.

Writes embed outside the lock (the slow part), then commit to the document store and update
the in-memory indexes under one lock, so a search sees a document either entirely before or
entirely after an upsert. The acknowledgement returns only after the commit. The FAISS index
is saved every `save_every` writes and on close; whatever happened since is detected at the
next start by the manifest checksum, and the index is rebuilt from the embeddings stored
with each chunk.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter

import numpy as np

from services.knowledge_base import documents as docs
from services.knowledge_base.documents import ChunkText, Document
from services.knowledge_base.embedding import Embedder
from services.knowledge_base.filters import ChunkMeta, SearchFilters
from services.knowledge_base.fusion import fuse
from services.knowledge_base.lexical import Bm25Index
from services.knowledge_base.metrics import KnowledgeBaseMetrics
from services.knowledge_base.query_cache import QueryVectorCache
from services.knowledge_base.storage import (
    DocumentStore,
    IndexFiles,
    Manifest,
    decode_page_token,
    encode_page_token,
    fingerprint,
    iso,
)
from services.knowledge_base.vector_index import HnswParams, VectorIndex

logger = logging.getLogger("incidentmesh.knowledge_base")

HYBRID = "hybrid"
VECTOR = "vector"
LEXICAL = "lexical"
MODES = (HYBRID, VECTOR, LEXICAL)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Candidates fetched per requested hit before fusing; runbooks spread over several chunks.
_OVERFETCH = 4
_MIN_CANDIDATES = 40


class InvalidRequest(ValueError):
    """The caller asked for something malformed; the message names the field."""


@dataclass(frozen=True)
class KnowledgeBaseConfig:
    default_top_k: int = 10
    max_top_k: int = 100
    vector_weight: float = 0.6
    hnsw_threshold: int = 50_000
    hnsw: HnswParams = field(default_factory=HnswParams)
    exact_subset_limit: int = 4096
    save_every: int = 100
    embed_batch_size: int = 64


@dataclass(frozen=True)
class SearchHit:
    document: Document
    section: str
    score: float
    vector_score: float
    lexical_score: float


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    index_type: str
    notes: list[str]


@dataclass(frozen=True)
class Stats:
    document_count: int
    chunk_count: int
    documents_by_kind: dict[str, int]
    index_type: str
    embedding_model: str
    dimension: int
    index_version: str


@dataclass(frozen=True)
class OpenReport:
    index_status: str
    seeded: int


def _meta(document: Document, heading: str) -> ChunkMeta:
    return ChunkMeta(
        document.id, document.kind, document.service, document.root_cause, document.occurred_at, heading
    )


class KnowledgeBase:
    def __init__(
        self,
        store: DocumentStore,
        files: IndexFiles,
        embedder: Embedder,
        config: KnowledgeBaseConfig | None = None,
        metrics: KnowledgeBaseMetrics | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._files = files
        self._embedder = embedder
        self.config = config or KnowledgeBaseConfig()
        self._metrics = metrics
        self._clock = clock
        self._lock = threading.RLock()
        # Fast tokenizers fail with "Already borrowed" when two threads share one.
        self._embed_lock = threading.Lock()
        self._query_vectors = QueryVectorCache()
        self._index = self._new_index()
        self._lexical = Bm25Index()
        self._chunks: dict[int, ChunkMeta] = {}
        self._document_chunks: dict[str, list[int]] = {}
        self._document_kinds: dict[str, str] = {}
        # updated_at per document, as stored: the manifest fingerprint describes what the index holds.
        self._document_versions: dict[str, str] = {}
        self._version = "empty"
        self._unsaved_writes = 0

    def _new_index(self) -> VectorIndex:
        return VectorIndex(
            self._embedder.dimension,
            hnsw_threshold=self.config.hnsw_threshold,
            hnsw=self.config.hnsw,
            exact_subset_limit=self.config.exact_subset_limit,
        )

    # --- lifecycle --------------------------------------------------------------------------

    def open(self, seed: Callable[[], Iterable[Document]] | None = None) -> OpenReport:
        """Loads and verifies the index (rebuilding it if needed), then seeds an empty store."""
        self._store.create_schema()
        with self._lock:
            status = self._load_index()
        seeded = 0
        if seed is not None and self._store.count() == 0:
            seeded = self.upsert_many(seed())[0]
        logger.info("knowledge base open", extra={"index": status, "seeded": seeded})
        return OpenReport(status, seeded)

    def close(self) -> None:
        with self._lock:
            if self._unsaved_writes:
                self.save()
        self._store.close()

    def _embed(self, texts: list[str], purpose: str) -> np.ndarray:
        started = time.perf_counter()
        with self._embed_lock:
            vectors = self._embedder.embed(texts)
        if self._metrics is not None:
            self._metrics.embed_seconds.labels(purpose).observe(time.perf_counter() - started)
        return vectors

    def _embed_in_batches(self, texts: list[str], purpose: str) -> np.ndarray:
        size = self.config.embed_batch_size
        batches = [self._embed(texts[i : i + size], purpose) for i in range(0, len(texts), size)]
        return np.vstack(batches) if batches else np.zeros((0, self._embedder.dimension), np.float32)

    def _load_index(self) -> str:
        name, dimension = self._embedder.name, self._embedder.dimension
        stored = self._store.chunks(dimension)
        if self._store.embedding_model() != name or any(c.embedding.size == 0 for c in stored):
            if stored:
                logger.info("re-embedding stored chunks", extra={"model": name, "chunks": len(stored)})
                vectors = self._embed_in_batches([c.text for c in stored], "document")
                self._store.replace_embeddings({c.id: v for c, v in zip(stored, vectors, strict=True)}, name)
                stored = self._store.chunks(dimension)
            else:
                self._store.set_embedding_model(name)
        _, _, checksum = self._store.checksum()
        ids = np.asarray([c.id for c in stored], dtype=np.int64)
        try:
            data, manifest = self._files.load()
            if (manifest.checksum, manifest.embedding_model, manifest.dimension) != (
                checksum,
                name,
                dimension,
            ):
                raise ValueError("index does not match the document store")
            index = VectorIndex.from_bytes(
                data,
                dimension,
                manifest.tombstones,
                hnsw_threshold=self.config.hnsw_threshold,
                hnsw=self.config.hnsw,
                exact_subset_limit=self.config.exact_subset_limit,
            )
            live = np.setdiff1d(index.stored_ids(), np.asarray(sorted(index.tombstones), dtype=np.int64))
            if not np.array_equal(np.sort(live), ids):
                raise ValueError("index ids differ from the stored chunks")
            status = "loaded"
        except ValueError as problem:
            # A fresh, empty store has no index yet; anything else is worth a warning.
            level = logging.WARNING if stored else logging.INFO
            logger.log(level, "rebuilding vector index", extra={"reason": str(problem)})
            index = self._new_index()
            vectors = np.vstack([c.embedding for c in stored]) if stored else np.zeros((0, dimension))
            index.rebuild(ids, vectors)
            status = f"rebuilt ({problem})"
        self._index = index
        self._lexical = Bm25Index()
        self._chunks.clear()
        self._document_chunks.clear()
        self._document_kinds.clear()
        self._document_versions.clear()
        by_document: dict[str, list] = {}
        for chunk in stored:
            by_document.setdefault(chunk.document_id, []).append(chunk)
        for document in self._store.iter_documents():
            self._document_kinds[document.id] = document.kind
            self._document_versions[document.id] = iso(document.updated_at) or ""
            for chunk in by_document.get(document.id, ()):
                self._catalog(document, chunk.id, chunk.heading, chunk.text)
        self._version = checksum[:12]
        if status != "loaded":
            self._save_locked()
        self._publish_counts()
        return status

    def _catalog(self, document: Document, chunk_id: int, heading: str, text: str) -> None:
        self._chunks[chunk_id] = _meta(document, heading)
        self._document_chunks.setdefault(document.id, []).append(chunk_id)
        self._lexical.add(chunk_id, text)

    def save(self) -> None:
        with self._lock:
            self._save_locked()

    def _save_locked(self) -> None:
        data = self._index.to_bytes()
        checksum = fingerprint(self._document_versions, self._chunks.keys())
        manifest = Manifest(
            document_count=len(self._document_versions),
            chunk_count=len(self._chunks),
            checksum=checksum,
            index_sha256=hashlib.sha256(data).hexdigest(),
            index_type=self._index.kind,
            embedding_model=self._embedder.name,
            dimension=self._embedder.dimension,
            tombstones=tuple(sorted(self._index.tombstones)),
        )
        self._files.save(data, manifest)
        self._version = checksum[:12]
        self._unsaved_writes = 0

    def _publish_counts(self) -> None:
        if self._metrics is not None:
            counts: dict[str, int] = {}
            for kind in self._document_kinds.values():
                counts[kind] = counts.get(kind, 0) + 1
            self._metrics.set_documents(counts)

    # --- writes -----------------------------------------------------------------------------

    def upsert(self, document: Document) -> tuple[str, bool]:
        """Returns (id, created); `created` is False when a document with this id was replaced."""
        _, _, ids_created = self._upsert_batch([document])
        return ids_created[0]

    def upsert_many(
        self, documents: Iterable[Document], progress: Callable[[int], None] | None = None
    ) -> tuple[int, int]:
        """Bulk load in embedding-sized batches; returns (created, replaced)."""
        created = replaced = 0
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.config.embed_batch_size:
                new, old, _ = self._upsert_batch(batch, save=False)
                created, replaced = created + new, replaced + old
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            new, old, _ = self._upsert_batch(batch, save=False)
            created, replaced = created + new, replaced + old
            if progress:
                progress(len(batch))
        self.save()
        return created, replaced

    def _upsert_batch(
        self, batch: list[Document], save: bool = True
    ) -> tuple[int, int, list[tuple[str, bool]]]:
        prepared: dict[str, tuple[Document, list[ChunkText]]] = {}
        for document in batch:
            if not document.id:
                document = dataclasses.replace(document, id=f"doc-{uuid.uuid4().hex[:16]}")
            docs.validate(document)
            # A repeated id inside one batch is an update of the earlier copy, not a second document.
            prepared.pop(document.id, None)
            prepared[document.id] = (document, docs.chunk(document))
        texts = [c.text for _, chunks in prepared.values() for c in chunks]
        vectors = self._embed_in_batches(texts, "document")
        with self._lock:
            now = self._clock()
            items = []
            offset = 0
            for document, chunks in prepared.values():
                items.append((document.with_updated_at(now), chunks, vectors[offset : offset + len(chunks)]))
                offset += len(chunks)
            results = self._store.upsert(items)
            for (document, chunks, chunk_vectors), (_, chunk_ids) in zip(items, results, strict=True):
                self._forget(document.id)
                self._index.add(chunk_ids, chunk_vectors)
                for chunk_id, piece in zip(chunk_ids, chunks, strict=True):
                    self._catalog(document, chunk_id, piece.heading, piece.text)
                self._document_kinds[document.id] = document.kind
                self._document_versions[document.id] = iso(document.updated_at) or ""
            self._after_write(len(items), save)
        outcome = [(d.id, was_created) for (d, _, _), (was_created, _) in zip(items, results, strict=True)]
        created = sum(1 for _, was_created in outcome if was_created)
        return created, len(outcome) - created, outcome

    def _forget(self, document_id: str) -> None:
        old = self._document_chunks.pop(document_id, [])
        self._index.remove(old)
        for chunk_id in old:
            self._lexical.remove(chunk_id)
            self._chunks.pop(chunk_id, None)
        self._document_kinds.pop(document_id, None)
        self._document_versions.pop(document_id, None)

    def _after_write(self, count: int, save: bool) -> None:
        self._unsaved_writes += count
        self._publish_counts()
        if save and self._unsaved_writes >= self.config.save_every:
            self.save()

    def delete(self, document_id: str) -> bool:
        with self._lock:
            deleted = self._store.delete(document_id)
            if deleted:
                self._forget(document_id)
                self._after_write(1, True)
            return deleted

    # --- reads ------------------------------------------------------------------------------

    def get(self, document_id: str) -> Document | None:
        return self._store.get(document_id)

    def list(self, kind: str | None, page_size: int, page_token: str) -> tuple[list[Document], str]:
        if page_size < 0:
            raise InvalidRequest("page_size must not be negative")
        size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        try:
            after = decode_page_token(page_token) if page_token else None
        except ValueError as error:
            raise InvalidRequest(str(error)) from None
        page = self._store.list_page(kind, after, size + 1)
        next_token = encode_page_token(page[size - 1].id) if len(page) > size else ""
        return page[:size], next_token

    def stats(self) -> Stats:
        with self._lock:
            by_kind: dict[str, int] = {}
            for kind in self._document_kinds.values():
                by_kind[kind] = by_kind.get(kind, 0) + 1
            version = self._version + (f"+{self._unsaved_writes}" if self._unsaved_writes else "")
            return Stats(
                document_count=len(self._document_kinds),
                chunk_count=len(self._chunks),
                documents_by_kind=by_kind,
                index_type=self._index.kind,
                embedding_model=self._embedder.name,
                dimension=self._embedder.dimension,
                index_version=version,
            )

    def resolve_top_k(self, top_k: int) -> int:
        if top_k < 0 or top_k > self.config.max_top_k:
            raise InvalidRequest(
                f"top_k must be between 0 (the default, {self.config.default_top_k}) "
                f"and {self.config.max_top_k}"
            )
        return top_k or self.config.default_top_k

    def search(
        self, query: str, top_k: int = 0, filters: SearchFilters | None = None, mode: str = HYBRID
    ) -> SearchResult:
        started = time.perf_counter()
        if not query or not query.strip():
            raise InvalidRequest("query must not be empty")
        if mode not in MODES:
            raise InvalidRequest(f"mode must be one of {', '.join(MODES)}")
        k = self.resolve_top_k(top_k)
        notes: list[str] = []
        cached = self._query_vectors.get(query) if mode != LEXICAL else None
        if cached is not None:
            text, truncated, vector = cached
        else:
            with self._embed_lock:
                text, truncated = self._embedder.fit_query(query)
            vector = None
            if mode != LEXICAL:
                vector = self._embed([text], "query")[0]
                self._query_vectors.put(query, text, truncated, vector)
        if truncated:
            notes.append(
                f"query truncated to the model window of {self._embedder.max_tokens} tokens "
                f"(first {len(text)} of {len(query)} characters used)"
            )
        weight = {HYBRID: self.config.vector_weight, VECTOR: 1.0, LEXICAL: 0.0}[mode]
        with self._lock:
            hits = self._rank(text, vector, k, filters, weight)
            index_type = self._index.kind
        if self._metrics is not None:
            self._metrics.searches.inc()
            self._metrics.search_seconds.observe(time.perf_counter() - started)
        return SearchResult(hits, index_type, notes)

    def _rank(
        self, text: str, vector: np.ndarray | None, k: int, filters: SearchFilters | None, weight: float
    ) -> list[SearchHit]:
        allowed: set[int] | None = None
        if filters is not None and filters.active:
            allowed = {cid for cid, meta in self._chunks.items() if filters.matches(meta)}
            if not allowed:
                return []
        allowed_array = np.fromiter(sorted(allowed), dtype=np.int64) if allowed is not None else None
        eligible = len(allowed) if allowed is not None else len(self._chunks)
        lexical_all = self._lexical.scores(text, allowed) if weight < 1.0 else {}
        fetch = min(max(k * _OVERFETCH, _MIN_CANDIDATES), max(eligible, 1))
        while True:
            vector_scores: dict[int, float] = {}
            if weight > 0.0 and vector is not None:
                vector_scores = {
                    h.chunk_id: h.score for h in self._index.search(vector, fetch, allowed_array)
                }
            lexical_top = dict(heapq.nlargest(fetch, lexical_all.items(), key=itemgetter(1)))
            if weight > 0.0 and vector is not None:
                missing = [c for c in lexical_top if c not in vector_scores]
                if missing:
                    scores = self._index.vectors_for(np.asarray(missing, dtype=np.int64)) @ vector
                    vector_scores.update(zip(missing, (float(s) for s in scores), strict=True))
            lexical = {c: lexical_all.get(c, 0.0) for c in vector_scores.keys() | lexical_top.keys()}
            best: dict[str, tuple] = {}
            for scored in fuse(vector_scores, lexical if weight < 1.0 else {}, weight):
                meta = self._chunks.get(scored.chunk_id)
                if meta is None or meta.document_id in best:
                    continue
                if weight == 0.0 and scored.lexical_score <= 0.0:
                    continue
                best[meta.document_id] = (scored, meta)
            vectors_done = weight == 0.0 or fetch >= eligible
            lexical_done = weight == 1.0 or fetch >= len(lexical_all)
            if len(best) >= k or (vectors_done and lexical_done):
                break
            fetch = min(fetch * _OVERFETCH, eligible)
        chosen = list(best.values())[:k]
        documents = self._store.get_many(meta.document_id for _, meta in chosen)
        return [
            SearchHit(
                documents[meta.document_id],
                meta.heading,
                scored.score,
                scored.vector_score,
                scored.lexical_score,
            )
            for scored, meta in chosen
            if meta.document_id in documents
        ]
