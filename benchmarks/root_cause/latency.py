"""Latency of one prediction (100-line excerpt) in-process and over gRPC, and the service's RSS.

    python -m benchmarks.root_cause.latency            # --requests 300

Trains once into a temporary data directory (as the service does at first start), then:
  * in-process: RootCausePredictor.predict on 100-line excerpts (evidence included), once with
    the line-count cache off (every line counted, as for a first-seen incident) and once with
    it on (the excerpts share lines, as repeated and similar alerts do);
  * over gRPC: the real service through the kit on 127.0.0.1, one client, sequential calls;
  * RSS: `python -m services.root_cause` as its own process, loaded from that artifact, after
    the benchmark's requests.
Baseline (same run): the naive bag-of-words naive-Bayes classifier's predict_proba on the same
excerpts (no calibration, no evidence, no novelty check).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
import numpy as np
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

from incidentmesh.common.v1 import common_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2, root_cause_pb2_grpc
from services.kit import Env
from services.kit.testing import local_settings, running_server
from services.root_cause.dataset import test_split, train_split
from services.root_cause.normalize import normalize_line
from services.root_cause.predictor import PredictorSettings, RootCausePredictor
from services.root_cause.service import build
from services.root_cause.storage import (
    DEFAULT_CORPUS_PATH,
    FeedbackStore,
    ModelStore,
    parse_corpus,
    read_code_keywords,
    read_corpus_bytes,
    read_cue_phrases,
)


def _excerpts_of_100_lines(count: int) -> list[list[str]]:
    """Held-out excerpts padded with other held-out excerpts' lines to exactly 100 lines."""
    held_out = test_split(parse_corpus(read_corpus_bytes()))
    pool = [line for e in held_out for line in e.lines]
    rng = np.random.default_rng(0)
    excerpts = []
    for i in range(count):
        signal = list(held_out[i % len(held_out)].lines)[:40]
        start = int(rng.integers(0, len(pool) - 100))
        excerpts.append((pool[start : start + 100 - len(signal)] + signal)[:100])
    return excerpts


def _predictor(data_dir: Path, settings: PredictorSettings) -> RootCausePredictor:
    """A predictor as the service builds it (shipped keywords and cue phrases) on `data_dir`."""
    return RootCausePredictor(
        ModelStore(data_dir / "models"),
        FeedbackStore(f"sqlite:///{data_dir / 'feedback.db'}"),
        DEFAULT_CORPUS_PATH,
        read_code_keywords(),
        settings,
        cue_phrases=read_cue_phrases(),
    )


def _timed(predictor: RootCausePredictor, excerpts: list[list[str]]) -> list[float]:
    predictor.predict(excerpts[0])
    timings = []
    for lines in excerpts:
        started = time.perf_counter()
        predictor.predict(lines)
        timings.append(time.perf_counter() - started)
    return timings


def _repeated_share(excerpts: list[list[str]]) -> float:
    """Mean share of an excerpt's distinct normalised lines that an earlier excerpt had."""
    seen: set[str] = set()
    shares = []
    for lines in excerpts:
        distinct = {normalize_line(line) for line in lines if line.strip()}
        shares.append(len(distinct & seen) / len(distinct))
        seen |= distinct
    return float(np.mean(shares))


def _percentiles(samples: list[float]) -> str:
    ms = np.array(samples) * 1000
    return f"p50 {np.percentile(ms, 50):.1f} ms, p99 {np.percentile(ms, 99):.1f} ms (n={len(ms)})"


async def _grpc_latency(data_dir: Path, excerpts: list[list[str]]) -> list[float]:
    component, _ = build(Env({"ROOT_CAUSE_DATA_DIR": str(data_dir)}))
    settings = local_settings("root-cause", data_dir=data_dir, log_level="WARNING")
    timings = []
    async with running_server(component, settings) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
            requests = [
                root_cause_pb2.PredictRootCauseRequest(lines=[common_pb2.LogLine(text=t) for t in lines])
                for lines in excerpts
            ]
            await stub.PredictRootCause(requests[0])  # connection set-up is not a prediction
            for request in requests:
                started = time.perf_counter()
                await stub.PredictRootCause(request)
                timings.append(time.perf_counter() - started)
    return timings


def _service_rss(data_dir: Path, excerpts: list[list[str]]) -> tuple[int, int]:
    env = {
        **os.environ,
        "ROOT_CAUSE_DATA_DIR": str(data_dir),
        "ROOT_CAUSE_PORT": "0",
        "ROOT_CAUSE_METRICS_PORT": "0",
        "MESH_LOG_LEVEL": "INFO",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "services.root_cause"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        port = 0
        for raw in process.stderr:
            entry = json.loads(raw)
            port = entry.get("grpc_port", port)
            if entry.get("message") == "serving":
                break
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest()).status
            assert status == health_pb2.HealthCheckResponse.SERVING
            loaded = _rss_kib(process.pid)
            stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
            for lines in excerpts:
                stub.PredictRootCause(
                    root_cause_pb2.PredictRootCauseRequest(lines=[common_pb2.LogLine(text=t) for t in lines])
                )
            return loaded, _rss_kib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args(argv)
    excerpts = _excerpts_of_100_lines(args.requests)
    data_dir = Path(tempfile.mkdtemp(prefix="root-cause-bench-"))
    predictor = _predictor(data_dir, PredictorSettings())
    started, cpu = time.perf_counter(), time.process_time()
    predictor.load_or_train()
    print(
        f"first-start training: {time.perf_counter() - started:.1f}s wall, "
        f"{time.process_time() - cpu:.1f}s CPU (this process)"
    )

    cold = _predictor(data_dir, PredictorSettings(line_cache_size=0))
    cold.load_or_train()  # loads the artifact trained above
    print(f"in-process predict, 100 lines, every line counted: {_percentiles(_timed(cold, excerpts))}")
    print(
        f"in-process predict, 100 lines, line cache on ({_repeated_share(excerpts):.0%} of each "
        f"excerpt's distinct lines seen in an earlier one): {_percentiles(_timed(predictor, excerpts))}"
    )

    corpus = train_split(parse_corpus(read_corpus_bytes()))
    vectorizer = CountVectorizer()
    naive = MultinomialNB().fit(
        vectorizer.fit_transform(["\n".join(e.lines) for e in corpus]), [e.label for e in corpus]
    )
    baseline = []
    for lines in excerpts:
        started = time.perf_counter()
        naive.predict_proba(vectorizer.transform(["\n".join(lines)]))
        baseline.append(time.perf_counter() - started)
    print(f"baseline naive Bayes predict_proba, 100 lines: {_percentiles(baseline)}")

    print(f"over gRPC, 100 lines: {_percentiles(asyncio.run(_grpc_latency(data_dir, excerpts)))}")
    loaded, after = _service_rss(data_dir, excerpts[:100])
    print(f"service RSS: {loaded / 1024:.0f} MiB loaded, {after / 1024:.0f} MiB after 100 predictions")


if __name__ == "__main__":
    main(sys.argv[1:])
