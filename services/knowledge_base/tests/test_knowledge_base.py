from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from services.knowledge_base.filters import SearchFilters
from services.knowledge_base.knowledge_base import InvalidRequest, KnowledgeBase, KnowledgeBaseConfig
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url
from services.knowledge_base.tests.conftest import incident, runbook


def _ids(result) -> list[str]:
    return [hit.document.id for hit in result.hits]


def _small_corpus(kb: KnowledgeBase) -> None:
    kb.upsert_many(
        [
            incident(
                "INC-1", "Checkout cannot reach Oracle", "ORA-12541 TNS:no listener",
                root_cause="database_unavailable",
            ),
            incident(
                "INC-2", "Payments disk full", "No space left on device on /var",
                service="payments", root_cause="disk_full",
            ),
            incident(
                "INC-3", "Certificate expired on shop", "ERR_CERT_DATE_INVALID in browsers",
                service="web", root_cause="tls_certificate", occurred_at=datetime(2023, 3, 1, tzinfo=UTC),
            ),
            incident(
                "INC-4", "Payments pods OOMKilled", "exit code 137 OOMKilled", service="payments",
                root_cause="out_of_memory", occurred_at=datetime(2025, 2, 1, tzinfo=UTC),
            ),
            runbook(
                "RB-1", "Disk full runbook",
                [("Find what is full", "df -h and du"), ("Free space", "delete rotated logs")], "disk_full",
            ),
        ]
    )  # fmt: skip


