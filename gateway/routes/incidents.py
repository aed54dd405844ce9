"""The full pipeline in one call."""

from __future__ import annotations

from litestar import Controller, Request, Response, post
from litestar.params import JSONBody

from gateway import schemas
from gateway.auth import requires
from gateway.errors import problem
from gateway.limits import normalize_logs
from gateway.pipeline import PipelineRejected
from gateway.routes.common import pipeline, request_id, runtime_config, settings


class IncidentAnalysisController(Controller):
    tags = ["incidents"]

    @post(
        "/api/v1/incidents/analyze",
        operation_id="analyzeIncident",
        guards=[requires("operator")],
        status_code=200,
        summary="Full pipeline: anomalies, root cause, similar incidents, actions, ticket",
        description=(
            "Log analysis, root-cause prediction and knowledge-base search run in parallel; the "
            "recommendation waits for the root cause. Each stage has its own deadline and the whole answer "
            "an overall one. A failed stage is listed in `degraded` and the rest of the answer still comes "
            "back (200); 503 only when no stage answered."
        ),
    )
    async def analyze_incident(
        self, request: Request, data: JSONBody[schemas.LogsRequest]
    ) -> Response[schemas.IncidentAnalysis]:
        lines = normalize_logs(data.logs, settings(request).limits)
        try:
            answer = await pipeline(request).run(
                lines, data.service, runtime_config(request), request_id(request)
            )
        except PipelineRejected as rejected:
            return problem(rejected.status_code, rejected.detail)
        return Response(answer, status_code=200)
