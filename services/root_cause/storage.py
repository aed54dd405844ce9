"""Everything the root-cause service reads from or writes to disk or a database."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, Integer, String, Text, create_engine, func, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from services.kit.artifacts import Artifact, ArtifactStore
from services.root_cause.cues import CuePhrase, parse_cue_phrases
from services.root_cause.dataset import LabeledExcerpt

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_CORPUS_PATH = DATA_DIR / "corpus.jsonl"
DEFAULT_CODE_KEYWORDS_PATH = DATA_DIR / "code_keywords.txt"
DEFAULT_CUE_PHRASES_PATH = DATA_DIR / "cue_phrases.txt"


def write_corpus(path: Path, records: Iterable[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def read_corpus_bytes(path: Path = DEFAULT_CORPUS_PATH) -> bytes:
    return path.read_bytes()


def parse_corpus(payload: bytes) -> list[LabeledExcerpt]:
    excerpts = []
    for number, raw in enumerate(payload.decode("utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            excerpts.append(
                LabeledExcerpt(
                    lines=tuple(record["lines"]),
                    label=record["label"],
                    group=record["family"],
                    split=record["split"],
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"corpus line {number} is malformed: {error}") from error
    return excerpts


def read_code_keywords(path: Path = DEFAULT_CODE_KEYWORDS_PATH) -> tuple[str, ...]:
    """One keyword per line; blank lines and '#' comments are ignored. A missing file means none."""
    if not path.exists():
        return ()
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word.lower())
    return tuple(words)


def read_cue_phrases(path: Path = DEFAULT_CUE_PHRASES_PATH) -> tuple[CuePhrase, ...]:
    """The cue phrase list (format in the file's header). A missing file means none."""
    if not path.exists():
        return ()
    return parse_cue_phrases(path.read_text(encoding="utf-8"))


class ModelStore:
    """Versioned model artifacts under <data_dir>/models (atomic publish, rollback) via the kit."""

    def __init__(self, root: Path) -> None:
        self._store = ArtifactStore(root)

    def publish(self, version: str, model: object, metadata: dict[str, object]) -> Artifact:
        return self._store.publish(version, model, metadata)

    def load_current(self) -> Artifact:
        return self._store.load()

    def rollback(self) -> Artifact:
        return self._store.rollback()

    def current_version(self) -> str | None:
        return self._store.current_version()

    def history(self) -> list[str]:
        return self._store.history()


class _Base(DeclarativeBase):
    pass


class _FeedbackRow(_Base):
    __tablename__ = "root_cause_feedback"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    prediction_id: Mapped[str] = mapped_column(String(64), default="")
    label: Mapped[str] = mapped_column(String(64), index=True)
    lines_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set when a retrain consumed this feedback; NULL means still pending.
    trained_in_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sequence: Mapped[int] = mapped_column(Integer, autoincrement=False)


@dataclass(frozen=True)
class FeedbackRecord:
    id: str
    prediction_id: str
    label: str
    lines: tuple[str, ...]
    note: str


class FeedbackStore:
    """Confirmed root causes, in SQLite by default or any SQLAlchemy URL (e.g. PostgreSQL)."""

    def __init__(self, url: str, schema: str | None = None) -> None:
        engine_options: dict[str, object] = {}
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if schema:
            engine_options["execution_options"] = {"schema_translate_map": {None: schema}}
        self._engine = create_engine(url, **engine_options)
        _Base.metadata.create_all(self._engine)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def add(self, prediction_id: str, label: str, lines: Sequence[str], note: str) -> str:
        feedback_id = uuid.uuid4().hex
        with self._sessions.begin() as session:
            sequence = (session.scalar(select(func.max(_FeedbackRow.sequence))) or 0) + 1
            session.add(
                _FeedbackRow(
                    id=feedback_id,
                    prediction_id=prediction_id,
                    label=label,
                    lines_json=json.dumps(list(lines)),
                    note=note,
                    created_at=datetime.now(UTC),
                    trained_in_version=None,
                    sequence=sequence,
                )
            )
        return feedback_id

    def all(self) -> list[FeedbackRecord]:
        with Session(self._engine) as session:
            rows = session.scalars(select(_FeedbackRow).order_by(_FeedbackRow.sequence)).all()
            return [
                FeedbackRecord(r.id, r.prediction_id, r.label, tuple(json.loads(r.lines_json)), r.note)
                for r in rows
            ]

    def pending_count(self) -> int:
        with Session(self._engine) as session:
            query = select(func.count()).where(_FeedbackRow.trained_in_version.is_(None))
            return int(session.scalar(query) or 0)

    def mark_trained(self, feedback_ids: Sequence[str], version: str) -> None:
        if not feedback_ids:
            return
        with self._sessions.begin() as session:
            session.execute(
                update(_FeedbackRow)
                .where(_FeedbackRow.id.in_(list(feedback_ids)), _FeedbackRow.trained_in_version.is_(None))
                .values(trained_in_version=version)
            )

    def close(self) -> None:
        self._engine.dispose()
