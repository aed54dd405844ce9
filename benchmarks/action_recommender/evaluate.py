"""Action recommender benchmark: `python -m benchmarks.action_recommender.evaluate`.

1. Accuracy on the held-out incidents of the committed example resolutions (split by incident id,
   never trained on): top-1/2/3 of the model against the "most frequent action per root cause"
   baseline from the same training split, plus the model without the history weighting.
2. Latency of one recommendation: in-process (ranking only, and ranking + storing the
   recommendation as the RPC does) and over gRPC against the service running as its own process.
3. Resident memory of that service process once it serves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import grpc
from prometheus_client.parser import text_string_to_metric_families

from incidentmesh.actions.v1 import action_recommender_pb2 as pb
from incidentmesh.actions.v1 import action_recommender_pb2_grpc as pb_grpc
from incidentmesh.common.v1 import common_pb2
from services.action_recommender.catalog import build_catalog
from services.action_recommender.engine import ActionEngine, EngineSettings
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.model import fit
from services.action_recommender.recommender import Recommender
from services.action_recommender.storage import (
    DEFAULT_CATALOG,
    DEFAULT_RESOLUTIONS,
    ModelStore,
    OutcomeStore,
    read_jsonl,
    read_yaml_documents,
)
from services.action_recommender.training import (
    allowed_by,
    examples_from_resolutions,
    frequency_baseline,
    split,
    top_k_accuracy,
)

ROOT = Path(__file__).resolve().parents[2]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def accuracy() -> dict[str, float | str]:
    catalog = build_catalog(read_yaml_documents([DEFAULT_CATALOG]))
    train_examples, test_examples = split(examples_from_resolutions(read_jsonl(DEFAULT_RESOLUTIONS)))
    train, _ = allowed_by(catalog, [e.outcome for e in train_examples])
    test = [e.outcome for e in test_examples if e.outcome.succeeded]
    truths = [o.action for o in test]
    started = time.perf_counter()
    model = fit(train)
    fit_seconds = time.perf_counter() - started
    results: dict[str, float | str] = {"train_outcomes": len(train), "heldout_incidents": len(test)}
    for name, weight in (("model", 1.0), ("model_no_history", 0.0)):
        rankings = [
            [r.action.id for r in ranking.recommendations]
            for ranking in Recommender(catalog, weight).rank_many(model, [o.features for o in test], top_k=3)
        ]
        for k in (1, 2, 3):
            results[f"{name}_top{k}"] = top_k_accuracy(rankings, truths, k)
    baseline = frequency_baseline(train)
    baseline_rankings = [baseline.get(o.features.root_cause, []) for o in test]
    for k in (1, 2, 3):
        results[f"baseline_top{k}"] = top_k_accuracy(baseline_rankings, truths, k)
    results["fit_seconds"] = fit_seconds
    served = [
        [r.action.id for r in ranking.recommendations]
        for ranking in Recommender(catalog).rank_many(model, [o.features for o in test], top_k=1)
    ]
    for root_cause in sorted({o.features.root_cause for o in test}):
        picked = [i for i, o in enumerate(test) if o.features.root_cause == root_cause]
        model_top1 = top_k_accuracy([served[i] for i in picked], [truths[i] for i in picked], 1)
        base_top1 = top_k_accuracy([baseline_rankings[i] for i in picked], [truths[i] for i in picked], 1)
        results[f"top1 {root_cause} (n={len(picked)}, {len(catalog.for_root_cause(root_cause))} actions)"] = (
            f"model {model_top1:.2f} / baseline {base_top1:.2f}"
        )
    return results


def _queries(lines_per_query: int) -> list[IncidentFeatures]:
    """Held-out incidents, their lines repeated to the requested excerpt length."""
    _, test = split(examples_from_resolutions(read_jsonl(DEFAULT_RESOLUTIONS)))
    queries = []
    for example in test:
        features = example.outcome.features
        lines = (features.lines * (lines_per_query // len(features.lines) + 1))[:lines_per_query]
        queries.append(
            IncidentFeatures(
                features.root_cause, features.service, lines, features.key_templates, features.context
            )
        )
    return queries


def in_process_latency(requests: int, lines_per_query: int) -> dict[str, float]:
    catalog = build_catalog(read_yaml_documents([DEFAULT_CATALOG]))
    with tempfile.TemporaryDirectory() as directory:
        outcomes = OutcomeStore.sqlite_in(Path(directory))
        engine = ActionEngine(
            catalog, outcomes, ModelStore(Path(directory) / "models"), EngineSettings(DEFAULT_RESOLUTIONS)
        )
        started = time.perf_counter()
        served = engine.load()
        load_seconds = time.perf_counter() - started
        recommender = Recommender(catalog)
        queries = _queries(lines_per_query)
        rank_only, with_store = [], []
        for index in range(requests):
            features = queries[index % len(queries)]
            started = time.perf_counter()
            recommender.rank(served.model, features, 3)
            rank_only.append(time.perf_counter() - started)
            started = time.perf_counter()
            engine.recommend(features, 3)
            with_store.append(time.perf_counter() - started)
        outcomes.close()
    return {
        "train_and_publish_seconds": load_seconds,
        "rank_p50_ms": percentile(rank_only, 0.5) * 1000,
        "rank_p99_ms": percentile(rank_only, 0.99) * 1000,
        "recommend_p50_ms": percentile(with_store, 0.5) * 1000,
        "recommend_p99_ms": percentile(with_store, 0.99) * 1000,
    }


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _grpc_latency(port: int, requests: int, lines_per_query: int) -> list[float]:
    queries = _queries(lines_per_query)
    samples = []
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = pb_grpc.ActionRecommenderServiceStub(channel)
        for index in range(requests + 20):
            features = queries[index % len(queries)]
            request = pb.RecommendActionsRequest(
                root_cause=features.root_cause,
                service=features.service,
                lines=[common_pb2.LogLine(text=line) for line in features.lines],
                key_templates=features.key_templates,
                context=dict(features.context),
            )
            started = time.perf_counter()
            await stub.RecommendActions(request, timeout=30)
            if index >= 20:  # the first calls warm up the channel
                samples.append(time.perf_counter() - started)
    return samples


def _server_side_mean_ms(metrics_port: int) -> float:
    """Mean of the service's own action_recommendation_seconds histogram (engine time, no transport)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10) as response:
        text = response.read().decode()
    values = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in ("action_recommendation_seconds_sum", "action_recommendation_seconds_count"):
                values[sample.name] = sample.value
    return 1000 * values["action_recommendation_seconds_sum"] / values["action_recommendation_seconds_count"]


