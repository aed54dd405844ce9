"""One backend call as a pipeline stage: its deadline, its metrics, its failure as a BackendError."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import grpc

from gateway.errors import BackendError
from gateway.metrics import GatewayMetrics

T = TypeVar("T")
# Extra time for the local guard, so the gRPC deadline normally fires first and reports itself.
_GUARD_SECONDS = 0.05


async def call_stage(
    metrics: GatewayMetrics,
    stage: str,
    method: str,
    call: Callable[[float], Awaitable[T]],
    deadline: float,
) -> T:
    started = time.perf_counter()
    outcome = "OK"
    try:
        # The guard also bounds backends that ignore gRPC deadlines (or are not gRPC at all).
        async with asyncio.timeout(deadline + _GUARD_SECONDS):
            return await call(deadline)
    except grpc.aio.AioRpcError as error:
        outcome = error.code().name
        raise BackendError(stage, error.code(), error.details() or "") from None
    except TimeoutError:
        outcome = grpc.StatusCode.DEADLINE_EXCEEDED.name
        raise BackendError(stage, grpc.StatusCode.DEADLINE_EXCEEDED, "deadline exceeded") from None
    finally:
        metrics.backend_calls.labels(stage, method, outcome).inc()
        metrics.backend_duration.labels(stage, method).observe(time.perf_counter() - started)
