"""Everything the action recommender reads from or writes to disk or a database.

- the catalog YAML files and the committed example resolutions (read-only)
- recommendations served and feedback received (SQLAlchemy: SQLite by default, PostgreSQL by URL)
- model artifacts (through the kit's versioned ArtifactStore)
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)

from services.action_recommender.catalog import CatalogError
from services.action_recommender.features import IncidentFeatures
from services.kit.artifacts import Artifact, ArtifactStore

PACKAGE_DATA = Path(__file__).parent / "data"
DEFAULT_CATALOG = PACKAGE_DATA / "catalog.yaml"
DEFAULT_RESOLUTIONS = PACKAGE_DATA / "resolutions.jsonl"
# Counting rows on every insert cost more than the insert; the table may overshoot by this much.
PRUNE_EVERY = 100


def read_yaml_documents(paths: Sequence[Path]) -> list[tuple[str, Any]]:
    """(path, parsed YAML) per file, in order; unreadable or invalid YAML raises CatalogError."""
    documents = []
    for path in paths:
        try:
            documents.append((str(path), yaml.safe_load(path.read_text(encoding="utf-8"))))
        except OSError as error:
            raise CatalogError(f"{path}: cannot read catalog file: {error.strerror or error}") from error
        except yaml.YAMLError as error:
            raise CatalogError(f"{path}: invalid YAML: {error}") from error
    return documents


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: invalid JSON: {error}") from error
    return rows


@dataclass(frozen=True)
class FeedbackRecord:
    feedback_id: str
    recommendation_id: str
    root_cause: str
    action_id: str
    succeeded: bool
    service: str
    # The incident as it was when the action was recommended, when the recommendation is known.
    features: IncidentFeatures | None


_metadata = MetaData()
_recommendations = Table(
    "action_recommendations",
    _metadata,
    Column("id", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("root_cause", String(64), nullable=False),
    Column("features", Text, nullable=False),
    Column("model_version", String(128), nullable=False),
)
_feedback = Table(
    "action_feedback",
    _metadata,
    Column("id", String(64), primary_key=True),
    Column("sequence", Integer, nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("recommendation_id", String(64), nullable=False),
    Column("root_cause", String(64), nullable=False),
    Column("action_id", String(64), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Column("service", String(128), nullable=False),
    Column("note", Text, nullable=False),
)


class OutcomeStore:
    """Recommendations served (so feedback can be joined to what the incident looked like) and feedback."""

    def __init__(self, url: str, *, schema: str | None = None, max_recommendations: int = 50_000) -> None:
        self._max_recommendations = max_recommendations
        self._inserts_since_prune = 0
        options: dict[str, Any] = {}
        if url.startswith("sqlite"):
            options["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self._engine: Engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(self._engine, "connect", _sqlite_wal)
        if schema is not None:
            # Lets tests and shared databases keep their tables in a schema of their own.
            self._engine = self._engine.execution_options(schema_translate_map={None: schema})
        _metadata.create_all(self._engine)

    @classmethod
    def sqlite_in(cls, directory: Path, **options: Any) -> OutcomeStore:
        directory.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{directory / 'outcomes.db'}", **options)

    def save_recommendation(self, features: IncidentFeatures, model_version: str) -> str:
        recommendation_id = uuid.uuid4().hex
        with self._engine.begin() as connection:
            connection.execute(
                insert(_recommendations).values(
                    id=recommendation_id,
                    created_at=datetime.now(UTC),
                    root_cause=features.root_cause,
                    features=json.dumps(features.to_record()),
                    model_version=model_version,
                )
            )
            self._inserts_since_prune += 1
            if self._inserts_since_prune < PRUNE_EVERY and self._max_recommendations >= PRUNE_EVERY:
                return recommendation_id
            self._inserts_since_prune = 0
            count = connection.execute(select(func.count()).select_from(_recommendations)).scalar_one()
            if count > self._max_recommendations:
                # Oldest first: feedback almost always follows a recent recommendation.
                oldest = (
                    select(_recommendations.c.id)
                    .order_by(_recommendations.c.created_at)
                    .limit(count - self._max_recommendations)
                )
                stale = [row[0] for row in connection.execute(oldest)]
                connection.execute(delete(_recommendations).where(_recommendations.c.id.in_(stale)))
        return recommendation_id

    def recommendation(self, recommendation_id: str) -> IncidentFeatures | None:
        with self._engine.connect() as connection:
            raw = connection.execute(
                select(_recommendations.c.features).where(_recommendations.c.id == recommendation_id)
            ).scalar_one_or_none()
        return IncidentFeatures.from_record(json.loads(raw)) if raw is not None else None

    def save_feedback(
        self,
        *,
        recommendation_id: str,
        root_cause: str,
        action_id: str,
        succeeded: bool,
        service: str,
        note: str,
    ) -> str:
        feedback_id = uuid.uuid4().hex
        with self._engine.begin() as connection:
            sequence = connection.execute(
                select(func.coalesce(func.max(_feedback.c.sequence), 0))
            ).scalar_one()
            connection.execute(
                insert(_feedback).values(
                    id=feedback_id,
                    sequence=sequence + 1,
                    created_at=datetime.now(UTC),
                    recommendation_id=recommendation_id,
                    root_cause=root_cause,
                    action_id=action_id,
                    succeeded=succeeded,
                    service=service,
                    note=note,
                )
            )
        return feedback_id

    def feedback(self) -> list[FeedbackRecord]:
        """Every feedback record in arrival order, joined to its recommendation's features."""
        query = (
            select(_feedback, _recommendations.c.features)
            .outerjoin(_recommendations, _recommendations.c.id == _feedback.c.recommendation_id)
            .order_by(_feedback.c.sequence)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [
            FeedbackRecord(
                feedback_id=row["id"],
                recommendation_id=row["recommendation_id"],
                root_cause=row["root_cause"],
                action_id=row["action_id"],
                succeeded=row["succeeded"],
                service=row["service"],
                features=IncidentFeatures.from_record(json.loads(row["features"]))
                if row["features"] is not None
                else None,
            )
            for row in rows
        ]

    def feedback_count(self) -> int:
        with self._engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(_feedback)).scalar_one()

    def drop_schema_tables(self) -> None:
        """For tests on a shared database: removes this store's tables."""
        _metadata.drop_all(self._engine)

    def close(self) -> None:
        self._engine.dispose()


