"""FAISS index over unit-length vectors keyed by int64 chunk ids: exact when small, HNSW when large.

Inner product on normalized vectors is cosine similarity. The index kind is chosen from the
collection size when it is (re)built and when an add crosses the threshold. HNSW cannot
remove vectors, so removals there become tombstones that searches exclude; the graph is
rebuilt from the live vectors once tombstones make up a quarter of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import faiss
import numpy as np

FLAT = "flat"
HNSW = "hnsw"
# Past this share of dead entries an HNSW graph wastes more search effort than a rebuild costs.
_COMPACT_TOMBSTONE_SHARE = 0.25


@dataclass(frozen=True)
class HnswParams:
    m: int = 32
    ef_construction: int = 80
    ef_search: int = 96


@dataclass(frozen=True)
class VectorHit:
    chunk_id: int
    score: float


def _as_ids(ids: Iterable[int] | np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(
        np.fromiter(ids, dtype=np.int64) if not isinstance(ids, np.ndarray) else ids, dtype=np.int64
    )


def _as_vectors(vectors: np.ndarray, dimension: int) -> np.ndarray:
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] != dimension:
        raise ValueError(f"expected vectors of shape (n, {dimension}), got {array.shape}")
    return array


class VectorIndex:
    """Not thread-safe: the caller serializes writes against reads."""

    def __init__(
        self,
        dimension: int,
        *,
        hnsw_threshold: int = 50_000,
        hnsw: HnswParams | None = None,
        exact_subset_limit: int = 4096,
    ) -> None:
        self.dimension = dimension
        self.hnsw_threshold = hnsw_threshold
        self.hnsw = hnsw or HnswParams()
        # Filtered searches over at most this many candidates are scored exactly instead of via the graph.
        self.exact_subset_limit = exact_subset_limit
        self._index = self._new_index(FLAT)
        self._tombstones: set[int] = set()
        self._tombstone_selector: faiss.IDSelector | None = None
        self._tombstone_array: np.ndarray | None = None

    # --- building -------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        inner = faiss.downcast_index(self._index.index)
        return HNSW if isinstance(inner, faiss.IndexHNSW) else FLAT

    @property
    def live_count(self) -> int:
        return int(self._index.ntotal) - len(self._tombstones)

    @property
    def tombstones(self) -> frozenset[int]:
        return frozenset(self._tombstones)

    def _new_index(self, kind: str) -> faiss.IndexIDMap2:
        if kind == HNSW:
            inner = faiss.IndexHNSWFlat(self.dimension, self.hnsw.m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = self.hnsw.ef_construction
            inner.hnsw.efSearch = self.hnsw.ef_search
        else:
            inner = faiss.IndexFlatIP(self.dimension)
        return faiss.IndexIDMap2(inner)

    def rebuild(self, ids: np.ndarray | Iterable[int], vectors: np.ndarray, kind: str | None = None) -> None:
        """Replaces the whole index; the kind follows the size unless forced."""
        id_array = _as_ids(ids)
        vector_array = (
            _as_vectors(vectors, self.dimension)
            if len(id_array)
            else np.zeros((0, self.dimension), np.float32)
        )
        chosen = kind or (HNSW if len(id_array) > self.hnsw_threshold else FLAT)
        index = self._new_index(chosen)
        if len(id_array):
            index.add_with_ids(vector_array, id_array)
        self._index = index
        self._set_tombstones(set())

    def add(self, ids: np.ndarray | Iterable[int], vectors: np.ndarray) -> None:
        id_array = _as_ids(ids)
        if not len(id_array):
            return
        vector_array = _as_vectors(vectors, self.dimension)
        if self.kind == FLAT and self.live_count + len(id_array) > self.hnsw_threshold:
            live_ids, live_vectors = self.live_entries()
            self.rebuild(np.concatenate([live_ids, id_array]), np.vstack([live_vectors, vector_array]), HNSW)
            return
        self._index.add_with_ids(vector_array, id_array)

    def remove(self, ids: Iterable[int]) -> None:
        present = [int(i) for i in ids if self.contains(int(i))]
        if not present:
            return
        if self.kind == FLAT:
            self._index.remove_ids(np.asarray(present, dtype=np.int64))
            return
        self._set_tombstones(self._tombstones | set(present))
        if len(self._tombstones) > _COMPACT_TOMBSTONE_SHARE * max(1, int(self._index.ntotal)):
            live_ids, live_vectors = self.live_entries()
            self.rebuild(live_ids, live_vectors)

    def contains(self, chunk_id: int) -> bool:
        if chunk_id in self._tombstones:
            return False
        try:
            self._index.reconstruct(chunk_id)
        except RuntimeError:
            return False
        return True

    def stored_ids(self) -> np.ndarray:
        """Every id the FAISS structure holds, tombstoned ones included."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def live_entries(self) -> tuple[np.ndarray, np.ndarray]:
        stored = self.stored_ids()
        if self._tombstones:
            stored = stored[~np.isin(stored, self._tombstone_array)]
        return stored, self.vectors_for(stored)

    def vectors_for(self, ids: np.ndarray) -> np.ndarray:
        if not len(ids):
            return np.zeros((0, self.dimension), np.float32)
        return np.vstack([self._index.reconstruct(int(i)) for i in ids]).astype(np.float32)

    def _set_tombstones(self, tombstones: set[int]) -> None:
        self._tombstones = tombstones
        if tombstones:
            self._tombstone_array = np.fromiter(sorted(tombstones), dtype=np.int64)
            self._tombstone_selector = faiss.IDSelectorNot(faiss.IDSelectorBatch(self._tombstone_array))
        else:
            self._tombstone_array = None
            self._tombstone_selector = None

    # --- searching ------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> list[VectorHit]:
        """Top-k by cosine; with `allowed_ids`, only those ids are eligible and up to k of them come back."""
        if k <= 0 or self.live_count == 0:
            return []
        vector = _as_vectors(np.asarray(query, dtype=np.float32).reshape(1, -1), self.dimension)
        if allowed_ids is not None:
            allowed = _as_ids(allowed_ids)
            if self._tombstones:
                allowed = allowed[~np.isin(allowed, self._tombstone_array)]
            if not len(allowed):
                return []
            if len(allowed) <= self.exact_subset_limit or self.kind == FLAT:
                return self._exact_subset(vector[0], allowed, k)
            return self._graph_search(vector, k, faiss.IDSelectorBatch(allowed), len(allowed))
        return self._graph_search(vector, k, self._tombstone_selector, self.live_count)

    def _exact_subset(self, vector: np.ndarray, allowed: np.ndarray, k: int) -> list[VectorHit]:
        if self.kind == FLAT and len(allowed) > self.exact_subset_limit:
            # A flat scan with a selector is exact and avoids copying the subset's vectors out.
            selector = faiss.IDSelectorBatch(allowed)
            scores, ids = self._index.search(
                vector.reshape(1, -1), min(k, len(allowed)), params=faiss.SearchParameters(sel=selector)
            )
            return [VectorHit(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
        scores = self.vectors_for(allowed) @ vector
        top = np.argsort(-scores, kind="stable")[:k]
        return [VectorHit(int(allowed[i]), float(scores[i])) for i in top]

    def _graph_search(
        self, vector: np.ndarray, k: int, selector: faiss.IDSelector | None, eligible: int
    ) -> list[VectorHit]:
        want = min(k, eligible)
        if self.kind == FLAT:
            params = faiss.SearchParameters(sel=selector) if selector is not None else None
            scores, ids = self._index.search(vector, want, params=params)
            return [VectorHit(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
        # A selective filter starves the graph walk; widen the beam until k hits or the graph is exhausted.
        ef = max(self.hnsw.ef_search, want)
        while True:
            params = (
                faiss.SearchParametersHNSW(efSearch=ef, sel=selector)
                if selector is not None
                else (faiss.SearchParametersHNSW(efSearch=ef))
            )
            scores, ids = self._index.search(vector, want, params=params)
            hits = [VectorHit(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
            if len(hits) >= want or ef >= self._index.ntotal:
                return hits
            ef = min(ef * 4, int(self._index.ntotal))

    def set_ef_search(self, ef_search: int) -> None:
        self.hnsw = HnswParams(self.hnsw.m, self.hnsw.ef_construction, ef_search)

    # --- persistence ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        return faiss.serialize_index(self._index).tobytes()

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        dimension: int,
        tombstones: Iterable[int] = (),
        **options: object,
    ) -> VectorIndex:
        """Raises ValueError when the bytes are not a FAISS id-mapped index of this dimension."""
        try:
            index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except RuntimeError as error:
            raise ValueError(f"unreadable index: {error}") from None
        if not isinstance(index, faiss.IndexIDMap2) or index.d != dimension:
            raise ValueError("index has the wrong type or dimension")
        loaded = cls(dimension, **options)  # type: ignore[arg-type]
        loaded._index = index
        stored = set(loaded.stored_ids().tolist())
        loaded._set_tombstones({int(t) for t in tombstones} & stored)
        return loaded

    def memory_bytes(self) -> int:
        """Approximate resident size: the serialized form is the vectors plus graph links and id map."""
        return len(faiss.serialize_index(self._index))
