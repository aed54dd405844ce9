from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from gateway.incidents.grouping import GroupingPolicy
from gateway.incidents.migrate import upgrade
from gateway.incidents.payloads import PayloadError, parse_generic, parse_prometheus_style
from gateway.incidents.store import IncidentStore, create_engine_for
from gateway.incidents.tests.payloads import alertmanager, alertmanager_alert, grafana


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, clock) -> IncidentStore:
    if request.param == "sqlite":
        engine = create_engine_for(f"sqlite:///{tmp_path / 'incidents.db'}")
    else:
        engine = request.getfixturevalue("postgres_engine")
    upgrade(engine)
    return IncidentStore(engine, GroupingPolicy(), now=clock)


def ingest(store: IncidentStore, raw: bytes, source: str = "alertmanager"):
    return store.ingest(parse_prometheus_style(source, raw), raw)


def test_alertmanager_delivery_opens_an_incident_with_its_alert(store):
    result = ingest(store, alertmanager())
    assert not result.duplicate and len(result.incident_ids) == 1
    incident = store.get(result.incident_ids[0])
    assert incident["title"] == "HighErrorRate"
    assert incident["service"] == "checkout" and incident["severity"] == "page"
    assert incident["alerts"][0]["ends_at"] is None, "a firing alert's endsAt is not trusted"
    assert (
        "groupKey" not in incident["grouping_reason"] and "alertmanager group" in incident["grouping_reason"]
    )
    assert [event["kind"] for event in incident["timeline"]] == ["opened", "fired"]


def test_same_delivery_is_stored_once(store):
    first = ingest(store, alertmanager())
    again = ingest(store, alertmanager())
    assert again.duplicate and again.delivery == first.delivery
    items, _ = store.list()
    assert len(items) == 1 and items[0]["alert_count"] == 1


def test_concurrent_identical_deliveries_yield_one_incident(store):
    barrier = threading.Barrier(3)
    results = []

    def send() -> None:
        barrier.wait()
        for _ in range(2):
            results.append(ingest(store, alertmanager()))

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(not r.duplicate for r in results) == 1
    items, _ = store.list()
    assert len(items) == 1 and items[0]["alert_count"] == 1


def test_incident_resolves_when_all_alerts_resolve_and_reopens_within_the_window(store, clock):
    two = [alertmanager_alert("a1", pod="p1"), alertmanager_alert("a2", pod="p2")]
    incident_id = ingest(store, alertmanager(alerts=two)).incident_ids[0]
    ingest(
        store,
        alertmanager("firing", [alertmanager_alert("a1", "resolved"), alertmanager_alert("a2", pod="p2")]),
    )
    assert store.get(incident_id)["status"] == "open"
    clock.now += timedelta(minutes=5)
    ingest(
        store,
        alertmanager(
            "resolved", [alertmanager_alert("a1", "resolved"), alertmanager_alert("a2", "resolved")]
        ),
    )
    assert store.get(incident_id)["status"] == "resolved"

    clock.now += timedelta(minutes=10)
    reopened = ingest(store, alertmanager(alerts=[alertmanager_alert("a1", pod="p1")])).incident_ids
    assert reopened == [incident_id]
    detail = store.get(incident_id)
    assert detail["status"] == "open"
    assert "reopened" in [event["kind"] for event in detail["timeline"]]

    ingest(store, alertmanager("resolved", [alertmanager_alert("a1", "resolved")]))
    clock.now += timedelta(hours=2)
    later = ingest(store, alertmanager(alerts=[alertmanager_alert("a1", pod="p1")])).incident_ids
    assert later != [incident_id], "outside the window a new incident opens"


def test_label_policy_groups_across_senders(tmp_path, clock):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'labels.db'}")
    upgrade(engine)
    store = IncidentStore(engine, GroupingPolicy.parse("labels:service", 1800), now=clock)
    a = ingest(store, alertmanager(group_key="g1")).incident_ids
    generic = json.dumps(
        {"alerts": [{"title": "Latency", "service": "checkout", "fingerprint": "x1"}]}
    ).encode()
    b = store.ingest(parse_generic(generic, None), generic).incident_ids
    assert a == b
    assert store.get(a[0])["grouping_reason"] == "same labels service=checkout"


