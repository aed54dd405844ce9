"""GitHub pull requests as the integrator sees them, from a webhook payload or a poll."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# Jira keys: a project key (upper case letter, then letters/digits/underscore) and an issue number.
TICKET_KEY = re.compile(r"(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9})(?![A-Za-z0-9])")
MAX_TEXT_SCANNED = 65_536


class IgnoredEvent(Exception):
    """The delivery is not something the integrator acts on; the message says why."""


@dataclass(frozen=True)
class PullRequestInfo:
    number: int
    action: str
    title: str
    body: str
    head_ref: str
    html_url: str
    merged: bool
    merge_commit_sha: str | None
    repository: str
    closed_at: str | None

    @property
    def outcome_key(self) -> str:
        """Identifies one close of one PR, so a webhook and the poller never both act on it."""
        state = "merged" if self.merged else "closed"
        return f"pr:{self.repository}#{self.number}:{state}:{self.closed_at or ''}"

    def mentioned_keys(self) -> list[str]:
        found: list[str] = []
        # Branch names are often lower case ("ops-12-fix"); titles and bodies keep Jira's case.
        for text in (self.title, self.head_ref.upper(), self.body):
            for key in TICKET_KEY.findall(text[:MAX_TEXT_SCANNED]):
                if key not in found:
                    found.append(key)
        return found


def parse_pull_request_event(event_name: str, payload: bytes) -> PullRequestInfo:
    if event_name != "pull_request":
        raise IgnoredEvent(f"event {event_name or '(none)'!r} is not a pull_request event")
    try:
        document = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IgnoredEvent(f"payload is not valid JSON ({type(error).__name__})") from None
    if not isinstance(document, dict):
        raise IgnoredEvent("payload is not a JSON object")
    pull = document.get("pull_request")
    action = document.get("action")
    if not isinstance(pull, dict) or not isinstance(action, str):
        raise IgnoredEvent("payload lacks pull_request or action")
    number = pull.get("number", document.get("number"))
    if not isinstance(number, int) or isinstance(number, bool):
        raise IgnoredEvent("pull_request.number is missing or not an integer")
    repository = document.get("repository")
    repo_name = repository.get("full_name") if isinstance(repository, dict) else None
    head = pull.get("head") if isinstance(pull.get("head"), dict) else {}
    return PullRequestInfo(
        number=number,
        action=action,
        title=_text(pull.get("title")),
        body=_text(pull.get("body")),
        head_ref=_text(head.get("ref")),
        html_url=_text(pull.get("html_url")) or _text(pull.get("url")),
        merged=pull.get("merged") is True,
        merge_commit_sha=_text(pull.get("merge_commit_sha")) or None,
        repository=_text(repo_name),
        closed_at=_text(pull.get("closed_at")) or None,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
