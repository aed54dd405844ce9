"""The gateway process killed with SIGKILL in the middle of an alert storm loses nothing it acknowledged
and analyzes every incident exactly once (backends are fakes: this is about the gateway and its store)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from gateway.auth import digest
from tests.ports import free_ports
from tests.storm import StormResult, send_storm

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "storm-token"
API_KEY = "im_reliability_test_key"


def _start_gateway(port: int, data_dir: Path, log) -> subprocess.Popen:
    (unused,) = free_ports(1)
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "GATEWAY_DATA_DIR": str(data_dir),
        "GATEWAY_ALERTMANAGER_TOKEN": TOKEN,
        "GATEWAY_API_KEYS": f"test:viewer:{digest(API_KEY)}",
        "GATEWAY_WORKER_LEASE_SECONDS": "2",
        "GATEWAY_WORKER_RETRY_BASE_SECONDS": "0.1",
        **{
            f"GATEWAY_{name}_ADDR": f"127.0.0.1:{unused}"
            for name in (
                "LOG_ANALYZER",
                "ROOT_CAUSE",
                "KNOWLEDGE_BASE",
                "ACTION_RECOMMENDER",
                "INCIDENT_INTEGRATOR",
            )
        },
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.tests.fake_gateway"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("gateway did not start")


async def _all_incidents(base: str) -> list[dict]:
    items, cursor = [], None
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        while True:
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(f"{base}/api/v1/incidents", params=params)).json()
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items


@pytest.mark.slow
@pytest.mark.timeout(240)
async def test_sigkill_mid_storm_loses_no_acknowledged_alert_and_analyzes_each_incident_once(tmp_path):
    (port,) = free_ports(1)
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "gateway.log").open("w")
    gateway = _start_gateway(port, tmp_path, log)
    groups = list(range(120))
    progress = StormResult()
    storm = asyncio.create_task(
        send_storm(
            f"{base}/api/v1/alerts/alertmanager",
            TOKEN,
            groups,
            concurrency=6,
            alerts_per_group=(1, 20),
            result=progress,
        )
    )
    try:
        while len(progress.acknowledged) < 30 and not storm.done():  # noqa: ASYNC110 - polling another task
            await asyncio.sleep(0.05)
        os.kill(gateway.pid, signal.SIGKILL)
        gateway.wait(5)
        await asyncio.sleep(0.5)
        gateway = _start_gateway(port, tmp_path, log)
        result = await storm
        assert result.retries > 0, "the kill should have forced the sender to retry"
        assert set(result.acknowledged) == set(groups)

        deadline = time.monotonic() + 90
        while True:
            incidents = await _all_incidents(base)
            if len(incidents) == len(groups) and all(i["analyzed"] for i in incidents):
                break
            assert time.monotonic() < deadline, f"{sum(i['analyzed'] for i in incidents)} of {len(incidents)}"
            await asyncio.sleep(0.5)
        by_title = {i["title"]: i for i in incidents}
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {API_KEY}"}) as client:
            for group, alert_count in result.acknowledged.items():
                incident = by_title[f"Storm{group}"]
                assert incident["alert_count"] == alert_count, f"group {group} lost alerts"
                detail = (await client.get(f"{base}/api/v1/incidents/{incident['id']}")).json()
                kinds = [event["kind"] for event in detail["timeline"]]
                assert kinds.count("analyzed") == 1, f"group {group}: {kinds}"
    finally:
        storm.cancel()
        gateway.kill()
        gateway.wait(5)
        log.close()
