"""Duplicate tickets under concurrent delivery: ledger dedup vs. search-then-create.

Three "replicas" (as Alertmanager HA delivers) report the same fingerprint at the same instant,
for many fingerprints. The baseline is the dedup most integrations use (jiralert, Alertmanager's
jira_config): search Jira for the fingerprint label, create if nothing is found. The integrator
claims the fingerprint in its ledger (UNIQUE constraint) before calling Jira. Both use the real
`jira` client against the local fake Jira, with a per-request latency like a remote server's.

    python -m benchmarks.incident_integrator.dedup_race [--fingerprints 40] [--latency-ms 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jira import JIRA
from prometheus_client import CollectorRegistry

from services.incident_integrator.config import read_settings
from services.incident_integrator.content import fingerprint_label
from services.incident_integrator.metrics import IntegratorMetrics
from services.incident_integrator.service import assemble
from services.incident_integrator.storage import LedgerStore, make_engine
from services.incident_integrator.tests.fakes import FakeJira
from services.kit import Env

REPLICAS = 3


def _race(deliver, fingerprints: list[str]) -> list[float]:
    """Each fingerprint is delivered by REPLICAS threads released together; returns latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=REPLICAS) as pool:
        for fingerprint in fingerprints:
            barrier = threading.Barrier(REPLICAS)

            def one(
                replica: int, fingerprint: str = fingerprint, barrier: threading.Barrier = barrier
            ) -> None:
                barrier.wait(timeout=30)
                started = time.perf_counter()
                deliver(replica, fingerprint)
                with lock:
                    latencies.append(time.perf_counter() - started)

            list(pool.map(one, range(REPLICAS)))
    return latencies


def run_baseline(fingerprints: list[str], latency: float) -> tuple[int, list[float]]:
    with FakeJira() as jira:
        jira.latency_seconds = latency
        clients = [JIRA(server=jira.url, max_retries=0) for _ in range(REPLICAS)]

        def deliver(replica: int, fingerprint: str) -> None:
            client = clients[replica]
            label = fingerprint_label(fingerprint)
            found = client.search_issues(f'project = "OPS" AND labels = "{label}"', maxResults=2)
            if found:
                client.add_comment(found[0].key, "seen again")
            else:
                client.create_issue(
                    fields={
                        "project": {"key": "OPS"},
                        "issuetype": {"name": "Bug"},
                        "summary": fingerprint,
                        "labels": [label],
                    },
                    prefetch=False,
                )

        latencies = _race(deliver, fingerprints)
        return len(jira.state.issues), latencies


def run_ledger(fingerprints: list[str], latency: float, workdir: Path) -> tuple[int, list[float]]:
    with FakeJira() as jira:
        jira.latency_seconds = latency
        env = {"INCIDENT_INTEGRATOR_JIRA_URL": jira.url, "INCIDENT_INTEGRATOR_JIRA_PROJECT": "OPS"}
        settings = read_settings(Env(env))
        url = f"sqlite:///{workdir / 'ledger.db'}"
        stores = [LedgerStore(make_engine(url)) for _ in range(REPLICAS)]
        integrators = [assemble(settings, s, IntegratorMetrics(CollectorRegistry()))[0] for s in stores]

        def deliver(replica: int, fingerprint: str) -> None:
            integrators[replica].report({"fingerprint": fingerprint, "title": fingerprint})

        latencies = _race(deliver, fingerprints)
        for store in stores:
            store.close()
        return len(jira.state.issues), latencies


def _describe(name: str, issues: int, expected: int, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"{name:<28} tickets={issues:<4} duplicates={issues - expected:<4} "
        f"report p50={statistics.median(ordered) * 1000:.0f} ms p95={p95 * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fingerprints", type=int, default=40)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    args = parser.parse_args()
    fingerprints = [f"bench-fp-{i}" for i in range(args.fingerprints)]
    latency = args.latency_ms / 1000
    baseline_issues, baseline_latencies = run_baseline(fingerprints, latency)
    with tempfile.TemporaryDirectory() as workdir:
        ledger_issues, ledger_latencies = run_ledger(fingerprints, latency, Path(workdir))
    print(
        f"{args.fingerprints} fingerprints x {REPLICAS} simultaneous deliveries,"
        f" Jira latency {args.latency_ms} ms"
    )
    print(_describe("baseline search-then-create", baseline_issues, len(fingerprints), baseline_latencies))
    print(_describe("integrator ledger", ledger_issues, len(fingerprints), ledger_latencies))


if __name__ == "__main__":
    main()
