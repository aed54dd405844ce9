"""Peak RSS of the real log-analyzer process after loading, and after analyzing 1M lines.

One command:  python -m benchmarks.log_analyzer.memory [--data DIR] [--batches 10]

Starts `python -m services.log_analyzer` as a child process (fresh data dir, so it
trains the committed baseline at start), waits for gRPC health SERVING, reads the
child's VmRSS/VmHWM from /proc, then sends AnalyzeLogs batches of 100,000 HDFS lines
over gRPC (the 100k-line sample, repeated) and reads them again. Also reports the
end-to-end gRPC rate (serialisation and transport included).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from benchmarks.log_analyzer.hdfs_lines import default_data_dir, hdfs_raw_lines
from incidentmesh.common.v1 import common_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2, log_analyzer_pb2_grpc

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_of(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def wait_serving(channel: grpc.Channel, timeout: float = 120.0) -> float:
    stub = health_pb2_grpc.HealthStub(channel)
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            status = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=2).status
            if status == health_pb2.HealthCheckResponse.SERVING:
                return time.perf_counter() - started
        except grpc.RpcError:
            pass
        time.sleep(0.2)
    raise TimeoutError("log-analyzer did not become SERVING")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    lines = hdfs_raw_lines(args.data)[:100_000]
    request = log_analyzer_pb2.AnalyzeLogsRequest(lines=[common_pb2.LogLine(text=t) for t in lines])
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "LOG_ANALYZER_PORT": str(port),
            "LOG_ANALYZER_METRICS_PORT": "0",
            "LOG_ANALYZER_DATA_DIR": data_dir,
            "LOG_ANALYZER_MAX_MESSAGE_BYTES": str(64 * 1024 * 1024),
            "MESH_LOG_LEVEL": "WARNING",
        }
        child = subprocess.Popen([sys.executable, "-m", "services.log_analyzer"], cwd=REPO, env=env)
        try:
            options = [("grpc.max_send_message_length", 64 * 1024 * 1024)]
            with grpc.insecure_channel(f"127.0.0.1:{port}", options=options) as channel:
                ready_seconds = wait_serving(channel)
                loaded = memory_of(child.pid)
                stub = log_analyzer_pb2_grpc.LogAnalyzerServiceStub(channel)
                started = time.perf_counter()
                for _ in range(args.batches):
                    response = stub.AnalyzeLogs(request, timeout=300)
                elapsed = time.perf_counter() - started
                after = memory_of(child.pid)
        finally:
            child.terminate()
            child.wait(timeout=30)
    total = args.batches * len(lines)
    print(f"SERVING after {ready_seconds:.1f}s (trains the committed baseline on first start)")
    print("| moment | RSS MiB | peak RSS (VmHWM) MiB |")
    print("|---|---|---|")
    print(f"| after load | {loaded['VmRSS']:.0f} | {loaded['VmHWM']:.0f} |")
    print(f"| after analyzing {total:,} lines | {after['VmRSS']:.0f} | {after['VmHWM']:.0f} |")
    print(f"\nend-to-end over gRPC: {total:,} lines in {elapsed:.1f}s = {total / elapsed:,.0f} lines/s")
    print(
        f"last response: {response.line_count} lines, {len(response.anomalies)} anomalies, "
        f"model {response.model_version}"
    )


if __name__ == "__main__":
    main()
