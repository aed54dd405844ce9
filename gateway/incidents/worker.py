"""Analyzes each incident's new evidence once through the pipeline; waits and retries while stages fail."""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Callable

import msgspec

from gateway.incidents.log_source import LogSource
from gateway.incidents.store import Claim, IncidentStore
from gateway.pipeline import Pipeline, PipelineRejected
from gateway.runtime_config import RuntimeConfig

logger = logging.getLogger("incidentmesh.gateway.worker")

# A degraded stage other than these means "try again later": the incident waits for the service.
_OPTIONAL_STAGES = {"incident_integrator"}
MAX_ANALYSIS_LINES = 2000


def backoff_seconds(attempt: int, base: float) -> float:
    return min(300.0, base * 2.0 ** max(attempt - 1, 0)) * random.uniform(0.8, 1.2)


class AnalysisWorker:
    def __init__(
        self,
        store: IncidentStore,
        pipeline: Pipeline,
        config: Callable[[], RuntimeConfig],
        log_source: LogSource,
        *,
        concurrency: int = 2,
        max_attempts: int = 8,
        lease_seconds: float = 120.0,
        poll_seconds: float = 0.25,
        retry_base_seconds: float = 2.0,
        on_outcome: Callable[[str], None] = lambda outcome: None,
    ) -> None:
        self._store = store
        self._pipeline = pipeline
        self._config = config
        self._log_source = log_source
        self._concurrency = concurrency
        self._max_attempts = max_attempts
        self._lease_seconds = lease_seconds
        self._poll_seconds = poll_seconds
        self._retry_base_seconds = retry_base_seconds
        self._on_outcome = on_outcome
        self._owner = f"gateway-{uuid.uuid4().hex[:12]}"
        self._tasks: list[asyncio.Task] = []
        self._stopping = asyncio.Event()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._loop(), name=f"analysis-worker-{i}") for i in range(self._concurrency)
        ]

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                claim = await asyncio.to_thread(self._store.claim, self._owner, self._lease_seconds)
            except Exception:
                logger.exception("cannot read the incident store; retrying")
                claim = None
            if claim is None:
                try:
                    await asyncio.wait_for(self._stopping.wait(), self._poll_seconds)
                except TimeoutError:
                    pass
                continue
            try:
                await self.process(claim)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The lease expires and another attempt picks the incident up; nothing is lost.
                logger.exception("analysis failed", extra={"incident_id": claim.incident_id})

    async def process(self, claim: Claim) -> None:
        extra = await asyncio.to_thread(self._log_source.recent_lines, claim.service)
        lines = (claim.lines + extra)[-MAX_ANALYSIS_LINES:]
        if not lines:
            lines = [f"incident on {claim.service or 'an unknown service'} with no log lines attached"]
        started = time.perf_counter()
        attempts = await asyncio.to_thread(self._store.attempts, claim.incident_id)
        try:
            answer = await self._pipeline.run(
                lines, claim.service, self._config(), f"incident-{claim.incident_id}"
            )
        except PipelineRejected as rejected:
            await self._retry(claim, attempts, f"pipeline unavailable: {rejected.detail}")
            return
        failed = [d for d in answer.degraded if d.stage not in _OPTIONAL_STAGES]
        if failed and attempts < self._max_attempts:
            await self._retry(claim, attempts, "; ".join(f"{d.stage}: {d.reason}" for d in failed))
            return
        elapsed = (time.perf_counter() - started) * 1000
        analysis = msgspec.to_builtins(answer)
        root = answer.root_cause
        stored = await asyncio.to_thread(
            self._store.complete,
            claim,
            self._owner,
            analysis,
            root.label if root is not None else None,
            answer.confidence,
            msgspec.to_builtins(answer.ticket) if answer.ticket is not None else None,
            elapsed,
        )
        self._on_outcome("analyzed" if stored else "superseded")
        logger.info(
            "incident analyzed",
            extra={
                "incident_id": claim.incident_id,
                "stored": stored,
                "root_cause": root.label if root else None,
                "degraded": [d.stage for d in answer.degraded],
            },
        )

    async def _retry(self, claim: Claim, attempts: int, reason: str) -> None:
        delay = backoff_seconds(attempts, self._retry_base_seconds)
        await asyncio.to_thread(self._store.retry_later, claim, self._owner, reason, delay)
        self._on_outcome("retry")
        logger.warning(
            "analysis postponed",
            extra={"incident_id": claim.incident_id, "reason": reason, "retry_in_seconds": round(delay, 1)},
        )