def test_upsert_get_and_search_round_trip(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    assert kb.get("INC-2").title == "Payments disk full"
    assert kb.get("INC-2").updated_at is not None
    result = kb.search("no space left on device", 3)
    assert result.hits[0].document.id in ("INC-2", "RB-1")
    assert result.index_type == "flat"
    runbook_hit = next(h for h in kb.search("delete rotated logs", 5).hits if h.document.id == "RB-1")
    assert runbook_hit.section == "Free space"


def test_duplicate_id_updates_instead_of_adding_a_copy(kb_factory):
    kb = kb_factory()
    assert kb.upsert(incident("INC-9", "Queue backlog", "consumer lag")) == ("INC-9", True)
    assert kb.upsert(incident("INC-9", "Queue backlog again", "rebalance storm")) == ("INC-9", False)
    assert kb.stats().document_count == 1
    assert kb.stats().chunk_count == 1
    hits = kb.search("rebalance storm", 10).hits
    assert [h.document.id for h in hits] == ["INC-9"]
    assert hits[0].document.title == "Queue backlog again"
    assert kb.search("consumer lag", 10, mode="lexical").hits == []


def test_repeated_id_within_one_batch_keeps_the_last_copy(kb_factory):
    kb = kb_factory()
    assert kb.upsert_many([incident("A", "first"), incident("A", "second")]) == (1, 0)
    assert kb.get("A").title == "second"


def test_delete_is_visible_to_search_immediately(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    assert kb.delete("INC-1") is True
    assert kb.delete("INC-1") is False
    assert "INC-1" not in _ids(kb.search("ORA-12541 TNS no listener", 10))
    assert kb.get("INC-1") is None


def test_filters_combine_with_top_k(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    payments = kb.search("disk memory certificate oracle", 10, SearchFilters.of(services=["Payments"]))
    assert sorted(_ids(payments)) == ["INC-2", "INC-4"]
    assert _ids(kb.search("disk", 1, SearchFilters.of(services=["payments"]))) in (["INC-2"], ["INC-4"])
    by_cause = kb.search("anything at all", 10, SearchFilters.of(root_causes=["disk_full"]))
    assert sorted(_ids(by_cause)) == ["INC-2", "RB-1"]
    runbooks = kb.search("disk full", 10, SearchFilters.of(kind="runbook"))
    assert _ids(runbooks) == ["RB-1"]
    dated = SearchFilters.of(
        occurred_after=datetime(2023, 1, 1, tzinfo=UTC), occurred_before=datetime(2024, 1, 1, tzinfo=UTC)
    )
    assert _ids(kb.search("certificate disk memory", 10, dated)) == ["INC-3"]
    assert kb.search("disk", 10, SearchFilters.of(services=["nobody"])).hits == []


def test_filtered_top_k_is_filled_from_a_large_collection(kb_factory):
    kb = kb_factory(config=KnowledgeBaseConfig(exact_subset_limit=10))
    docs = [
        incident(
            f"INC-{i}",
            f"timeout number {i}",
            "upstream timed out",
            service="rare" if i % 50 == 0 else "common",
        )
        for i in range(400)
    ]
    kb.upsert_many(docs)
    result = kb.search("upstream timed out", 5, SearchFilters.of(services=["rare"]))
    assert len(result.hits) == 5
    assert all(h.document.service == "rare" for h in result.hits)


def test_hybrid_finds_the_exact_identifier_with_a_weak_embedder(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    kb.upsert(incident("INC-5", "Checkout cannot reach Oracle", "ORA-12514 listener does not know service"))
    assert _ids(kb.search("ORA-12514", 1))[0] == "INC-5"
    assert _ids(kb.search("ORA-12541", 1))[0] == "INC-1"


def test_empty_query_and_out_of_range_top_k_are_rejected(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    for query in ("", "   \n"):
        with pytest.raises(InvalidRequest, match="query"):
            kb.search(query)
    for top_k in (-1, 101, 10_000):
        with pytest.raises(InvalidRequest, match="top_k"):
            kb.search("disk", top_k)
    assert len(kb.search("payments", 0).hits) == 5  # 0 means the default of 10; only 5 documents exist


def test_megabyte_query_is_truncated_with_a_note(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    result = kb.search("disk full " + "x" * 1_000_000)
    assert result.notes and "truncated" in result.notes[0]
    assert result.hits


def test_restart_loads_the_saved_index(kb_factory, tmp_path):
    kb = kb_factory()
    _small_corpus(kb)
    before = _ids(kb.search("payments disk", 3))
    kb.close()
    again = kb_factory(open_now=False)
    assert again.open().index_status == "loaded"
    assert _ids(again.search("payments disk", 3)) == before


@pytest.mark.parametrize("damage", ["delete", "corrupt", "truncate", "manifest"])
def test_missing_or_corrupt_index_is_rebuilt_from_the_store(kb_factory, tmp_path, damage):
    kb = kb_factory()
    _small_corpus(kb)
    before = _ids(kb.search("payments disk", 5))
    kb.close()
    index_file = tmp_path / "index" / "index.faiss"
    if damage == "delete":
        index_file.unlink()
    elif damage == "corrupt":
        data = bytearray(index_file.read_bytes())
        data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
        index_file.write_bytes(bytes(data))
    elif damage == "truncate":
        index_file.write_bytes(index_file.read_bytes()[:100])
    else:
        (tmp_path / "index" / "index.manifest.json").write_text("{ not json")
    again = kb_factory(open_now=False)
    report = again.open()
    assert report.index_status.startswith("rebuilt")
    assert again.stats().document_count == 5
    assert _ids(again.search("payments disk", 5)) == before
    assert kb_factory(open_now=False).open().index_status == "loaded"  # the rebuilt index was saved


def test_acknowledged_upsert_survives_a_crash_before_the_index_is_saved(kb_factory, tmp_path):
    kb = kb_factory(config=KnowledgeBaseConfig(save_every=1000))
    _small_corpus(kb)
    kb.upsert(incident("INC-NEW", "Kafka consumer lag", "lag 4 million on order-events"))
    kb.delete("INC-3")
    # No close(): the process "dies" here; a second instance opens the same files.
    survivor = KnowledgeBase(
        DocumentStore(default_database_url(tmp_path)), IndexFiles(tmp_path / "index"), kb._embedder
    )
    report = survivor.open()
    try:
        assert report.index_status.startswith("rebuilt")
        assert survivor.get("INC-NEW") is not None
        assert _ids(survivor.search("kafka consumer lag order-events", 1)) == ["INC-NEW"]
        assert survivor.get("INC-3") is None
        assert "INC-3" not in _ids(survivor.search("certificate expired", 10))
    finally:
        survivor.close()


def test_concurrent_upserts_and_searches_see_whole_documents(kb_factory):
    kb = kb_factory(config=KnowledgeBaseConfig(save_every=25))
    _small_corpus(kb)
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer(worker: int) -> None:
        try:
            for i in range(40):
                doc_id = f"W{worker}-{i}"
                kb.upsert(incident(doc_id, f"writer {worker} item {i}", f"token{worker}x{i} payload"))
                # Once acknowledged, the document must be searchable by its unique token.
                assert doc_id in _ids(kb.search(f"token{worker}x{i}", 3, mode="lexical"))
        except BaseException as error:  # collected and re-raised in the main thread
            errors.append(error)

    def reader() -> None:
        try:
            while not stop.is_set():
                for hit in kb.search("writer item payload", 20).hits:
                    # A torn read would surface as a hit whose document is missing or half-written.
                    assert hit.document.title.startswith(
                        ("writer", "Checkout", "Payments", "Certificate", "Disk")
                    )
                    assert kb.get(hit.document.id) is not None or hit.document.id.startswith("W")
                stats = kb.stats()
                assert stats.chunk_count >= stats.document_count
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads + readers:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    assert not errors, errors
    assert kb.stats().document_count == 5 + 3 * 40


def test_switches_to_hnsw_and_reports_it_in_stats(kb_factory):
    kb = kb_factory(config=KnowledgeBaseConfig(hnsw_threshold=50))
    kb.upsert_many([incident(f"I-{i}", f"incident {i}", f"symptom {i}") for i in range(60)])
    assert kb.stats().index_type == "hnsw"
    assert kb.search("symptom 7", 3).index_type == "hnsw"
    kb.delete("I-7")
    assert "I-7" not in _ids(kb.search("symptom 7", 5))


def test_list_pages_through_documents(kb_factory):
    kb = kb_factory()
    _small_corpus(kb)
    page, token = kb.list(None, 2, "")
    seen = [d.id for d in page]
    while token:
        page, token = kb.list(None, 2, token)
        seen.extend(d.id for d in page)
    assert seen == sorted(["INC-1", "INC-2", "INC-3", "INC-4", "RB-1"])
    assert [d.id for d in kb.list("runbook", 0, "")[0]] == ["RB-1"]
    with pytest.raises(InvalidRequest, match="page_token"):
        kb.list(None, 2, "%%%")