def _sqlite_wal(connection: Any, _record: Any) -> None:
    # WAL lets the retrain thread read feedback while an RPC writes a recommendation.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL survives a process crash; only an OS crash can lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class ModelStore:
    """The kit's artifact store under the service's data directory."""

    def __init__(self, root: Path) -> None:
        self._artifacts = ArtifactStore(root)

    def current(self) -> Artifact:
        return self._artifacts.load()

    def current_version(self) -> str | None:
        return self._artifacts.current_version()

    def publish(self, version: str, model: Any, metadata: dict[str, Any]) -> Artifact:
        return self._artifacts.publish(version, model, metadata)

    def rollback(self) -> Artifact:
        return self._artifacts.rollback()

    def prune(self, keep: int) -> list[str]:
        """Deletes all but the `keep` most recently served versions (never the current one).

        Rollback only ever returns to the most recent earlier version, so with keep >= 2 nothing
        reachable is lost; without pruning every retrain would add a version forever.
        """
        if keep < 2:
            raise ValueError("keep at least two versions, so rollback still has one to go back to")
        current = self._artifacts.current_version()
        history = self._artifacts.history()
        kept = set(history[-keep:]) | {current}
        removed = []
        for directory in sorted((self._artifacts.root / "versions").glob("*")):
            if directory.is_dir() and not directory.name.startswith(".") and directory.name not in kept:
                shutil.rmtree(directory, ignore_errors=True)
                removed.append(directory.name)
        return removed
