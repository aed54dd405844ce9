"""Retrieval quality on a labelled query set: vector-only, lexical-only and hybrid in one run.

    python -m benchmarks.knowledge_base.quality

The seed corpus (224 incidents, 21 runbooks) is loaded into a fresh knowledge base with the
real all-MiniLM-L6-v2 model. Each query in `queries.jsonl` is written by hand, describing a
failure in different words from the seed text (or quoting only an error code) and labelled
with the scenario it describes; every seed incident of that scenario counts as relevant.
Searches are restricted to incidents (the label set) and ask for 10 hits.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
from pathlib import Path

from services.knowledge_base.embedding import SentenceTransformerEmbedder
from services.knowledge_base.filters import SearchFilters
from services.knowledge_base.knowledge_base import HYBRID, LEXICAL, VECTOR, KnowledgeBase
from services.knowledge_base.sources import seed_documents
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.jsonl"
RESULTS_DIR = HERE / "results"
WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    count = len(ranks)
    return {
        "recall_at_1": round(sum(1 for r in ranks if r == 1) / count, 3),
        "recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / count, 3),
        "mrr": round(sum(1 / r for r in ranks if r is not None) / count, 3),
        "queries": count,
    }


def evaluate(
    knowledge_base: KnowledgeBase, queries: list[dict], relevant: dict[str, set[str]], mode: str
) -> dict:
    only_incidents = SearchFilters.of(kind="incident")
    ranks_by_type: dict[str, list[int | None]] = {"all": []}
    for query in queries:
        hits = knowledge_base.search(query["query"], 10, only_incidents, mode=mode).hits
        wanted = relevant[query["scenario"]]
        rank = next((i for i, hit in enumerate(hits, 1) if hit.document.id in wanted), None)
        ranks_by_type["all"].append(rank)
        ranks_by_type.setdefault(query["type"], []).append(rank)
    return {kind: _metrics(ranks) for kind, ranks in ranks_by_type.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=Path, default=QUERIES)
    args = parser.parse_args()
    queries = [json.loads(line) for line in args.queries.read_text().splitlines() if line.strip()]
    documents = seed_documents()
    relevant: dict[str, set[str]] = {}
    for document in documents:
        if "scenario" in document.metadata:
            relevant.setdefault(document.metadata["scenario"], set()).add(document.id)

    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        started = time.perf_counter()
        embedder = SentenceTransformerEmbedder()
        model_seconds = time.perf_counter() - started
        knowledge_base = KnowledgeBase(
            DocumentStore(default_database_url(directory)), IndexFiles(directory / "index"), embedder
        )
        started = time.perf_counter()
        knowledge_base.open(lambda: documents)
        seed_seconds = time.perf_counter() - started
        result: dict = {
            "model": embedder.name,
            "documents": len(documents),
            "queries": len(queries),
            "model_load_seconds": round(model_seconds, 1),
            "first_start_seed_seconds": round(seed_seconds, 1),
            "vector_weight": knowledge_base.config.vector_weight,
            "modes": {
                mode: evaluate(knowledge_base, queries, relevant, mode) for mode in (VECTOR, LEXICAL, HYBRID)
            },
        }
        sweep = {}
        default_config = knowledge_base.config
        for weight in WEIGHTS:
            knowledge_base.config = dataclasses.replace(default_config, vector_weight=weight)
            sweep[str(weight)] = evaluate(knowledge_base, queries, relevant, HYBRID)["all"]
        knowledge_base.config = default_config
        result["hybrid_weight_sweep"] = sweep
        knowledge_base.close()

    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "quality.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
