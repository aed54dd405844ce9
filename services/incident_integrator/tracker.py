"""The ticket tracker port: a Jira adapter (real `jira` client) and a dry-run recorder.

Adapters raise `TrackerError` only. `transient` errors (429, 5xx, connection trouble) are retried
by the outbox; the rest are permanent and recorded with their reason. `ambiguous` marks failures
after which the request may still have taken effect (a timeout on create), so the caller must
reconcile by fingerprint label before trying again.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from jira import JIRA, JIRAError

from services.incident_integrator.config import JiraSettings
from services.incident_integrator.content import TicketDraft

logger = logging.getLogger("incidentmesh.integrator.tracker")

REASON_LIMIT = 500
# Atlassian account ids: 24 hex digits (older accounts) or "<number>:<uuid>".
CLOUD_ACCOUNT_ID = re.compile(r"^(?:[0-9a-f]{24}|\d+:[0-9a-f-]{36})$")


@dataclass(frozen=True)
class TrackedTicket:
    key: str
    url: str | None
    # In a done status category (closed/resolved) at the time it was looked up.
    done: bool = False


class TrackerError(Exception):
    def __init__(
        self,
        status: str,
        reason: str,
        *,
        transient: bool,
        ambiguous: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.transient = transient
        self.ambiguous = ambiguous
        self.retry_after = retry_after


class TicketTracker(Protocol):
    dry_run: bool

    def create(self, draft: TicketDraft) -> TrackedTicket: ...

    def find_by_label(self, project: str, label: str) -> list[TrackedTicket]:
        """Tickets carrying the fingerprint label, oldest first."""
        ...

    def comment(self, key: str, body: str) -> None: ...

    def assign(self, key: str, user: str) -> None: ...

    def close(self, key: str, transition: str, comment: str) -> bool:
        """Moves to the done state with a comment; False if it was already done (comment only)."""
        ...

    def reopen(self, key: str, transition: str, comment: str) -> bool:
        """Reopens with a comment; False if it was not done (comment only)."""
        ...

    def link(self, key: str, url: str, title: str) -> None: ...


class JiraTracker:
    """Jira Server/Data Center or Cloud through pycontribs/jira; the client picks the search
    endpoint and the assignee payload (name vs accountId) from the server's deployment type."""

    dry_run = False

    def __init__(self, settings: JiraSettings, secrets: Sequence[str] = ()) -> None:
        self._settings = settings
        self._secrets = tuple(s for s in secrets if s)
        self._client: JIRA | None = None
        # One requests.Session underneath; the outbox worker and request threads take turns.
        self._lock = threading.RLock()

    def _jira(self) -> JIRA:
        with self._lock:
            if self._client is None:
                self._client = self._call(self._connect)
            return self._client

    def _connect(self) -> JIRA:
        settings = self._settings
        auth: dict[str, Any] = {}
        if settings.token is not None and settings.user is not None:
            auth["basic_auth"] = (settings.user, settings.token.reveal())
        elif settings.token is not None:
            auth["token_auth"] = settings.token.reveal()
        # max_retries=0: retrying belongs to the durable outbox, not to a blocked worker thread.
        client = JIRA(server=settings.url, max_retries=0, timeout=settings.timeout_seconds, **auth)
        detected = "cloud" if client._is_cloud else "server"
        if detected != settings.flavor:
            logger.warning(
                "Jira flavor differs from the server's deployment type; following the server",
                extra={"configured": settings.flavor, "detected": detected},
            )
        return client

    def browse_url(self, key: str) -> str:
        return f"{self._settings.url}/browse/{key}"

    def create(self, draft: TicketDraft) -> TrackedTicket:
        fields: dict[str, Any] = {
            **draft.custom_fields,
            "project": {"key": draft.project},
            "issuetype": {"name": draft.issue_type},
            "summary": draft.summary,
            "description": draft.description,
            "labels": list(draft.labels),
        }
        if draft.priority:
            fields["priority"] = {"name": draft.priority}
        jira = self._jira()
        issue = self._call(lambda: jira.create_issue(fields=fields, prefetch=False), mutating=True)
        return TrackedTicket(issue.key, self.browse_url(issue.key))

    def find_by_label(self, project: str, label: str) -> list[TrackedTicket]:
        jql = f'project = "{_jql_quote(project)}" AND labels = "{_jql_quote(label)}" ORDER BY created ASC'
        jira = self._jira()
        issues = self._call(lambda: jira.search_issues(jql, maxResults=20, fields="status,labels"))
        return [TrackedTicket(issue.key, self.browse_url(issue.key), _is_done(issue)) for issue in issues]

    def comment(self, key: str, body: str) -> None:
        jira = self._jira()
        self._call(lambda: jira.add_comment(key, body))

    def assign(self, key: str, user: str) -> None:
        jira = self._jira()
        if jira._is_cloud and CLOUD_ACCOUNT_ID.match(user):
            # Cloud's user search matches names and emails, not account ids; set the field directly.
            issue = self._call(lambda: jira.issue(key, fields="assignee"))
            self._call(lambda: issue.update(fields={"assignee": {"accountId": user}}))
            return
        # Server/DC: a username; Cloud: an email or name the client resolves to an account id.
        self._call(lambda: jira.assign_issue(key, user))

    def close(self, key: str, transition: str, comment: str) -> bool:
        return self._move(key, transition, comment, want_done=True)

    def reopen(self, key: str, transition: str, comment: str) -> bool:
        return self._move(key, transition, comment, want_done=False)

    def link(self, key: str, url: str, title: str) -> None:
        jira = self._jira()
        self._call(lambda: jira.add_simple_link(key, {"url": url, "title": title}))

    def _move(self, key: str, transition: str, comment: str, *, want_done: bool) -> bool:
        jira = self._jira()
        issue = self._call(lambda: jira.issue(key, fields="status"))
        if _is_done(issue) == want_done:
            # Someone already moved it by hand; say what happened without fighting the workflow.
            self.comment(key, comment)
            return False
        self._call(lambda: jira.transition_issue(key, transition, comment=comment))
        return True

    def _call(self, action, *, mutating: bool = False):
        try:
            with self._lock:
                return action()
        except JIRAError as error:
            raise self._translate(error, mutating) from None
        except (requests.Timeout, requests.ConnectionError) as error:
            # The request may have reached Jira; a create must be reconciled before a retry.
            raise TrackerError(
                "connection", self._scrub(type(error).__name__), transient=True, ambiguous=mutating
            ) from None
        except requests.RequestException as error:
            raise TrackerError("request", self._scrub(type(error).__name__), transient=True) from None

    def _translate(self, error: JIRAError, mutating: bool) -> TrackerError:
        # Never str(error): JIRAError.__str__ dumps the request headers, Authorization included.
        status = error.status_code
        text = self._scrub(str(error.text or "").strip() or "no error text")
        if mutating and (status is None or 200 <= status < 300):
            # The server said yes but the answer was unusable: the create may exist; reconcile and retry.
            reason = f"Jira answered {status or 'without a status'} with an unusable body"
            return TrackerError("bad_response", reason, transient=True, ambiguous=True)
        if status is None:
            return TrackerError("client", f"Jira: {text}", transient=False)
        retry_after = None
        if error.response is not None:
            retry_after = _seconds(error.response.headers.get("Retry-After"))
        transient = status == 429 or status >= 500
        return TrackerError(
            str(status),
            f"Jira HTTP {status}: {text}",
            transient=transient,
            ambiguous=mutating and status >= 500,
            retry_after=retry_after,
        )

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "********")
        return text[:REASON_LIMIT]


