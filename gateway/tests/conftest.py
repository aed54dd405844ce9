from __future__ import annotations

import dataclasses
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest

from gateway.app import create_app
from gateway.auth import KeyStore
from gateway.settings import BACKENDS, GatewaySettings, IntakeSettings, Limits
from gateway.testing import gateway_client
from gateway.tests.fakes import FakeMesh, fake_mesh
from tests.ports import free_ports


@dataclass
class Keys:
    viewer: str
    operator: str
    admin: str
    store: KeyStore


@pytest.fixture
def keys() -> Keys:
    store = KeyStore()
    return Keys(store.add("v", "viewer"), store.add("o", "operator"), store.add("a", "admin"), store)


@pytest.fixture
def mesh() -> FakeMesh:
    return fake_mesh()


@pytest.fixture
def settings(tmp_path) -> GatewaySettings:
    (unused,) = free_ports(1)
    addresses = {name: f"127.0.0.1:{unused}" for name in BACKENDS}
    allowed = {name: (address, "127.0.0.1:1") for name, address in addresses.items()}
    intake = IntakeSettings(database_url=f"sqlite:///{tmp_path / 'incidents.db'}", worker_enabled=False)
    return dataclasses.replace(
        GatewaySettings(),
        backends=addresses,
        allowed_backends=allowed,
        intake=intake,
        limits=Limits(max_body_bytes=64 * 1024, max_lines=100, max_line_length=500, max_top_k=20),
    )


@pytest.fixture
def client_for(settings, keys, mesh):
    """An HTTP client for a gateway over the fake mesh; `role` picks the API key sent."""

    def make(role: str | None = "operator", **overrides):
        app = create_app(
            dataclasses.replace(settings, **overrides), backends=mesh.backends(), keys=keys.store
        )
        return app, role and getattr(keys, role)

    return make


@pytest.fixture
def open_client(client_for):
    """`async with open_client(role) as client:` (entered inside the test: the app's lifespan must
    start and stop in the same task)."""

    @asynccontextmanager
    async def open_(role: str | None = "operator", **overrides):
        app, key = client_for(role, **overrides)
        async with gateway_client(app) as client:
            if key:
                client.headers["Authorization"] = f"Bearer {key}"
            yield client

    return open_
