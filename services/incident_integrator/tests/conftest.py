from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from sqlalchemy import text

from services.incident_integrator.config import IntegratorSettings, read_settings
from services.incident_integrator.integrator import Integrator
from services.incident_integrator.metrics import IntegratorMetrics
from services.incident_integrator.outbox import OutboxWorker
from services.incident_integrator.service import assemble
from services.incident_integrator.storage import LedgerStore, make_engine
from services.incident_integrator.tests.fakes import FakeGitHub, FakeJira
from services.kit import Env

JIRA_USER = "integrator-bot"
JIRA_TOKEN = "jira-s3cr3t-token-value"
GITHUB_TOKEN = "ghp_s3cr3tgithubtokenvalue"
CODEOWNERS = """\
# default owner of everything
*                 @carol
/src/payments/    @alice
*.sql             @dba-team
/src/payments/legacy/ @ghost
"""
USER_MAP = '{"alice": "alice", "bob": "bob", "carol": "carol", "@acme/dba": "dba"}'
TEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


class FakeClock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    integrator: Integrator
    worker: OutboxWorker
    store: LedgerStore
    registry: CollectorRegistry
    clock: FakeClock
    settings: IntegratorSettings

    def metric(self, name: str, **labels: str) -> float:
        return self.registry.get_sample_value(name, labels) or 0.0

    def run_outbox(self, passes: int = 10) -> None:
        """Runs everything that is due, letting the clock pass any backoff."""
        for _ in range(passes):
            if self.worker.run_due() == 0:
                self.clock.advance(3600)
                if self.worker.run_due() == 0:
                    return


@pytest.fixture
def fake_jira() -> Iterator[FakeJira]:
    with FakeJira(user=JIRA_USER, token=JIRA_TOKEN) as jira:
        for name in ("alice", "bob", "carol", "dba", "triage"):
            jira.state.add_user(name)
        yield jira


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=GITHUB_TOKEN) as github:
        github.set_file(".github/CODEOWNERS", CODEOWNERS)
        github.add_commit("src/payments/app.py", login="bob")
        github.add_commit("src/orders/service.py", login="bob")
        github.add_commit("src/orders/service.py", login="dave")
        yield github


def jira_env(jira: FakeJira, **extra: str) -> dict[str, str]:
    return {
        "INCIDENT_INTEGRATOR_JIRA_URL": jira.url,
        "INCIDENT_INTEGRATOR_JIRA_USER": JIRA_USER,
        "INCIDENT_INTEGRATOR_JIRA_TOKEN": JIRA_TOKEN,
        "INCIDENT_INTEGRATOR_JIRA_PROJECT": "OPS",
        "INCIDENT_INTEGRATOR_JIRA_TIMEOUT_SECONDS": "5",
        "INCIDENT_INTEGRATOR_USER_MAP": USER_MAP,
        "INCIDENT_INTEGRATOR_DEFAULT_ASSIGNEE": "triage",
        "INCIDENT_INTEGRATOR_BACKOFF_SECONDS": "1",
        "INCIDENT_INTEGRATOR_BACKOFF_MAX_SECONDS": "60",
        **extra,
    }


def github_env(github: FakeGitHub) -> dict[str, str]:
    return {
        "INCIDENT_INTEGRATOR_GITHUB_URL": github.url,
        "INCIDENT_INTEGRATOR_GITHUB_TOKEN": GITHUB_TOKEN,
        "INCIDENT_INTEGRATOR_GITHUB_REPO": github.state.repo,
        "INCIDENT_INTEGRATOR_STRIP_PATH_PREFIXES": "/app/",
    }


@pytest.fixture
def make_harness(tmp_path: Path):
    stores: list[LedgerStore] = []

    def make(
        env: dict[str, str], *, store: LedgerStore | None = None, clock: FakeClock | None = None
    ) -> Harness:
        settings = read_settings(Env(env))
        if store is None:
            store = LedgerStore(make_engine(f"sqlite:///{tmp_path / 'ledger.db'}"))
            stores.append(store)
        registry = CollectorRegistry()
        clock = clock or FakeClock()
        integrator, worker = assemble(settings, store, IntegratorMetrics(registry), clock)
        return Harness(integrator, worker, store, registry, clock, settings)

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def postgres_engine_url() -> Iterator[tuple[str, str]]:
    """A fresh schema in the shared PostgreSQL, dropped afterwards; skips when PostgreSQL is absent."""
    schema = f"integrator_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = make_engine(TEST_POSTGRES_URL)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # the database is optional on a developer machine
        pytest.skip(f"PostgreSQL not reachable at {TEST_POSTGRES_URL}: {type(error).__name__}")
    try:
        yield TEST_POSTGRES_URL, schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def report(fingerprint: str = "fp-checkout-npe", **overrides) -> dict:
    base = {
        "fingerprint": fingerprint,
        "title": "NullPointerException in checkout",
        "root_cause": "PaymentClient.charge dereferences a missing card token",
        "confidence": 0.87,
        "logs_excerpt": "ERROR PaymentClient: NullPointerException at charge()\n  at app.py:42",
        "suspect_files": [{"path": "/app/src/payments/app.py", "line": 42, "function": "charge"}],
        "service": "checkout",
        "recommended_actions": ["Roll back checkout to the previous release", "Guard against a null token"],
        "severity": "critical",
        "incident_id": "inc-1",
        "dashboard_url": "",
    }
    base.update(overrides)
    return base
