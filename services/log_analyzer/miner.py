"""Template mining with Drain3, behind caches keyed by a line's shape.

Most lines of a log differ from an earlier line only in their digits (timestamps,
ids, counters, addresses). A line's shape is the line with every digit turned into
"0" (one C-level `str.translate` over the whole batch); only lines with a shape not
seen before are header-stripped, masked (masking.py) and walked through Drain3's
prefix tree, and lines that share a shape share its template and severity. Masks
look at where digits are and how many, not at their values (the one exception is
the literal "0x" of hex numbers, where a line like "1x2f" would share "0x2f"'s mask).
Messages are cached by a coarser key (digit runs collapsed to one "0") before Drain3.
"""

from __future__ import annotations

import base64
import re
import threading
import zlib
from collections.abc import Sequence

import jsonpickle
from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig

from services.log_analyzer.masking import mask_batch
from services.log_analyzer.preprocess import prepare

_DIGIT_RUN = re.compile(r"\d+")
_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")
# A standalone number: what parameter checks read; not digits inside words, ids or addresses.
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")

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
        # digit-collapsed message -> cluster id
        self._message_cache: dict[str, int] = {}
        # digit-collapsed raw line -> (cluster id, severity, numbers in its header)
        self._line_cache: dict[str, tuple[int, int, int]] = {}
        self._lock = threading.RLock()

    def mine(self, messages: Sequence[str]) -> list[int]:
        """Returns the cluster id of every (already header-stripped) message, learning new templates."""
        keys = _collapse_digits(messages)
        with self._lock:
            cache = self._message_cache
            if len(cache) > MAX_CACHE_ENTRIES:
                cache.clear()
            unseen: dict[str, int] = {}
            for position, key in enumerate(keys):
                if key not in cache and key not in unseen:
                    unseen[key] = position
            if unseen:
                drain = self._miner.drain
                representatives = list(unseen.values())
                masked = mask_batch([messages[position] for position in representatives])
                for key, text in zip(unseen, masked, strict=True):
                    cluster, _ = drain.add_log_message(text)
                    cache[key] = cluster.cluster_id
            return [cache[key] for key in keys]

    def mine_lines(self, lines: Sequence[str]) -> tuple[list[int], list[int], list[int], list[str]]:
        """Cluster id, severity, header-number count and shape of every raw line.

        The header-number count says how many numbers precede the message (timestamps,
        pids), so callers can read the message's parameters off the raw line.
        """
        keys = line_shapes(lines)
        with self._lock:
            cache = self._line_cache
            if len(cache) > MAX_CACHE_ENTRIES:
                cache.clear()
            unseen: dict[str, int] = {}
            for position, key in enumerate(keys):
                if key not in cache and key not in unseen:
                    unseen[key] = position
            if unseen:
                prepared = [prepare(lines[position]) for position in unseen.values()]
                ids = self.mine([message for message, _ in prepared])
                for key, position, cluster_id, (message, severity) in zip(
                    unseen, unseen.values(), ids, prepared, strict=True
                ):
                    header_numbers = len(NUMBER.findall(lines[position])) - len(NUMBER.findall(message))
                    cache[key] = (cluster_id, int(severity), max(header_numbers, 0))
            found = [cache[key] for key in keys]
        return (
            [entry[0] for entry in found],
            [entry[1] for entry in found],
            [entry[2] for entry in found],
            keys,
        )

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


def _collapse_digits(texts: Sequence[str]) -> list[str]:
    if not texts:
        return []
    keys = _DIGIT_RUN.sub("0", "\n".join(texts)).split("\n")
    if len(keys) != len(texts):
        # A text carried its own newline; fall back rather than misalign lines.
        return [_DIGIT_RUN.sub("0", text) for text in texts]
    return keys


def line_shapes(texts: Sequence[str]) -> list[str]:
    """Each text with its digits turned into "0": equal shapes mean equal masking."""
    if not texts:
        return []
    shapes = "\n".join(texts).translate(_DIGITS_TO_ZERO).split("\n")
    if len(shapes) != len(texts):
        return [text.translate(_DIGITS_TO_ZERO) for text in texts]
    return shapes
