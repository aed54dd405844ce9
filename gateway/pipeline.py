"""The full incident pipeline: parallel stages with deadlines, one answer even when stages fail.

log analysis ─┐
root cause ───┼─> recommendation (needs the root cause) ─> ticket (code-related only)
KB search ────┘
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import grpc

from gateway import convert, schemas
from gateway.clients import Backends, log_lines
from gateway.errors import BackendError
from gateway.metrics import GatewayMetrics
from gateway.runtime_config import RuntimeConfig
from gateway.stages import call_stage
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2

logger = logging.getLogger("incidentmesh.gateway.pipeline")
T = TypeVar("T")

_ERROR_HINT = re.compile(
    r"(?i)\b(error|exception|fatal|panic|fail(ed|ure)?|refused|timed? ?out|denied|killed|oom\w*|unable|"
    r"cannot|crash\w*|unavailable|critical|reset|exceeded|invalid|expired)\b"
)
_CALLER_MISTAKES = (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.OUT_OF_RANGE)
# The stages that can each say something useful on their own.
_ESSENTIAL = ("log_analyzer", "root_cause", "knowledge_base")


class PipelineRejected(Exception):
    """Nothing useful can be said: every essential stage failed."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


def knowledge_query(lines: list[str], max_lines: int = 12, max_chars: int = 2000) -> str:
    """The lines most likely to describe the failure: error-looking ones, else the most recent."""
    errors = [line for line in lines if _ERROR_HINT.search(line)]
    chosen = errors[:max_lines] if errors else lines[-max_lines:]
    return "\n".join(chosen)[:max_chars]


def fingerprint(service: str, label: str, anchor: str) -> str:
    """Identity of a problem for ticket dedup: same service, same cause, same failing place."""
    return hashlib.sha256(f"{service}|{label}|{anchor}".encode()).hexdigest()[:24]


def overall_confidence(
    root_cause: schemas.RootCause | None,
    similar: list[schemas.SimilarIncident],
    actions: list[schemas.RecommendedAction],
) -> float | None:
    """confidence = p * (0.7 + 0.2·s + 0.1·h)   (see README, "Overall confidence")

    p: the predictor's calibrated probability for its top root cause (0 when it abstained);
    s: the best similarity among past incidents with that same root cause (0 when none);
    h: the recorded success rate of the top recommended action (0.5 without history).
    Corroboration can only confirm the predictor, never exceed it: confidence ≤ p.
    """
    if root_cause is None:
        return None
    p = 0.0 if root_cause.novel else root_cause.confidence
    matching = [hit.score for hit in similar if hit.root_cause and hit.root_cause == root_cause.label]
    s = min(max(max(matching, default=0.0), 0.0), 1.0)
    h = 0.5
    if actions and actions[0].historical_outcomes > 0:
        h = actions[0].historical_success_rate
    return round(p * (0.7 + 0.2 * s + 0.1 * h), 4)


def _reason(error: BackendError) -> str:
    if error.code in _CALLER_MISTAKES:
        return f"{error.code.name}: {error.message}"
    return error.code.name


