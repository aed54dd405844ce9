"""Test helpers: a real server of any Service on 127.0.0.1 with ephemeral ports."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from prometheus_client import CollectorRegistry

from services.kit.config import ServerSettings
from services.kit.server import MeshServer, Service


def local_settings(
    component: str = "test", data_dir: Path | None = None, **overrides: object
) -> ServerSettings:
    settings = ServerSettings(
        component=component,
        host="127.0.0.1",
        port=0,
        metrics_host="127.0.0.1",
        metrics_port=0,
        grace_seconds=5.0,
        shutdown_delay_seconds=0.0,
        max_message_bytes=4 * 1024 * 1024,
        max_concurrent_rpcs=None,
        log_level="DEBUG",
        data_dir=data_dir or Path("data") / component,
    )
    return dataclasses.replace(settings, **overrides)


@asynccontextmanager
async def running_server(
    service: Service,
    settings: ServerSettings | None = None,
    registry: CollectorRegistry | None = None,
    *,
    load: bool = True,
) -> AsyncIterator[MeshServer]:
    """Starts the service through the kit exactly as production does; `server.port` is the bound port."""
    server = MeshServer(service, settings or local_settings(), registry)
    await server.start()
    try:
        if load:
            await server.load()
        yield server
    finally:
        await server.stop(grace=1.0)
