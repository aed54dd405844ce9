"""create_app(settings, backends=None): the gateway's Litestar application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.static_files import create_static_files_router
from prometheus_client import CollectorRegistry

from gateway.backends import BackendPool
from gateway.metrics import GatewayMetrics, metrics_middleware_factory
from gateway.routes.health import HealthController
from gateway.settings import GatewaySettings
from services.kit.metrics import new_registry


def create_app(
    settings: GatewaySettings,
    backends: BackendPool | None = None,
    registry: CollectorRegistry | None = None,
) -> Litestar:
    metrics = GatewayMetrics(registry if registry is not None else new_registry())

    @asynccontextmanager
    async def open_backends(app: Litestar) -> AsyncIterator[None]:
        owned = backends is None
        app.state.backends = backends if backends is not None else BackendPool(settings.backends)
        try:
            yield
        finally:
            if owned:
                await app.state.backends.close()

    route_handlers: list = [HealthController]
    if settings.static_dir is not None:
        route_handlers.append(
            create_static_files_router(
                path="/", directories=[settings.static_dir], html_mode=True, include_in_schema=False
            )
        )
    return Litestar(
        route_handlers=route_handlers,
        lifespan=[open_backends],
        state=State({"settings": settings, "metrics": metrics}),
        dependencies={
            "settings": Provide(lambda: settings, sync_to_thread=False),
            "backends": Provide(_backends_from_state, sync_to_thread=False),
        },
        middleware=[metrics_middleware_factory(metrics)],
        openapi_config=OpenAPIConfig(title="Incident Mesh", version="1.0.0", path="/schema"),
        request_max_body_size=settings.limits.max_body_bytes,
    )


def _backends_from_state(state: State) -> BackendPool:
    return state.backends
