from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.knowledge_base.documents import (
    MAX_CHUNK_CHARS,
    MAX_DOCUMENT_CHARS,
    Document,
    InvalidDocument,
    Section,
    chunk,
    validate,
)
from services.knowledge_base.sources import parse_runbook, read_csv, read_jsonl
from services.knowledge_base.tests.conftest import incident, runbook


def test_incident_is_one_chunk_with_its_fields():
    pieces = chunk(incident("INC-1", "Disk full on db", "No space left on device", root_cause="disk_full"))
    assert len(pieces) == 1
    assert "No space left on device" in pieces[0].text
    assert "Root cause: disk_full" in pieces[0].text


def test_runbook_is_chunked_by_section_and_long_sections_split_on_paragraphs():
    long_body = "\n\n".join(f"paragraph {i} " + "word " * 150 for i in range(6))
    pieces = chunk(
        runbook("RB-1", "Disk full", [("Confirm", "df -h"), ("Empty", "  "), ("Free space", long_body)])
    )
    headings = [p.heading for p in pieces]
    assert headings[0] == "Confirm"
    assert "Empty" not in headings
    assert headings.count("Free space") >= 2
    assert all(len(p.text) <= MAX_CHUNK_CHARS + 100 for p in pieces)
    assert all(p.text.startswith("Disk full - ") for p in pieces)
    assert [p.position for p in pieces] == list(range(len(pieces)))


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (Document(id="", kind="incident", title="t"), "document.id"),
        (Document(id="has space", kind="incident", title="t"), "document.id"),
        (Document(id="a", kind="postmortem", title="t"), "document.kind"),
        (Document(id="a", kind="incident", title="  "), "document.title"),
        (Document(id="a", kind="runbook", title="t"), "document.sections"),
        (
            Document(id="a", kind="incident", title="t", symptoms="x" * (MAX_DOCUMENT_CHARS + 1)),
            "larger than",
        ),
    ],
)
def test_invalid_documents_are_rejected_naming_the_field(document, field):
    with pytest.raises(InvalidDocument, match=field):
        validate(document)


def test_runbook_markdown_front_matter_title_and_sections():
    text = (
        "---\nid: RB-dns\nroot_cause: dns_resolution\nlinks: https://a https://b\n---\n"
        "# DNS failures\n\nWhen names do not resolve.\n\n## Check\nRun dig.\n\n## Fix\nRestore the record.\n"
    )
    document = parse_runbook(text, "fallback")
    assert document.id == "RB-dns"
    assert document.title == "DNS failures"
    assert document.root_cause == "dns_resolution"
    assert document.links == ("https://a", "https://b")
    assert [s.heading for s in document.sections] == ["Overview", "Check", "Fix"]
    assert document.sections[1] == Section("Check", "Run dig.")
    assert document.summary == "When names do not resolve."


def test_jsonl_and_csv_rows_become_documents_with_extra_fields_as_metadata(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        json.dumps({"id": "I-1", "title": "t", "occurred_at": "2024-01-02T03:04:05Z", "team": "payments"})
        + "\n"
    )
    [from_json] = read_jsonl(jsonl)
    assert from_json.kind == "incident"
    assert from_json.occurred_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert from_json.metadata == {"team": "payments"}

    table = tmp_path / "b.csv"
    table.write_text("id,title,root_cause,links,severity\nI-2,Disk,disk_full,https://x|https://y,SEV2\n")
    [from_csv] = read_csv(table)
    assert (from_csv.id, from_csv.root_cause, from_csv.links) == (
        "I-2",
        "disk_full",
        ("https://x", "https://y"),
    )
    assert from_csv.metadata == {"severity": "SEV2"}


def test_bad_date_and_bad_json_are_reported_with_location(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "t", "occurred_at": "yesterday"}\n')
    with pytest.raises(InvalidDocument, match="occurred_at"):
        list(read_jsonl(bad))
    bad.write_text("{not json\n")
    with pytest.raises(InvalidDocument, match=r"bad\.jsonl:1"):
        list(read_jsonl(bad))
