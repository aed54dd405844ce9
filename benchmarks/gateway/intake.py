"""Alert intake throughput and webhook-to-analysis time, on SQLite and on PostgreSQL.

    python -m benchmarks.gateway.intake [--deliveries 400] [--concurrency 8] [--postgres URL]

Starts the real gateway process over fake backends (this measures the gateway and its store, not the
models), sends an Alertmanager storm of 1-50 alerts per delivery on loopback, and reports accepted
alerts/s with durable commit, delivery latency, and the time until every incident is analyzed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

from gateway.auth import digest
from tests.ports import free_ports
from tests.storm import send_storm

ROOT = Path(__file__).resolve().parents[2]
TOKEN, KEY = "bench-token", "im_bench_key"


def start_gateway(port: int, data_dir: Path, database_url: str) -> subprocess.Popen:
    (unused,) = free_ports(1)
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "GATEWAY_DATA_DIR": str(data_dir),
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_ALERTMANAGER_TOKEN": TOKEN,
        "GATEWAY_API_KEYS": f"bench:viewer:{digest(KEY)}",
        "MESH_LOG_LEVEL": "WARNING",
        "GATEWAY_WORKER_CONCURRENCY": "4",
        **{
            f"GATEWAY_{n}_ADDR": f"127.0.0.1:{unused}"
            for n in (
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("gateway did not start")


async def pending(base: str) -> tuple[int, int]:
    analyzed = total = 0
    cursor = None
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}) as client:
        while True:
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(f"{base}/api/v1/incidents", params=params)).json()
            total += len(page["items"])
            analyzed += sum(item["analyzed"] for item in page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return analyzed, total


async def run(label: str, database_url: str, deliveries: int, concurrency: int) -> dict:
    (port,) = free_ports(1)
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        gateway = start_gateway(port, Path(data_dir), database_url)
        try:
            started = time.perf_counter()
            result = await send_storm(
                f"{base}/api/v1/alerts/alertmanager",
                TOKEN,
                list(range(deliveries)),
                concurrency=concurrency,
                alerts_per_group=(1, 50),
            )
            while True:
                analyzed, total = await pending(base)
                if analyzed == total == deliveries:
                    break
                await asyncio.sleep(0.2)
            all_analyzed = time.perf_counter() - started
        finally:
            gateway.terminate()
            gateway.wait(30)
    latencies = sorted(result.latencies)
    return {
        "store": label,
        "deliveries": deliveries,
        "alerts": result.alerts,
        "alerts_per_s": result.alerts / result.elapsed,
        "deliveries_per_s": deliveries / result.elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "storm_to_all_analyzed_s": all_analyzed,
    }


def fresh_postgres_database(url: str) -> str:
    admin = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(sa.text("DROP DATABASE IF EXISTS mesh_intake_bench"))
        connection.execute(sa.text("CREATE DATABASE mesh_intake_bench"))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/mesh_intake_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deliveries", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    rows = [
        asyncio.run(
            run(
                "SQLite (WAL, synchronous=FULL)",
                "sqlite:///{dir}/incidents.db".replace("{dir}", tempfile.mkdtemp()),
                args.deliveries,
                args.concurrency,
            )
        )
    ]
    if args.postgres:
        rows.append(
            asyncio.run(
                run(
                    "PostgreSQL 15 (local)",
                    fresh_postgres_database(args.postgres),
                    args.deliveries,
                    args.concurrency,
                )
            )
        )
    print(
        f"{os.cpu_count()} cores; {args.deliveries} Alertmanager deliveries of 1-50 alerts, "
        f"{args.concurrency} concurrent senders, loopback"
    )
    print(
        "| store | alerts | accepted alerts/s | deliveries/s | delivery p50 ms | p99 ms "
        "| storm -> all analyzed s |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['store']} | {r['alerts']} | {r['alerts_per_s']:.0f} | {r['deliveries_per_s']:.0f} | "
            f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['storm_to_all_analyzed_s']:.1f} |"
        )


if __name__ == "__main__":
    main()
