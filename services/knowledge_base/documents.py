"""Documents (past incidents and runbooks) and the chunks that get indexed.

An incident is one chunk. A runbook is one chunk per section, so a hit can cite the
section that answered; a very long section is split on paragraph boundaries and every
piece keeps the section's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

INCIDENT = "incident"
RUNBOOK = "runbook"
KINDS = (INCIDENT, RUNBOOK)

# Larger documents are rejected rather than silently cut: they are almost always a pasted log dump.
MAX_DOCUMENT_CHARS = 200_000
MAX_ID_CHARS = 200
MAX_SECTIONS = 200
# About two model windows of English text; longer sections are split so their tail is still searchable.
MAX_CHUNK_CHARS = 2_000

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")


class InvalidDocument(ValueError):
    """The document cannot be stored as given; the message names the offending field."""


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class Document:
    id: str
    kind: str
    title: str
    summary: str = ""
    symptoms: str = ""
    root_cause: str = ""
    resolution: str = ""
    service: str = ""
    links: tuple[str, ...] = ()
    occurred_at: datetime | None = None
    sections: tuple[Section, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    updated_at: datetime | None = None

    def with_updated_at(self, when: datetime) -> Document:
        return replace(self, updated_at=when)

    def text_size(self) -> int:
        fixed = (self.title, self.summary, self.symptoms, self.root_cause, self.resolution, self.service)
        sections = sum(len(s.heading) + len(s.body) for s in self.sections)
        extra = sum(len(k) + len(v) for k, v in self.metadata.items()) + sum(len(link) for link in self.links)
        return sum(len(part) for part in fixed) + sections + extra


@dataclass(frozen=True)
class ChunkText:
    """What gets embedded and lexically indexed for one piece of a document."""

    position: int
    heading: str
    text: str


def validate(document: Document) -> None:
    if not document.id or len(document.id) > MAX_ID_CHARS or not _ID_PATTERN.match(document.id):
        raise InvalidDocument(
            f"document.id must be 1-{MAX_ID_CHARS} characters of letters, digits and ._:/- "
            "starting with a letter or digit"
        )
    if document.kind not in KINDS:
        raise InvalidDocument("document.kind must be incident or runbook")
    if not document.title.strip():
        raise InvalidDocument("document.title must not be empty")
    if document.text_size() > MAX_DOCUMENT_CHARS:
        raise InvalidDocument(f"document is larger than {MAX_DOCUMENT_CHARS} characters of text")
    if len(document.sections) > MAX_SECTIONS:
        raise InvalidDocument(f"document.sections has more than {MAX_SECTIONS} sections")
    if document.kind == RUNBOOK and not any(s.body.strip() for s in document.sections):
        raise InvalidDocument("document.sections must hold at least one non-empty section for a runbook")


def _split_long(body: str) -> list[str]:
    if len(body) <= MAX_CHUNK_CHARS:
        return [body]
    pieces: list[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", body):
        while len(paragraph) > MAX_CHUNK_CHARS:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(paragraph[:MAX_CHUNK_CHARS])
            paragraph = paragraph[MAX_CHUNK_CHARS:]
        if current and len(current) + len(paragraph) + 2 > MAX_CHUNK_CHARS:
            pieces.append(current)
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return pieces


def chunk(document: Document) -> list[ChunkText]:
    if document.kind == INCIDENT:
        parts = [
            document.title,
            document.summary,
            document.symptoms,
            f"Root cause: {document.root_cause}" if document.root_cause else "",
            f"Resolution: {document.resolution}" if document.resolution else "",
            f"Service: {document.service}" if document.service else "",
        ]
        return [ChunkText(0, "", "\n".join(p for p in parts if p))]
    chunks: list[ChunkText] = []
    for section in document.sections:
        if not section.body.strip():
            continue
        for piece in _split_long(section.body.strip()):
            # The runbook title and heading carry most of the meaning of a terse section body.
            text = f"{document.title} - {section.heading}\n{piece}"
            chunks.append(ChunkText(len(chunks), section.heading, text))
    return chunks
