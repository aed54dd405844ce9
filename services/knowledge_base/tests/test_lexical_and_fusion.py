from __future__ import annotations

from services.knowledge_base.fusion import fuse
from services.knowledge_base.lexical import Bm25Index, tokenize


def test_tokenizer_keeps_identifiers_whole_and_split():
    tokens = tokenize("ORA-12541: TNS:no listener, ERR_CERT_DATE_INVALID and SQLSTATE 57P01")
    for expected in ("ora-12541", "ora", "12541", "err-cert-date-invalid", "cert", "57p01", "sqlstate"):
        assert expected in tokens
    assert "and" not in tokens


def test_exact_identifier_outranks_a_near_miss():
    index = Bm25Index()
    index.add(1, "ORA-12541 TNS:no listener on ledger database")
    index.add(2, "ORA-12514 listener does not know of service on ledger database")
    index.add(3, "disk full on the ledger host")
    scores = index.scores("ORA-12541")
    assert max(scores, key=scores.get) == 1
    assert 3 not in scores


def test_update_and_remove_change_scores_immediately():
    index = Bm25Index()
    index.add(1, "certificate expired")
    index.add(1, "queue backlog")
    assert index.scores("certificate") == {}
    assert 1 in index.scores("backlog")
    index.remove(1)
    assert index.scores("backlog") == {}
    assert len(index) == 0


def test_scores_respect_the_allowed_set():
    index = Bm25Index()
    index.add(1, "timeout")
    index.add(2, "timeout")
    assert set(index.scores("timeout", allowed={2})) == {2}


def test_fusion_is_a_weighted_sum_of_cosine_and_normalized_bm25():
    fused = fuse({1: 0.9, 2: 0.5}, {2: 8.0, 3: 4.0}, vector_weight=0.5)
    by_id = {c.chunk_id: c for c in fused}
    assert by_id[1].score == 0.45
    assert by_id[2].score == 0.5 * 0.5 + 0.5 * 1.0
    assert by_id[3].score == 0.5 * 0.5
    assert [c.chunk_id for c in fused] == [2, 1, 3]
    assert [c.chunk_id for c in fuse({1: 0.9, 2: 0.5}, {2: 8.0}, vector_weight=1.0)] == [1, 2]
