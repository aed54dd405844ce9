"""The integrator's decisions: one ticket per fingerprint, repeats comment, regressions reopen (or
open a linked ticket), merged fixes close, unmerged PRs only comment.

Pure Python over the ledger; tracker calls go through the outbox so they survive restarts.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from services.incident_integrator.code_host import CodeHost, CodeHostError
from services.incident_integrator.config import TicketPolicy
from services.incident_integrator.content import normalize_report, ticket_summary
from services.incident_integrator.metrics import IntegratorMetrics
from services.incident_integrator.outbox import OutboxWorker
from services.incident_integrator.pull_requests import IgnoredEvent, PullRequestInfo, parse_pull_request_event
from services.incident_integrator.storage import EventRecord, LedgerStore, LedgerTx, TicketRecord
from services.incident_integrator.tracker import TicketTracker

logger = logging.getLogger("incidentmesh.integrator")

LINKING_ACTIONS = frozenset({"opened", "edited", "reopened", "ready_for_review", "synchronize"})
OPEN_STATES = frozenset({"pending", "open"})
POLL_CURSOR = "poll_cursor"
# The poll re-reads this much history before its cursor, so a PR updated during a poll is not missed.
POLL_OVERLAP = timedelta(minutes=5)
MAX_PULLS_PER_POLL = 100


@dataclass(frozen=True)
class TicketView:
    ticket: TicketRecord
    events: list[EventRecord]


@dataclass(frozen=True)
class ReportOutcome:
    view: TicketView
    # created | updated | reopened | regression_created | queued | failed
    action: str


@dataclass(frozen=True)
class PullRequestOutcome:
    handled: bool
    reason: str
    ticket_keys: list[str]
    # closed | commented | linked | none
    action: str


@dataclass(frozen=True)
class Stats:
    tickets_by_status: dict[str, int]
    outbox_depth: int
    failed_count: int
    dry_run: bool


class Integrator:
    def __init__(
        self,
        store: LedgerStore,
        tracker: TicketTracker,
        code_host: CodeHost | None,
        worker: OutboxWorker,
        policy: TicketPolicy,
        metrics: IntegratorMetrics,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._tracker = tracker
        self._code_host = code_host
        self._worker = worker
        self._policy = policy
        self._metrics = metrics
        self._clock = clock

    @property
    def dry_run(self) -> bool:
        return self._tracker.dry_run

    def report(self, report: dict[str, Any]) -> ReportOutcome:
        """Records one sighting of a problem; `report["fingerprint"]` is non-empty (checked upstream)."""
        report = normalize_report(report)
        fingerprint = report["fingerprint"]
        now = self._clock()
        report_json = json.dumps(report, sort_keys=True)
        with self._store.transaction() as tx:
            ticket = tx.insert_ticket(
                fingerprint,
                status="pending",
                dry_run=self._tracker.dry_run,
                summary=ticket_summary(report),
                report_json=report_json,
                now=now,
            )
            if ticket is not None:
                tx.add_event(ticket.id, "reported", _incident_note(report, "first report"), now)
                tx.enqueue(ticket.id, "create", {}, now=now, due=now)
                decision = "created"
            else:
                ticket = tx.bump_occurrences(fingerprint, report_json, now)
                assert ticket is not None, "a fingerprint row cannot vanish inside its transaction"
                decision = self._repeat(tx, ticket, report, now)
        # Try right away so the caller usually gets the key; if the tracker is down the op stays queued.
        self._worker.drain_ticket(ticket.id)
        view = self._view(ticket.id)
        return ReportOutcome(view, _report_action(decision, view.ticket))

    def _repeat(self, tx: LedgerTx, ticket: TicketRecord, report: dict[str, Any], now: float) -> str:
        if ticket.dry_run and not self._tracker.dry_run:
            # Recorded while Jira was not configured; now that it is, file the real ticket.
            tx.update_ticket(
                ticket.id,
                now,
                dry_run=False,
                status="pending",
                key=None,
                url=None,
                assignee_reason=None,
                error=None,
            )
            tx.add_event(
                ticket.id, "filing_for_real", f"dry-run ticket {ticket.key} is now filed in Jira", now
            )
            tx.enqueue(ticket.id, "create", {}, now=now, due=now)
            return "created"
        if ticket.status in OPEN_STATES:
            tx.add_event(
                ticket.id, "seen_again", _incident_note(report, f"{ticket.occurrences} occurrences"), now
            )
            # Replicas delivering the same alert at once should produce one comment, not three.
            if tx.pending_op(ticket.id, "seen_again") is None:
                tx.enqueue(ticket.id, "seen_again", {}, now=now, due=now)
            return "updated"
        if ticket.status == "failed":
            tx.update_ticket(ticket.id, now, status="pending", error=None)
            tx.add_event(ticket.id, "retry_create", "reported again after a failed create", now)
            tx.enqueue(ticket.id, "create", {}, now=now, due=now)
            return "created"
        fix = ticket.fixed_by_pr_url or "an earlier fix"
        tx.add_event(ticket.id, "regression", f"seen again after {ticket.key} was closed by {fix}", now)
        if self._policy.regression_mode == "new_ticket" and ticket.key is not None:
            previous = ",".join(filter(None, [*ticket.previous_keys.split(","), ticket.key]))
            tx.update_ticket(
                ticket.id,
                now,
                status="pending",
                key=None,
                url=None,
                regression_of=ticket.key,
                previous_keys=previous,
                create_attempts=0,
                assignee=None,
                assignee_reason=None,
                linked_pr_url=None,
                linked_pr_number=None,
            )
            payload = {"regression_of": ticket.key, "fixed_by": ticket.fixed_by_pr_url}
            if ticket.url:
                payload["regression_of_url"] = ticket.url
            tx.enqueue(ticket.id, "create", payload, now=now, due=now)
            return "regression_created"
        tx.update_ticket(ticket.id, now, status="open")
        tx.enqueue(ticket.id, "reopen", {}, now=now, due=now)
        return "reopened"

    def handle_pull_request_event(
        self, delivery_id: str, event_name: str, payload: bytes
    ) -> PullRequestOutcome:
        try:
            pull = parse_pull_request_event(event_name, payload)
        except IgnoredEvent as ignored:
            logger.info("GitHub event ignored", extra={"delivery_id": delivery_id, "reason": str(ignored)})
            self._metrics.github_events.labels(action="ignored").inc()
            return PullRequestOutcome(False, str(ignored), [], "none")
        with self._store.transaction() as tx:
            if delivery_id and not tx.record_delivery(f"delivery:{delivery_id}"):
                outcome = PullRequestOutcome(False, f"delivery {delivery_id} was already handled", [], "none")
            else:
                outcome = self._apply_pull_request(tx, pull)
        self._after_pull_request(outcome)
        return outcome

    def poll_pull_requests(self) -> int:
        """The fallback for missed webhooks: acts on recently closed PRs; returns how many acted."""
        if self._code_host is None:
            return 0
        started = datetime.now(UTC)
        with self._store.transaction() as tx:
            cursor = tx.get_state(POLL_CURSOR)
        since = datetime.fromisoformat(cursor) - POLL_OVERLAP if cursor else None
        try:
            pulls = self._code_host.closed_pulls(since, MAX_PULLS_PER_POLL)
        except CodeHostError as error:
            logger.warning("polling GitHub failed", extra={"reason": error.reason})
            self._metrics.github_events.labels(action="poll_failed").inc()
            return 0
        acted = 0
        for pull in pulls:
            with self._store.transaction() as tx:
                outcome = self._apply_pull_request(tx, pull)
            if outcome.handled:
                acted += 1
                self._after_pull_request(outcome)
        with self._store.transaction() as tx:
            tx.set_state(POLL_CURSOR, started.isoformat())
        self._metrics.github_events.labels(action="polled").inc()
        return acted

    def _apply_pull_request(self, tx: LedgerTx, pull: PullRequestInfo) -> PullRequestOutcome:
        keys = pull.mentioned_keys()
        tickets = {t.id: t for t in tx.tickets_by_keys(keys)}
        if pull.html_url:
            tickets.update({t.id: t for t in tx.tickets_linked_to_pr(pull.html_url)})
        if not tickets:
            reason = "no ticket known to the ledger is mentioned in or linked to the pull request"
            return PullRequestOutcome(False, reason, [], "none")
        known = sorted(tickets.values(), key=lambda t: t.id)
        now = self._clock()
        if pull.action in LINKING_ACTIONS:
            return self._link_pull_request(tx, pull, known, now)
        if pull.action != "closed":
            return PullRequestOutcome(False, f"action {pull.action!r} is not acted on", [], "none")
        if not tx.record_delivery(pull.outcome_key):
            return PullRequestOutcome(False, f"PR #{pull.number} close was already handled", [], "none")
        affected = [t for t in known if t.status in OPEN_STATES]
        if not affected:
            return PullRequestOutcome(
                False, "the mentioned tickets are not open", [t.key or "" for t in known], "none"
            )
        for ticket in affected:
            if pull.merged:
                self._queue_close(tx, ticket, pull, now)
            else:
                body = (
                    f"Pull request #{pull.number} ({pull.html_url}) was closed without merging;"
                    " the ticket stays open."
                )
                tx.add_event(ticket.id, "pr_closed_unmerged", pull.html_url, now)
                tx.enqueue(ticket.id, "comment", {"body": body}, now=now, due=now)
        action = "closed" if pull.merged else "commented"
        return PullRequestOutcome(
            True, f"PR #{pull.number} {action}", [t.key or "" for t in affected], action
        )

    def _queue_close(self, tx: LedgerTx, ticket: TicketRecord, pull: PullRequestInfo, now: float) -> None:
        tx.update_ticket(
            ticket.id,
            now,
            fixed_by_pr_url=pull.html_url,
            fixed_by_merge_sha=pull.merge_commit_sha,
            linked_pr_url=pull.html_url,
            linked_pr_number=pull.number,
        )
        tx.add_event(
            ticket.id, "merged", f"{pull.html_url} merged as {pull.merge_commit_sha or 'unknown'}", now
        )
        # Held until the incident has been quiet for the verification window (0 = close right away).
        due = max(now, ticket.last_seen_at + self._policy.verify_quiet_seconds)
        payload = {"pr_url": pull.html_url, "merge_sha": pull.merge_commit_sha, "pr_number": pull.number}
        tx.enqueue(ticket.id, "close", payload, now=now, due=due)

    def _link_pull_request(
        self, tx: LedgerTx, pull: PullRequestInfo, tickets: list[TicketRecord], now: float
    ) -> PullRequestOutcome:
        linked = []
        for ticket in tickets:
            if ticket.linked_pr_url == pull.html_url or ticket.status not in OPEN_STATES:
                continue
            tx.update_ticket(ticket.id, now, linked_pr_url=pull.html_url, linked_pr_number=pull.number)
            tx.add_event(ticket.id, "pr_linked", pull.html_url, now)
            title = f"PR #{pull.number}: {pull.title}"[:255]
            tx.enqueue(ticket.id, "link", {"url": pull.html_url, "title": title}, now=now, due=now)
            linked.append(ticket.key or "")
        if not linked:
            return PullRequestOutcome(False, "pull request already linked", [], "none")
        return PullRequestOutcome(True, f"PR #{pull.number} linked", linked, "linked")

    def _after_pull_request(self, outcome: PullRequestOutcome) -> None:
        self._metrics.github_events.labels(action=outcome.action if outcome.handled else "ignored").inc()
        for key in outcome.ticket_keys:
            ticket = self._store.ticket_by_key(key) if key else None
            if ticket is not None:
                self._worker.drain_ticket(ticket.id)

    def get_ticket(self, *, key: str | None = None, fingerprint: str | None = None) -> TicketView | None:
        ticket = (
            self._store.ticket_by_key(key) if key else self._store.ticket_by_fingerprint(fingerprint or "")
        )
        return None if ticket is None else TicketView(ticket, self._store.events(ticket.id))

    def list_tickets(self, status: str | None, after_id: int, limit: int) -> list[TicketView]:
        return [
            TicketView(t, self._store.events(t.id)) for t in self._store.list_tickets(status, after_id, limit)
        ]

    def stats(self) -> Stats:
        failed = self._store.failed_op_count()
        return Stats(
            self._store.counts_by_status(), self._store.outbox_depth(), failed, self._tracker.dry_run
        )

    def _view(self, ticket_id: int) -> TicketView:
        ticket = self._store.ticket(ticket_id)
        assert ticket is not None
        return TicketView(ticket, self._store.events(ticket_id))


def _report_action(decision: str, ticket: TicketRecord) -> str:
    if ticket.status == "failed":
        return "failed"
    if decision in ("created", "regression_created") and ticket.key is None:
        return "queued"
    return decision


def _incident_note(report: dict[str, Any], text: str) -> str:
    incident = report.get("incident_id")
    return f"{text} (incident {incident})" if incident else text
