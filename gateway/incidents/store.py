"""The incident store: durable, idempotent intake and the analysis outbox (SQLite or PostgreSQL)."""

from __future__ import annotations

import base64
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from gateway.incidents.grouping import Group, GroupingPolicy, group_for
from gateway.incidents.payloads import Delivery, NormalizedAlert
from gateway.incidents.schema import alerts, deliveries, incidents, timeline


def normalize_url(url: str) -> str:
    """Plain postgresql:// URLs use psycopg 3, the driver this project ships."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def create_engine_for(url: str) -> sa.Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            # WAL lets readers run beside the writer; FULL makes a committed delivery survive power loss.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@dataclass(frozen=True)
class IngestResult:
    delivery: str
    duplicate: bool
    alert_count: int
    incident_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    incident_id: str
    version: int
    service: str
    lines: list[str]


def _as_utc(value: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; everything stored is UTC.
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _first(labels: dict[str, str], *names: str) -> str:
    return next((labels[n] for n in names if labels.get(n)), "")


def alert_lines(alert_rows: list[Any]) -> list[str]:
    """What the alerts themselves say: log excerpts first, then descriptions and summaries."""
    lines: list[str] = []
    for row in alert_rows:
        annotations = row.annotations or {}
        for key in ("logs", "log", "log_excerpt"):
            lines.extend(line for line in (annotations.get(key) or "").splitlines() if line.strip())
    for row in alert_rows:
        annotations = row.annotations or {}
        for key in ("description", "message", "summary"):
            if annotations.get(key):
                lines.append(f"{(row.labels or {}).get('alertname', 'alert')}: {annotations[key]}")
    return lines


class IncidentStore:
    def __init__(
        self,
        engine: sa.Engine,
        policy: GroupingPolicy,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.policy = policy
        self._now = now

    # --- intake ---------------------------------------------------------------------------------

    def ingest(self, delivery: Delivery, raw: bytes) -> IngestResult:
        """Commits the delivery and its alerts in one transaction, or recognises it as a duplicate."""
        for attempt in range(5):
            try:
                with self.engine.begin() as connection:
                    return self._ingest(connection, delivery, raw)
            except IntegrityError:
                # Either this delivery was stored already, or a concurrent one just opened the same
                # group's incident or alert: look again with the other transaction's result visible.
                with self.engine.connect() as connection:
                    stored = connection.execute(
                        sa.select(deliveries.c.key).where(deliveries.c.key == delivery.key)
                    ).first()
                if stored is not None:
                    return IngestResult(delivery.key, True, len(delivery.alerts))
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _ingest(self, connection: sa.Connection, delivery: Delivery, raw: bytes) -> IngestResult:
        now = self._now()
        connection.execute(
            sa.insert(deliveries).values(
                key=delivery.key,
                source=delivery.source,
                received_at=now,
                alert_count=len(delivery.alerts),
                payload=raw.decode("utf-8", errors="replace"),
            )
        )
        # One delivery is one transaction with a bounded number of statements, whatever its size:
        # existing alerts are read in one query, new ones inserted in one batch, and each incident
        # gets one timeline entry and one evidence bump per delivery.
        latest = {alert.fingerprint: alert for alert in delivery.alerts}
        existing = {
            row.fingerprint: row
            for chunk in _chunks(list(latest), 500)
            for row in connection.execute(
                sa.select(alerts).where(alerts.c.source == delivery.source, alerts.c.fingerprint.in_(chunk))
            )
        }
        groups: dict[str, tuple[Group, list[NormalizedAlert]]] = {}
        for alert in latest.values():
            group = group_for(self.policy, delivery, alert)
            groups.setdefault(group.key, (group, []))[1].append(alert)

        touched: dict[str, None] = {}
        new_rows: list[dict[str, Any]] = []
        seen_ids: list[int] = []
        for group, group_alerts in groups.values():
            fresh = [a for a in group_alerts if a.fingerprint not in existing]
            if fresh:
                anchor = next((a for a in fresh if a.status == "firing"), fresh[0])
                incident_id = self._incident_for(connection, group, anchor, now)
                new_rows.extend(_alert_row(delivery.source, a, incident_id, now) for a in fresh)
                names = sorted({a.labels.get("alertname", "alert") for a in fresh})
                self._event(
                    connection,
                    incident_id,
                    now,
                    "fired",
                    f"{len(fresh)} new alert(s): {', '.join(names)[:400]}",
                )
                self._bump_evidence(connection, incident_id, now)
                touched[incident_id] = None
            for alert in group_alerts:
                row = existing.get(alert.fingerprint)
                if row is None:
                    continue
                changed_id = self._update_alert(connection, group, alert, row, now)
                if changed_id is None:
                    seen_ids.append(row.id)
                    touched[row.incident_id] = None
                else:
                    touched[changed_id] = None
        if new_rows:
            connection.execute(sa.insert(alerts), new_rows)
        for chunk in _chunks(seen_ids, 500):
            connection.execute(sa.update(alerts).where(alerts.c.id.in_(chunk)).values(last_seen=now))
        for incident_id in touched:
            self._settle(connection, incident_id, now)
        return IngestResult(delivery.key, False, len(delivery.alerts), list(touched))

    def _update_alert(
        self, connection: sa.Connection, group: Group, alert: NormalizedAlert, row: Any, now: datetime
    ) -> str | None:
        """Applies a repeat of a known alert; returns its incident when anything changed, else None."""
        unchanged = (
            alert.status == row.status
            and alert.annotations == row.annotations
            and alert.labels == row.labels
            and alert.ends_at == _as_utc(row.ends_at)
        )
        if unchanged:
            return None
        incident_id = row.incident_id
        firing_again = alert.status == "firing" and row.status == "resolved"
        if firing_again:
            incident = connection.execute(
                sa.select(incidents.c.status).where(incidents.c.id == incident_id)
            ).one()
            if incident.status == "resolved":
                incident_id = self._incident_for(connection, group, alert, now)
            self._event(connection, incident_id, now, "fired", f"alert {alert.fingerprint} fired again")
        connection.execute(
            sa.update(alerts)
            .where(alerts.c.id == row.id)
            .values(
                status=alert.status,
                labels=alert.labels,
                annotations=alert.annotations,
                ends_at=alert.ends_at,
                last_seen=now,
                incident_id=incident_id,
            )
        )
        if alert.status == "resolved" and row.status == "firing":
            self._event(connection, incident_id, now, "alert_resolved", f"alert {alert.fingerprint} resolved")
        if firing_again or (alert.annotations != row.annotations and alert.status == "firing"):
            self._bump_evidence(connection, incident_id, now)
        return incident_id

    def _incident_for(
        self, connection: sa.Connection, group: Group, alert: NormalizedAlert, now: datetime
    ) -> str:
        """The group's open incident; else its recently resolved one, reopened; else a new one."""
        open_row = connection.execute(
            sa.select(incidents.c.id).where(incidents.c.group_key == group.key, incidents.c.status == "open")
        ).first()
        if open_row is not None:
            return open_row.id
        if alert.status == "firing":
            recent = connection.execute(
                sa.select(incidents.c.id, incidents.c.resolved_at)
                .where(incidents.c.group_key == group.key, incidents.c.status == "resolved")
                .order_by(incidents.c.resolved_at.desc())
                .limit(1)
            ).first()
            window = timedelta(seconds=self.policy.window_seconds)
            if recent is not None and now - _as_utc(recent.resolved_at) <= window:
                connection.execute(
                    sa.update(incidents)
                    .where(incidents.c.id == recent.id)
                    .values(status="open", resolved_at=None, updated_at=now)
                )
                self._event(
                    connection,
                    recent.id,
                    now,
                    "reopened",
                    f"an alert fired again within {self.policy.window_seconds:.0f} s of resolution",
                )
                return recent.id
        incident_id = uuid.uuid4().hex
        labels, annotations = alert.labels, alert.annotations
        connection.execute(
            sa.insert(incidents).values(
                id=incident_id,
                group_key=group.key,
                status="open",
                title=(_first(labels, "alertname") or _first(annotations, "summary") or "alert")[:500],
                severity=_first(labels, "severity", "priority") or "unknown",
                service=_first(labels, "service", "app", "job", "container")[:120],
                environment=_first(labels, "environment", "env", "namespace", "cluster")[:120],
                grouping_reason=group.reason,
                created_at=now,
                updated_at=now,
                evidence_version=0,
                analyzed_version=0,
                attempts=0,
                next_attempt_at=now,
            )
        )
        self._event(connection, incident_id, now, "opened", group.reason)
        return incident_id

    def _bump_evidence(self, connection: sa.Connection, incident_id: str, now: datetime) -> None:
        connection.execute(
            sa.update(incidents)
            .where(incidents.c.id == incident_id)
            .values(evidence_version=incidents.c.evidence_version + 1, next_attempt_at=now, attempts=0)
        )

    def _settle(self, connection: sa.Connection, incident_id: str, now: datetime) -> None:
        """An incident resolves when every one of its alerts has resolved."""
        statuses = {
            row.status
            for row in connection.execute(
                sa.select(alerts.c.status).where(alerts.c.incident_id == incident_id)
            )
        }
        values: dict[str, Any] = {"updated_at": now}
        incident = connection.execute(
            sa.select(incidents.c.status).where(incidents.c.id == incident_id)
        ).one()
        if statuses == {"resolved"} and incident.status == "open":
            values.update(status="resolved", resolved_at=now)
            self._event(connection, incident_id, now, "resolved", "all alerts resolved")
        connection.execute(sa.update(incidents).where(incidents.c.id == incident_id).values(**values))

    def _event(
        self, connection: sa.Connection, incident_id: str, at: datetime, kind: str, detail: str
    ) -> None:
        connection.execute(
            sa.insert(timeline).values(incident_id=incident_id, at=at, kind=kind, detail=detail)
        )

    # --- analysis outbox --------------------------------------------------------------------------

    def claim(self, owner: str, lease_seconds: float) -> Claim | None:
        """Leases one incident with unanalyzed evidence. Several workers (and replicas) can share the
        work: PostgreSQL skips rows another worker has locked, and the conditional update decides races."""
        now = self._now()
        claimable = sa.and_(
            incidents.c.analyzed_version < incidents.c.evidence_version,
            incidents.c.next_attempt_at <= now,
            sa.or_(incidents.c.lease_until.is_(None), incidents.c.lease_until < now),
        )
        with self.engine.begin() as connection:
            row = connection.execute(
                sa.select(incidents.c.id, incidents.c.evidence_version, incidents.c.service)
                .where(claimable)
                .order_by(incidents.c.next_attempt_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            taken = connection.execute(
                sa.update(incidents)
                .where(incidents.c.id == row.id, claimable)
                .values(
                    lease_owner=owner,
                    lease_until=now + timedelta(seconds=lease_seconds),
                    attempts=incidents.c.attempts + 1,
                )
            )
            if taken.rowcount != 1:
                return None
            alert_rows = connection.execute(
                sa.select(alerts.c.labels, alerts.c.annotations)
                .where(alerts.c.incident_id == row.id)
                .order_by(alerts.c.id)
            ).all()
        return Claim(row.id, row.evidence_version, row.service, alert_lines(alert_rows))

    def attempts(self, incident_id: str) -> int:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(incidents.c.attempts).where(incidents.c.id == incident_id)
            ).scalar_one()

    def complete(
        self,
        claim: Claim,
        owner: str,
        analysis: dict,
        root_cause: str | None,
        confidence: float | None,
        ticket: dict | None,
        analysis_ms: float,
    ) -> bool:
        """Stores the analysis once: only the lease holder, and only for evidence not yet analyzed."""
        now = self._now()
        with self.engine.begin() as connection:
            stored = connection.execute(
                sa.update(incidents)
                .where(
                    incidents.c.id == claim.incident_id,
                    incidents.c.lease_owner == owner,
                    incidents.c.analyzed_version < claim.version,
                )
                .values(
                    analysis=analysis,
                    root_cause=root_cause,
                    confidence=confidence,
                    ticket=ticket,
                    analysis_ms=analysis_ms,
                    analyzed_version=claim.version,
                    lease_owner=None,
                    lease_until=None,
                    last_error=None,
                    attempts=0,
                    updated_at=now,
                )
            )
            if stored.rowcount != 1:
                return False
            self._event(
                connection,
                claim.incident_id,
                now,
                "analyzed",
                f"root cause {root_cause or 'unknown'} (evidence v{claim.version})",
            )
            if ticket and ticket.get("key"):
                self._event(
                    connection,
                    claim.incident_id,
                    now,
                    "ticket",
                    f"{ticket.get('action') or 'reported'} {ticket['key']}",
                )
        return True

    def retry_later(self, claim: Claim, owner: str, error: str, delay_seconds: float) -> None:
        now = self._now()
        with self.engine.begin() as connection:
            connection.execute(
                sa.update(incidents)
                .where(
                    incidents.c.id == claim.incident_id,
                    incidents.c.lease_owner == owner,
                )
                .values(
                    lease_owner=None,
                    lease_until=None,
                    last_error=error[:2000],
                    next_attempt_at=now + timedelta(seconds=delay_seconds),
                )
            )

    def pending(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.func.count())
                .select_from(incidents)
                .where(incidents.c.analyzed_version < incidents.c.evidence_version)
            ).scalar_one()

    # --- reads and operator actions ---------------------------------------------------------------

    def list(
        self,
        *,
        status: str | None = None,
        service: str | None = None,
        root_cause: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> tuple[list[dict], str | None]:
        query = sa.select(
            incidents,
            sa.select(sa.func.count())
            .where(alerts.c.incident_id == incidents.c.id)
            .scalar_subquery()
            .label("alert_count"),
        )
        for column, value in (
            (incidents.c.status, status),
            (incidents.c.service, service),
            (incidents.c.root_cause, root_cause),
        ):
            if value:
                query = query.where(column == value)
        if since:
            query = query.where(incidents.c.created_at >= since)
        if until:
            query = query.where(incidents.c.created_at < until)
        if cursor:
            created, incident_id = _decode_cursor(cursor)
            query = query.where(
                sa.or_(
                    incidents.c.created_at < created,
                    sa.and_(incidents.c.created_at == created, incidents.c.id < incident_id),
                )
            )
        query = query.order_by(incidents.c.created_at.desc(), incidents.c.id.desc()).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        items = [_summary(row) for row in rows[:limit]]
        next_cursor = _encode_cursor(rows[limit - 1]) if len(rows) > limit else None
        return items, next_cursor

    def get(self, incident_id: str) -> dict | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(incidents, sa.literal(0).label("alert_count")).where(incidents.c.id == incident_id)
            ).first()
            if row is None:
                return None
            alert_rows = connection.execute(
                sa.select(alerts).where(alerts.c.incident_id == incident_id).order_by(alerts.c.id)
            ).all()
            events = connection.execute(
                sa.select(timeline)
                .where(timeline.c.incident_id == incident_id)
                .order_by(timeline.c.at, timeline.c.id)
            ).all()
        detail = _summary(row)
        detail["alert_count"] = len(alert_rows)
        detail.update(
            grouping_reason=row.grouping_reason,
            alerts=[
                {
                    "fingerprint": a.fingerprint,
                    "status": a.status,
                    "labels": a.labels,
                    "annotations": a.annotations,
                    "starts_at": _iso(a.starts_at),
                    "ends_at": _iso(a.ends_at),
                    "source": a.source,
                }
                for a in alert_rows
            ],
            analysis=row.analysis,
            ticket=row.ticket,
            timeline=[{"at": _iso(e.at), "kind": e.kind, "detail": e.detail} for e in events],
            last_error=row.last_error,
        )
        return detail

    def resolve(self, incident_id: str, by: str) -> bool:
        now = self._now()
        with self.engine.begin() as connection:
            done = connection.execute(
                sa.update(incidents)
                .where(
                    incidents.c.id == incident_id,
                    incidents.c.status == "open",
                )
                .values(status="resolved", resolved_at=now, updated_at=now)
            )
            if done.rowcount:
                self._event(connection, incident_id, now, "resolved", f"resolved by {by}")
        return bool(done.rowcount)

    def exists(self, incident_id: str) -> bool:
        with self.engine.connect() as connection:
            return (
                connection.execute(sa.select(incidents.c.id).where(incidents.c.id == incident_id)).first()
                is not None
            )

    def note(self, incident_id: str, kind: str, detail: str) -> None:
        with self.engine.begin() as connection:
            self._event(connection, incident_id, self._now(), kind, detail)

    def stats(self, days: int) -> dict:
        since = self._now() - timedelta(days=days)
        with self.engine.connect() as connection:
            open_rows = connection.execute(
                sa.select(incidents.c.severity, incidents.c.root_cause).where(incidents.c.status == "open")
            ).all()
            recent = connection.execute(
                sa.select(incidents.c.created_at, incidents.c.resolved_at).where(
                    incidents.c.created_at >= since
                )
            ).all()
            latencies = connection.execute(
                sa.select(incidents.c.updated_at, incidents.c.analysis_ms)
                .where(incidents.c.analysis_ms.is_not(None))
                .order_by(incidents.c.updated_at.desc())
                .limit(200)
            ).all()
        opened = Counter(_as_utc(r.created_at).date().isoformat() for r in recent)
        resolved = Counter(_as_utc(r.resolved_at).date().isoformat() for r in recent if r.resolved_at)
        day_list = [(since + timedelta(days=i + 1)).date().isoformat() for i in range(days)]
        return {
            "open_by_severity": dict(Counter(r.severity for r in open_rows)),
            "open_by_root_cause": dict(Counter(r.root_cause or "unanalyzed" for r in open_rows)),
            "per_day": [
                {"day": d, "opened": opened.get(d, 0), "resolved": resolved.get(d, 0)} for d in day_list
            ],
            "analysis_latency_ms": [
                {"at": _iso(r.updated_at), "ms": round(r.analysis_ms, 1)} for r in reversed(latencies)
            ],
        }


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _alert_row(source: str, alert: NormalizedAlert, incident_id: str, now: datetime) -> dict[str, Any]:
    return {
        "source": source,
        "fingerprint": alert.fingerprint,
        "incident_id": incident_id,
        "status": alert.status,
        "labels": alert.labels,
        "annotations": alert.annotations,
        "starts_at": alert.starts_at,
        "ends_at": alert.ends_at,
        "generator_url": alert.generator_url,
        "first_seen": now,
        "last_seen": now,
    }


def _iso(value: datetime | None) -> str | None:
    value = _as_utc(value)
    return value.isoformat() if value else None


def _summary(row: Any) -> dict:
    return {
        "id": row.id,
        "title": row.title,
        "status": row.status,
        "severity": row.severity,
        "service": row.service,
        "environment": row.environment,
        "root_cause": row.root_cause,
        "confidence": row.confidence,
        "alert_count": row.alert_count,
        "created_at": _iso(row.created_at),
        "updated_at": _iso(row.updated_at),
        "resolved_at": _iso(row.resolved_at),
        "analyzed": row.analyzed_version >= row.evidence_version and row.evidence_version > 0,
    }


def _encode_cursor(row: Any) -> str:
    return base64.urlsafe_b64encode(f"{_iso(row.created_at)}|{row.id}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        created, incident_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(created), incident_id
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError("cursor is not one this API returned") from error
