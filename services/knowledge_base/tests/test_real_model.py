"""Integration tests with the real all-MiniLM-L6-v2 model, loaded once for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from services.knowledge_base.documents import Document
from services.knowledge_base.embedding import MINILM_NAME, SentenceTransformerEmbedder
from services.knowledge_base.filters import SearchFilters
from services.knowledge_base.knowledge_base import HYBRID, VECTOR, KnowledgeBase
from services.knowledge_base.sources import seed_documents
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url

pytestmark = pytest.mark.slow

# Error codes quoted alone, as an engineer pastes them; each names one seed scenario.
IDENTIFIER_QUERIES = {
    "ORA-12541": "ora-no-listener",
    "ORA-12514": "ora-unknown-service",
    "SQLSTATE 57P01": "pg-admin-shutdown",
    "SQLSTATE 55P03": "migration-lock-timeout",
    "SQLSTATE 23502": "not-null-without-default",
    "SQLSTATE 28P01": "pg-password-failed",
    "ERR_CERT_DATE_INVALID": "cert-expired-browser",
    "ERR_CERT_COMMON_NAME_INVALID": "hostname-mismatch",
    "exit code 139": "segfault-139",
    "CommitFailedException": "kafka-rebalance-storm",
}


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


# Half the seed corpus keeps the suite fast on two cores while keeping every confusable pair
# of error codes above (ORA-12541 vs ORA-12514, the SQLSTATEs, the ERR_CERT_* codes) together.
ROOT_CAUSES = {
    "database_unavailable", "tls_certificate", "schema_migration", "crash_loop",
    "queue_backlog", "auth_failure", "out_of_memory", "disk_full",
}  # fmt: skip
RUNBOOKS = {"RB-disk-full", "RB-out-of-memory", "RB-tls-certificate", "RB-database-unavailable"}


def _subset() -> list[Document]:
    return [
        d
        for d in seed_documents()
        if d.root_cause in ROOT_CAUSES and (d.kind == "incident" or d.id in RUNBOOKS)
    ]


@pytest.fixture(scope="module")
def seeded(embedder, tmp_path_factory) -> Iterator[KnowledgeBase]:
    directory: Path = tmp_path_factory.mktemp("kb-real")
    knowledge_base = KnowledgeBase(
        DocumentStore(default_database_url(directory)), IndexFiles(directory / "index"), embedder
    )
    knowledge_base.open(_subset)
    yield knowledge_base
    knowledge_base.close()


def test_real_embeddings_are_unit_length_and_semantic(embedder):
    vectors = embedder.embed(
        [
            "the database refuses connections",
            "cannot connect to the postgres server",
            "the TLS certificate has expired",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert embedder.name == MINILM_NAME


def test_real_tokenizer_truncates_long_queries_to_the_window(embedder):
    text, truncated = embedder.fit_query("disk full on the database host " * 20_000)
    assert truncated
    assert len(embedder.model.tokenizer(text, add_special_tokens=False)["input_ids"]) <= embedder.max_tokens
    assert embedder.fit_query("disk full") == ("disk full", False)


def test_seed_corpus_answers_a_paraphrased_question(seeded):
    hits = seeded.search("pods keep getting killed for using more memory than their limit", 5).hits
    assert hits[0].document.root_cause == "out_of_memory"
    runbook = seeded.search(
        "how do I free space when a disk is full", 3, SearchFilters.of(kind="runbook")
    ).hits
    assert runbook[0].document.id == "RB-disk-full"
    assert runbook[0].section


def _mrr(knowledge_base: KnowledgeBase, mode: str) -> tuple[float, int]:
    relevant: dict[str, set[str]] = {}
    for document_id, scenario in _scenarios(knowledge_base).items():
        relevant.setdefault(scenario, set()).add(document_id)
    reciprocal, top1 = 0.0, 0
    for query, scenario in IDENTIFIER_QUERIES.items():
        hits = knowledge_base.search(query, 10, SearchFilters.of(kind="incident"), mode=mode).hits
        rank = next((i for i, h in enumerate(hits, 1) if h.document.id in relevant[scenario]), None)
        reciprocal += 1 / rank if rank else 0.0
        top1 += rank == 1
    return reciprocal / len(IDENTIFIER_QUERIES), top1


def _scenarios(knowledge_base: KnowledgeBase) -> dict[str, str]:
    found = {}
    for document in knowledge_base._store.iter_documents():
        if "scenario" in document.metadata:
            found[document.id] = document.metadata["scenario"]
    return found


def test_hybrid_beats_vector_only_on_identifier_queries(seeded):
    vector_mrr, vector_top1 = _mrr(seeded, VECTOR)
    hybrid_mrr, hybrid_top1 = _mrr(seeded, HYBRID)
    assert hybrid_top1 >= len(IDENTIFIER_QUERIES) - 1
    assert hybrid_mrr > vector_mrr + 0.1
    assert hybrid_top1 > vector_top1


def test_loading_the_model_writes_nothing_outside_the_json_log(capfd):
    SentenceTransformerEmbedder()
    assert capfd.readouterr().err == ""
