"""Runs one gRPC service: health, reflection, interceptors, metrics endpoint, graceful shutdown.

Lifecycle: bind and report NOT_SERVING -> load the model/index -> SERVING ->
on SIGTERM/SIGINT: NOT_SERVING -> stop accepting -> finish in-flight RPCs within
the grace period -> close the service's resources.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Protocol

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import CollectorRegistry

from services.kit.config import ConfigError, Env, ServerSettings
from services.kit.interceptors import ObservabilityInterceptor
from services.kit.log import configure_logging
from services.kit.metrics import GrpcServerMetrics, MetricsHttpServer, new_registry, start_metrics_http

logger = logging.getLogger("incidentmesh.server")

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class Service(Protocol):
    """What a service hands to the kit. Domain objects stay behind it, free of gRPC."""

    # Fully qualified gRPC service names, e.g. "incidentmesh.loganalyzer.v1.LogAnalyzerService".
    service_names: Sequence[str]

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        """Adds the servicer(s) to the server and the service's own metrics to the registry."""

    async def load(self) -> None:
        """Loads models, indexes and stores; the service reports SERVING only after this returns."""

    async def close(self) -> None:
        """Releases resources after the last in-flight RPC has finished."""


class MeshServer:
    def __init__(
        self, service: Service, settings: ServerSettings, registry: CollectorRegistry | None = None
    ) -> None:
        self._service = service
        self._settings = settings
        self.registry = registry if registry is not None else new_registry()
        self._health = health.aio.HealthServicer()
        self._ready = False
        self._stopping = False
        self._server: grpc.aio.Server | None = None
        self._metrics_http: MetricsHttpServer | None = None
        self.port = 0
        self.metrics_port = 0

    @property
    def ready(self) -> bool:
        return self._ready

    async def start(self) -> None:
        settings = self._settings
        metrics = GrpcServerMetrics(self.registry)
        server = grpc.aio.server(
            interceptors=[ObservabilityInterceptor(metrics, lambda: self._ready)],
            options=[
                ("grpc.max_receive_message_length", settings.max_message_bytes),
                ("grpc.max_send_message_length", settings.max_message_bytes),
                # Two processes silently sharing one port would split traffic between them.
                ("grpc.so_reuseport", 0),
            ],
            maximum_concurrent_rpcs=settings.max_concurrent_rpcs,
        )
        health_pb2_grpc.add_HealthServicer_to_server(self._health, server)
        self._service.register(server, self.registry)
        names = [*self._service.service_names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name]
        reflection.enable_server_reflection([*names, reflection.SERVICE_NAME], server)
        for name in ("", *self._service.service_names):
            await self._health.set(name, NOT_SERVING)
        address = f"{settings.host}:{settings.port}"
        self.port = server.add_insecure_port(address)
        if self.port == 0:
            raise RuntimeError(f"could not bind gRPC port {address}")
        self._metrics_http = start_metrics_http(self.registry, settings.metrics_host, settings.metrics_port)
        self.metrics_port = self._metrics_http.port
        await server.start()
        self._server = server
        logger.info(
            "listening",
            extra={"grpc_port": self.port, "metrics_port": self.metrics_port, "host": settings.host},
        )

    async def load(self) -> None:
        await self._service.load()
        if self._stopping:
            return
        self._ready = True
        for name in ("", *self._service.service_names):
            await self._health.set(name, SERVING)
        logger.info("serving", extra={"grpc_port": self.port, "metrics_port": self.metrics_port})

    async def stop(self, grace: float | None = None) -> None:
        if self._stopping:
            return
        self._stopping = True
        grace = self._settings.grace_seconds if grace is None else grace
        logger.info("shutting down", extra={"grace_seconds": grace})
        await self._health.enter_graceful_shutdown()
        if self._settings.shutdown_delay_seconds > 0:
            await asyncio.sleep(self._settings.shutdown_delay_seconds)
        if self._server is not None:
            await self._server.stop(grace)
        try:
            await self._service.close()
        finally:
            if self._metrics_http is not None:
                self._metrics_http.close()
            logger.info("stopped")


async def serve(service: Service, settings: ServerSettings) -> int:
    """Runs until SIGTERM/SIGINT; returns the process exit code."""
    server = MeshServer(service, settings)
    stop_requested = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop_requested.set)
    await server.start()
    load = asyncio.create_task(server.load())
    stop_wait = asyncio.create_task(stop_requested.wait())
    await asyncio.wait({load, stop_wait}, return_when=asyncio.FIRST_COMPLETED)
    exit_code = 0
    if load.done() and load.exception() is not None:
        logger.error("failed to load; exiting", exc_info=load.exception())
        exit_code = 1
    elif load.done():
        await stop_wait
    await server.stop()
    for task in (load, stop_wait):
        task.cancel()
    return exit_code


def run(build: Callable[[Env], tuple[Service, ServerSettings]]) -> None:
    """Process entry point for a service's __main__: settings, logging, serve, exit."""
    try:
        service, settings = build(Env())
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        sys.exit(2)
    configure_logging(settings.component, settings.log_level)
    sys.exit(asyncio.run(serve(service, settings)))
