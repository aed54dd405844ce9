"""The integrator's Prometheus metrics, on the registry the kit hands to `register()`."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge


class IntegratorMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.tickets = Counter(
            "integrator_tickets_total",
            "Tracker changes that succeeded (created, updated, reopened, closed), dry-run included.",
            ["action"],
            registry=registry,
        )
        self.jira_errors = Counter(
            "integrator_jira_errors_total",
            "Failed tracker calls by HTTP status (or 'connection').",
            ["status"],
            registry=registry,
        )
        self.github_events = Counter(
            "integrator_github_events_total",
            "Pull-request events and polls by what the integrator did with them.",
            ["action"],
            registry=registry,
        )
        self.outbox_depth = Gauge(
            "integrator_outbox_depth", "Tracker operations waiting in the durable outbox.", registry=registry
        )