class Pipeline:
    def __init__(self, backends: Backends, metrics: GatewayMetrics) -> None:
        self._backends = backends
        self._metrics = metrics
        # Ticket reports that outlive their answer; kept referenced until they finish.
        self._background: set[asyncio.Task] = set()

    async def run(
        self, lines: list[str], service: str, config: RuntimeConfig, request_id: str
    ) -> schemas.IncidentAnalysis:
        started = time.perf_counter()
        answer_by = started + config.deadlines.overall / 1000
        degraded: list[schemas.Degradation] = []
        timings: dict[str, float] = {}
        notes: list[str] = []
        backends = self._backends

        def budget(stage: str, within_answer: bool) -> float:
            own = getattr(config.deadlines, stage) / 1000
            return max(0.01, min(own, answer_by - time.perf_counter())) if within_answer else own

        async def stage(
            name: str, method: str, call: Callable[[float], Awaitable[T]], within_answer: bool = True
        ) -> T | None:
            began = time.perf_counter()
            try:
                return await call_stage(self._metrics, name, method, call, budget(name, within_answer))
            except BackendError as error:
                degraded.append(schemas.Degradation(name, _reason(error)))
                self._metrics.degraded.labels(name, error.code.name).inc()
                return None
            finally:
                timings[name] = round((time.perf_counter() - began) * 1000, 2)

        proto_lines = log_lines(lines, service)
        analysis_task = asyncio.create_task(
            stage(
                "log_analyzer",
                "AnalyzeLogs",
                lambda d: backends.log_analyzer.analyze(
                    analyzer_pb2.AnalyzeLogsRequest(lines=proto_lines, service=service), d, request_id
                ),
            )
        )
        search_task = asyncio.create_task(
            stage(
                "knowledge_base",
                "Search",
                lambda d: backends.knowledge_base.search(
                    kb_pb2.SearchRequest(
                        query=knowledge_query(lines), top_k=max(config.similar_incidents, 1)
                    ),
                    d,
                    request_id,
                ),
            )
        )
        prediction = await stage(
            "root_cause",
            "PredictRootCause",
            lambda d: backends.root_cause.predict(
                rootcause_pb2.PredictRootCauseRequest(lines=proto_lines, service=service, top_k=3),
                d,
                request_id,
            ),
        )
        root_cause = convert.root_cause(prediction) if prediction is not None else None

        actions: list[schemas.RecommendedAction] = []
        if root_cause is not None and root_cause.label and config.recommended_actions > 0:
            analysis_so_far = analysis_task.result() if analysis_task.done() else None
            key_templates = [e.template for e in analysis_so_far.key_events[:10]] if analysis_so_far else []
            recommendation = await stage(
                "action_recommender",
                "RecommendActions",
                lambda d: backends.action_recommender.recommend(
                    actions_pb2.RecommendActionsRequest(
                        root_cause=root_cause.label,
                        root_cause_confidence=root_cause.confidence,
                        service=service,
                        lines=proto_lines[-200:],
                        key_templates=key_templates,
                        top_k=config.recommended_actions,
                    ),
                    d,
                    request_id,
                ),
            )
            if recommendation is not None:
                actions = [convert.recommended_action(a) for a in recommendation.actions]
        elif root_cause is not None and root_cause.novel:
            notes.append(
                "root cause unknown (the predictor abstained): no actions recommended; needs a human"
            )

        analysis, search = await asyncio.gather(analysis_task, search_task)
        anomalies = [convert.anomaly(a) for a in analysis.anomalies] if analysis else []
        similar = (
            [
                hit
                for hit in (convert.search_hit(h) for h in search.hits)
                if hit.score >= config.min_similarity
            ][: config.similar_incidents]
            if search
            else []
        )

        failed = {d.stage for d in degraded}
        if all(name in failed for name in _ESSENTIAL):
            mistakes = [
                d.reason for d in degraded if d.reason.startswith(tuple(c.name for c in _CALLER_MISTAKES))
            ]
            if mistakes:
                raise PipelineRejected(422, mistakes[0].split(": ", 1)[-1])
            raise PipelineRejected(
                503,
                "no stage of the pipeline answered: " + ", ".join(f"{d.stage} {d.reason}" for d in degraded),
            )

        ticket = None
        if (
            root_cause is not None
            and root_cause.code_related
            and root_cause.label
            and config.ticketing_enabled
        ):
            ticket = await self._report(
                stage, root_cause, analysis, anomalies, actions, lines, service, request_id, answer_by
            )

        timings["total"] = round((time.perf_counter() - started) * 1000, 2)
        return schemas.IncidentAnalysis(
            anomalies=anomalies,
            root_cause=root_cause,
            similar_incidents=similar,
            recommended_actions=actions,
            ticket=ticket,
            confidence=overall_confidence(root_cause, similar, actions),
            degraded=degraded,
            timings=timings,
            notes=notes,
            request_id=request_id,
        )

    async def _report(
        self, stage, root_cause, analysis, anomalies, actions, lines, service, request_id, answer_by
    ) -> schemas.Ticket:
        locations = list(analysis.entities.source_locations) if analysis else []
        anchor = locations[0].path if locations else (anomalies[0].template if anomalies else "")
        excerpt = [a.text for a in anomalies[:50]] or lines[-50:]
        headline = anomalies[0].text if anomalies else (lines[-1] if lines else "")
        request = integrator_pb2.ReportIncidentRequest(
            fingerprint=fingerprint(service, root_cause.label, anchor),
            title=f"[{service or 'unknown service'}] {root_cause.label}: {headline[:120]}",
            root_cause=root_cause.label,
            confidence=root_cause.confidence,
            logs_excerpt="\n".join(excerpt),
            suspect_files=[
                integrator_pb2.SuspectFile(path=loc.path, line=loc.line, function=loc.function)
                for loc in locations[:10]
            ],
            service=service,
            recommended_actions=[a.title for a in actions],
            incident_id=request_id,
        )
        task = asyncio.create_task(
            stage(
                "incident_integrator",
                "ReportIncident",
                lambda d: self._backends.incident_integrator.report(request, d, request_id),
                within_answer=False,
            )
        )
        # The ticket must not hold the answer: wait only for what is left of the overall deadline.
        done, _ = await asyncio.wait({task}, timeout=max(0.0, answer_by - time.perf_counter()))
        if not done:
            self._background.add(task)
            task.add_done_callback(self._background.discard)
            return schemas.Ticket(status="pending")
        reply = task.result()
        return convert.ticket(reply) if reply is not None else schemas.Ticket(status="failed")

    async def drain(self, timeout: float = 5.0) -> None:
        """Lets pending ticket reports finish on shutdown."""
        if self._background:
            await asyncio.wait(set(self._background), timeout=timeout)
