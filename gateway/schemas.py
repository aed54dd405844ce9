"""HTTP request and response bodies (msgspec Structs: validated on the way in, documented in OpenAPI)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

Logs = Annotated[
    list[str] | str,
    msgspec.Meta(
        description="Log lines, as a list or as one string with newlines", examples=[["ERROR db down"]]
    ),
]


class LogsRequest(msgspec.Struct, forbid_unknown_fields=False):
    logs: Logs
    service: str = ""
    source: str = ""


class PredictRequest(LogsRequest, forbid_unknown_fields=False):
    top_k: int = 3


class SearchFiltersBody(msgspec.Struct, forbid_unknown_fields=False):
    services: list[str] = []
    root_causes: list[str] = []
    kind: Literal["incident", "runbook", ""] = ""
    occurred_after: datetime | None = None
    occurred_before: datetime | None = None


class SearchRequest(msgspec.Struct, forbid_unknown_fields=False):
    query: str
    top_k: int = 5
    filters: SearchFiltersBody | None = None


class RecommendRequest(msgspec.Struct, forbid_unknown_fields=False):
    root_cause: str
    confidence: float = 0.0
    service: str = ""
    logs: Logs = []
    top_k: int = 3


class FeedbackRequest(msgspec.Struct, forbid_unknown_fields=False):
    root_cause: Annotated[str, msgspec.Meta(description="The confirmed (or corrected) root cause label")]
    prediction_id: str = ""
    recommendation_id: str = ""
    action_id: str = ""
    action_succeeded: bool = True
    service: str = ""
    logs: Logs = []
    title: str = ""
    resolution: str = ""
    links: list[str] = []


class Anomaly(msgspec.Struct):
    line_index: int
    text: str
    score: float
    template: str
    reasons: list[str]
    severity: str


class Evidence(msgspec.Struct):
    kind: str
    text: str
    weight: float
    line_index: int | None = None


class RootCauseCandidate(msgspec.Struct):
    label: str
    probability: float
    code_related: bool
    evidence: list[Evidence]


class RootCause(msgspec.Struct):
    label: str | None
    confidence: float
    novel: bool
    code_related: bool
    evidence: list[Evidence]
    candidates: list[RootCauseCandidate]
    prediction_id: str
    model_version: str
    novel_reason: str = ""


class SimilarIncident(msgspec.Struct):
    id: str
    kind: str
    title: str
    summary: str
    resolution: str
    score: float
    root_cause: str
    service: str
    section: str
    links: list[str]


class RecommendedAction(msgspec.Struct):
    id: str
    title: str
    steps: list[str]
    risk_tier: str
    requires_approval: bool
    probability: float
    rationale: str
    historical_success_rate: float
    historical_outcomes: int


class Ticket(msgspec.Struct):
    status: str
    key: str = ""
    url: str = ""
    assignee: str = ""
    assignee_reason: str = ""
    action: str = ""
    dry_run: bool = False
    occurrences: int = 0


class Degradation(msgspec.Struct):
    stage: str
    reason: str


class IncidentAnalysis(msgspec.Struct):
    anomalies: list[Anomaly]
    root_cause: RootCause | None
    similar_incidents: list[SimilarIncident]
    recommended_actions: list[RecommendedAction]
    ticket: Ticket | None
    confidence: float | None
    degraded: list[Degradation]
    timings: dict[str, float]
    notes: list[str]
    request_id: str
