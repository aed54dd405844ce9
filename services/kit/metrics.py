"""Prometheus metrics for gRPC servers, on an injected registry, and the /metrics endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from threading import Thread
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
    start_http_server,
)

# RPC latencies here range from sub-millisecond lookups to multi-second retrains.
RPC_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def new_registry() -> CollectorRegistry:
    """A registry with the process/platform/GC collectors, so each service reports its memory and CPU."""
    registry = CollectorRegistry(auto_describe=True)
    for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
        registry.register(collector)
    return registry


class GrpcServerMetrics:
    """The grpc-ecosystem/go-grpc-prometheus names, so existing dashboards and rules apply."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.started = Counter(
            "grpc_server_started_total",
            "RPCs started on the server.",
            ["grpc_service", "grpc_method"],
            registry=registry,
        )
        self.handled = Counter(
            "grpc_server_handled_total",
            "RPCs completed on the server, by status code.",
            ["grpc_service", "grpc_method", "grpc_code"],
            registry=registry,
        )
        self.handling_seconds = Histogram(
            "grpc_server_handling_seconds",
            "Time from receiving an RPC to sending its status.",
            ["grpc_service", "grpc_method"],
            buckets=RPC_BUCKETS,
            registry=registry,
        )


@dataclass
class MetricsHttpServer:
    """A running /metrics endpoint; `port` is the bound port (useful when asked for port 0)."""

    _server: WSGIServer
    _thread: Thread

    @property
    def port(self) -> int:
        return self._server.server_port

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def start_metrics_http(registry: CollectorRegistry, host: str, port: int) -> MetricsHttpServer:
    server, thread = start_http_server(port, addr=host, registry=registry)
    return MetricsHttpServer(server, thread)
