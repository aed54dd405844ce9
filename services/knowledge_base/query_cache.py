"""Recent query vectors. Repeated alerts ask the knowledge base the same question, and encoding the
query is most of a search's cost (~100 ms for a window-sized query on one CPU thread)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

DEFAULT_CAPACITY = 1024


class QueryVectorCache:
    """Least-recently-used map from the raw query to (model input, truncated?, vector)."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, tuple[str, bool, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, query: str) -> tuple[str, bool, np.ndarray] | None:
        with self._lock:
            entry = self._entries.get(query)
            if entry is not None:
                self._entries.move_to_end(query)
            return entry

    def put(self, query: str, text: str, truncated: bool, vector: np.ndarray) -> None:
        if self._capacity <= 0:
            return
        vector = vector.copy()
        vector.setflags(write=False)
        with self._lock:
            self._entries[query] = (text, truncated, vector)
            self._entries.move_to_end(query)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
