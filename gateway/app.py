"""create_app(settings, backends=None): the gateway's Litestar application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from prometheus_client import CollectorRegistry

from gateway.auth import ApiKeyMiddleware, KeyStore
from gateway.backends import BackendPool
from gateway.clients import Backends, grpc_backends
from gateway.errors import EXCEPTION_HANDLERS
from gateway.incidents.grouping import GroupingPolicy
from gateway.incidents.log_source import LogSource
from gateway.incidents.migrate import upgrade
from gateway.incidents.store import IncidentStore, create_engine_for
from gateway.incidents.worker import AnalysisWorker
from gateway.metrics import GatewayMetrics, metrics_middleware_factory
from gateway.pipeline import Pipeline
from gateway.routes.admin import AdminController
from gateway.routes.alerts import AlertsController, GithubWebhookController
from gateway.routes.analysis import AnalysisController
from gateway.routes.config import ConfigController
from gateway.routes.feedback import FeedbackController
from gateway.routes.health import HealthController
from gateway.routes.incident_store import IncidentStoreController
from gateway.routes.incidents import IncidentAnalysisController
from gateway.routes.knowledge import KnowledgeController
from gateway.runtime_config import RuntimeConfig
from gateway.settings import GatewaySettings
from services.kit.metrics import new_registry

# Paths anyone may request: the dashboard's files and the API schema (the API itself needs a key).
PUBLIC_PATHS = [r"^/schema", r"^/$", r"^/assets/", r"^/favicon", r"^/index\.html$"]


def create_app(
    settings: GatewaySettings,
    backends: Backends | None = None,
    registry: CollectorRegistry | None = None,
    keys: KeyStore | None = None,
) -> Litestar:
    metrics = GatewayMetrics(registry if registry is not None else new_registry())
    pool = BackendPool(settings.backends)
    typed = backends if backends is not None else grpc_backends(pool)
    pipeline = Pipeline(typed, metrics)

    intake = settings.intake
    store = IncidentStore(
        create_engine_for(intake.database_url),
        GroupingPolicy.parse(intake.grouping, intake.grouping_window_seconds),
    )

    @asynccontextmanager
    async def lifecycle(app: Litestar) -> AsyncIterator[None]:
        await asyncio.to_thread(upgrade, store.engine)
        worker = None
        if intake.worker_enabled:
            worker = AnalysisWorker(
                store,
                pipeline,
                lambda: app.state.runtime_config,
                LogSource(intake.log_sources, intake.log_source_lines),
                concurrency=intake.worker_concurrency,
                max_attempts=intake.worker_max_attempts,
                retry_base_seconds=intake.worker_retry_base_seconds,
                lease_seconds=intake.worker_lease_seconds,
                on_outcome=lambda outcome: metrics.incidents_analyzed.labels(outcome).inc(),
            )
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                await worker.stop()
            await pipeline.drain()
            await pool.close()
            store.engine.dispose()

    route_handlers: list = [
        HealthController,
        AnalysisController,
        IncidentAnalysisController,
        FeedbackController,
        ConfigController,
        KnowledgeController,
        AdminController,
        AlertsController,
        GithubWebhookController,
        IncidentStoreController,
    ]
    if settings.static_dir is not None:
        route_handlers.append(
            create_static_files_router(
                path="/",
                directories=[settings.static_dir],
                html_mode=True,
                include_in_schema=False,
                opt={"exclude_from_auth": True},
            )
        )
    state = State(
        {
            "settings": settings,
            "metrics": metrics,
            "api_keys": keys
            if keys is not None
            else KeyStore.load(settings.api_keys, settings.api_keys_file),
            "runtime_config": RuntimeConfig(backends=dict(settings.backends)),
            "backends": typed,
            "backend_pool": pool,
            "pipeline": pipeline,
            "incident_store": store,
        }
    )
    return Litestar(
        route_handlers=route_handlers,
        lifespan=[lifecycle],
        state=state,
        middleware=[
            metrics_middleware_factory(metrics),
            DefineMiddleware(ApiKeyMiddleware, exclude=PUBLIC_PATHS),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="Incident Mesh",
            version="1.0.0",
            path="/schema",
            components=Components(
                security_schemes={
                    "apiKey": SecurityScheme(
                        type="http", scheme="bearer", description="Incident Mesh API key"
                    )
                }
            ),
            security=[{"apiKey": []}],
        ),
        request_max_body_size=settings.limits.max_body_bytes,
    )
