"""Schemathesis over every route of the gateway's OpenAPI schema, authenticated as admin, webhooks signed.

Backends are fakes (the point is the gateway's own handling); checks: no server error, responses match
the schema, and no route ignores authentication. A longer run: FUZZ_EXAMPLES=500 ./run_all_tests.sh -k fuzz
"""

from __future__ import annotations

import dataclasses
import os
import tempfile

import schemathesis
from hypothesis import HealthCheck, settings

from gateway.app import create_app
from gateway.auth import KeyStore
from gateway.incidents.migrate import upgrade
from gateway.incidents.source_auth import grafana_signature
from gateway.settings import BACKENDS, GatewaySettings, IntakeSettings, Limits, Secret
from gateway.tests.fakes import fake_mesh
from services.incident_integrator.signature import github_signature
from tests.ports import free_ports

GRAFANA_SECRET = "fuzz-grafana"
GITHUB_SECRET = "fuzz-github"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
CASES_RUN: list[str] = []


def _app(tmp_dir: str):
    (unused,) = free_ports(1)
    addresses = {name: f"127.0.0.1:{unused}" for name in BACKENDS}
    intake = IntakeSettings(
        database_url=f"sqlite:///{tmp_dir}/fuzz.db",
        worker_enabled=False,
        grafana_hmac_secret=Secret(GRAFANA_SECRET),
        github_webhook_secret=Secret(GITHUB_SECRET),
    )
    settings = dataclasses.replace(
        GatewaySettings(),
        backends=addresses,
        intake=intake,
        allowed_backends={n: (a,) for n, a in addresses.items()},
        limits=Limits(max_body_bytes=256 * 1024, max_lines=200, max_line_length=2000, max_top_k=20),
        ready_timeout_seconds=0.05,
    )
    keys = KeyStore()
    admin = keys.add("fuzzer", "admin")
    app = create_app(settings, backends=fake_mesh().backends(), keys=keys)
    upgrade(app.state.incident_store.engine)
    return app, admin


def signing(app, admin_key: str):
    """Signs webhook bodies as Grafana and GitHub do — only on requests carrying the admin key, so the
    ignored-auth check's unauthenticated variants still arrive unsigned."""
    bearer = f"Bearer {admin_key}".encode()

    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or scope["path"] not in (
            "/api/v1/alerts/grafana",
            "/api/v1/github/webhook",
        ):
            await app(scope, receive, send)
            return
        if (b"authorization", bearer) not in list(scope["headers"]):
            await app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if scope["path"] == "/api/v1/alerts/grafana":
            extra = [(b"x-grafana-alerting-signature", grafana_signature(GRAFANA_SECRET, body).encode())]
        else:
            extra = [
                (b"x-hub-signature-256", github_signature(GITHUB_SECRET, body).encode()),
                (b"x-github-event", b"pull_request"),
            ]
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await app({**scope, "headers": [*scope["headers"], *extra]}, replay, send)

    return wrapped


_TMP = tempfile.mkdtemp(prefix="mesh-fuzz-")
APP, ADMIN_KEY = _app(_TMP)
schema = schemathesis.openapi.from_asgi("/schema/openapi.json", signing(APP, ADMIN_KEY))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_route_errors_or_breaks_its_schema(case):
    CASES_RUN.append(case.path)
    checks = [
        schemathesis.checks.not_a_server_error,
        schemathesis.checks.response_schema_conformance,
        schemathesis.checks.ignored_auth,
    ]
    response = case.call(headers={"Authorization": f"Bearer {ADMIN_KEY}"})
    if case.path == "/ready" and response.status_code == 503:
        # 503 is /ready's documented answer while a backend is down (here: all of them, on purpose).
        checks = checks[1:]
    case.validate_response(response, checks=checks, headers={"Authorization": f"Bearer {ADMIN_KEY}"})


def test_fuzzing_generated_at_least_a_thousand_cases():
    """Runs after the fuzz test above (file order): the bounded run must still be a real one."""
    assert len(CASES_RUN) >= 1000, f"only {len(CASES_RUN)} cases over {len(set(CASES_RUN))} routes"
