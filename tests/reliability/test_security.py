"""Secrets never leave the process: not in its logs, not in its answers, whatever callers send."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from gateway.auth import digest
from gateway.incidents.tests.payloads import alertmanager
from services.incident_integrator.signature import github_signature
from tests.ports import free_ports

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "GATEWAY_ALERTMANAGER_TOKEN": "am-secret-9f3c2b",
    "GATEWAY_GRAFANA_HMAC_SECRET": "grafana-secret-7d1e",
    "GATEWAY_GENERIC_ALERT_TOKEN": "generic-secret-44aa",
    "GATEWAY_GITHUB_WEBHOOK_SECRET": "github-secret-0b9d",
}
API_KEY = "im_security_test_key_5e6f"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_configured_secrets_never_appear_in_logs_or_responses(tmp_path):
    port, unused = free_ports(2)
    env = {
        **os.environ,
        **SECRETS,
        "GATEWAY_PORT": str(port),
        "GATEWAY_DATA_DIR": str(tmp_path),
        "GATEWAY_API_KEYS": f"sec:admin:{digest(API_KEY)}",
        "MESH_LOG_LEVEL": "DEBUG",
        **{
            f"GATEWAY_{n}_ADDR": f"127.0.0.1:{unused}"
            for n in (
                "LOG_ANALYZER",
                "ROOT_CAUSE",
                "KNOWLEDGE_BASE",
                "ACTION_RECOMMENDER",
                "INCIDENT_INTEGRATOR",
            )
        },
    }
    log_path = tmp_path / "gateway.log"
    with log_path.open("w") as log:
        gateway = subprocess.Popen(
            [sys.executable, "-m", "gateway.tests.fake_gateway"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        responses: list[str] = []
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(f"{base}/health", timeout=0.5)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            with httpx.Client(base_url=base, timeout=10) as client:
                auth = {"Authorization": f"Bearer {API_KEY}"}
                body = json.dumps({"action": "closed", "pull_request": {"merged": True}}).encode()
                calls = [
                    client.post(
                        "/api/v1/alerts/alertmanager",
                        content=alertmanager(),
                        headers={"Authorization": f"Bearer {SECRETS['GATEWAY_ALERTMANAGER_TOKEN']}"},
                    ),
                    client.post(
                        "/api/v1/alerts/alertmanager",
                        content=alertmanager(),
                        headers={"Authorization": "Bearer wrong"},
                    ),
                    client.post(
                        "/api/v1/alerts/generic",
                        json={"alerts": [{"title": "x"}]},
                        headers={"Authorization": f"Bearer {SECRETS['GATEWAY_GENERIC_ALERT_TOKEN']}"},
                    ),
                    client.post(
                        "/api/v1/github/webhook",
                        content=body,
                        headers={
                            "X-Hub-Signature-256": github_signature(
                                SECRETS["GATEWAY_GITHUB_WEBHOOK_SECRET"], body
                            ),
                            "X-GitHub-Event": "pull_request",
                            "X-GitHub-Delivery": "s-1",
                        },
                    ),
                    client.post(
                        "/api/v1/github/webhook", content=body, headers={"X-Hub-Signature-256": "sha256=0"}
                    ),
                    client.get("/api/v1/config", headers=auth),
                    client.get("/api/v1/keys", headers=auth),
                    client.get("/api/v1/whoami", headers=auth),
                    client.get("/ready"),
                    client.get("/metrics"),
                    client.get("/schema/openapi.json"),
                    client.post("/api/v1/incidents/analyze", json={"logs": ["x"]}, headers=auth),
                ]
                responses = [f"{r.status_code} {dict(r.headers)} {r.text}" for r in calls]
                assert calls[0].status_code == 202 and calls[1].status_code == 401
        finally:
            gateway.terminate()
            gateway.wait(15)
    logged = log_path.read_text()
    assert "incident" in logged.lower() or "delivery" in logged.lower(), "the gateway logged nothing to scan"
    for name, secret in {**SECRETS, "api key": API_KEY}.items():
        assert secret not in logged, f"{name} leaked into the log"
        for response in responses:
            assert secret not in response, f"{name} leaked into a response"
