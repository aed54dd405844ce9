"""Hands the incident-integrator to the shared kit: settings, servicer, load and close."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.integrator.v1 import incident_integrator_pb2, incident_integrator_pb2_grpc
from services.incident_integrator.code_host import CodeHost, GitHubCodeHost
from services.incident_integrator.config import IntegratorSettings, read_settings
from services.incident_integrator.integrator import Integrator
from services.incident_integrator.metrics import IntegratorMetrics
from services.incident_integrator.outbox import Backoff, OutboxWorker
from services.incident_integrator.owners import OwnerResolver
from services.incident_integrator.servicer import IncidentIntegratorServicer
from services.incident_integrator.storage import LedgerStore
from services.incident_integrator.tracker import DryRunTracker, JiraTracker, TicketTracker
from services.kit import Env, ServerSettings

COMPONENT = "incident-integrator"
DEFAULT_PORT = 50055
DEFAULT_METRICS_PORT = 9105

logger = logging.getLogger("incidentmesh.integrator.service")


class IncidentIntegratorComponent:
    service_names: Sequence[str] = (
        incident_integrator_pb2.DESCRIPTOR.services_by_name["IncidentIntegratorService"].full_name,
    )

    def __init__(self, settings: ServerSettings, integrator_settings: IntegratorSettings) -> None:
        self._settings = settings
        self._config = integrator_settings
        self._metrics: IntegratorMetrics | None = None
        self._store: LedgerStore | None = None
        self._integrator: Integrator | None = None
        self._worker: OutboxWorker | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()

    @property
    def integrator(self) -> Integrator:
        if self._integrator is None:
            raise RuntimeError("the integrator is not loaded yet")
        return self._integrator

    @property
    def worker(self) -> OutboxWorker:
        if self._worker is None:
            raise RuntimeError("the integrator is not loaded yet")
        return self._worker

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        self._metrics = IntegratorMetrics(registry)
        incident_integrator_pb2_grpc.add_IncidentIntegratorServiceServicer_to_server(
            IncidentIntegratorServicer(lambda: self.integrator), server
        )

    async def load(self) -> None:
        await asyncio.to_thread(self._open)
        self._tasks.append(asyncio.create_task(self._run_outbox()))
        if self._config.github is not None and self._config.poll_seconds > 0:
            self._tasks.append(asyncio.create_task(self._run_poller()))

    def _open(self) -> None:
        config = self._config
        metrics = self._metrics if self._metrics is not None else IntegratorMetrics(CollectorRegistry())
        self._store = LedgerStore.open(config.database_url, self._settings.data_dir)
        self._integrator, self._worker = assemble(config, self._store, metrics)
        self._worker.refresh_depth()
        logger.info(
            "integrator ready",
            extra={
                "dry_run": config.dry_run,
                "jira_url": config.jira.url if config.jira else None,
                "github_repo": config.github.repo if config.github else None,
            },
        )

    async def _run_outbox(self) -> None:
        while not self._stopping.is_set():
            try:
                ran = await asyncio.to_thread(self.worker.run_due)
            except Exception:
                logger.exception("outbox pass failed; retrying")
                ran = 0
            if ran == 0:
                await self._pause(self._config.worker_interval_seconds)

    async def _run_poller(self) -> None:
        while not self._stopping.is_set():
            await self._pause(self._config.poll_seconds)
            if self._stopping.is_set():
                return
            try:
                await asyncio.to_thread(self.integrator.poll_pull_requests)
            except Exception:
                logger.exception("pull request poll failed; retrying next interval")

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            pass

    async def close(self) -> None:
        # Let a pass already talking to Jira finish and record its result: a thread cannot be
        # cancelled, and an unrecorded create would only be found again by the label search.
        self._stopping.set()
        if self._tasks:
            _, unfinished = await asyncio.wait(self._tasks, timeout=self._settings.grace_seconds)
            for task in unfinished:
                task.cancel()
        self._tasks.clear()
        if self._store is not None:
            self._store.close()


def assemble(
    config: IntegratorSettings,
    store: LedgerStore,
    metrics: IntegratorMetrics,
    clock: Callable[[], float] = time.time,
) -> tuple[Integrator, OutboxWorker]:
    """Wires the adapters the settings ask for: Jira or dry-run, GitHub or none."""
    tracker: TicketTracker
    if config.jira is None:
        tracker = DryRunTracker()
    else:
        tracker = JiraTracker(config.jira, secrets=config.secrets())
    code_host: CodeHost | None = GitHubCodeHost(config.github) if config.github is not None else None
    worker = OutboxWorker(
        store,
        tracker,
        OwnerResolver(code_host, config.policy),
        config.policy,
        metrics,
        backoff=Backoff(config.backoff_initial_seconds, config.backoff_max_seconds),
        lease_seconds=config.lease_seconds,
        clock=clock,
    )
    integrator = Integrator(store, tracker, code_host, worker, config.policy, metrics, clock=clock)
    return integrator, worker


def build(env: Env) -> tuple[IncidentIntegratorComponent, ServerSettings]:
    settings = ServerSettings.from_env(
        env, component=COMPONENT, default_port=DEFAULT_PORT, default_metrics_port=DEFAULT_METRICS_PORT
    )
    return IncidentIntegratorComponent(settings, read_settings(env)), settings
