"""Liveness, readiness and metrics: open routes, no authentication."""

from __future__ import annotations

import asyncio
import logging

import msgspec
from litestar import Controller, Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from gateway.backends import BackendPool
from gateway.settings import GatewaySettings
from gateway.versions import backend_version

logger = logging.getLogger("incidentmesh.gateway")


class BackendStatus(msgspec.Struct):
    status: str
    latency_ms: float
    version: str = ""


class ReadyReport(msgspec.Struct):
    status: str
    backends: dict[str, BackendStatus]


class HealthController(Controller):
    tags = ["operations"]

    @get(
        "/health", operation_id="getHealth", summary="Process is alive", exclude_from_auth=True, security=[{}]
    )
    async def health(self) -> dict[str, str]:
        return {"status": "ok"}

    @get(
        "/ready",
        operation_id="getReady",
        summary="Health of every backend",
        exclude_from_auth=True,
        security=[{}],
    )
    async def ready(self, request: Request) -> Response[ReadyReport]:
        settings: GatewaySettings = request.app.state.settings
        pool: BackendPool = request.app.state.backend_pool
        results = await pool.health_all(settings.ready_timeout_seconds)
        for name, result in results.items():
            if not result.serving:
                # The detail names internal addresses: log it, keep it out of the public answer.
                logger.warning(
                    "backend not ready",
                    extra={"backend": name, "status": result.status, "detail": result.detail},
                )
        serving = [name for name, result in results.items() if result.serving]
        versions = dict(
            zip(
                serving,
                await asyncio.gather(
                    *(
                        backend_version(name, pool.channel(name), settings.ready_timeout_seconds)
                        for name in serving
                    )
                ),
                strict=True,
            )
        )
        report = ReadyReport(
            status="ready" if len(serving) == len(results) else "degraded",
            backends={
                name: BackendStatus(r.status, r.latency_ms, versions.get(name, ""))
                for name, r in results.items()
            },
        )
        return Response(report, status_code=200 if report.status == "ready" else 503)

    @get(
        "/metrics",
        operation_id="getMetrics",
        summary="Prometheus metrics",
        exclude_from_auth=True,
        security=[{}],
        media_type=CONTENT_TYPE_LATEST,
    )
    async def metrics(self, request: Request) -> Response[bytes]:
        return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
