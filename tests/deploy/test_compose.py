"""docker-compose.yml: accepted by docker-compose, wired by service name, driven by .env."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.images import COMPONENTS, ROOT, dockerfile, final_stage
from tests.deploy.tools import tool

SECRETS = {"POSTGRES_PASSWORD": "compose-test-password", "GRAFANA_ADMIN_PASSWORD": "compose-test-admin"}


def _config(env_file: str, extra_env: dict[str, str]) -> tuple[int, str]:
    # The environment is replaced, not extended, so a developer's .env or shell cannot leak in.
    result = subprocess.run(
        [tool("docker-compose"), "--env-file", env_file, "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            **extra_env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def resolved() -> dict:
    """The configuration docker-compose resolves from .env.example plus the two required secrets."""
    code, output = _config(".env.example", SECRETS)
    assert code == 0, output
    return yaml.safe_load(output)


def test_docker_compose_config_accepts_the_file(resolved):
    expected = {*COMPONENTS, "postgres", "prometheus", "grafana"}
    assert set(resolved["services"]) == expected


def test_missing_database_password_is_refused_with_its_name(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    code, output = _config(str(empty), {"GRAFANA_ADMIN_PASSWORD": "x"})
    assert code != 0 and "POSTGRES_PASSWORD" in output


def test_env_file_values_reach_the_containers(tmp_path):
    custom = tmp_path / "custom.env"
    custom.write_text("MESH_LOG_LEVEL=DEBUG\nGATEWAY_MAX_LINES=123\nGATEWAY_PUBLISH_PORT=18080\n")
    code, output = _config(str(custom), SECRETS)
    assert code == 0, output
    services = yaml.safe_load(output)["services"]
    assert services["gateway"]["environment"]["GATEWAY_MAX_LINES"] == "123"
    assert all(services[c]["environment"]["MESH_LOG_LEVEL"] == "DEBUG" for c in COMPONENTS)
    assert "18080" in str(services["gateway"]["ports"])


@pytest.mark.parametrize("component", COMPONENTS)
def test_component_builds_its_dockerfile_and_listens_on_all_interfaces(resolved, component):
    service = resolved["services"][component]
    assert (ROOT / service["build"]["dockerfile"]).resolve() == dockerfile(component).resolve()
    prefix = component.upper().replace("-", "_")
    assert service["environment"][f"{prefix}_HOST"] == "0.0.0.0"
    assert any(str(v).endswith(":/data") or ":/data:" in str(v) for v in service["volumes"])


def test_every_env_example_variable_reaches_a_container(resolved):
    names = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    # The CLI's URL is no server's; the data directory is fixed to the images' /data volume.
    names -= {"INCIDENTMESH_URL", "MESH_DATA_DIR"}
    passed = {key for service in resolved["services"].values() for key in service.get("environment") or {}}
    missing = names - passed
    assert not missing, f"add these .env.example variables to docker-compose.yml: {sorted(missing)}"


@pytest.mark.parametrize("component", [c for c in COMPONENTS if c != "gateway"])
def test_stop_grace_outlasts_the_kits_shutdown(resolved, component):
    service = resolved["services"][component]
    prefix = component.upper().replace("-", "_")
    needed = float(service["environment"][f"{prefix}_GRACE_SECONDS"]) + float(
        service["environment"][f"{prefix}_SHUTDOWN_DELAY_SECONDS"]
    )
    assert float(str(service["stop_grace_period"]).rstrip("s")) > needed


def test_no_container_points_at_localhost(resolved):
    """The original design's classic bug: 127.0.0.1 inside a container is the container itself."""
    for name, service in resolved["services"].items():
        for key, value in (service.get("environment") or {}).items():
            assert not re.search(r"localhost|127\.0\.0\.1", str(value)), f"{name}: {key}={value}"


def test_gateway_reaches_each_backend_by_service_name_and_port(resolved):
    environment = resolved["services"]["gateway"]["environment"]
    for component in COMPONENTS:
        if component == "gateway":
            continue
        prefix = component.upper().replace("-", "_")
        port = resolved["services"][component]["environment"][f"{prefix}_PORT"]
        assert environment[f"GATEWAY_{prefix}_ADDR"] == f"dns:///{component}:{port}"


def test_prometheus_scrapes_every_component_at_its_metrics_port(resolved):
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "incident-mesh"]
    targets = {t["labels"]["component"]: t["targets"] for t in job["static_configs"]}
    for component in COMPONENTS:
        env = resolved["services"][component]["environment"]
        prefix = component.upper().replace("-", "_")
        port = env["GATEWAY_PORT"] if component == "gateway" else env[f"{prefix}_METRICS_PORT"]
        assert targets[component] == [f"{component}:{port}"]
        assert port in {str(p) for p in final_stage(component).exposed}


def test_mounted_files_exist(resolved):
    for name, service in resolved["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith("/"):
                assert Path(source).exists(), (name, source)


def test_each_database_url_names_a_database_the_init_script_creates(resolved):
    created = set(
        re.findall(r"CREATE DATABASE (\w+);", (ROOT / "deploy/postgres/init-databases.sql").read_text())
    )
    urls = [
        value
        for service in resolved["services"].values()
        for key, value in (service.get("environment") or {}).items()
        if key.endswith("_DATABASE_URL")
    ]
    assert len(urls) == 5
    for url in urls:
        assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url
        assert url.rsplit("/", 1)[1] in created
