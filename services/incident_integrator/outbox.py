"""Runs queued tracker operations: backoff on 429/5xx/connection errors, permanent failure with
the reason on other 4xx, and never a second ticket for one fingerprint.

Every op is leased before it runs, so two workers (or a worker and a request draining its own
ticket) never execute it twice, and a crashed worker's lease simply expires. A create first marks
the attempt in the ledger; any later attempt searches Jira by fingerprint label before creating.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from services.incident_integrator.code_host import CodeHostError
from services.incident_integrator.config import TicketPolicy
from services.incident_integrator.content import build_draft, fingerprint_label, seen_again_comment
from services.incident_integrator.metrics import IntegratorMetrics
from services.incident_integrator.owners import OwnerResolver
from services.incident_integrator.storage import LedgerStore, OutboxEntry, TicketRecord
from services.incident_integrator.tracker import TicketTracker, TrackerError

logger = logging.getLogger("incidentmesh.integrator.outbox")

# Owner lookups are worth a short wait, not a ticket held back for hours while GitHub is down.
OWNER_LOOKUP_ATTEMPTS = 3


@dataclass(frozen=True)
class Backoff:
    initial_seconds: float = 2.0
    max_seconds: float = 300.0

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        computed = min(self.initial_seconds * (2 ** min(attempts, 30)), self.max_seconds)
        if retry_after is not None:
            return min(max(computed, retry_after), max(self.max_seconds, retry_after))
        return computed


IN_FLIGHT_WAIT_SECONDS = 0.5


class _Reschedule(Exception):
    """Not an error: the op is not ready yet (verification window)."""

    def __init__(self, due: float) -> None:
        super().__init__("not due yet")
        self.due = due


class OutboxWorker:
    def __init__(
        self,
        store: LedgerStore,
        tracker: TicketTracker,
        owners: OwnerResolver,
        policy: TicketPolicy,
        metrics: IntegratorMetrics,
        *,
        backoff: Backoff,
        lease_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._tracker = tracker
        self._owners = owners
        self._policy = policy
        self._metrics = metrics
        self._backoff = backoff
        self._lease_seconds = lease_seconds
        self._clock = clock
        self._handlers = {
            "create": self._create,
            "comment": self._comment,
            "seen_again": self._seen_again,
            "assign": self._assign,
            "close": self._close,
            "reopen": self._reopen,
            "link": self._link,
        }

    def run_due(self, limit: int = 20, ticket_id: int | None = None) -> int:
        """Executes due ops (one per ticket per pass); returns how many ran."""
        entries = self._store.claim_due_ops(self._clock(), self._lease_seconds, limit, ticket_id)
        for entry in entries:
            self._execute(entry)
        self.refresh_depth()
        return len(entries)

    def drain_ticket(self, ticket_id: int, max_ops: int = 6, budget_seconds: float = 5.0) -> None:
        """Runs one ticket's due ops in order (its create, then its assignment) within a time
        budget, so a slow tracker delays the caller's answer only briefly; the rest stays queued."""
        deadline = time.monotonic() + budget_seconds
        # An op leased by a worker that died keeps its lease until it expires: wait for another
        # holder only briefly, then answer with the ticket as it stands (the op stays queued).
        stop_waiting_at = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
        ran = 0
        while ran < max_ops and time.monotonic() < deadline:
            if self.run_due(limit=1, ticket_id=ticket_id) == 1:
                ran += 1
            elif self._store.op_in_flight(ticket_id, self._clock()) and time.monotonic() < stop_waiting_at:
                # The background worker holds this ticket's op; its result is what the caller wants.
                time.sleep(0.02)
            else:
                return

    def refresh_depth(self) -> None:
        self._metrics.outbox_depth.set(self._store.outbox_depth())

    def _execute(self, entry: OutboxEntry) -> None:
        ticket = self._store.ticket(entry.ticket_id)
        handler = self._handlers.get(entry.op)
        if ticket is None or handler is None:
            with self._store.transaction() as tx:
                tx.fail_op(entry.id, f"unknown op {entry.op!r} or ticket {entry.ticket_id}")
            return
        try:
            handler(entry, ticket)
        except _Reschedule as wait:
            with self._store.transaction() as tx:
                tx.retry_op(entry.id, None, wait.due, count_attempt=False)
        except TrackerError as error:
            if error.status != "no_key":
                self._metrics.jira_errors.labels(status=error.status).inc()
            if error.transient:
                self._retry(entry, error.reason, error.retry_after)
            else:
                self._fail(entry, ticket, error.reason)
        except CodeHostError as error:
            self._retry(entry, error.reason, None)
        except Exception as error:
            # A surprise (an odd tracker response, a bug) must not wedge the op under its lease.
            logger.exception("outbox operation failed unexpectedly", extra={"op": entry.op})
            self._retry(entry, f"unexpected {type(error).__name__}", None)

    def _retry(self, entry: OutboxEntry, reason: str, retry_after: float | None) -> None:
        due = self._clock() + self._backoff.delay(entry.attempts, retry_after)
        logger.warning(
            "tracker call failed; will retry",
            extra={
                "op": entry.op,
                "ticket_id": entry.ticket_id,
                "attempt": entry.attempts + 1,
                "reason": reason,
            },
        )
        with self._store.transaction() as tx:
            tx.retry_op(entry.id, reason, due, count_attempt=True)

    def _fail(self, entry: OutboxEntry, ticket: TicketRecord, reason: str) -> None:
        now = self._clock()
        logger.error(
            "tracker rejected the operation; not retrying",
            extra={"op": entry.op, "ticket_id": ticket.id, "reason": reason},
        )
        with self._store.transaction() as tx:
            tx.fail_op(entry.id, reason)
            tx.add_event(ticket.id, f"{entry.op}_failed", reason, now)
            if entry.op == "create":
                tx.update_ticket(ticket.id, now, status="failed", error=reason)
                tx.cancel_ops(ticket.id, f"ticket could not be created: {reason}")
            elif entry.op != "assign":
                tx.update_ticket(ticket.id, now, error=reason)

    def _create(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        if ticket.key is not None:
            self._complete(entry)
            return
        owner_reason = ticket.assignee_reason
        if owner_reason is None:
            owner_reason = self._choose_owner(entry, ticket)
        regression_of = entry.payload.get("regression_of")
        regression_url = entry.payload.get("regression_of_url")
        # The fingerprint label is consulted only here, when the ledger holds no key: it finds the
        # issue an interrupted create already filed, or one filed before the ledger was lost.
        label = fingerprint_label(ticket.fingerprint)
        previous = set(filter(None, ticket.previous_keys.split(",")))
        found = [t for t in self._tracker.find_by_label(self._policy.project, label) if t.key not in previous]
        if found:
            newest = found[-1]
            if not newest.done or self._policy.regression_mode == "reopen":
                self._created(
                    entry,
                    ticket,
                    newest.key,
                    newest.url,
                    recovered=True,
                    reopen=newest.done,
                    regression=(regression_of, regression_url),
                )
                return
            # A fixed issue the ledger had forgotten, and regressions get their own ticket.
            regression_of, regression_url = newest.key, newest.url
            with self._store.transaction() as tx:
                keys = ",".join(sorted(previous | {newest.key}))
                tx.update_ticket(ticket.id, self._clock(), previous_keys=keys, regression_of=newest.key)
        with self._store.transaction() as tx:
            # Counted before the call, so the audit shows creates that never got an answer.
            tx.update_ticket(ticket.id, self._clock(), create_attempts=ticket.create_attempts + 1)
        draft = build_draft(
            ticket.report,
            self._policy,
            owner_reason=owner_reason,
            regression_of=regression_of,
            fixed_by=entry.payload.get("fixed_by"),
            request_id=entry.id,
        )
        created = self._tracker.create(draft)
        self._created(
            entry,
            ticket,
            created.key,
            created.url,
            recovered=False,
            summary=draft.summary,
            regression=(regression_of, regression_url),
        )

    def _choose_owner(self, entry: OutboxEntry, ticket: TicketRecord) -> str:
        paths = [item.get("path", "") for item in ticket.report.get("suspect_files") or []]
        try:
            choice = self._owners.resolve(paths)
        except CodeHostError as error:
            if error.transient and entry.attempts + 1 < OWNER_LOOKUP_ATTEMPTS:
                raise
            choice = self._owners.fallback(f"GitHub lookup failed: {error.reason}")
        with self._store.transaction() as tx:
            tx.update_ticket(
                ticket.id, self._clock(), assignee=choice.assignee, assignee_reason=choice.reason
            )
            tx.add_event(
                ticket.id, "owner_chosen", f"{choice.assignee or '(nobody)'}: {choice.reason}", self._clock()
            )
        return choice.reason

    def _created(
        self,
        entry: OutboxEntry,
        ticket: TicketRecord,
        key: str,
        url: str | None,
        *,
        recovered: bool,
        summary: str | None = None,
        reopen: bool = False,
        regression: tuple[str | None, str | None] = (None, None),
    ) -> None:
        now = self._clock()
        with self._store.transaction() as tx:
            current = tx.lock_ticket(ticket.id)
            values: dict[str, object] = {"key": key, "url": url, "status": "open", "error": None}
            if summary is not None:
                values["summary"] = summary
            tx.update_ticket(ticket.id, now, **values)
            if recovered:
                state = "done; reopening it" if reopen else "open"
                tx.add_event(ticket.id, "recovered", f"{key} ({state}) found by its fingerprint label", now)
                if reopen:
                    tx.enqueue(ticket.id, "reopen", {}, now=now, due=now)
            else:
                verb = "would create" if self._tracker.dry_run else "created"
                tx.add_event(ticket.id, "created", f"{verb} {key}", now)
            tx.complete_op(entry.id)
            assignee = current.assignee if current is not None else None
            if assignee:
                tx.enqueue(ticket.id, "assign", {"user": assignee}, now=now, due=now)
            old_key, old_url = regression
            if old_url:
                title = f"Regression of {old_key}"
                tx.enqueue(ticket.id, "link", {"url": old_url, "title": title}, now=now, due=now)
        if not recovered:
            self._metrics.tickets.labels(action="created").inc()

    def _comment(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        key = self._require_key(ticket)
        body = str(entry.payload.get("body", ""))
        self._tracker.comment(key, body)
        self._complete(entry, ticket, "commented", body)

    def _seen_again(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        # Reads the count now, not at enqueue time, so coalesced repeats report the latest total.
        key = self._require_key(ticket)
        self._tracker.comment(key, seen_again_comment(ticket.occurrences, ticket.report))
        self._complete(entry, ticket, "commented", f"seen again, {ticket.occurrences} occurrences")
        self._metrics.tickets.labels(action="updated").inc()

    def _assign(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        key = self._require_key(ticket)
        user = str(entry.payload["user"])
        self._tracker.assign(key, user)
        self._complete(entry, ticket, "assigned", f"{user}: {ticket.assignee_reason or ''}")

    def _close(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        key = self._require_key(ticket)
        quiet_until = ticket.last_seen_at + self._policy.verify_quiet_seconds
        if quiet_until > self._clock():
            raise _Reschedule(quiet_until)
        pr_url = entry.payload.get("pr_url", "")
        sha = entry.payload.get("merge_sha") or "unknown"
        comment = f"Fixed by {pr_url} (merge commit {sha}); closed by Incident Mesh."
        moved = self._tracker.close(key, self._policy.done_transition, comment)
        now = self._clock()
        with self._store.transaction() as tx:
            tx.update_ticket(ticket.id, now, status="closed", error=None)
            detail = f"{'transitioned' if moved else 'already done'}; fixed by {pr_url} ({sha})"
            tx.add_event(ticket.id, "closed", detail, now)
            tx.complete_op(entry.id)
        self._metrics.tickets.labels(action="closed").inc()

    def _reopen(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        key = self._require_key(ticket)
        fix = ticket.fixed_by_pr_url or "an earlier fix"
        sha = f" (merge commit {ticket.fixed_by_merge_sha})" if ticket.fixed_by_merge_sha else ""
        comment = (
            f"Seen again after being closed as fixed by {fix}{sha}; "
            f"{ticket.occurrences} occurrences in total. Reopened by Incident Mesh."
        )
        moved = self._tracker.reopen(key, self._policy.reopen_transition, comment)
        self._complete(entry, ticket, "reopened", "transitioned" if moved else "was not done; commented")
        self._metrics.tickets.labels(action="reopened").inc()

    def _link(self, entry: OutboxEntry, ticket: TicketRecord) -> None:
        key = self._require_key(ticket)
        self._tracker.link(key, str(entry.payload["url"]), str(entry.payload.get("title", "")))
        self._complete(entry, ticket, "linked", str(entry.payload["url"]))

    def _complete(
        self,
        entry: OutboxEntry,
        ticket: TicketRecord | None = None,
        kind: str | None = None,
        detail: str = "",
    ) -> None:
        with self._store.transaction() as tx:
            tx.complete_op(entry.id)
            if ticket is not None and kind is not None:
                tx.add_event(ticket.id, kind, detail, self._clock())

    @staticmethod
    def _require_key(ticket: TicketRecord) -> str:
        if ticket.key is None:
            # Ops queue behind their ticket's create, so this means the create was lost or failed.
            raise TrackerError("no_key", "ticket has no tracker key (its creation failed)", transient=False)
        return ticket.key
