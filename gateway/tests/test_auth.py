"""Every non-public route rejects missing, invalid and insufficient keys — checked over the OpenAPI route
table, so a new route cannot forget its guard."""

from __future__ import annotations

import pytest

from gateway.app import create_app
from gateway.auth import ROLES, KeyStore, digest, ensure_admin_key
from services.kit.config import ConfigError

PUBLIC = {"/health", "/ready", "/metrics"}


def _routes(app) -> list[tuple[str, str, str]]:
    """(method, path, required role) for every documented route."""
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                guards = [g for g in (handler.guards or []) if hasattr(g, "required_role")]
                role = guards[0].required_role if guards else None
                if handler.opt.get("webhook"):
                    role = "webhook"
                found.append((method, route.path, role))
    return found


def test_every_non_public_route_has_a_role_guard(client_for):
    app, _ = client_for()
    for method, path, role in _routes(app):
        if path in PUBLIC or path.startswith("/schema"):
            continue
        assert role in (*ROLES, "webhook"), f"{method} {path} has no role guard"


async def test_routes_reject_missing_invalid_and_insufficient_keys(client_for, keys):
    app, _ = client_for()
    from gateway.testing import gateway_client

    async with gateway_client(app) as client:
        for method, path, role in _routes(app):
            if role is None:
                continue
            if role == "webhook":
                # Webhooks authenticate by source token or signature; a viewer key is not enough.
                for headers in (
                    {},
                    {"Authorization": "Bearer not-a-key"},
                    {"Authorization": f"Bearer {keys.viewer}"},
                ):
                    response = await client.request(method, path, headers=headers, json={})
                    assert response.status_code in (401, 403), f"{method} {path} with {headers}"
                continue
            for headers, expected in (
                ({}, 401),
                ({"Authorization": "Bearer not-a-key"}, 401),
                ({"Authorization": f"Basic {keys.admin}"}, 401),
            ):
                response = await client.request(method, path, headers=headers, json={})
                assert response.status_code == expected, f"{method} {path} with {headers}"
            weaker = ROLES[: ROLES.index(role)]
            for weak_role in weaker:
                headers = {"Authorization": f"Bearer {getattr(keys, weak_role)}"}
                response = await client.request(method, path, headers=headers, json={})
                assert response.status_code == 403, f"{method} {path} as {weak_role}"
                assert role in response.json()["detail"]


async def test_public_routes_need_no_key(open_client):
    async with open_client(None) as client:
        for path in ("/health", "/metrics", "/schema/openapi.json"):
            assert (await client.get(path)).status_code == 200, path


def test_keys_from_environment_spec_and_file(tmp_path):
    key_file = tmp_path / "keys.json"
    key_file.write_text(f'[{{"name": "ci", "role": "operator", "sha256": "{digest("k2")}"}}]')
    store = KeyStore.load(f"ops:viewer:{digest('k1')}", key_file)
    assert store.lookup("k1").role == "viewer"
    assert store.lookup("k2").role == "operator"
    assert store.lookup("k3") is None
    with pytest.raises(ConfigError, match="GATEWAY_API_KEYS"):
        KeyStore.load("ops:root:abc", None)


def test_admin_key_is_created_once_and_stored_hashed(tmp_path):
    key, created = ensure_admin_key(tmp_path)
    again, created_again = ensure_admin_key(tmp_path)
    assert created and not created_again and key == again
    assert key not in (tmp_path / "api_keys.json").read_text()
    assert (tmp_path / "admin.key").stat().st_mode & 0o077 == 0
    assert KeyStore.load(None, tmp_path / "api_keys.json").lookup(key).role == "admin"


def test_app_without_keys_still_starts(settings):
    assert create_app(settings, keys=KeyStore()) is not None
