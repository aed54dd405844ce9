"""An alert storm as Alertmanager would send it: bounded, loopback only, retrying on 5xx and
connection errors (never on 4xx), as Alertmanager's webhook notifier does."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field

import httpx


def storm_payload(group: int, alert_count: int, status: str = "firing") -> bytes:
    alerts = [
        {
            "status": status,
            "labels": {
                "alertname": f"Storm{group}",
                "service": f"svc-{group % 7}",
                "severity": "page",
                "instance": f"10.0.{group % 250}.{index}",
            },
            "annotations": {
                "summary": f"storm alert {group}/{index}",
                "logs": f"ERROR connection refused to db-{group % 5}:5432 attempt {index}",
            },
            "startsAt": "2026-11-30T10:00:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph",
            "fingerprint": f"{group:08x}{index:08x}",
        }
        for index in range(alert_count)
    ]
    return json.dumps(
        {
            "version": "4",
            "groupKey": f'{{}}:{{alertname="Storm{group}"}}',
            "truncatedAlerts": 0,
            "status": status,
            "receiver": "incident-mesh",
            "groupLabels": {"alertname": f"Storm{group}"},
            "commonLabels": {},
            "commonAnnotations": {},
            "externalURL": "http://alertmanager:9093",
            "alerts": alerts,
        }
    ).encode()


@dataclass
class StormResult:
    acknowledged: dict[int, int] = field(default_factory=dict)  # group -> alert count
    retries: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def alerts(self) -> int:
        return sum(self.acknowledged.values())


async def send_storm(
    url: str,
    token: str,
    groups: list[int],
    *,
    concurrency: int = 8,
    alerts_per_group: tuple[int, int] = (1, 50),
    deadline_seconds: float = 120.0,
    seed: int = 7,
    result: StormResult | None = None,
) -> StormResult:
    """Sends one delivery per group; pass `result` to watch progress while the storm runs."""
    rng = random.Random(seed)
    sizes = {group: rng.randint(*alerts_per_group) for group in groups}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for group in groups:
        queue.put_nowait(group)
    result = result if result is not None else StormResult()
    give_up_at = time.monotonic() + deadline_seconds
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    async def sender(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            group = queue.get_nowait()
            body = storm_payload(group, sizes[group])
            while time.monotonic() < give_up_at:
                started = time.perf_counter()
                try:
                    response = await client.post(url, content=body, headers=headers)
                except httpx.HTTPError:
                    result.retries += 1
                    await asyncio.sleep(0.2)
                    continue
                if response.status_code == 202:
                    result.acknowledged[group] = sizes[group]
                    result.latencies.append(time.perf_counter() - started)
                    break
                if response.status_code < 500:
                    raise AssertionError(f"delivery {group} refused: {response.status_code} {response.text}")
                result.retries += 1
                await asyncio.sleep(0.2)

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=10.0) as client:
        await asyncio.gather(*(sender(client) for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - started
    return result
