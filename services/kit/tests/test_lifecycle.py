"""The kit's process lifecycle, tested on a real subprocess: start, load, SIGTERM, exit."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.kit.tests.conftest import SampleClient

ROOT = Path(__file__).resolve().parents[3]
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class ServiceProcess:
    """The sample service in its own process; its JSON log lines are collected from stderr."""

    def __init__(self, **env: str) -> None:
        self.lines: list[dict] = []
        self.raw_stderr: list[str] = []
        self._listening = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "services.kit.tests.sample_service"],
            cwd=ROOT,
            env={**os.environ, "KITTEST_PORT": "0", "KITTEST_METRICS_PORT": "0", **env},
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self._reader.join(5)
        self.process.stderr.close()

    def _read(self) -> None:
        for raw in self.process.stderr:
            self.raw_stderr.append(raw)
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            self.lines.append(line)
            if line.get("message") == "listening":
                self.port = line["grpc_port"]
                self._listening.set()

    def wait_listening(self, timeout: float = 15.0) -> int:
        assert self._listening.wait(timeout), f"service did not start: {''.join(self.raw_stderr)}"
        return self.port


async def _watch_statuses(port: int, statuses: list[int], until: int) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stream = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service=""))
        try:
            async for reply in stream:
                statuses.append(reply.status)
                if reply.status == until and SERVING in statuses:
                    return
        except grpc.aio.AioRpcError:
            return  # the server closed the stream while stopping


async def test_sigterm_reports_not_serving_finishes_in_flight_rpc_and_exits_cleanly():
    service = ServiceProcess(KITTEST_LOAD_SECONDS="0.5", KITTEST_GRACE_SECONDS="5")
    try:
        port = service.wait_listening()
        statuses: list[int] = []
        watcher = asyncio.create_task(_watch_statuses(port, statuses, until=NOT_SERVING))
        for _ in range(100):
            if SERVING in statuses:
                break
            await asyncio.sleep(0.05)
        assert statuses[0] == NOT_SERVING, "health must start NOT_SERVING while the service loads"
        assert SERVING in statuses

        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            in_flight = asyncio.create_task(SampleClient(channel).call("Sleep", b"1.0"))
            await asyncio.sleep(0.3)
            service.process.send_signal(signal.SIGTERM)
            assert await in_flight == b"done"
        await asyncio.wait_for(watcher, 5)
        assert statuses[-1] == NOT_SERVING
        assert await asyncio.to_thread(service.process.wait, 10) == 0
    finally:
        service.close()
    messages = [line["message"] for line in service.lines]
    assert messages.index("shutting down") < messages.index("stopped")


def test_invalid_environment_variable_stops_with_one_clear_line():
    result = subprocess.run(
        [sys.executable, "-m", "services.kit.tests.sample_service"],
        cwd=ROOT,
        env={**os.environ, "KITTEST_PORT": "not-a-port"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "configuration error: KITTEST_PORT='not-a-port' is not an integer"
    ]
