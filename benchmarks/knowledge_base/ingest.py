"""Ingestion rate with the real model against raw `model.encode` on the same texts; memory per document.

    python -m benchmarks.knowledge_base.ingest

The seed incidents are copied under new ids until there are `--documents` of them. The
baseline is `SentenceTransformer.encode` over exactly the chunk texts the knowledge base
embeds, with the same batch size; the measured path is `KnowledgeBase.upsert_many` into a
fresh SQLite store (validation, chunking, embedding, SQL commit per batch, FAISS and BM25
updates, final index save). The two are run alternately, best of `--repeats`, after a warm-up,
so both see the same machine load.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from services.knowledge_base.documents import chunk
from services.knowledge_base.embedding import SentenceTransformerEmbedder
from services.knowledge_base.knowledge_base import KnowledgeBase
from services.knowledge_base.sources import read_jsonl
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url

SEED = Path(__file__).resolve().parents[2] / "services" / "knowledge_base" / "data" / "incidents.jsonl"
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _documents(count: int) -> list:
    seed = list(read_jsonl(SEED))
    return [dataclasses.replace(seed[i % len(seed)], id=f"BENCH-{i:06d}") for i in range(count)]


def _ingest(embedder: SentenceTransformerEmbedder, documents: list) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        knowledge_base = KnowledgeBase(
            DocumentStore(default_database_url(directory)), IndexFiles(directory / "index"), embedder
        )
        knowledge_base.open()
        started = time.perf_counter()
        knowledge_base.upsert_many(documents)
        elapsed = time.perf_counter() - started
        knowledge_base.close()
        sizes = {
            "sqlite_bytes": sum(p.stat().st_size for p in directory.glob("knowledge_base.sqlite3*")),
            "index_bytes": (directory / "index" / "index.faiss").stat().st_size,
        }
    return elapsed, sizes


def _in_memory_bytes(embedder: SentenceTransformerEmbedder, documents: list) -> int:
    """Python-side structures (BM25 postings, filter catalog) built when a store is opened."""
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        store_url = default_database_url(directory)
        first = KnowledgeBase(DocumentStore(store_url), IndexFiles(directory / "index"), embedder)
        first.open()
        first.upsert_many(documents)
        first.close()
        tracemalloc.start()
        reopened = KnowledgeBase(DocumentStore(store_url), IndexFiles(directory / "index"), embedder)
        reopened.open()
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        reopened.close()
    return held


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    documents = _documents(args.documents)
    texts = [piece.text for document in documents for piece in chunk(document)]
    embedder.embed(texts[:128])  # warm-up: first calls allocate and tune kernels

    raw_times, ingest_times, sizes = [], [], {}
    for _ in range(args.repeats):
        started = time.perf_counter()
        embedder.model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True)
        raw_times.append(time.perf_counter() - started)
        elapsed, sizes = _ingest(embedder, documents)
        ingest_times.append(elapsed)
    raw_rate = len(documents) / min(raw_times)
    ingest_rate = len(documents) / min(ingest_times)
    held = _in_memory_bytes(embedder, documents[: min(len(documents), 1000)])
    result = {
        "documents": len(documents),
        "chunks": len(texts),
        "batch_size": embedder.batch_size,
        "raw_encode_seconds": [round(t, 2) for t in raw_times],
        "ingest_seconds": [round(t, 2) for t in ingest_times],
        "raw_encode_docs_per_second": round(raw_rate, 1),
        "ingest_docs_per_second": round(ingest_rate, 1),
        "ratio": round(ingest_rate / raw_rate, 3),
        "sqlite_bytes_per_document": round(sizes["sqlite_bytes"] / len(documents)),
        "flat_index_bytes_per_document": round(sizes["index_bytes"] / len(documents)),
        "python_structures_bytes_per_document": round(held / min(len(documents), 1000)),
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "ingest.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