def test_new_evidence_is_claimed_once_and_analyzed_once(store):
    incident_id = ingest(
        store, alertmanager(alerts=[alertmanager_alert(logs="ERROR db down\nFATAL retry")])
    ).incident_ids[0]
    claim = store.claim("w1", 60)
    assert claim.incident_id == incident_id
    assert claim.lines[:2] == ["ERROR db down", "FATAL retry"]
    assert store.claim("w2", 60) is None, "leased work is not handed out twice"
    assert store.complete(claim, "w1", {"x": 1}, "database_unavailable", 0.9, None, 12.0)
    assert not store.complete(claim, "w1", {"x": 1}, "database_unavailable", 0.9, None, 12.0)
    assert store.claim("w1", 60) is None
    detail = store.get(incident_id)
    assert detail["root_cause"] == "database_unavailable"
    assert [e["kind"] for e in detail["timeline"]].count("analyzed") == 1


def test_failed_analysis_waits_for_its_backoff(store, clock):
    ingest(store, alertmanager())
    claim = store.claim("w1", 60)
    store.retry_later(claim, "w1", "root_cause UNAVAILABLE", 30)
    assert store.claim("w1", 60) is None
    clock.now += timedelta(seconds=31)
    assert store.claim("w1", 60).incident_id == claim.incident_id


def test_expired_lease_is_taken_over(store, clock):
    ingest(store, alertmanager())
    store.claim("crashed", 60)
    clock.now += timedelta(seconds=61)
    assert store.claim("w2", 60) is not None


def test_list_filters_and_pages(store, clock):
    for index in range(5):
        clock.now += timedelta(minutes=1)
        ingest(store, alertmanager(group_key=f"g{index}", alerts=[alertmanager_alert(f"f{index}")]))
    page, cursor = store.list(limit=2)
    second, cursor2 = store.list(limit=2, cursor=cursor)
    third, end = store.list(limit=2, cursor=cursor2)
    ids = [i["id"] for i in page + second + third]
    assert len(ids) == len(set(ids)) == 5 and end is None
    assert store.list(status="resolved")[0] == []
    assert len(store.list(service="checkout")[0]) == 5
    assert store.list(service="payments")[0] == []


def test_grafana_payload_parses_and_unknown_fields_are_ignored(store):
    result = ingest(store, grafana(), "grafana")
    assert store.get(result.incident_ids[0])["title"] == "High memory usage"


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b'{"alerts": "x", "status": "firing"}',
        b'{"status": "firing"}',
        b'{"status":"firing","alerts":[{"status":"burning"}]}',
    ],
)
def test_malformed_payload_names_the_problem(body):
    with pytest.raises(PayloadError) as error:
        parse_prometheus_style("alertmanager", body)
    assert str(error.value)


def test_alerts_with_missing_labels_are_stored_with_what_is_there(store):
    raw = b'{"status":"firing","alerts":[{"status":"firing"}]}'
    result = ingest(store, raw)
    assert store.get(result.incident_ids[0])["title"] == "alert"


def test_two_workers_share_the_outbox_and_each_incident_is_analyzed_once(store):
    for index in range(30):
        ingest(store, alertmanager(group_key=f"g{index}", alerts=[alertmanager_alert(f"w{index}")]))
    done: dict[str, list[str]] = {"w1": [], "w2": []}
    barrier = threading.Barrier(2)

    def work(owner: str) -> None:
        barrier.wait()
        while (claim := store.claim(owner, 60)) is not None:
            if store.complete(claim, owner, {"by": owner}, "disk_full", 0.5, None, 1.0):
                done[owner].append(claim.incident_id)

    threads = [threading.Thread(target=work, args=(owner,)) for owner in done]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    analyzed = done["w1"] + done["w2"]
    assert len(analyzed) == len(set(analyzed)) == 30
    assert store.pending() == 0
