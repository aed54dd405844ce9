"""Every image's command, run as a local process with the image's environment and file layout.

One mesh per module (loading every model takes most of a minute): each component starts from its
Dockerfile's CMD, must pass its own HEALTHCHECK command, serve traffic through the gateway, and
export every metric the Grafana dashboard and the alert rules query. The last test stops them with
SIGTERM, as `docker stop` and Kubernetes do.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from services.kit.healthcheck import check
from tests.deploy.images import COMPONENTS, ROOT, ImageProcess, prepare
from tests.deploy.promql import SYNTHETIC, exported_names, metric_names, samples
from tests.ports import free_ports

SERVICES = [c for c in COMPONENTS if c != "gateway"]
START_TIMEOUT_SECONDS = 240
PIPELINE_ROUTE = "/api/v1/incidents/analyze"
SAMPLE_LOGS = [
    "2026-11-30 02:00:01 INFO api request served path=/orders status=200 in 12ms",
    "2026-11-30 02:00:02 ERROR db connection pool exhausted: timeout after 30000ms host=db-1",
    "2026-11-30 02:00:03 ERROR java.lang.OutOfMemoryError: Java heap space",
    "2026-11-30 02:00:04 WARN retrying request to payments (attempt 3)",
]


class Mesh:
    def __init__(self, processes: dict[str, ImageProcess], api_key: str) -> None:
        self.processes = processes
        self.api_key = api_key
        self.scrapes: dict[str, str] = {}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.processes['gateway'].env['GATEWAY_PORT']}{path}"

    def metrics_url(self, component: str) -> str:
        if component == "gateway":
            return self.url("/metrics")
        prefix = component.upper().replace("-", "_")
        return f"http://127.0.0.1:{self.processes[component].env[f'{prefix}_METRICS_PORT']}/metrics"


def _overrides(api_key: str) -> dict[str, dict[str, str]]:
    """Free ports instead of the images' fixed ones, loopback instead of 0.0.0.0, peers by address."""
    ports = iter(free_ports(2 * len(SERVICES) + 1))
    overrides: dict[str, dict[str, str]] = {}
    gateway = {
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_PORT": str(next(ports)),
        "GATEWAY_API_KEYS": f"deploy-test:admin:{hashlib.sha256(api_key.encode()).hexdigest()}",
    }
    for component in SERVICES:
        prefix = component.upper().replace("-", "_")
        port = next(ports)
        overrides[component] = {
            f"{prefix}_HOST": "127.0.0.1",
            f"{prefix}_PORT": str(port),
            f"{prefix}_METRICS_PORT": str(next(ports)),
        }
        gateway[f"GATEWAY_{prefix}_ADDR"] = f"127.0.0.1:{port}"
    overrides["gateway"] = gateway
    return overrides


def _serving(process: ImageProcess) -> bool:
    if process.component == "gateway":
        try:
            return httpx.get(f"http://127.0.0.1:{process.env['GATEWAY_PORT']}/health", timeout=2).is_success
        except httpx.HTTPError:
            return False
    prefix = process.component.upper().replace("-", "_")
    serving, _ = check(f"127.0.0.1:{process.env[f'{prefix}_PORT']}", timeout=2)
    return serving


def _wait_until_serving(processes: dict[str, ImageProcess]) -> None:
    waiting = set(processes)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while waiting and time.monotonic() < deadline:
        for name in sorted(waiting):
            process = processes[name]
            assert process.process is not None
            if process.process.poll() is not None:
                pytest.fail(
                    f"{name}: the image's command {process.stage.command} exited with "
                    f"{process.process.returncode}:\n{process.log_tail()}"
                )
            if _serving(process):
                waiting.discard(name)
        time.sleep(1)
    if waiting:
        tails = "\n".join(f"--- {n}\n{processes[n].log_tail()}" for n in sorted(waiting))
        pytest.fail(f"not serving after {START_TIMEOUT_SECONDS}s: {sorted(waiting)}\n{tails}")


@pytest.fixture(scope="module")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    scratch = tmp_path_factory.mktemp("images")
    api_key = secrets.token_urlsafe(32)
    overrides = _overrides(api_key)
    processes = {c: prepare(c, scratch, overrides[c]) for c in COMPONENTS}
    try:
        for process in processes.values():
            process.start()
        _wait_until_serving(processes)
        yield Mesh(processes, api_key)
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.stop(timeout=20)


