"""Webhook bodies -> normalized alerts. Field names are exactly what each sender emits; unknown fields
are ignored; everything except what identifies an alert is optional."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import msgspec

ZERO_TIME = datetime(1, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class NormalizedAlert:
    fingerprint: str
    status: str
    labels: dict[str, str]
    annotations: dict[str, str]
    starts_at: datetime | None
    ends_at: datetime | None
    generator_url: str


@dataclass(frozen=True)
class Delivery:
    source: str
    key: str
    group_key: str
    alerts: list[NormalizedAlert]


class PayloadError(Exception):
    """The body does not match the sender's format; the message names the field."""


# --- Alertmanager (webhook version 4) and Grafana (unified alerting, version 1) ---------------------


class _PromAlert(msgspec.Struct, rename="camel"):
    status: Literal["firing", "resolved"]
    labels: dict[str, str] = {}
    annotations: dict[str, str] = {}
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    generator_url: str = msgspec.field(default="", name="generatorURL")
    fingerprint: str = ""


class _PromMessage(msgspec.Struct, rename="camel"):
    status: str
    alerts: list[_PromAlert]
    group_key: str = ""
    receiver: str = ""
    group_labels: dict[str, str] = {}
    common_labels: dict[str, str] = {}
    truncated_alerts: int = 0


# --- Generic (documented in README: "Alert intake") -------------------------------------------------


class _GenericAlert(msgspec.Struct):
    status: Literal["firing", "resolved"] = "firing"
    title: str = ""
    fingerprint: str = ""
    service: str = ""
    environment: str = ""
    severity: str = ""
    description: str = ""
    labels: dict[str, str] = {}
    logs: list[str] | str = []
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    url: str = ""


class _GenericMessage(msgspec.Struct):
    alerts: list[_GenericAlert]
    group: str = ""
    idempotency_key: str = ""


def _decode(raw: bytes, kind: type):
    try:
        return msgspec.json.decode(raw, type=kind)
    except msgspec.ValidationError as error:
        raise PayloadError(str(error)) from None
    except msgspec.DecodeError as error:
        raise PayloadError(f"body is not valid JSON: {error}") from None


def label_fingerprint(labels: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(labels, sort_keys=True).encode()).hexdigest()[:16]


def _delivery_key(source: str, group_key: str, alerts: list[NormalizedAlert]) -> str:
    """Identical content -> identical key: retries and HA replicas' copies are stored once."""
    parts = sorted(
        f"{a.fingerprint}|{a.status}|{a.starts_at.isoformat() if a.starts_at else ''}|"
        f"{a.ends_at.isoformat() if a.ends_at else ''}"
        for a in alerts
    )
    return hashlib.sha256("\n".join([source, group_key, *parts]).encode()).hexdigest()


def _ends_at(status: str, value: datetime | None) -> datetime | None:
    # While firing, endsAt is zero or a guess about the future; only a resolved alert's end is real.
    if status != "resolved" or value is None or value <= ZERO_TIME:
        return None
    return value


def _starts_at(value: datetime | None) -> datetime | None:
    return None if value is None or value <= ZERO_TIME else value


def parse_prometheus_style(source: str, raw: bytes) -> Delivery:
    """Alertmanager v4 and Grafana share the alert shape (Grafana extends it)."""
    message = _decode(raw, _PromMessage)
    alerts = [
        NormalizedAlert(
            fingerprint=a.fingerprint or label_fingerprint(a.labels),
            status=a.status,
            labels=a.labels,
            annotations=a.annotations,
            starts_at=_starts_at(a.starts_at),
            ends_at=_ends_at(a.status, a.ends_at),
            generator_url=a.generator_url,
        )
        for a in message.alerts
    ]
    group_key = message.group_key or json.dumps(message.group_labels, sort_keys=True)
    return Delivery(source, _delivery_key(source, group_key, alerts), group_key, alerts)


def parse_generic(raw: bytes, idempotency_header: str | None) -> Delivery:
    message = _decode(raw, _GenericMessage)
    alerts = []
    for a in message.alerts:
        labels = {**a.labels}
        for name, value in (
            ("alertname", a.title),
            ("service", a.service),
            ("environment", a.environment),
            ("severity", a.severity),
        ):
            if value:
                labels.setdefault(name, value)
        logs = a.logs if isinstance(a.logs, str) else "\n".join(a.logs)
        annotations = {k: v for k, v in (("description", a.description), ("logs", logs), ("url", a.url)) if v}
        alerts.append(
            NormalizedAlert(
                fingerprint=a.fingerprint or label_fingerprint(labels),
                status=a.status,
                labels=labels,
                annotations=annotations,
                starts_at=_starts_at(a.starts_at),
                ends_at=_ends_at(a.status, a.ends_at),
                generator_url=a.url,
            )
        )
    key = idempotency_header or message.idempotency_key
    key = hashlib.sha256(f"generic|{key}".encode()).hexdigest() if key else hashlib.sha256(raw).hexdigest()
    return Delivery("generic", key, message.group, alerts)
