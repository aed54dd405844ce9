"""Who may deliver alerts: a per-source bearer token or HMAC signature, else an operator API key."""

from __future__ import annotations

import base64
import hashlib
import hmac

from litestar import Request
from litestar.exceptions import NotAuthorizedException

from gateway.settings import IntakeSettings


def _bearer_or_basic_secret(header: str) -> str:
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value.strip()).decode().partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return ""
    return ""


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def grafana_signature(secret: str, body: bytes, timestamp: str | None = None) -> str:
    message = (timestamp.encode() + b":" + body) if timestamp else body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def authorize_alert_sender(request: Request, source: str, raw: bytes, intake: IntakeSettings) -> str:
    """Returns who delivered; raises 401 otherwise. Runs before the body is parsed or stored."""
    header = request.headers.get("authorization", "")
    if source == "grafana" and intake.grafana_hmac_secret:
        timestamp = (
            request.headers.get(intake.grafana_timestamp_header) if intake.grafana_timestamp_header else None
        )
        expected = grafana_signature(intake.grafana_hmac_secret, raw, timestamp)
        signature = request.headers.get("x-grafana-alerting-signature", "")
        if signature and _same(expected, signature):
            return "grafana (signed)"
        raise NotAuthorizedException("missing or invalid X-Grafana-Alerting-Signature")
    token = {
        "alertmanager": intake.alertmanager_token,
        "grafana": intake.grafana_token,
        "generic": intake.generic_token,
    }.get(source)
    presented = _bearer_or_basic_secret(header)
    if token:
        if presented and _same(presented, token):
            return f"{source} (token)"
        raise NotAuthorizedException(f"missing or invalid {source} webhook token")
    principal = request.app.state.api_keys.lookup(presented) if presented else None
    if principal is not None and principal.allows("operator"):
        return principal.name
    raise NotAuthorizedException("send the source's webhook token or an operator API key as a Bearer token")