def service_process(requests: int, lines_per_query: int) -> dict[str, float]:
    """Starts `python -m services.action_recommender` on a free port, measures it, stops it."""
    with tempfile.TemporaryDirectory() as directory:
        env = {
            **os.environ,
            "ACTION_RECOMMENDER_PORT": "0",
            "ACTION_RECOMMENDER_METRICS_PORT": "0",
            "ACTION_RECOMMENDER_DATA_DIR": directory,
            # INFO, because the "serving" line carries the bound port.
            "MESH_LOG_LEVEL": "INFO",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "services.action_recommender"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            started = time.perf_counter()
            port = 0
            assert process.stderr is not None
            for line in process.stderr:
                entry = json.loads(line) if line.startswith("{") else {}
                if entry.get("message") == "serving":
                    port, metrics_port = int(entry["grpc_port"]), int(entry["metrics_port"])
                    break
            if not port:
                raise RuntimeError("the service exited before serving")
            ready_seconds = time.perf_counter() - started
            # One log line per RPC follows; an unread pipe would fill up and block the service.
            threading.Thread(target=process.stderr.read, daemon=True).start()
            rss_ready = _rss_kib(process.pid)
            samples = asyncio.run(_grpc_latency(port, requests, lines_per_query))
            rss_after = _rss_kib(process.pid)
            server_side = _server_side_mean_ms(metrics_port)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {
        "start_to_serving_seconds": ready_seconds,
        "grpc_p50_ms": percentile(samples, 0.5) * 1000,
        "grpc_p99_ms": percentile(samples, 0.99) * 1000,
        "server_side_mean_ms": server_side,
        "rss_serving_mib": rss_ready / 1024,
        "rss_after_load_test_mib": rss_after / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=100, help="log lines per request")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    for title, results in (
        ("accuracy on held-out incidents", accuracy()),
        (
            f"in-process latency ({args.requests} requests, {args.lines} lines each)",
            in_process_latency(args.requests, args.lines),
        ),
        (
            f"service process over gRPC ({args.requests} requests, {args.lines} lines each)",
            service_process(args.requests, args.lines),
        ),
    ):
        print(f"\n{title}")
        for key, value in results.items():
            print(f"  {key:28s} {value:.4f}" if isinstance(value, float) else f"  {key:28s} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
