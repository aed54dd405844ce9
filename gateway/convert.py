"""Proto replies -> HTTP response Structs. Enum names lose their prefixes for readable JSON."""

from __future__ import annotations

from gateway import schemas
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2


def _enum_name(enum_type, value: int, prefix: str) -> str:
    return enum_type.Name(value).removeprefix(prefix).lower()


def anomaly(message: analyzer_pb2.Anomaly) -> schemas.Anomaly:
    return schemas.Anomaly(
        line_index=message.line_index,
        text=message.text,
        score=round(message.score, 4),
        template=message.template,
        reasons=list(message.reasons),
        severity=_enum_name(analyzer_pb2.Severity, message.severity, "SEVERITY_"),
    )


def evidence(message: rootcause_pb2.Evidence) -> schemas.Evidence:
    kind = _enum_name(rootcause_pb2.EvidenceKind, message.kind, "EVIDENCE_KIND_")
    return schemas.Evidence(
        kind=kind,
        text=message.text,
        weight=round(message.weight, 4),
        line_index=message.line_index if kind == "line" else None,
    )


def root_cause(message: rootcause_pb2.PredictRootCauseResponse) -> schemas.RootCause:
    candidates = [
        schemas.RootCauseCandidate(
            label=c.label,
            probability=round(c.probability, 4),
            code_related=c.code_related,
            evidence=[evidence(e) for e in c.evidence],
        )
        for c in message.candidates
    ]
    top = candidates[0] if candidates else None
    return schemas.RootCause(
        label=None if message.novel or top is None else top.label,
        confidence=top.probability if top else 0.0,
        novel=message.novel,
        novel_reason=message.novel_reason,
        code_related=message.code_related,
        evidence=top.evidence if top else [],
        candidates=candidates,
        prediction_id=message.prediction_id,
        model_version=message.model_version,
    )


def search_hit(message: kb_pb2.SearchHit) -> schemas.SimilarIncident:
    return schemas.SimilarIncident(
        id=message.document_id,
        kind=_enum_name(kb_pb2.DocumentKind, message.kind, "DOCUMENT_KIND_"),
        title=message.title,
        summary=message.summary,
        resolution=message.resolution,
        score=round(message.score, 4),
        root_cause=message.root_cause,
        service=message.service,
        section=message.section,
        links=list(message.links),
    )


def recommended_action(message: actions_pb2.RecommendedAction) -> schemas.RecommendedAction:
    action = message.action
    return schemas.RecommendedAction(
        id=action.id,
        title=action.title,
        steps=list(action.steps),
        risk_tier=_enum_name(actions_pb2.RiskTier, action.risk_tier, "RISK_TIER_"),
        requires_approval=action.requires_approval,
        probability=round(message.probability, 4),
        rationale=message.rationale,
        historical_success_rate=round(message.historical_success_rate, 4),
        historical_outcomes=message.historical_outcomes,
    )


def ticket(message: integrator_pb2.ReportIncidentResponse) -> schemas.Ticket:
    t = message.ticket
    return schemas.Ticket(
        status=t.status or "recorded",
        key=t.key,
        url=t.url,
        assignee=t.assignee,
        assignee_reason=t.assignee_reason,
        action=_enum_name(integrator_pb2.TicketAction, message.action, "TICKET_ACTION_"),
        dry_run=t.dry_run,
        occurrences=t.occurrences,
    )
