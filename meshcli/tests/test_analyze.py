from __future__ import annotations

import httpx
import pytest

from meshcli.analyze import AnalyzeError, read_log_lines, render, request_analysis

ANSWER = {
    "root_cause": {
        "label": "disk_full",
        "confidence": 0.91,
        "novel": False,
        "evidence": [{"text": "No space left on device"}],
    },
    "confidence": 0.84,
    "anomalies": [
        {
            "line_index": 2,
            "score": 0.97,
            "text": "write failed: No space left on device",
            "reasons": ["new template never seen in baseline"],
        }
    ],
    "similar_incidents": [{"title": "Log volume filled /var", "score": 0.88, "resolution": "rotated logs"}],
    "recommended_actions": [
        {
            "title": "Expand the volume",
            "risk_tier": "medium",
            "requires_approval": True,
            "steps": ["kubectl edit pvc data"],
        }
    ],
    "degraded": [{"stage": "knowledge_base", "reason": "DEADLINE_EXCEEDED"}],
    "timings": {"log_analyzer": 12.0},
}


def test_request_sends_lines_and_key_and_returns_the_answer():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["auth"] = request.headers.get("authorization")
        seen["body"] = request.read()
        return httpx.Response(200, json=ANSWER)

    client = httpx.Client(base_url="http://gateway", transport=httpx.MockTransport(handler))
    answer = request_analysis(client, ["a", "b"], "checkout", "secret-key")
    assert answer == ANSWER
    assert seen["auth"] == "Bearer secret-key"
    assert b'"service":"checkout"' in seen["body"].replace(b" ", b"")


def test_gateway_error_is_reported_with_its_detail():
    client = httpx.Client(
        base_url="http://gateway",
        transport=httpx.MockTransport(lambda r: httpx.Response(401, json={"detail": "missing API key"})),
    )
    with pytest.raises(AnalyzeError, match="401: missing API key"):
        request_analysis(client, ["a"], None, None)


def test_render_shows_cause_evidence_actions_and_degraded_stages():
    text = render(ANSWER)
    assert "Root cause: disk_full (91% confident)" in text
    assert "No space left on device" in text
    assert "$ kubectl edit pvc data" in text
    assert "requires approval" in text
    assert "knowledge_base: DEADLINE_EXCEEDED" in text


def test_render_says_unknown_when_the_predictor_abstains():
    assert "unknown — needs a human" in render({"root_cause": {"label": "", "novel": True}})


def test_read_log_lines_keeps_the_most_recent_and_rejects_empty_files(tmp_path):
    log = tmp_path / "app.log"
    log.write_bytes(b"one\n\ntwo\nthree\xff\n")
    assert read_log_lines(log, 2) == ["two", "three\ufffd"]
    empty = tmp_path / "empty.log"
    empty.write_text("\n\n")
    with pytest.raises(AnalyzeError, match="no log lines"):
        read_log_lines(empty, 10)
