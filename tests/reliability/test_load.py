"""Bounded load on loopback (fixed duration, fixed clients): the mesh keeps answering correctly.
Latency figures come from the benchmarks (BENCHMARKS.md); here only correctness under load counts."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from gateway.selftest import CANNED_INCIDENT, CANNED_SERVICE
from tests.mesh import ADMIN_KEY


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("clients", [1, 8])
async def test_pipeline_answers_every_request_under_concurrent_load(real_mesh, clients):
    statuses: list[int] = []
    incomplete = 0
    stop_at = time.monotonic() + 10

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal incomplete
        while time.monotonic() < stop_at:
            response = await client.post(
                "/api/v1/incidents/analyze", json={"logs": CANNED_INCIDENT, "service": CANNED_SERVICE}
            )
            statuses.append(response.status_code)
            body = response.json()
            incomplete += not (body["root_cause"] and body["anomalies"] and body["recommended_actions"])

    async with httpx.AsyncClient(
        base_url=real_mesh.base_url, timeout=60, headers={"Authorization": f"Bearer {ADMIN_KEY}"}
    ) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    assert statuses and set(statuses) == {200}
    assert incomplete == 0, f"{incomplete} of {len(statuses)} answers were missing a stage"
