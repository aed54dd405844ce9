from __future__ import annotations

import numpy as np

from services.knowledge_base.query_cache import QueryVectorCache


def test_keeps_the_most_recent_queries_up_to_its_capacity():
    cache = QueryVectorCache(capacity=2)
    vector = np.ones(3, dtype=np.float32)
    cache.put("a", "a", False, vector)
    cache.put("b", "b", False, vector)
    assert cache.get("a") is not None  # "a" is now the most recent
    cache.put("c", "c", True, vector)
    assert cache.get("b") is None
    assert cache.get("a")[0] == "a"
    assert cache.get("c")[1] is True
    assert len(cache) == 2


def test_cached_vectors_cannot_be_changed_by_a_caller():
    cache = QueryVectorCache()
    original = np.zeros(2, dtype=np.float32)
    cache.put("q", "q", False, original)
    original[0] = 5
    _, _, cached = cache.get("q")
    assert cached[0] == 0 and not cached.flags.writeable
