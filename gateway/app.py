"""create_app(settings, backends=None): the gateway's Litestar application."""

from __future__ import annotations

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
from gateway.metrics import GatewayMetrics, metrics_middleware_factory
from gateway.pipeline import Pipeline
from gateway.routes.admin import AdminController
from gateway.routes.analysis import AnalysisController
from gateway.routes.config import ConfigController
from gateway.routes.feedback import FeedbackController
from gateway.routes.health import HealthController
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

    @asynccontextmanager
    async def lifecycle(_: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await pipeline.drain()
            await pool.close()

    route_handlers: list = [
        HealthController,
        AnalysisController,
        IncidentAnalysisController,
        FeedbackController,
        ConfigController,
        KnowledgeController,
        AdminController,
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
