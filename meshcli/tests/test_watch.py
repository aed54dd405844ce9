from __future__ import annotations

import json

import httpx

from meshcli.watch import BurstPolicy, FileTailer, Watcher


def test_tailer_reads_only_new_complete_lines_and_follows_rotation(tmp_path):
    log = tmp_path / "app.log"
    log.write_text("old line\n")
    tailer = FileTailer(log)
    assert tailer.read_new_lines() == []
    with log.open("a") as handle:
        handle.write("first\nsecond\npart")
    assert tailer.read_new_lines() == ["first", "second"]
    with log.open("a") as handle:
        handle.write("ial\n")
    assert tailer.read_new_lines() == ["partial"]
    log.rename(tmp_path / "app.log.1")
    log.write_text("after rotation\n")
    assert tailer.read_new_lines() == ["after rotation"]


def test_burst_policy_rate_limits_per_file():
    now = [0.0]
    policy = BurstPolicy(min_anomalies=2, cooldown_seconds=60, clock=lambda: now[0])
    assert not policy.should_alert("a", 1)
    assert policy.should_alert("a", 5)
    assert not policy.should_alert("a", 5)
    assert policy.should_alert("b", 5)
    now[0] = 61
    assert policy.should_alert("a", 5)


def test_anomaly_burst_opens_one_incident_through_the_gateway(tmp_path):
    log = tmp_path / "checkout.log"
    log.write_text("")
    sent = []

    def gateway(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        sent.append((request.url.path, body))
        if request.url.path == "/api/v1/analyze":
            return httpx.Response(
                200, json={"anomalies": [{"text": line} for line in body["logs"] if "ERROR" in line]}
            )
        return httpx.Response(202, json={"incidents": ["inc-1"]})

    client = httpx.Client(base_url="http://gateway", transport=httpx.MockTransport(gateway))
    watcher = Watcher(
        client,
        [FileTailer(log)],
        BurstPolicy(min_anomalies=3, cooldown_seconds=300),
        None,
        say=lambda message: None,
    )
    log.write_text("INFO ok\nERROR a\nERROR b\nERROR c\n")
    assert watcher.poll_once() == 1
    with log.open("a") as handle:
        handle.write("ERROR d\nERROR e\nERROR f\n")
    assert watcher.poll_once() == 0, "rate limited: one incident per file per cool-down"
    alert = [body for path, body in sent if path == "/api/v1/alerts/generic"]
    assert len(alert) == 1
    assert alert[0]["alerts"][0]["service"] == "checkout"
    assert alert[0]["alerts"][0]["logs"] == ["ERROR a", "ERROR b", "ERROR c"]
