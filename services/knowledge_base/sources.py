"""Reads documents from files: JSON Lines, CSV and folders of Markdown runbooks.

Used by the seed loader and the import CLI. Parsing only; storing is the knowledge base's job.

Markdown runbooks: an optional front-matter block of `key: value` lines between `---`
lines (id, service, root_cause, links separated by spaces, occurred_at), then a `# Title`,
then `## Section` headings. Text between the title and the first section becomes an
"Overview" section.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.knowledge_base.documents import INCIDENT, RUNBOOK, Document, InvalidDocument, Section

SEED_DIR = Path(__file__).resolve().parent / "data"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_CORE_FIELDS = ("id", "kind", "title", "summary", "symptoms", "root_cause", "resolution", "service")


def parse_datetime(value: str | None, field: str = "occurred_at") -> datetime | None:
    if value is None or not str(value).strip():
        return None
    try:
        parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidDocument(f"{field} {value!r} is not an ISO-8601 date") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _links(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part for part in re.split(r"[\s|]+", value) if part)
    return tuple(str(v) for v in value)


def document_from_mapping(data: Mapping[str, Any]) -> Document:
    """Builds a document from a JSON object or CSV row; unknown keys become metadata."""
    sections = tuple(
        Section(str(s.get("heading", "")), str(s.get("body", "")))
        if isinstance(s, Mapping)
        else Section(str(s[0]), str(s[1]))
        for s in data.get("sections") or ()
    )
    metadata = {str(k): str(v) for k, v in (data.get("metadata") or {}).items()}
    known = {*_CORE_FIELDS, "links", "occurred_at", "sections", "metadata", "updated_at"}
    metadata.update({str(k): str(v) for k, v in data.items() if k not in known and v not in (None, "")})
    kind = str(data.get("kind") or (RUNBOOK if sections else INCIDENT)).strip().lower()
    return Document(
        id=str(data.get("id") or "").strip(),
        kind=kind,
        title=str(data.get("title") or "").strip(),
        summary=str(data.get("summary") or ""),
        symptoms=str(data.get("symptoms") or ""),
        root_cause=str(data.get("root_cause") or "").strip(),
        resolution=str(data.get("resolution") or ""),
        service=str(data.get("service") or "").strip(),
        links=_links(data.get("links")),
        occurred_at=parse_datetime(data.get("occurred_at")),
        sections=sections,
        metadata=metadata,
    )


def parse_runbook(text: str, fallback_id: str) -> Document:
    front: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip():
                front[key.strip().lower()] = value.strip()
        text = text[match.end() :]
    title = ""
    sections: list[Section] = []
    heading, body = "Overview", []
    for line in text.splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            if "\n".join(body).strip():
                sections.append(Section(heading, "\n".join(body).strip()))
            heading, body = line[3:].strip(), []
        else:
            body.append(line)
    if "\n".join(body).strip():
        sections.append(Section(heading, "\n".join(body).strip()))
    overview = next((s.body for s in sections if s.heading == "Overview"), "")
    return Document(
        id=front.get("id") or fallback_id,
        kind=RUNBOOK,
        title=title or front.get("title", fallback_id),
        summary=overview.split("\n\n")[0].replace("\n", " ")[:500],
        root_cause=front.get("root_cause", ""),
        service=front.get("service", ""),
        links=_links(front.get("links")),
        occurred_at=parse_datetime(front.get("occurred_at")),
        sections=tuple(sections),
    )


def read_jsonl(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise InvalidDocument(f"{path}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(data, dict):
                raise InvalidDocument(f"{path}:{number}: expected a JSON object")
            yield document_from_mapping(data)


def read_csv(path: Path) -> Iterator[Document]:
    """Columns named like the document fields; `links` space- or |-separated; extra columns -> metadata."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from (document_from_mapping(row) for row in csv.DictReader(handle))


def read_markdown_folder(path: Path) -> Iterator[Document]:
    for file in sorted(path.rglob("*.md")):
        yield parse_runbook(file.read_text(encoding="utf-8"), f"RB-{file.stem}")


def read_path(path: Path) -> Iterator[Document]:
    if path.is_dir():
        yield from read_markdown_folder(path)
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from read_jsonl(path)
    elif path.suffix.lower() == ".csv":
        yield from read_csv(path)
    elif path.suffix.lower() == ".md":
        yield parse_runbook(path.read_text(encoding="utf-8"), f"RB-{path.stem}")
    else:
        raise InvalidDocument(f"{path}: expected a .jsonl, .csv or .md file or a folder of .md files")


def seed_documents(directory: Path = SEED_DIR) -> list[Document]:
    """The committed seed corpus: generated past incidents plus the hand-written runbooks."""
    return [*read_jsonl(directory / "incidents.jsonl"), *read_markdown_folder(directory / "runbooks")]
