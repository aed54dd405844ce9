from __future__ import annotations

import numpy as np
import pytest

from services.knowledge_base.vector_index import FLAT, HNSW, HnswParams, VectorIndex


def _vectors(count: int, dimension: int = 16, seed: int = 0) -> np.ndarray:
    data = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return data / np.linalg.norm(data, axis=1, keepdims=True)


def _exact_top(vectors: np.ndarray, ids: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    return [int(ids[i]) for i in np.argsort(-(vectors @ query))[:k]]


def test_kind_switches_to_hnsw_past_the_threshold():
    vectors = _vectors(300)
    index = VectorIndex(16, hnsw_threshold=200)
    index.add(range(150), vectors[:150])
    assert index.kind == FLAT
    index.add(range(150, 300), vectors[150:])
    assert index.kind == HNSW
    assert index.live_count == 300
    assert index.search(vectors[7], 1)[0].chunk_id == 7


def test_flat_search_is_exact_and_removal_is_immediate():
    vectors = _vectors(100)
    index = VectorIndex(16)
    index.rebuild(np.arange(100), vectors)
    assert [h.chunk_id for h in index.search(vectors[3], 5)] == _exact_top(
        vectors, np.arange(100), vectors[3], 5
    )
    index.remove([3])
    assert 3 not in [h.chunk_id for h in index.search(vectors[3], 5)]
    assert index.live_count == 99


def test_hnsw_removal_uses_tombstones_then_compacts():
    vectors = _vectors(400)
    index = VectorIndex(16, hnsw_threshold=10, hnsw=HnswParams(m=16, ef_construction=40, ef_search=64))
    index.rebuild(np.arange(400), vectors)
    assert index.kind == HNSW
    index.remove([5, 6])
    assert index.tombstones == {5, 6}
    assert all(h.chunk_id not in (5, 6) for h in index.search(vectors[5], 20))
    index.remove(range(10, 120))
    assert index.tombstones == frozenset()  # compacted: more than a quarter was dead
    assert index.live_count == 288
    assert index.search(vectors[200], 1)[0].chunk_id == 200


@pytest.mark.parametrize("kind_threshold", [10_000, 10])
def test_filtered_search_returns_k_hits_only_from_the_allowed_ids(kind_threshold):
    vectors = _vectors(3000)
    index = VectorIndex(16, hnsw_threshold=kind_threshold, exact_subset_limit=50)
    index.rebuild(np.arange(3000), vectors)
    query = vectors[0]
    for allowed in (np.arange(1, 3000, 97), np.arange(1, 3000, 3)):  # small (exact path) and large subsets
        hits = index.search(query, 10, allowed)
        assert len(hits) == 10
        assert {h.chunk_id for h in hits} <= set(allowed.tolist())
        exact = _exact_top(vectors[allowed], allowed, query, 10)
        overlap = len({h.chunk_id for h in hits} & set(exact))
        assert overlap >= 9


def test_serialized_index_round_trips_with_tombstones_and_rejects_garbage():
    vectors = _vectors(100)
    index = VectorIndex(16, hnsw_threshold=10)
    index.rebuild(np.arange(100), vectors)
    index.remove([4])
    restored = VectorIndex.from_bytes(index.to_bytes(), 16, index.tombstones, hnsw_threshold=10)
    assert restored.kind == HNSW
    assert restored.live_count == 99
    assert restored.search(vectors[9], 1)[0].chunk_id == 9
    with pytest.raises(ValueError, match="unreadable"):
        VectorIndex.from_bytes(b"not an index" * 10, 16)
    with pytest.raises(ValueError, match="dimension"):
        VectorIndex.from_bytes(index.to_bytes(), 32)
