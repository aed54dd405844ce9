"""What goes into a Jira ticket and its comments, cut to Jira's field limits.

Jira rejects a summary above 255 characters and a text field above 32,767; an oversized log excerpt
is truncated here (with a note saying how much was cut) rather than failing the whole ticket.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from services.incident_integrator.config import TicketPolicy

SUMMARY_LIMIT = 255
TEXT_FIELD_LIMIT = 32_767
ROOT_CAUSE_LIMIT = 4_000
MAX_SUSPECT_FILES = 20
MAX_ACTIONS = 20
ACTION_LIMIT = 500
SUSPECT_PATH_LIMIT = 300
LABEL_PREFIX = "incidentmesh-"


@dataclass(frozen=True)
class TicketDraft:
    project: str
    issue_type: str
    summary: str
    description: str
    labels: tuple[str, ...]
    fingerprint_label: str
    priority: str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    # Unique per create request (the outbox op id): lets the dry-run tracker mint stable keys.
    request_id: int = 0


def fingerprint_label(fingerprint: str) -> str:
    """The Jira label carrying the fingerprint: hashed, because labels allow no spaces and 255 chars."""
    return LABEL_PREFIX + hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:32]


def build_draft(
    report: dict[str, Any],
    policy: TicketPolicy,
    *,
    owner_reason: str | None,
    regression_of: str | None = None,
    fixed_by: str | None = None,
    request_id: int = 0,
) -> TicketDraft:
    label = fingerprint_label(report["fingerprint"])
    severity = str(report.get("severity") or "").lower()
    return TicketDraft(
        project=policy.project,
        issue_type=policy.issue_type,
        summary=ticket_summary(report, regression_of),
        description=ticket_description(report, policy, owner_reason, regression_of, fixed_by),
        labels=(*policy.labels, label),
        fingerprint_label=label,
        priority=policy.priority_map.get(severity),
        custom_fields=dict(policy.custom_fields),
        request_id=request_id,
    )


def ticket_summary(report: dict[str, Any], regression_of: str | None = None) -> str:
    title = " ".join(str(report.get("title") or "").split())
    if not title:
        root = " ".join(str(report.get("root_cause") or "").split())
        title = root or f"Incident {report['fingerprint']}"
    service = str(report.get("service") or "").strip()
    text = f"[{service}] {title}" if service else title
    if regression_of:
        text = f"Regression of {regression_of}: {text}"
    return truncate(text, SUMMARY_LIMIT)


def ticket_description(
    report: dict[str, Any],
    policy: TicketPolicy,
    owner_reason: str | None,
    regression_of: str | None,
    fixed_by: str | None,
) -> str:
    head: list[str] = []
    if regression_of:
        fix = f" after the fix in {fixed_by}" if fixed_by else ""
        head.append(f"*This problem came back{fix}; previous ticket: {regression_of}.*")
    facts = [
        f"*{name}:* {_inline(value)}"
        for name, value in (
            ("Service", report.get("service")),
            ("Severity", report.get("severity")),
            ("Incident", report.get("incident_id")),
        )
        if value
    ]
    if facts:
        head.append(" | ".join(facts))
    root_cause = str(report.get("root_cause") or "").strip()
    if root_cause:
        confidence = float(report.get("confidence") or 0.0)
        head += ["h3. Root cause", f"{truncate(root_cause, ROOT_CAUSE_LIMIT)} (confidence {confidence:.0%})"]
    tail: list[str] = []
    suspects = report.get("suspect_files") or []
    if suspects:
        tail.append("h3. Suspect files")
        tail += [f"* {_suspect(item)}" for item in suspects[:MAX_SUSPECT_FILES]]
        if len(suspects) > MAX_SUSPECT_FILES:
            tail.append(f"* ... and {len(suspects) - MAX_SUSPECT_FILES} more")
    actions = [str(a).strip() for a in report.get("recommended_actions") or [] if str(a).strip()]
    if actions:
        tail.append("h3. Recommended actions")
        tail += [f"# {truncate(_inline(a), ACTION_LIMIT)}" for a in actions[:MAX_ACTIONS]]
    links = _links(report, policy)
    if links:
        tail += ["h3. Links", *links]
    tail.append("----")
    if owner_reason:
        tail.append(f"Assigned because: {_inline(owner_reason)}")
    tail.append(f"Filed by Incident Mesh. Fingerprint label: {fingerprint_label(report['fingerprint'])}")
    fixed = "\n".join(head + tail)
    excerpt = str(report.get("logs_excerpt") or "")
    if not excerpt.strip():
        return truncate(fixed, TEXT_FIELD_LIMIT)
    wrapper = ("h3. Anomalous log excerpt", "{noformat}", "{noformat}")
    budget = TEXT_FIELD_LIMIT - len(fixed) - sum(len(w) + 1 for w in wrapper) - 1
    # A literal {noformat} inside the logs would end the block early and let Jira render the rest.
    safe = excerpt.replace("{noformat}", "{ noformat}")
    body = truncate_excerpt(safe, max(budget, 0))
    # Every other part is bounded too, but their worst case together can still crowd the limit.
    return truncate("\n".join([*head, wrapper[0], wrapper[1], body, wrapper[2], *tail]), TEXT_FIELD_LIMIT)


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def truncate_excerpt(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    note_template = "\n[... truncated {} characters to fit Jira's field limit]"
    keep = max(limit - len(note_template.format(len(text))), 0)
    return text[:keep] + note_template.format(len(text) - keep)


def seen_again_comment(occurrences: int, report: dict[str, Any]) -> str:
    text = f"Seen again, {occurrences} occurrences in total."
    incident = report.get("incident_id")
    if incident:
        text += f" Latest incident: {_inline(incident)}."
    return text


def _suspect(item: dict[str, Any]) -> str:
    text = "{{" + _inline(item.get("path", ""))[:SUSPECT_PATH_LIMIT] + "}}"
    if item.get("line"):
        text += f" line {int(item['line'])}"
    if item.get("function"):
        text += f" in {_inline(item['function'])}"
    return text


def _links(report: dict[str, Any], policy: TicketPolicy) -> list[str]:
    url = str(report.get("dashboard_url") or "").strip()
    if not url and policy.dashboard_url:
        url = policy.dashboard_url.rstrip("/")
        if report.get("incident_id"):
            url += f"/incidents/{report['incident_id']}"
    return [f"[Incident Mesh dashboard|{url}]"] if url else []


def _inline(value: Any) -> str:
    return " ".join(str(value).split())[:1000]


MAX_REPORTED_FILES = 50
MAX_REPORTED_ACTIONS = 50
SHORT_TEXT_LIMIT = 1_000


def normalize_report(report: dict[str, Any]) -> dict[str, Any]:
    """Bounds what the ledger stores per report: nothing longer than Jira could take anyway."""
    files = [
        {
            "path": truncate(str(item.get("path", "")), SHORT_TEXT_LIMIT),
            "line": int(item.get("line") or 0),
            "function": truncate(str(item.get("function", "")), SHORT_TEXT_LIMIT),
        }
        for item in (report.get("suspect_files") or [])[:MAX_REPORTED_FILES]
    ]
    actions = [truncate(str(a), ACTION_LIMIT) for a in (report.get("recommended_actions") or [])]
    return {
        "fingerprint": str(report["fingerprint"]),
        "title": truncate(str(report.get("title") or ""), SHORT_TEXT_LIMIT),
        "root_cause": truncate(str(report.get("root_cause") or ""), ROOT_CAUSE_LIMIT),
        "confidence": float(report.get("confidence") or 0.0),
        "logs_excerpt": truncate_excerpt(str(report.get("logs_excerpt") or ""), TEXT_FIELD_LIMIT),
        "suspect_files": files,
        "service": truncate(str(report.get("service") or ""), SHORT_TEXT_LIMIT),
        "recommended_actions": actions[:MAX_REPORTED_ACTIONS],
        "severity": truncate(str(report.get("severity") or ""), 64),
        "incident_id": truncate(str(report.get("incident_id") or ""), 255),
        "dashboard_url": truncate(str(report.get("dashboard_url") or ""), 2_048),
    }
