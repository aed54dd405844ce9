"""Search latency (query encoding excluded) and HNSW recall@10 against exact search, at 10k/100k/1M vectors.

    python -m benchmarks.knowledge_base.scale --sizes 10000 100000 1000000

Vectors are synthetic but shaped like sentence embeddings rather than uniform noise: points
around 10,000 cluster centres in a 64-dimensional latent space (within-cluster spread as
large as the spread of the centres), projected to 384 dimensions, plus isotropic noise,
then normalized. The result records how close the true neighbours are (mean cosine of the
exact 1st and 10th neighbour) so the difficulty is visible next to the recall. Queries come
from the same distribution and are not in the index. Both indexes are the service's own
`VectorIndex`, searched one query at a time through the same method the service calls.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import faiss
import numpy as np

from services.knowledge_base.vector_index import FLAT, HNSW, HnswParams, VectorIndex

DIMENSION = 384
LATENT = 64
CENTRES = 10_000
RESULTS_DIR = Path(__file__).resolve().parent / "results"


class SyntheticEmbeddings:
    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self._projection = rng.normal(size=(LATENT, DIMENSION)).astype(np.float32) / np.sqrt(LATENT)
        self._centres = rng.normal(size=(CENTRES, LATENT)).astype(np.float32)
        self._rng = rng

    def sample(self, count: int) -> np.ndarray:
        out = np.empty((count, DIMENSION), dtype=np.float32)
        for start in range(0, count, 100_000):
            n = min(100_000, count - start)
            latent = self._centres[self._rng.integers(0, CENTRES, n)]
            latent = latent + 1.0 * self._rng.normal(size=(n, LATENT)).astype(np.float32)
            block = latent @ self._projection + 0.1 * self._rng.normal(size=(n, DIMENSION)).astype(np.float32)
            out[start : start + n] = block / np.linalg.norm(block, axis=1, keepdims=True)
        return out


def _timed_search(
    index: VectorIndex, queries: np.ndarray, k: int
) -> tuple[np.ndarray, list[list[int]], np.ndarray]:
    latencies, found, scores = [], [], []
    for query in queries:
        started = time.perf_counter()
        hits = index.search(query, k)
        latencies.append(time.perf_counter() - started)
        found.append([hit.chunk_id for hit in hits])
        scores.append([hit.score for hit in hits])
    return np.asarray(latencies), found, np.asarray(scores)


def _recall(found: list[list[int]], truth: list[list[int]], k: int) -> float:
    return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth, strict=True)]))


def _ms(latencies: np.ndarray, q: float) -> float:
    return round(float(np.percentile(latencies, q)) * 1000, 3)


def run_size(
    size: int, queries: int, params: HnswParams, ef_values: list[int], seed: int, build_threads: int
) -> dict:
    data = SyntheticEmbeddings(seed)
    vectors = data.sample(size)
    query_vectors = data.sample(queries)
    ids = np.arange(size, dtype=np.int64)
    faiss.omp_set_num_threads(1)
    result: dict = {"size": size, "queries": queries, "dimension": DIMENSION}

    exact = VectorIndex(DIMENSION, hnsw_threshold=size + 1)
    exact.rebuild(ids, vectors, FLAT)
    exact_latency, truth, truth_scores = _timed_search(exact, query_vectors, 10)
    result["exact"] = {"p50_ms": _ms(exact_latency, 50), "p99_ms": _ms(exact_latency, 99)}
    result["neighbour_cosine"] = {
        "first": round(float(truth_scores[:, 0].mean()), 3),
        "tenth": round(float(truth_scores[:, 9].mean()), 3),
    }
    result["exact"]["bytes_per_vector"] = round(exact.memory_bytes() / size, 1)
    del exact

    approximate = VectorIndex(DIMENSION, hnsw_threshold=0, hnsw=params)
    faiss.omp_set_num_threads(build_threads)
    started = time.perf_counter()
    approximate.rebuild(ids, vectors, HNSW)
    result["hnsw_build_seconds"] = round(time.perf_counter() - started, 1)
    result["hnsw_build_threads"] = build_threads
    # The service answers one query per call; OpenMP fan-out only adds barrier waits to that.
    faiss.omp_set_num_threads(1)
    result["hnsw_params"] = {"m": params.m, "ef_construction": params.ef_construction}
    result["hnsw_bytes_per_vector"] = round(approximate.memory_bytes() / size, 1)
    result["hnsw"] = []
    for ef in ef_values:
        approximate.set_ef_search(ef)
        latency, found, _ = _timed_search(approximate, query_vectors, 10)
        row = {"ef_search": ef, "p50_ms": _ms(latency, 50), "p99_ms": _ms(latency, 99)}
        row["recall_at_10"] = round(_recall(found, truth, 10), 4)
        result["hnsw"].append(row)
        print(json.dumps({"size": size, **row}), flush=True)
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=80)
    parser.add_argument("--ef-search", type=int, nargs="+", default=[16, 32, 64, 96, 128, 256])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build-threads", type=int, default=2)
    parser.add_argument("--tag", default="", help="suffix for the result file names")
    args = parser.parse_args()
    params = HnswParams(m=args.m, ef_construction=args.ef_construction)
    RESULTS_DIR.mkdir(exist_ok=True)
    for size in args.sizes:
        result = run_size(size, args.queries, params, args.ef_search, args.seed, args.build_threads)
        print(json.dumps(result), flush=True)
        (RESULTS_DIR / f"scale_{size}{args.tag}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
