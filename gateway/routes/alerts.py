"""Webhook receivers. A delivery is answered 202 only after it is committed; 503 when it cannot be
(Alertmanager retries 5xx, and drops on any 4xx including 429 — so back-pressure is never a 429)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from litestar import Controller, Request, Response, post
from litestar.exceptions import NotAuthorizedException
from sqlalchemy.exc import SQLAlchemyError

from gateway.errors import BackendError, problem
from gateway.incidents.payloads import Delivery, PayloadError, parse_generic, parse_prometheus_style
from gateway.incidents.source_auth import authorize_alert_sender
from gateway.routes.common import backends, metrics, request_id, runtime_config, settings
from gateway.stages import call_stage
from incidentmesh.integrator.v1 import incident_integrator_pb2 as integrator_pb2
from services.incident_integrator.signature import verify_github_signature

logger = logging.getLogger("incidentmesh.gateway.intake")
WEBHOOK = {"exclude_from_auth": True, "webhook": True}


async def _accept(request: Request, source: str) -> Response:
    raw = await request.body()
    intake = settings(request).intake
    sender = authorize_alert_sender(request, source, raw, intake)
    try:
        if source == "generic":
            delivery: Delivery = parse_generic(raw, request.headers.get("idempotency-key"))
        else:
            delivery = parse_prometheus_style(source, raw)
    except PayloadError as error:
        metrics(request).alerts.labels(source, "rejected").inc()
        return problem(400, f"{source} payload is malformed: {error}")
    if len(delivery.alerts) > intake.max_alerts_per_delivery:
        metrics(request).alerts.labels(source, "rejected").inc()
        return problem(
            413,
            f"{len(delivery.alerts)} alerts in one delivery; the limit is {intake.max_alerts_per_delivery}",
            limit="max_alerts_per_delivery",
        )
    try:
        result = await asyncio.to_thread(request.app.state.incident_store.ingest, delivery, raw)
    except SQLAlchemyError:
        logger.exception("could not commit a delivery", extra={"source": source})
        metrics(request).alerts.labels(source, "unavailable").inc()
        return Response(
            problem(503, "the incident store cannot commit right now; retry").content,
            status_code=503,
            media_type="application/problem+json",
            headers={"Retry-After": "5"},
        )
    metrics(request).alerts.labels(source, "duplicate" if result.duplicate else "accepted").inc(
        len(delivery.alerts) or 1
    )
    logger.info(
        "delivery accepted",
        extra={
            "source": source,
            "sender": sender,
            "delivery": result.delivery,
            "duplicate": result.duplicate,
            "alerts": result.alert_count,
        },
    )
    return Response(
        {
            "status": "accepted",
            "delivery": result.delivery,
            "duplicate": result.duplicate,
            "alerts": result.alert_count,
            "incidents": result.incident_ids,
        },
        status_code=202,
    )


class AlertsController(Controller):
    path = "/api/v1/alerts"
    tags = ["alert intake"]

    @post(
        "/alertmanager",
        operation_id="receiveAlertmanagerWebhook",
        opt=WEBHOOK,
        status_code=202,
        summary="Prometheus Alertmanager webhook (version 4)",
        description="Authenticate with GATEWAY_ALERTMANAGER_TOKEN (Bearer or Basic password) or, when "
        "unset, an operator API key.",
    )
    async def alertmanager(self, request: Request) -> Response:
        return await _accept(request, "alertmanager")

    @post(
        "/grafana",
        operation_id="receiveGrafanaWebhook",
        opt=WEBHOOK,
        status_code=202,
        summary="Grafana unified alerting webhook",
        description="Signed with X-Grafana-Alerting-Signature when GATEWAY_GRAFANA_HMAC_SECRET is set.",
    )
    async def grafana(self, request: Request) -> Response:
        return await _accept(request, "grafana")

    @post(
        "/generic",
        operation_id="receiveGenericAlert",
        opt=WEBHOOK,
        status_code=202,
        summary="Any monitor: the documented generic alert format",
    )
    async def generic(self, request: Request) -> Response:
        return await _accept(request, "generic")


class GithubWebhookController(Controller):
    tags = ["alert intake"]

    @post(
        "/api/v1/github/webhook",
        operation_id="receiveGithubWebhook",
        opt=WEBHOOK,
        status_code=202,
        summary="GitHub pull_request events for the incident integrator (X-Hub-Signature-256)",
    )
    async def github(self, request: Request) -> Response:
        raw = await request.body()
        secret = settings(request).intake.github_webhook_secret
        if not secret:
            return problem(403, "this gateway has no GATEWAY_GITHUB_WEBHOOK_SECRET; GitHub webhooks are off")
        if not verify_github_signature(secret, raw, request.headers.get("x-hub-signature-256")):
            raise NotAuthorizedException("missing or invalid X-Hub-Signature-256")
        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery", "")
        if event == "ping":
            return Response({"status": "pong"}, status_code=200)
        try:
            reply = await call_stage(
                metrics(request),
                "incident_integrator",
                "HandlePullRequestEvent",
                lambda d: backends(request).incident_integrator.handle_pull_request(
                    integrator_pb2.HandlePullRequestEventRequest(
                        delivery_id=delivery, event_name=event, payload=raw
                    ),
                    d,
                    request_id(request),
                ),
                runtime_config(request).deadlines.incident_integrator / 1000,
            )
        except BackendError as error:
            return problem(503 if error.http_status >= 500 else error.http_status, error.public_detail)
        body: dict[str, Any] = {
            "handled": reply.handled,
            "reason": reply.reason,
            "ticket_keys": list(reply.ticket_keys),
        }
        return Response(body, status_code=202)