class DryRunTracker:
    """Files nothing: keys are minted from the outbox request id, so a replay after a restart
    yields the same key, and the ledger records exactly what would have been done."""

    dry_run = True

    def __init__(self) -> None:
        self._by_label: dict[str, list[TrackedTicket]] = {}
        self._lock = threading.Lock()

    def create(self, draft: TicketDraft) -> TrackedTicket:
        ticket = TrackedTicket(f"{draft.project}-{draft.request_id}", None)
        with self._lock:
            self._by_label.setdefault(draft.fingerprint_label, []).append(ticket)
        return ticket

    def find_by_label(self, project: str, label: str) -> list[TrackedTicket]:
        with self._lock:
            return list(self._by_label.get(label, []))

    def comment(self, key: str, body: str) -> None:
        return None

    def assign(self, key: str, user: str) -> None:
        return None

    def close(self, key: str, transition: str, comment: str) -> bool:
        return self._set_done(key, True)

    def reopen(self, key: str, transition: str, comment: str) -> bool:
        return self._set_done(key, False)

    def _set_done(self, key: str, done: bool) -> bool:
        with self._lock:
            for tickets in self._by_label.values():
                for index, ticket in enumerate(tickets):
                    if ticket.key == key:
                        tickets[index] = TrackedTicket(key, ticket.url, done)
                        return ticket.done != done
        return True

    def link(self, key: str, url: str, title: str) -> None:
        return None


def _is_done(issue: Any) -> bool:
    status = getattr(getattr(issue, "fields", None), "status", None)
    return getattr(getattr(status, "statusCategory", None), "key", "") == "done"


def _jql_quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None
