"""The log-analyzer's own Prometheus metrics, registered on the registry the kit passes in."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from services.log_analyzer.analyzer import Analysis


class AnalyzerMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.lines = Counter("log_analyzer_lines", "Log lines received for analysis", registry=registry)
        self.anomalies = Counter("log_analyzer_anomalies", "Anomalous lines reported", registry=registry)
        self.templates = Gauge(
            "log_analyzer_templates", "Templates known to the live miner", registry=registry
        )
        self.analysis_seconds = Histogram(
            "log_analyzer_analysis_seconds",
            "Time to analyze one batch (prepare, mine, score, explain)",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=registry,
        )

    def observe_analysis(self, analysis: Analysis, seconds: float, template_count: int | None = None) -> None:
        self.lines.inc(analysis.line_count)
        self.anomalies.inc(len(analysis.anomalies))
        self.analysis_seconds.observe(seconds)
        if template_count is not None:
            self.templates.set(template_count)
