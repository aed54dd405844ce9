"""Recent query vectors. Repeated alerts ask the knowledge base the same question, and encoding the
query is most of a search's cost (~100 ms for a window-sized query on one CPU thread)."""

from __future__ import annotations

import numpy as np

from services.kit.lru import LruCache

DEFAULT_CAPACITY = 1024


class QueryVectorCache:
    """Least-recently-used map from the raw query to (model input, truncated?, vector)."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._entries: LruCache[str, tuple[str, bool, np.ndarray]] = LruCache(capacity)

    def get(self, query: str) -> tuple[str, bool, np.ndarray] | None:
        return self._entries.get(query)

    def put(self, query: str, text: str, truncated: bool, vector: np.ndarray) -> None:
        # Callers share the cached vector, so nobody may change it in place.
        vector = vector.copy()
        vector.setflags(write=False)
        self._entries.put(query, (text, truncated, vector))

    def __len__(self) -> int:
        return len(self._entries)
