"""Full-pipeline latency through the gateway vs direct gRPC calls to the services, same run.

    python -m benchmarks.gateway.pipeline_latency [--seconds 20] [--concurrency 1,8,32]

Starts the whole mesh (five real services + gateway) on loopback, sends a 100-line incident at each
concurrency level for a fixed time (bounded), then measures the critical path of direct gRPC calls
(max(analyzer, knowledge base, root cause + recommender)) for the same incident, so the gateway's
overhead is a ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import grpc
import httpx

from gateway.clients import log_lines
from gateway.pipeline import knowledge_query
from gateway.selftest import CANNED_INCIDENT, CANNED_SERVICE
from incidentmesh.actions.v1 import action_recommender_pb2 as actions_pb2
from incidentmesh.actions.v1 import action_recommender_pb2_grpc as actions_grpc
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2 as kb_pb2
from incidentmesh.knowledgebase.v1 import knowledge_base_pb2_grpc as kb_grpc
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2 as analyzer_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2_grpc as analyzer_grpc
from incidentmesh.rootcause.v1 import root_cause_pb2 as rootcause_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2_grpc as rootcause_grpc
from tests.mesh import ADMIN_KEY, running_mesh


def incident_of(lines: int) -> list[str]:
    noise = [
        f"2026-11-30T10:14:{i % 60:02d}.{i:03d}Z INFO  [exec-{i % 9}] c.s.checkout.OrderController : "
        f"GET /orders/{9000 + i} 200 {5 + i % 30}ms"
        for i in range(lines - len(CANNED_INCIDENT))
    ]
    return noise + CANNED_INCIDENT


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory(mesh) -> dict[str, float]:
    return {r.component.name: rss_mib(r.process.pid) for r in mesh.supervisor.running}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def gateway_level(base: str, logs: list[str], concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    degraded = 0
    stop_at = time.monotonic() + seconds

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal degraded
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            response = await client.post(
                "/api/v1/incidents/analyze", json={"logs": logs, "service": CANNED_SERVICE}
            )
            latencies.append(time.perf_counter() - started)
            degraded += bool(response.json().get("degraded"))

    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.5) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "degraded": degraded,
    }


async def direct_critical_path(env: dict[str, str], logs: list[str], rounds: int) -> dict:
    def channel(variable: str) -> grpc.aio.Channel:
        return grpc.aio.insecure_channel(env[variable])

    analyzer = analyzer_grpc.LogAnalyzerServiceStub(channel("GATEWAY_LOG_ANALYZER_ADDR"))
    predictor = rootcause_grpc.RootCauseServiceStub(channel("GATEWAY_ROOT_CAUSE_ADDR"))
    kb = kb_grpc.KnowledgeBaseServiceStub(channel("GATEWAY_KNOWLEDGE_BASE_ADDR"))
    recommender = actions_grpc.ActionRecommenderServiceStub(channel("GATEWAY_ACTION_RECOMMENDER_ADDR"))
    lines = log_lines(logs, CANNED_SERVICE)

    async def timed(coroutine) -> tuple[float, object]:
        started = time.perf_counter()
        reply = await coroutine
        return time.perf_counter() - started, reply

    paths: list[float] = []
    for _ in range(rounds):
        analysis, search, prediction = await asyncio.gather(
            timed(analyzer.AnalyzeLogs(analyzer_pb2.AnalyzeLogsRequest(lines=lines, service=CANNED_SERVICE))),
            timed(kb.Search(kb_pb2.SearchRequest(query=knowledge_query(logs), top_k=5))),
            timed(predictor.PredictRootCause(rootcause_pb2.PredictRootCauseRequest(lines=lines, top_k=3))),
        )
        label = prediction[1].candidates[0].label
        recommend = await timed(
            recommender.RecommendActions(
                actions_pb2.RecommendActionsRequest(
                    root_cause=label, service=CANNED_SERVICE, lines=lines[-200:], top_k=3
                )
            )
        )
        paths.append(max(analysis[0], search[0], prediction[0] + recommend[0]))
    return {"p50": statistics.median(paths) * 1000, "p99": percentile(paths, 0.99) * 1000}


async def run(seconds: float, levels: list[int]) -> None:
    logs = incident_of(100)
    with tempfile.TemporaryDirectory() as data_dir, running_mesh(Path(data_dir)) as mesh:
        with mesh.client() as client:
            client.put(
                "/api/v1/config",
                json={
                    "deadlines": {
                        "log_analyzer": 1500,
                        "root_cause": 1500,
                        "knowledge_base": 1500,
                        "action_recommender": 800,
                        "incident_integrator": 1000,
                        "overall": 2500,
                    }
                },
            )
        before = memory(mesh)
        rows = [await gateway_level(mesh.base_url, logs, level, seconds) for level in levels]
        direct = await direct_critical_path(mesh.env, logs, rounds=200)
        after = memory(mesh)
    print(f"{os.cpu_count()} cores; 100-line incident; {seconds:.0f} s per level; loopback")
    print("| clients | requests | req/s | p50 ms | p95 ms | p99 ms | degraded answers |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['concurrency']} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['degraded']} |"
        )
    one = rows[0]
    print(
        f"\nDirect gRPC critical path (sequential, 200 rounds): p50 {direct['p50']:.1f} ms, "
        f"p99 {direct['p99']:.1f} ms"
    )
    print(f"Gateway overhead at 1 client: p50 {one['p50'] / direct['p50']:.2f}x the direct critical path")
    print("\n| process | RSS before load MiB | RSS after load MiB |")
    print("|---|---|---|")
    for name in before:
        print(f"| {name} | {before[name]:.0f} | {after[name]:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", default="1,8,32")
    args = parser.parse_args()
    asyncio.run(run(args.seconds, [int(c) for c in args.concurrency.split(",")]))


if __name__ == "__main__":
    main()
