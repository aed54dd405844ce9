"""The whole mesh as real local processes on free ports, for integration and fault-injection tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from gateway.auth import digest
from meshcli.supervisor import Supervisor
from tests.ports import free_ports, mesh_environment

ADMIN_KEY = "im_integration_admin_key"


@dataclass
class RunningMesh:
    supervisor: Supervisor
    env: dict[str, str]
    data_dir: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.env['GATEWAY_PORT']}"

    def client(self, timeout: float = 30.0) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, timeout=timeout, headers={"Authorization": f"Bearer {ADMIN_KEY}"}
        )

    def prepare_for_tests(self) -> None:
        """Correctness tests should not fail on a loaded CI machine's latency (the benchmarks measure
        that), and the first call into each model pays one-time warm-up costs."""
        with self.client() as client:
            generous = {
                "deadlines": {
                    "log_analyzer": 15000,
                    "root_cause": 15000,
                    "knowledge_base": 15000,
                    "action_recommender": 15000,
                    "incident_integrator": 15000,
                    "overall": 20000,
                }
            }
            assert client.put("/api/v1/config", json=generous).status_code == 200
            client.post("/api/v1/selftest")

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/ready", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"mesh not ready after {timeout:.0f} s")


@contextmanager
def running_mesh(data_dir: Path, **extra_env: str) -> Iterator[RunningMesh]:
    env = {
        **os.environ,
        **mesh_environment(),
        "MESH_DATA_DIR": str(data_dir),
        "GATEWAY_API_KEYS": f"integration:admin:{digest(ADMIN_KEY)}",
        "MESH_LOG_LEVEL": "INFO",
        **extra_env,
    }
    # Fault tests run a second log-analyzer replica; the two-replica address must be allowed at start.
    replica_port, replica_metrics_port = free_ports(2)
    env["MESH_TEST_REPLICA_PORTS"] = f"{replica_port},{replica_metrics_port}"
    env["GATEWAY_LOG_ANALYZER_ADDR_ALLOWED"] = (
        f"127.0.0.1:{env['LOG_ANALYZER_PORT']},127.0.0.1:{replica_port}"
    )
    supervisor = Supervisor(data_dir / "logs", env, say=lambda message: None)
    supervisor.start()
    try:
        if not supervisor.wait_healthy(420):
            logs = "\n".join(
                f"--- {r.component.name}\n{r.log_path.read_text()[-3000:]}" for r in supervisor.running
            )
            raise AssertionError(f"mesh did not start:\n{logs}")
        mesh = RunningMesh(supervisor, env, data_dir)
        mesh.wait_ready()
        mesh.prepare_for_tests()
        yield mesh
    finally:
        supervisor.stop()
