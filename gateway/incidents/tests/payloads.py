"""Webhook bodies exactly as the senders emit them (see ../shared/CONTRACTS.md §1)."""

from __future__ import annotations

import json


def alertmanager(
    status: str = "firing",
    alerts: list[dict] | None = None,
    group_key: str = '{}/{team="payments"}:{alertname="HighErrorRate", service="checkout"}',
) -> bytes:
    alerts = alerts if alerts is not None else [alertmanager_alert()]
    return json.dumps(
        {
            "version": "4",
            "groupKey": group_key,
            "truncatedAlerts": 0,
            "status": status,
            "receiver": "incident-mesh",
            "groupLabels": {"alertname": "HighErrorRate", "service": "checkout"},
            "commonLabels": {"alertname": "HighErrorRate", "service": "checkout", "severity": "page"},
            "commonAnnotations": {"summary": "5xx ratio > 5% on checkout"},
            "externalURL": "http://alertmanager.monitoring:9093",
            "notification_reason": "first notification",
            "routeLabels": {},
            "alerts": alerts,
        }
    ).encode()


def alertmanager_alert(
    fingerprint: str = "c6eadffa33fcdf37", status: str = "firing", pod: str = "checkout-1", logs: str = ""
) -> dict:
    annotations = {
        "summary": "5xx ratio > 5% on checkout",
        "description": "ERROR connection refused to orders-db:5432",
    }
    if logs:
        annotations["logs"] = logs
    return {
        "status": status,
        "labels": {
            "alertname": "HighErrorRate",
            "service": "checkout",
            "severity": "page",
            "team": "payments",
            "pod": pod,
        },
        "annotations": annotations,
        "startsAt": "2026-01-05T10:02:11.437Z",
        "endsAt": "2026-01-05T10:12:11.437Z" if status == "resolved" else "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus:9090/graph?g0.expr=job%3Acheckout_5xx%3Aratio+%3E+0.05",
        "fingerprint": fingerprint,
    }


def grafana() -> bytes:
    return json.dumps(
        {
            "receiver": "My Super Webhook",
            "status": "firing",
            "orgId": 1,
            "alerts": [
                {
                    "status": "firing",
                    "labels": {"alertname": "High memory usage", "team": "blue", "zone": "us-1"},
                    "annotations": {
                        "description": "The system has high memory usage",
                        "summary": "zone us-1",
                    },
                    "startsAt": "2021-10-12T09:51:03.157076+02:00",
                    "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "https://play.grafana.org/alerting/1afz29v7z/edit",
                    "fingerprint": "c6eadffa33fcdf37",
                    "silenceURL": "https://play.grafana.org/alerting/silence/new",
                    "dashboardURL": "",
                    "panelURL": "",
                    "values": {"B": 44.23943737541908, "C": 1},
                    "valueString": "[ var='B' labels={} value=44.23943737541908 ]",
                }
            ],
            "groupLabels": {"alertname": "High memory usage"},
            "commonLabels": {"alertname": "High memory usage", "team": "blue", "zone": "us-1"},
            "commonAnnotations": {},
            "externalURL": "https://play.grafana.org/",
            "version": "1",
            "groupKey": '{}:{alertname="High memory usage"}',
            "truncatedAlerts": 0,
            "title": "[FIRING:1] High memory usage (blue us-1)",
            "state": "alerting",
            "message": "**Firing**",
        }
    ).encode()
