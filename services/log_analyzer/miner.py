"""Template mining with Drain3, behind a cache of already-seen masked messages.

Messages are masked here (see masking.py) rather than by Drain3's own masker so a
whole batch is masked in a few C-level passes; Drain3 then only walks its prefix
tree for masked messages it has not seen before, which on real logs is a small
fraction of lines.
"""

from __future__ import annotations

import base64
import threading
import zlib
from collections.abc import Sequence

import jsonpickle
from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig

from services.log_analyzer.masking import mask_batch

# One general configuration for every log format (no per-dataset tuning).
SIMILARITY_THRESHOLD = 0.7
TREE_DEPTH = 5
MAX_CHILDREN = 100
# Bounds memory on hostile input; the least recently used template is evicted.
MAX_CLUSTERS = 20_000
# Bounds the masked-message cache; cleared wholesale when full (cheap, and rare).
MAX_CACHE_ENTRIES = 200_000


def miner_config() -> TemplateMinerConfig:
    config = TemplateMinerConfig()
    config.drain_sim_th = SIMILARITY_THRESHOLD
    config.drain_depth = TREE_DEPTH
    config.drain_max_children = MAX_CHILDREN
    config.drain_max_clusters = MAX_CLUSTERS
    config.masking_instructions = []
    config.parametrize_numeric_tokens = True
    config.snapshot_compress_state = True
    return config


class LogTemplateMiner:
    """Assigns each message a Drain3 cluster id; not safe for concurrent `mine` calls by design,
    so it serialises them with its own lock."""

    def __init__(self, state: bytes | None = None) -> None:
        self._miner = TemplateMiner(persistence_handler=None, config=miner_config())
        if state is not None:
            self._restore(state)
        self._cache: dict[str, int] = {}
        self._lock = threading.Lock()

    def mine(self, messages: Sequence[str]) -> list[int]:
        """Returns the cluster id of every message, learning new templates on the way."""
        masked = mask_batch(messages)
        with self._lock:
            cache = self._cache
            if len(cache) > MAX_CACHE_ENTRIES:
                cache.clear()
            drain = self._miner.drain
            ids: list[int] = []
            append = ids.append
            for text in masked:
                cluster_id = cache.get(text)
                if cluster_id is None:
                    cluster, _ = drain.add_log_message(text)
                    cluster_id = cluster.cluster_id
                    cache[text] = cluster_id
                append(cluster_id)
            return ids

    def template(self, cluster_id: int) -> str:
        cluster = self._miner.drain.id_to_cluster.get(cluster_id)
        return cluster.get_template() if cluster is not None else ""

    def templates(self) -> dict[int, str]:
        with self._lock:
            return {cluster.cluster_id: cluster.get_template() for cluster in self._miner.drain.clusters}

    @property
    def template_count(self) -> int:
        return len(self._miner.drain.id_to_cluster)

    def state(self) -> bytes:
        """Drain3's own snapshot format (jsonpickle, zlib, base64), as its persistence handlers write it."""
        with self._lock:
            raw = jsonpickle.dumps(self._miner.drain, keys=True).encode()
        return base64.b64encode(zlib.compress(raw))

    def copy(self) -> LogTemplateMiner:
        return LogTemplateMiner(self.state())

    def _restore(self, state: bytes) -> None:
        loaded = jsonpickle.loads(zlib.decompress(base64.b64decode(state)), keys=True)
        drain = self._miner.drain
        # Keep our configured LRU bound: the snapshot's dict type is whatever was pickled.
        drain.id_to_cluster.clear()
        drain.id_to_cluster.update(loaded.id_to_cluster)
        drain.clusters_counter = loaded.clusters_counter
        drain.root_node = loaded.root_node
