"""Everything the knowledge base keeps on disk: documents in SQL, the FAISS index in files.

`DocumentStore` is the source of truth. Every chunk row carries its embedding, so the vector
index can be rebuilt from the store without running the model again. `IndexFiles` writes the
serialized index and a manifest with temp-file + fsync + os.replace, so a crash leaves
either the old pair or the new one, never a torn file that looks valid.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import (
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from services.knowledge_base.documents import ChunkText, Document, Section

INDEX_FILE = "index.faiss"
MANIFEST_FILE = "index.manifest.json"
MANIFEST_FORMAT = 1


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "kb_documents"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    symptoms: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    service: Mapped[str] = mapped_column(String(200), default="")
    links_json: Mapped[str] = mapped_column(Text, default="[]")
    # ISO-8601 UTC strings: identical round trip on SQLite and PostgreSQL, which the checksum needs.
    occurred_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sections_json: Mapped[str] = mapped_column(Text, default="[]")
    metadata_json: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[str] = mapped_column(String(40))


class ChunkRow(Base):
    __tablename__ = "kb_chunks"
    # Ids of deleted chunks must never come back: the FAISS index may still hold them as tombstones.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)


class MetaRow(Base):
    __tablename__ = "kb_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class StoredChunk:
    id: int
    document_id: str
    position: int
    heading: str
    text: str
    embedding: np.ndarray


def _fromiso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _to_row(document: Document) -> DocumentRow:
    return DocumentRow(
        id=document.id,
        kind=document.kind,
        title=document.title,
        summary=document.summary,
        symptoms=document.symptoms,
        root_cause=document.root_cause,
        resolution=document.resolution,
        service=document.service,
        links_json=json.dumps(list(document.links)),
        occurred_at=iso(document.occurred_at),
        sections_json=json.dumps([[s.heading, s.body] for s in document.sections]),
        metadata_json=json.dumps(document.metadata, sort_keys=True),
        updated_at=iso(document.updated_at),
    )


def _from_row(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        symptoms=row.symptoms,
        root_cause=row.root_cause,
        resolution=row.resolution,
        service=row.service,
        links=tuple(json.loads(row.links_json)),
        occurred_at=_fromiso(row.occurred_at),
        sections=tuple(Section(h, b) for h, b in json.loads(row.sections_json)),
        metadata=json.loads(row.metadata_json),
        updated_at=_fromiso(row.updated_at),
    )


def _enable_sqlite_durability(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        # WAL lets searches read while an upsert commits; FULL makes a commit survive power loss.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'knowledge_base.sqlite3'}"


class DocumentStore:
    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            database = url.split("///", 1)[-1]
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(url, connect_args={"check_same_thread": False})
            _enable_sqlite_durability(self._engine)
        else:
            self._engine = create_engine(url, pool_pre_ping=True)

    def create_schema(self) -> None:
        Base.metadata.create_all(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    # --- writes: each one commits before returning -------------------------------------------

    def upsert(
        self, items: Iterable[tuple[Document, list[ChunkText], np.ndarray]]
    ) -> list[tuple[bool, list[int]]]:
        """Writes documents with their chunks in one transaction; per document: (created, new chunk ids)."""
        results: list[tuple[bool, list[int]]] = []
        with Session(self._engine) as session, session.begin():
            for document, chunks, vectors in items:
                existing = session.get(DocumentRow, document.id)
                if existing is not None:
                    session.delete(existing)
                    session.execute(delete(ChunkRow).where(ChunkRow.document_id == document.id))
                    session.flush()
                session.add(_to_row(document))
                rows = [
                    ChunkRow(
                        document_id=document.id,
                        position=c.position,
                        heading=c.heading,
                        text=c.text,
                        embedding=np.asarray(v, dtype=np.float32).tobytes(),
                    )
                    for c, v in zip(chunks, vectors, strict=True)
                ]
                session.add_all(rows)
                session.flush()
                results.append((existing is None, [row.id for row in rows]))
        return results

    def delete(self, document_id: str) -> bool:
        with Session(self._engine) as session, session.begin():
            existing = session.get(DocumentRow, document_id)
            if existing is None:
                return False
            session.delete(existing)
            session.execute(delete(ChunkRow).where(ChunkRow.document_id == document_id))
        return True

    def replace_embeddings(self, embeddings: dict[int, np.ndarray], model: str) -> None:
        with Session(self._engine) as session, session.begin():
            for chunk_id, vector in embeddings.items():
                row = session.get(ChunkRow, chunk_id)
                if row is not None:
                    row.embedding = np.asarray(vector, dtype=np.float32).tobytes()
            session.merge(MetaRow(key="embedding_model", value=model))

    def set_embedding_model(self, model: str) -> None:
        with Session(self._engine) as session, session.begin():
            session.merge(MetaRow(key="embedding_model", value=model))

    # --- reads ------------------------------------------------------------------------------

    def embedding_model(self) -> str | None:
        with Session(self._engine) as session:
            row = session.get(MetaRow, "embedding_model")
            return row.value if row is not None else None

    def count(self) -> int:
        with Session(self._engine) as session:
            return int(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)

    def counts_by_kind(self) -> dict[str, int]:
        with Session(self._engine) as session:
            rows = session.execute(select(DocumentRow.kind, func.count()).group_by(DocumentRow.kind))
            return {kind: int(count) for kind, count in rows}

    def get(self, document_id: str) -> Document | None:
        with Session(self._engine) as session:
            row = session.get(DocumentRow, document_id)
            return _from_row(row) if row is not None else None

    def get_many(self, document_ids: Iterable[str]) -> dict[str, Document]:
        wanted = list(dict.fromkeys(document_ids))
        if not wanted:
            return {}
        with Session(self._engine) as session:
            rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(wanted)))
            return {row.id: _from_row(row) for row in rows}

    def list_page(self, kind: str | None, after_id: str | None, limit: int) -> list[Document]:
        query = select(DocumentRow).order_by(DocumentRow.id).limit(limit)
        if kind is not None:
            query = query.where(DocumentRow.kind == kind)
        if after_id is not None:
            query = query.where(DocumentRow.id > after_id)
        with Session(self._engine) as session:
            return [_from_row(row) for row in session.scalars(query)]

    def iter_documents(self, batch: int = 1000) -> Iterator[Document]:
        after: str | None = None
        while True:
            page = self.list_page(None, after, batch)
            yield from page
            if len(page) < batch:
                return
            after = page[-1].id

    def chunks(self, dimension: int) -> list[StoredChunk]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    ChunkRow.id,
                    ChunkRow.document_id,
                    ChunkRow.position,
                    ChunkRow.heading,
                    ChunkRow.text,
                    ChunkRow.embedding,
                ).order_by(ChunkRow.id)
            )
            found = []
            for chunk_id, document_id, position, heading, text, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape != (dimension,):
                    vector = np.zeros(0, dtype=np.float32)
                found.append(StoredChunk(chunk_id, document_id, position, heading, text, vector))
            return found

    def checksum(self) -> tuple[int, int, str]:
        """(documents, chunks, fingerprint) of what the store holds now."""
        with Session(self._engine) as session:
            versions = {
                row[0]: row[1] for row in session.execute(select(DocumentRow.id, DocumentRow.updated_at))
            }
            chunk_ids = session.scalars(select(ChunkRow.id)).all()
        return len(versions), len(chunk_ids), fingerprint(versions, chunk_ids)


def fingerprint(versions: dict[str, str], chunk_ids: Iterable[int]) -> str:
    """sha256 over every document's id and updated_at and every chunk id, independent of order."""
    digest = hashlib.sha256()
    for document_id in sorted(versions):
        digest.update(f"{document_id}\t{versions[document_id]}\n".encode())
    digest.update(np.sort(np.fromiter(chunk_ids, dtype=np.int64)).tobytes())
    return digest.hexdigest()


def iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def encode_page_token(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode()


def decode_page_token(token: str) -> str:
    """Raises ValueError for a token this service did not issue."""
    try:
        decoded = base64.b64decode(token.encode(), altchars=b"-_", validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raise ValueError("page_token is not a token from a previous response") from None
    if not decoded:
        raise ValueError("page_token is not a token from a previous response")
    return decoded


@dataclass(frozen=True)
class Manifest:
    document_count: int
    chunk_count: int
    checksum: str
    index_sha256: str
    index_type: str
    embedding_model: str
    dimension: int
    tombstones: tuple[int, ...] = ()

    def to_json(self) -> str:
        body = {"format": MANIFEST_FORMAT, **self.__dict__, "tombstones": list(self.tombstones)}
        return json.dumps(body, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.pop("format", None) != MANIFEST_FORMAT:
            raise ValueError("unknown manifest format")
        data["tombstones"] = tuple(int(t) for t in data.get("tombstones", ()))
        return cls(**data)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class IndexFiles:
    """The serialized index and its manifest under one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.index_path = directory / INDEX_FILE
        self.manifest_path = directory / MANIFEST_FILE

    def save(self, index_bytes: bytes, manifest: Manifest) -> None:
        # Index first: a crash between the two leaves a manifest whose hash no longer matches,
        # which load() treats as "rebuild", never as a valid pair.
        _write_atomically(self.index_path, index_bytes)
        _write_atomically(self.manifest_path, manifest.to_json().encode())

    def load(self) -> tuple[bytes, Manifest]:
        """Raises ValueError when either file is missing, unreadable or does not match the other."""
        try:
            manifest = Manifest.from_json(self.manifest_path.read_text())
            data = self.index_path.read_bytes()
        except FileNotFoundError as missing:
            raise ValueError(f"missing {Path(missing.filename).name}") from None
        except (OSError, TypeError, json.JSONDecodeError, KeyError) as error:
            raise ValueError(f"unreadable manifest: {error}") from None
        if hashlib.sha256(data).hexdigest() != manifest.index_sha256:
            raise ValueError("index file does not match its manifest checksum")
        return data, manifest