@pytest.fixture(scope="module")
def scrapes(mesh: Mesh) -> dict[str, str]:
    """Every component's /metrics after one full pipeline call went through the gateway."""
    response = httpx.post(
        mesh.url(PIPELINE_ROUTE),
        json={"logs": SAMPLE_LOGS, "service": "orders"},
        headers={"Authorization": f"Bearer {mesh.api_key}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return {c: httpx.get(mesh.metrics_url(c), timeout=10).text for c in COMPONENTS}


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("component", COMPONENTS)
def test_image_command_passes_its_own_healthcheck(mesh: Mesh, component: str):
    result = mesh.processes[component].healthcheck()
    assert result.returncode == 0, f"HEALTHCHECK failed: {result.stdout}{result.stderr}"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_gateway_reaches_every_backend_and_is_ready(mesh: Mesh):
    ready = httpx.get(mesh.url("/ready"), timeout=10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_gateway_serves_the_dashboard(mesh: Mesh):
    page = httpx.get(mesh.url("/"), timeout=10)
    assert page.status_code == 200
    assert "<html" in page.text.lower() or "<!doctype html" in page.text.lower()


def _dashboard_expressions() -> list[tuple[str, str]]:
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/incident-mesh.json").read_text())
    found = []
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            found.append((panel["title"], target["expr"]))
    return found


def _rule_expressions() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "deploy/prometheus/rules").glob("*.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                found.append((rule.get("alert") or rule.get("record"), rule["expr"]))
    return found


def _exported(scrapes: dict[str, str]) -> set[str]:
    return set().union(*(exported_names(text) for text in scrapes.values()))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_every_dashboard_metric_is_exported(scrapes: dict[str, str]):
    exported = _exported(scrapes)
    expressions = _dashboard_expressions()
    assert len(expressions) >= 20
    missing = {
        (title, name)
        for title, expr in expressions
        for name in metric_names(expr) - SYNTHETIC
        if name not in exported
    }
    assert not missing, f"dashboard panels query metrics no component exports: {sorted(missing)}"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_every_alert_rule_metric_is_exported(scrapes: dict[str, str]):
    exported = _exported(scrapes)
    missing = {
        (alert, name)
        for alert, expr in _rule_expressions()
        for name in metric_names(expr) - SYNTHETIC
        if name not in exported
    }
    assert not missing, f"alert rules query metrics no component exports: {sorted(missing)}"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_pipeline_route_label_matches_the_latency_rule(scrapes: dict[str, str]):
    routes = {
        labels.get("route")
        for labels, _ in samples(scrapes["gateway"], "gateway_request_duration_seconds_count")
    }
    assert PIPELINE_ROUTE in routes, routes
    rules = (ROOT / "deploy/prometheus/rules/incident-mesh.yml").read_text()
    assert f'route="{PIPELINE_ROUTE}"' in rules


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_every_stage_answered_through_the_gateway(scrapes: dict[str, str]):
    calls = samples(scrapes["gateway"], "gateway_backend_calls_total")
    answered = {labels["backend"] for labels, value in calls if labels["outcome"] == "OK" and value > 0}
    assert {"log_analyzer", "root_cause", "knowledge_base", "action_recommender"} <= answered, calls


def _memory_limits() -> dict[str, int]:
    units = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}
    limits = {}
    for component in COMPONENTS:
        for document in yaml.safe_load_all((ROOT / f"deploy/k8s/{component}.yaml").read_text()):
            if document["kind"] == "Deployment":
                value = document["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["memory"]
                limits[component] = int(value[:-2]) * units[value[-2:]]
    return limits


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_resident_memory_fits_the_kubernetes_limit_with_headroom(scrapes: dict[str, str]):
    limits = _memory_limits()
    resident = {c: samples(text, "process_resident_memory_bytes")[0][1] for c, text in scrapes.items()}
    report = {c: f"{resident[c] / 2**20:.0f} MiB of {limits[c] / 2**20:.0f} MiB" for c in resident}
    # Half the limit: traffic, bigger documents and index rebuilds need the rest.
    assert all(resident[c] < limits[c] / 2 for c in resident), report


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sigterm_stops_every_image_cleanly(mesh: Mesh):
    for process in mesh.processes.values():
        process.terminate()
    codes = {name: process.stop(timeout=25) for name, process in mesh.processes.items()}
    # uvicorn shuts down gracefully, then re-raises SIGTERM so its exit status reports the signal
    # (Docker shows 143); the kit's services exit 0.
    gateway_log = mesh.processes["gateway"].log_tail(2000)
    assert codes.pop("gateway") in (0, -signal.SIGTERM) and "Finished server process" in gateway_log, (
        gateway_log
    )
    assert codes == dict.fromkeys(codes, 0), {
        name: (code, mesh.processes[name].log_tail(800)) for name, code in codes.items() if code != 0
    }


def test_stand_in_paths_cover_every_stage_copy(tmp_path: Path):
    """A COPY --from of a path the runner has no stand-in for would silently escape the checks."""
    from tests.deploy.images import final_stage, stage_outputs

    outputs = stage_outputs(tmp_path)
    for component in COMPONENTS:
        for copy in final_stage(component).copies:
            if copy.from_stage is not None:
                assert all(source in outputs for source in copy.sources), (component, copy)
