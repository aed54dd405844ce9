"""Prometheus, Alertmanager and Grafana files: validated by their own tools and consistent."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.deploy.images import COMPONENTS, ROOT
from tests.deploy.tools import run, tool

PROMETHEUS = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana"
DATASOURCE_UID = "incident-mesh-prometheus"


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus-kubernetes.yml"])
def test_promtool_checks_the_scrape_config(config):
    result = run(tool("promtool"), "check", "config", str(PROMETHEUS / config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rule files found" in result.stdout


def test_promtool_checks_the_rules():
    rules = sorted(str(p) for p in (PROMETHEUS / "rules").glob("*.yml"))
    result = run(tool("promtool"), "check", "rules", *rules)
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_rule_unit_tests_pass():
    tests = sorted(str(p) for p in (PROMETHEUS / "tests").glob("*.test.yml"))
    assert tests
    result = run(tool("promtool"), "test", "rules", *tests)
    assert result.returncode == 0, result.stdout + result.stderr


def _alerts() -> dict[str, dict]:
    alerts = {}
    for path in (PROMETHEUS / "rules").glob("*.yml"):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                alerts[rule["alert"]] = rule
    return alerts


def test_rules_cover_what_operators_page_on():
    alerts = _alerts()
    for wanted in (
        "IncidentMeshComponentDown",
        "IncidentMeshGatewayErrorRatioHigh",
        "IncidentMeshPipelineLatencyHigh",
        "IncidentMeshOutboxGrowing",
        "IncidentMeshJiraErrors",
        "IncidentMeshModelNotLoaded",
    ):
        assert wanted in alerts
    for name, rule in alerts.items():
        assert rule["labels"]["severity"] in ("critical", "warning"), name
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], name


def test_unit_tests_exercise_the_down_and_latency_alerts():
    tested = set()
    for path in (PROMETHEUS / "tests").glob("*.test.yml"):
        for case in yaml.safe_load(path.read_text())["tests"]:
            tested.update(t["alertname"] for t in case.get("alert_rule_test", []) if t.get("exp_alerts"))
    assert {"IncidentMeshComponentDown", "IncidentMeshPipelineLatencyHigh"} <= tested


def test_kubernetes_scrape_config_resolves_every_headless_service():
    config = yaml.safe_load((PROMETHEUS / "prometheus-kubernetes.yml").read_text())
    (job,) = config["scrape_configs"]
    discovered = {(sd["names"][0].split(".")[0], sd["port"]) for sd in job["dns_sd_configs"]}
    expected = set()
    for component in COMPONENTS:
        for document in yaml.safe_load_all((ROOT / f"deploy/k8s/{component}.yaml").read_text()):
            if document["kind"] == "Deployment":
                annotations = document["spec"]["template"]["metadata"]["annotations"]
                expected.add((f"{component}-headless", int(annotations["prometheus.io/port"])))
    assert discovered == expected


def test_amtool_checks_the_alertmanager_example():
    config = ROOT / "deploy" / "alertmanager" / "alertmanager.yml"
    result = run(tool("amtool"), "check-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    parsed = yaml.safe_load(config.read_text())
    (receiver,) = [r for r in parsed["receivers"] if r["name"] == parsed["route"]["receiver"]]
    (webhook,) = receiver["webhook_configs"]
    assert webhook["url"].endswith("/api/v1/alerts/alertmanager")
    assert webhook["http_config"]["authorization"]["type"] == "Bearer"
    assert "credentials_file" in webhook["http_config"]["authorization"], "never an inline token"


def test_grafana_dashboard_parses_and_uses_the_provisioned_datasource():
    dashboard = json.loads((GRAFANA / "dashboards" / "incident-mesh.json").read_text())
    datasources = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    assert [d["uid"] for d in datasources["datasources"]] == [DATASOURCE_UID]
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"])
    for panel in panels:
        assert panel["datasource"]["uid"] == DATASOURCE_UID, panel["title"]
        assert panel["targets"] and all(t["expr"] for t in panel["targets"]), panel["title"]
    titles = " ".join(p["title"].lower() for p in panels)
    for topic in (
        "request rate",
        "errors",
        "latency per stage",
        "latency per backend",
        "anomalies",
        "root causes",
        "tickets",
        "outbox",
    ):
        assert topic in titles, topic


def test_grafana_provisioning_loads_the_dashboard_folder_compose_mounts():
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/incident-mesh.yml").read_text())
    path = provider["providers"][0]["options"]["path"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{path}:ro" in mounts
