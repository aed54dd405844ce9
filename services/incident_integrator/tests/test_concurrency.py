"""Three Alertmanager replicas deliver the same alert at once: exactly one ticket, on SQLite and PostgreSQL.

Each "replica" has its own engine (its own connections), as separate integrator processes would.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from services.incident_integrator.storage import LedgerStore, make_engine
from services.incident_integrator.tests.conftest import FakeClock, github_env, jira_env, report

REPLICAS = 3


def _race(make_harness, env, stores: list[LedgerStore], fingerprints: list[str]):
    clock = FakeClock()
    harnesses = [make_harness(env, store=store, clock=clock) for store in stores]
    barrier = threading.Barrier(len(harnesses))

    def deliver(index: int):
        barrier.wait(timeout=10)
        return harnesses[index].integrator.report(report(fingerprints[index]))

    with ThreadPoolExecutor(max_workers=len(harnesses)) as pool:
        outcomes = list(pool.map(deliver, range(len(harnesses))))
    harnesses[0].run_outbox()
    return harnesses[0], outcomes


def _check_one_ticket(fake_jira, harness, outcomes):
    assert list(fake_jira.state.issues) == ["OPS-1"]
    actions = [o.action for o in outcomes]
    assert actions.count("created") + actions.count("queued") == 1
    assert actions.count("updated") == REPLICAS - 1
    ticket = harness.integrator.get_ticket(fingerprint="fp-checkout-npe").ticket
    assert (ticket.key, ticket.occurrences, ticket.status) == ("OPS-1", REPLICAS, "open")
    assert harness.integrator.stats().tickets_by_status == {"open": 1}


def test_concurrent_duplicates_yield_one_ticket_on_sqlite(make_harness, fake_jira, fake_github, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    stores = [LedgerStore(make_engine(url)) for _ in range(REPLICAS)]
    try:
        env = {**jira_env(fake_jira), **github_env(fake_github)}
        harness, outcomes = _race(make_harness, env, stores, ["fp-checkout-npe"] * REPLICAS)
        _check_one_ticket(fake_jira, harness, outcomes)
    finally:
        for store in stores:
            store.close()


def test_concurrent_duplicates_yield_one_ticket_on_postgres(
    make_harness, fake_jira, fake_github, postgres_engine_url
):
    url, schema = postgres_engine_url
    stores = [
        LedgerStore(make_engine(url, connect_args={"options": f"-csearch_path={schema}"}))
        for _ in range(REPLICAS)
    ]
    try:
        env = {**jira_env(fake_jira), **github_env(fake_github)}
        harness, outcomes = _race(make_harness, env, stores, ["fp-checkout-npe"] * REPLICAS)
        _check_one_ticket(fake_jira, harness, outcomes)
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("rounds", [3])
def test_many_racing_rounds_never_duplicate_on_sqlite(make_harness, fake_jira, fake_github, tmp_path, rounds):
    url = f"sqlite:///{tmp_path / 'rounds.db'}"
    stores = [LedgerStore(make_engine(url)) for _ in range(REPLICAS)]
    try:
        env = {**jira_env(fake_jira), **github_env(fake_github)}
        for round_number in range(rounds):
            _race(make_harness, env, stores, [f"fp-round-{round_number}"] * REPLICAS)
        labels = [tuple(issue.fields["labels"]) for issue in fake_jira.state.issues.values()]
        assert len(labels) == rounds
        assert len(set(labels)) == rounds
    finally:
        for store in stores:
            store.close()
