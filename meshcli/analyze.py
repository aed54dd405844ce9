"""`incidentmesh analyze FILE`: send a log file through the gateway's full pipeline, print the answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx


class AnalyzeError(Exception):
    """The gateway could not be reached or refused the request; the message says why."""


def read_log_lines(path: Path, max_lines: int) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise AnalyzeError(f"{path} contains no log lines")
    # The most recent lines are the ones closest to the failure.
    return lines[-max_lines:]


def request_analysis(
    client: httpx.Client, lines: list[str], service: str | None, api_key: str | None
) -> dict:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    body: dict[str, Any] = {"logs": lines}
    if service:
        body["service"] = service
    try:
        response = client.post("/api/v1/incidents/analyze", json=body, headers=headers)
    except httpx.HTTPError as error:
        raise AnalyzeError(f"cannot reach the gateway at {client.base_url}: {error}") from error
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail") or response.text
        except ValueError:
            detail = response.text
        raise AnalyzeError(f"gateway answered {response.status_code}: {detail}")
    return response.json()


def render(answer: dict[str, Any]) -> str:
    """A terminal-friendly summary of the pipeline's answer."""
    out: list[str] = []
    root = answer.get("root_cause") or {}
    if root.get("novel") or not root.get("label"):
        out.append("Root cause: unknown — needs a human")
    else:
        out.append(f"Root cause: {root['label']} ({root.get('confidence', 0):.0%} confident)")
    for evidence in (root.get("evidence") or [])[:3]:
        out.append(
            f"  evidence: {evidence.get('text', evidence) if isinstance(evidence, dict) else evidence}"
        )
    if "confidence" in answer:
        out.append(f"Overall confidence: {answer['confidence']:.0%}")
    anomalies = answer.get("anomalies") or []
    out.append(f"\nAnomalous lines ({len(anomalies)}):")
    for anomaly in anomalies[:10]:
        reasons = "; ".join(anomaly.get("reasons") or [])
        out.append(
            f"  [{anomaly.get('score', 0):.2f}] line {anomaly.get('line_index')}: {anomaly.get('text', '')}"
        )
        if reasons:
            out.append(f"         why: {reasons}")
    similar = answer.get("similar_incidents") or []
    out.append(f"\nSimilar past incidents ({len(similar)}):")
    for hit in similar[:5]:
        out.append(f"  {hit.get('title')} (score {hit.get('score', 0):.2f})")
        if hit.get("resolution"):
            out.append(f"    fixed by: {hit['resolution']}")
    actions = answer.get("recommended_actions") or []
    out.append(f"\nRecommended actions ({len(actions)}):")
    for action in actions:
        flags = [action.get("risk_tier", "")]
        if action.get("requires_approval"):
            flags.append("requires approval")
        out.append(f"  - {action.get('title')} [{', '.join(f for f in flags if f)}]")
        for step in action.get("steps") or []:
            out.append(f"      $ {step}")
    ticket = answer.get("ticket")
    if ticket:
        out.append(
            f"\nTicket: {ticket.get('key')} {ticket.get('url', '')} assignee {ticket.get('assignee') or '-'}"
        )
    degraded = answer.get("degraded") or []
    if degraded:
        out.append("\nDegraded: " + "; ".join(f"{d.get('stage')}: {d.get('reason')}" for d in degraded))
    timings = answer.get("timings") or {}
    if timings:
        out.append("Timings: " + ", ".join(f"{k} {v:.0f} ms" for k, v in timings.items()))
    return "\n".join(out)
