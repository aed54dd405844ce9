"""Hands the log-analyzer to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.loganalyzer.v1 import log_analyzer_pb2
from services.kit import Env, ServerSettings
from services.log_analyzer.analyzer import LogAnalyzer
from services.log_analyzer.limits import Limits
from services.log_analyzer.metrics import AnalyzerMetrics
from services.log_analyzer.servicer import LogAnalyzerServicer, add_to_server
from services.log_analyzer.storage import BASELINE_CORPUS, AnalyzerStore, read_lines

COMPONENT = "log-analyzer"
DEFAULT_PORT = 50051
DEFAULT_METRICS_PORT = 9101


class LogAnalyzerComponent:
    service_names: Sequence[str] = (
        log_analyzer_pb2.DESCRIPTOR.services_by_name["LogAnalyzerService"].full_name,
    )

    def __init__(
        self, settings: ServerSettings, limits: Limits, baseline_path: Path = BASELINE_CORPUS
    ) -> None:
        self._settings = settings
        self._baseline_path = baseline_path
        self.analyzer = LogAnalyzer(AnalyzerStore(settings.data_dir), limits)
        self._metrics: AnalyzerMetrics | None = None

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        self._metrics = AnalyzerMetrics(registry)
        self._metrics.templates.set_function(self._template_count)
        add_to_server(LogAnalyzerServicer(lambda: self.analyzer, self._metrics), server)

    def _template_count(self) -> float:
        try:
            return float(self.analyzer.model.miner.template_count)
        except RuntimeError:
            return 0.0

    async def load(self) -> None:
        # Training the committed baseline on first start takes about a second: off the event loop.
        await asyncio.to_thread(self.analyzer.load, read_lines(self._baseline_path))

    async def close(self) -> None:
        await asyncio.to_thread(self.analyzer.save_miner)


def read_limits(env: Env) -> Limits:
    return Limits(
        max_lines=env.int("LOG_ANALYZER_MAX_LINES", 100_000, minimum=1, maximum=1_000_000),
        max_line_chars=env.int("LOG_ANALYZER_MAX_LINE_CHARS", 8_192, minimum=64, maximum=1_048_576),
        max_anomalies=env.int("LOG_ANALYZER_MAX_ANOMALIES", 100, minimum=1, maximum=10_000),
        entity_scan_lines=env.int("LOG_ANALYZER_ENTITY_SCAN_LINES", 5_000, minimum=0, maximum=1_000_000),
        miner_save_seconds=env.float("LOG_ANALYZER_MINER_SAVE_SECONDS", 5.0, minimum=0.0, maximum=3600.0),
    )


def build(env: Env) -> tuple[LogAnalyzerComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    baseline = env.path("LOG_ANALYZER_BASELINE_PATH", BASELINE_CORPUS)
    return LogAnalyzerComponent(settings, read_limits(env), baseline), settings
