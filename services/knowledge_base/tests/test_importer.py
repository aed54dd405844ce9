from __future__ import annotations

import json

from services.kit import Env
from services.knowledge_base.embedding import HashingEmbedder
from services.knowledge_base.importer import main
from services.knowledge_base.knowledge_base import KnowledgeBase
from services.knowledge_base.storage import DocumentStore, IndexFiles, default_database_url


def _env(tmp_path) -> Env:
    return Env({"KNOWLEDGE_BASE_DATA_DIR": str(tmp_path / "kb"), "KNOWLEDGE_BASE_EMBEDDER": "hashing"})


def test_imports_jsonl_csv_and_markdown_folder_in_batches(tmp_path, capsys):
    jsonl = tmp_path / "incidents.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps(
                {"id": f"J-{i}", "title": f"Kafka lag {i}", "symptoms": "consumer lag", "service": "orders"}
            )
            for i in range(7)
        )
        + "\n"
    )
    table = tmp_path / "more.csv"
    table.write_text("id,title,symptoms,root_cause\nC-1,Disk full,ENOSPC on /var,disk_full\n")
    folder = tmp_path / "runbooks"
    folder.mkdir()
    (folder / "dns.md").write_text("# DNS\n\n## Check\nRun dig against the resolver.\n")

    assert main([str(jsonl), str(table), str(folder), "--batch-size", "3"], _env(tmp_path)) == 0
    assert "imported 9 documents (9 new, 0 replaced)" in capsys.readouterr().out

    data = tmp_path / "kb"
    knowledge_base = KnowledgeBase(
        DocumentStore(default_database_url(data)), IndexFiles(data / "index"), HashingEmbedder()
    )
    assert knowledge_base.open().index_status == "loaded"
    try:
        assert knowledge_base.stats().document_count == 9
        assert knowledge_base.search("run dig against the resolver", 1).hits[0].document.id == "RB-dns"
        assert knowledge_base.get("C-1").root_cause == "disk_full"
    finally:
        knowledge_base.close()

    assert main([str(jsonl), "--quiet"], _env(tmp_path)) == 0
    assert "(0 new, 7 replaced)" in capsys.readouterr().out


def test_invalid_input_imports_nothing_and_names_the_problem(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "ok", "title": "fine"}) + "\n" + json.dumps({"id": "x2"}) + "\n")
    assert main([str(bad), str(tmp_path / "missing.csv")], _env(tmp_path)) == 2
    errors = capsys.readouterr().err
    assert "document 2 (x2): document.title must not be empty" in errors
    assert "missing.csv: no such file" in errors
    assert "nothing imported" in errors
    assert not (tmp_path / "kb" / "knowledge_base.sqlite3").exists()
