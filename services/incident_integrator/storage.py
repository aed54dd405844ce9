"""The ledger: fingerprint -> ticket (unique), audit events, the outbox and seen webhook deliveries.

The only module that talks to the database. SQLite (default) and PostgreSQL behave the same here:
every write transaction takes its lock on its first statement (BEGIN IMMEDIATE on SQLite, row locks
on PostgreSQL), so "read the ticket, decide, enqueue" never interleaves with a concurrent report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

MAX_FINGERPRINT_CHARS = 512


class Base(DeclarativeBase):
    pass


class TicketRow(Base):
    __tablename__ = "integrator_tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The uniqueness that turns concurrent duplicate reports into one ticket.
    fingerprint: Mapped[str] = mapped_column(String(MAX_FINGERPRINT_CHARS), unique=True, nullable=False)
    key: Mapped[str | None] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(String(1024))
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    dry_run: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    assignee: Mapped[str | None] = mapped_column(String(255))
    assignee_reason: Mapped[str | None] = mapped_column(Text)
    occurrences: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    linked_pr_url: Mapped[str | None] = mapped_column(String(1024))
    linked_pr_number: Mapped[int | None] = mapped_column(Integer)
    fixed_by_pr_url: Mapped[str | None] = mapped_column(String(1024))
    fixed_by_merge_sha: Mapped[str | None] = mapped_column(String(64))
    regression_of: Mapped[str | None] = mapped_column(String(64))
    # Keys this fingerprint had before (regression tickets), so label reconciliation skips them.
    previous_keys: Mapped[str] = mapped_column(Text, nullable=False, default="")
    error: Mapped[str | None] = mapped_column(Text)
    # Create calls attempted; above zero, a retry first searches Jira for the fingerprint label.
    create_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    report_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    last_seen_at: Mapped[float] = mapped_column(Float, nullable=False)
    created_at: Mapped[float] = mapped_column(Float, nullable=False)
    updated_at: Mapped[float] = mapped_column(Float, nullable=False)


class EventRow(Base):
    __tablename__ = "integrator_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("integrator_tickets.id"), index=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
    at: Mapped[float] = mapped_column(Float, nullable=False)


class OutboxRow(Base):
    __tablename__ = "integrator_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("integrator_tickets.id"), index=True, nullable=False)
    op: Mapped[str] = mapped_column(String(32), nullable=False)
    payload_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float, nullable=False)
    lease_until: Mapped[float | None] = mapped_column(Float)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, nullable=False)


class DeliveryRow(Base):
    __tablename__ = "integrator_deliveries"

    delivery_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class StateRow(Base):
    __tablename__ = "integrator_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


@dataclass
class TicketRecord:
    id: int
    fingerprint: str
    key: str | None
    url: str | None
    status: str
    dry_run: bool
    summary: str
    assignee: str | None
    assignee_reason: str | None
    occurrences: int
    linked_pr_url: str | None
    linked_pr_number: int | None
    fixed_by_pr_url: str | None
    fixed_by_merge_sha: str | None
    regression_of: str | None
    previous_keys: str
    error: str | None
    create_attempts: int
    report_json: str
    last_seen_at: float
    created_at: float
    updated_at: float

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.report_json)


@dataclass(frozen=True)
class EventRecord:
    kind: str
    detail: str
    at: float


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    ticket_id: int
    op: str
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: float


_TICKET_FIELDS = tuple(f.name for f in fields(TicketRecord))


def _record(row: TicketRow) -> TicketRecord:
    return TicketRecord(**{name: getattr(row, name) for name in _TICKET_FIELDS})


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        row.id, row.ticket_id, row.op, json.loads(row.payload_json), row.attempts, row.next_attempt_at
    )


class LedgerTx:
    """Operations inside one database transaction; obtained from `LedgerStore.transaction()`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def insert_ticket(
        self, fingerprint: str, *, status: str, dry_run: bool, summary: str, report_json: str, now: float
    ) -> TicketRecord | None:
        """Claims the fingerprint; returns None when another transaction already holds it."""
        row = TicketRow(
            fingerprint=fingerprint,
            status=status,
            dry_run=dry_run,
            summary=summary,
            report_json=report_json,
            occurrences=1,
            last_seen_at=now,
            created_at=now,
            updated_at=now,
        )
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return None
        return _record(row)

    def bump_occurrences(self, fingerprint: str, report_json: str, now: float) -> TicketRecord | None:
        """Counts one more sighting; the UPDATE also locks the row until commit."""
        result = self._session.execute(
            update(TicketRow)
            .where(TicketRow.fingerprint == fingerprint)
            .values(
                occurrences=TicketRow.occurrences + 1,
                last_seen_at=now,
                updated_at=now,
                report_json=report_json,
            )
        )
        if result.rowcount == 0:
            return None
        return self.ticket_by_fingerprint(fingerprint)

    def lock_ticket(self, ticket_id: int) -> TicketRecord | None:
        self._session.execute(
            update(TicketRow).where(TicketRow.id == ticket_id).values(updated_at=TicketRow.updated_at)
        )
        return self.ticket(ticket_id)

    def ticket(self, ticket_id: int) -> TicketRecord | None:
        row = self._session.get(TicketRow, ticket_id, populate_existing=True)
        return None if row is None else _record(row)

    def ticket_by_fingerprint(self, fingerprint: str) -> TicketRecord | None:
        row = self._session.scalars(
            select(TicketRow)
            .where(TicketRow.fingerprint == fingerprint)
            .execution_options(populate_existing=True)
        ).first()
        return None if row is None else _record(row)

    def tickets_by_keys(self, keys: list[str]) -> list[TicketRecord]:
        if not keys:
            return []
        rows = self._session.scalars(select(TicketRow).where(TicketRow.key.in_(keys)).order_by(TicketRow.id))
        return [_record(row) for row in rows]

    def tickets_linked_to_pr(self, pr_url: str) -> list[TicketRecord]:
        rows = self._session.scalars(
            select(TicketRow).where(TicketRow.linked_pr_url == pr_url).order_by(TicketRow.id)
        )
        return [_record(row) for row in rows]

    def update_ticket(self, ticket_id: int, now: float, **values: Any) -> None:
        unknown = set(values) - set(_TICKET_FIELDS)
        if unknown:
            raise ValueError(f"unknown ticket fields: {sorted(unknown)}")
        self._session.execute(
            update(TicketRow).where(TicketRow.id == ticket_id).values(updated_at=now, **values)
        )

    def add_event(self, ticket_id: int, kind: str, detail: str, now: float) -> None:
        self._session.add(EventRow(ticket_id=ticket_id, kind=kind, detail=detail, at=now))

    def enqueue(self, ticket_id: int, op: str, payload: dict[str, Any], *, now: float, due: float) -> int:
        row = OutboxRow(
            ticket_id=ticket_id,
            op=op,
            payload_json=json.dumps(payload, sort_keys=True),
            status="pending",
            attempts=0,
            next_attempt_at=due,
            created_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def pending_op(self, ticket_id: int, op: str) -> OutboxEntry | None:
        """An op of this kind still waiting and not being executed right now."""
        row = self._session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.ticket_id == ticket_id,
                OutboxRow.op == op,
                OutboxRow.status == "pending",
                OutboxRow.lease_until.is_(None),
            )
            .order_by(OutboxRow.id)
        ).first()
        return None if row is None else _entry(row)

    def record_delivery(self, delivery_id: str) -> bool:
        """False when this delivery id was already recorded (a replay)."""
        try:
            with self._session.begin_nested():
                self._session.add(DeliveryRow(delivery_id=delivery_id, received_at=datetime.now(UTC)))
        except IntegrityError:
            return False
        return True

    def complete_op(self, op_id: int) -> None:
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == op_id)
            .values(status="done", lease_until=None, last_error=None)
        )

    def fail_op(self, op_id: int, reason: str) -> None:
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == op_id)
            .values(status="failed", lease_until=None, last_error=reason, attempts=OutboxRow.attempts + 1)
        )

    def retry_op(self, op_id: int, reason: str | None, due: float, *, count_attempt: bool) -> None:
        values: dict[str, Any] = {"lease_until": None, "next_attempt_at": due, "last_error": reason}
        if count_attempt:
            values["attempts"] = OutboxRow.attempts + 1
        self._session.execute(update(OutboxRow).where(OutboxRow.id == op_id).values(**values))

    def cancel_ops(self, ticket_id: int, reason: str) -> None:
        """Ops that can never run because the ticket could not be created."""
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.ticket_id == ticket_id, OutboxRow.status == "pending")
            .values(status="cancelled", lease_until=None, last_error=reason)
        )

    def get_state(self, name: str) -> str | None:
        row = self._session.get(StateRow, name)
        return None if row is None else row.value

    def set_state(self, name: str, value: str) -> None:
        self._session.merge(StateRow(name=name, value=value))


class LedgerStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        Base.metadata.create_all(engine)

    @classmethod
    def open(cls, url: str | None, data_dir: Path) -> LedgerStore:
        if url is None:
            data_dir.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{data_dir / 'integrator.db'}"
        return cls(make_engine(url))

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[LedgerTx]:
        with Session(self._engine, expire_on_commit=False) as session, session.begin():
            yield LedgerTx(session)

    def claim_due_ops(self, now: float, lease_seconds: float, limit: int, ticket_id: int | None = None):
        """Leases due ops, at most one per ticket and only a ticket's oldest open op, so a comment
        never overtakes the create it depends on. An expired lease (crashed worker) is re-claimable."""
        claimed: list[OutboxEntry] = []
        with self.transaction() as tx:
            session = tx._session
            oldest_open = (
                select(OutboxRow.ticket_id, func.min(OutboxRow.id).label("first_id"))
                .where(OutboxRow.status == "pending")
                .group_by(OutboxRow.ticket_id)
                .subquery()
            )
            query = (
                select(OutboxRow)
                .join(oldest_open, OutboxRow.id == oldest_open.c.first_id)
                .where(OutboxRow.next_attempt_at <= now)
                .where((OutboxRow.lease_until.is_(None)) | (OutboxRow.lease_until < now))
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(limit)
            )
            if ticket_id is not None:
                query = query.where(OutboxRow.ticket_id == ticket_id)
            for row in session.scalars(query).all():
                result = session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == row.id, OutboxRow.status == "pending")
                    .where((OutboxRow.lease_until.is_(None)) | (OutboxRow.lease_until < now))
                    .values(lease_until=now + lease_seconds)
                )
                if result.rowcount == 1:
                    claimed.append(_entry(row))
        return claimed

    def op_in_flight(self, ticket_id: int, now: float) -> bool:
        """True while a worker holds a live lease on one of the ticket's ops."""
        with Session(self._engine) as session:
            query = select(func.count()).where(
                OutboxRow.ticket_id == ticket_id, OutboxRow.status == "pending", OutboxRow.lease_until >= now
            )
            return (session.scalar(query) or 0) > 0

    def ticket(self, ticket_id: int) -> TicketRecord | None:
        with self.transaction() as tx:
            return tx.ticket(ticket_id)

    def ticket_by_key(self, key: str) -> TicketRecord | None:
        with Session(self._engine) as session:
            row = session.scalars(
                select(TicketRow).where(TicketRow.key == key).order_by(TicketRow.id)
            ).first()
            return None if row is None else _record(row)

    def ticket_by_fingerprint(self, fingerprint: str) -> TicketRecord | None:
        with Session(self._engine) as session:
            row = session.scalars(select(TicketRow).where(TicketRow.fingerprint == fingerprint)).first()
            return None if row is None else _record(row)

    def events(self, ticket_id: int, limit: int = 200) -> list[EventRecord]:
        """The most recent `limit` events, oldest first (a flapping alert can log thousands)."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(EventRow)
                .where(EventRow.ticket_id == ticket_id)
                .order_by(EventRow.id.desc())
                .limit(limit)
            ).all()
            return [EventRecord(row.kind, row.detail, row.at) for row in reversed(rows)]

    def list_tickets(self, status: str | None, after_id: int, limit: int) -> list[TicketRecord]:
        with Session(self._engine) as session:
            query = select(TicketRow).where(TicketRow.id > after_id).order_by(TicketRow.id).limit(limit)
            if status:
                query = query.where(TicketRow.status == status)
            return [_record(row) for row in session.scalars(query)]

    def counts_by_status(self) -> dict[str, int]:
        with Session(self._engine) as session:
            rows = session.execute(select(TicketRow.status, func.count()).group_by(TicketRow.status))
            return {status: count for status, count in rows}

    def outbox_depth(self) -> int:
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).where(OutboxRow.status == "pending")) or 0

    def failed_op_count(self) -> int:
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).where(OutboxRow.status == "failed")) or 0

    def failed_ops(self) -> list[tuple[int, str, str | None]]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(OutboxRow.ticket_id, OutboxRow.op, OutboxRow.last_error)
                .where(OutboxRow.status == "failed")
                .order_by(OutboxRow.id)
            )
            return [(row[0], row[1], row[2]) for row in rows]

    def pending_ops(self) -> list[OutboxEntry]:
        with Session(self._engine) as session:
            rows = session.scalars(
                select(OutboxRow).where(OutboxRow.status == "pending").order_by(OutboxRow.id)
            )
            return [_entry(row) for row in rows]

    def close(self) -> None:
        self._engine.dispose()


def make_engine(url: str, **kwargs: Any) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)

    # pysqlite's own transaction handling breaks SAVEPOINT and starts transactions lazily; take
    # over so each transaction is BEGIN IMMEDIATE and concurrent writers queue instead of failing.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
