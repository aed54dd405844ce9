"""HTTP metrics for the gateway on an injected registry (Litestar's plugin only uses the global one)."""

from __future__ import annotations

import time

from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.04, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class GatewayMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.requests = Counter(
            "gateway_requests_total",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.duration = Histogram(
            "gateway_request_duration_seconds",
            "Time to answer an HTTP request.",
            ["method", "route"],
            buckets=HTTP_BUCKETS,
            registry=registry,
        )
        self.errors = Counter(
            "gateway_errors_total",
            "HTTP requests answered with a 5xx status.",
            ["method", "route"],
            registry=registry,
        )
        self.backend_calls = Counter(
            "gateway_backend_calls_total",
            "gRPC calls to backends, by outcome (OK or the gRPC status name).",
            ["backend", "method", "outcome"],
            registry=registry,
        )
        self.backend_duration = Histogram(
            "gateway_backend_call_duration_seconds",
            "Duration of gRPC calls to backends.",
            ["backend", "method"],
            buckets=HTTP_BUCKETS,
            registry=registry,
        )
        self.alerts = Counter(
            "gateway_alerts_received_total",
            "Alerts received by webhook, by source and outcome (accepted, duplicate, rejected, unavailable).",
            ["source", "outcome"],
            registry=registry,
        )
        self.incidents_analyzed = Counter(
            "gateway_incident_analyses_total",
            "Incident analyses by the worker, by outcome (analyzed, retry, superseded).",
            ["outcome"],
            registry=registry,
        )
        self.incident_backlog = Gauge(
            "gateway_incident_backlog",
            "Incidents with evidence not yet analyzed.",
            registry=registry,
        )
        self.degraded = Counter(
            "gateway_degraded_answers_total",
            "Answers given without a stage, by the stage that failed.",
            ["stage", "reason"],
            registry=registry,
        )


def metrics_middleware_factory(metrics: GatewayMetrics):
    """ASGI middleware labelling by route template (not raw path) to keep label cardinality bounded."""

    def middleware(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            started = time.perf_counter()
            status_holder = {"status": 500}

            async def send_wrapper(message: Message) -> None:
                if message["type"] == "http.response.start":
                    status_holder["status"] = message["status"]
                await send(message)

            try:
                await app(scope, receive, send_wrapper)
            finally:
                route = scope.get("path_template") or _route_of(scope)
                method = scope.get("method", "GET")
                status = status_holder["status"]
                metrics.requests.labels(method, route, str(status)).inc()
                metrics.duration.labels(method, route).observe(time.perf_counter() - started)
                if status >= 500:
                    metrics.errors.labels(method, route).inc()

        return wrapped

    return middleware


def _route_of(scope: Scope) -> str:
    handler = scope.get("route_handler")
    paths = getattr(handler, "paths", None)
    if paths:
        return sorted(paths)[0]
    return "unmatched"
