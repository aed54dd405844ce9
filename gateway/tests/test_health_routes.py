from __future__ import annotations

import dataclasses

import pytest

from gateway.app import create_app
from gateway.settings import BACKENDS, GatewaySettings
from gateway.testing import gateway_client
from services.kit.testing import running_server
from services.kit.tests.sample_service import SampleService
from tests.ports import free_ports


@pytest.fixture
def settings_with(settings):
    def make(addresses: dict[str, str]) -> GatewaySettings:
        return dataclasses.replace(settings, backends=addresses)

    return make


async def test_health_is_open_and_ok(settings_with):
    (unused,) = free_ports(1)
    app = create_app(settings_with({name: f"127.0.0.1:{unused}" for name in BACKENDS}))
    async with gateway_client(app) as client:
        response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_reports_each_backend_and_is_503_when_one_is_down(settings_with):
    (unused,) = free_ports(1)
    async with running_server(SampleService()) as server:
        addresses = {name: f"127.0.0.1:{server.port}" for name in BACKENDS}
        addresses["knowledge_base"] = f"127.0.0.1:{unused}"
        async with gateway_client(create_app(settings_with(addresses))) as client:
            response = await client.get("/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["backends"]["knowledge_base"]["status"] == "UNAVAILABLE"
    assert body["backends"]["log_analyzer"]["status"] == "SERVING"
    assert "127.0.0.1" not in response.text, "internal addresses must not leak"


async def test_ready_is_200_when_every_backend_serves(settings_with):
    async with running_server(SampleService()) as server:
        addresses = {name: f"127.0.0.1:{server.port}" for name in BACKENDS}
        async with gateway_client(create_app(settings_with(addresses))) as client:
            response = await client.get("/ready")
    assert response.status_code == 200
    assert set(response.json()["backends"]) == set(BACKENDS)


async def test_metrics_count_requests_by_route_template(settings_with):
    (unused,) = free_ports(1)
    app = create_app(settings_with({name: f"127.0.0.1:{unused}" for name in BACKENDS}))
    async with gateway_client(app) as client:
        await client.get("/health")
        await client.get("/health")
        text = (await client.get("/metrics")).text
    assert 'gateway_requests_total{method="GET",route="/health",status="200"} 2.0' in text
    assert "gateway_request_duration_seconds_bucket" in text
