"""gRPC channels to the backends: retries on UNAVAILABLE, keepalive, round-robin over replicas."""

from __future__ import annotations

import ipaddress
import json

import grpc

# Retries only for UNAVAILABLE: the request never reached a handler, so repeating it is safe.
_SERVICE_CONFIG = {
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [
        {
            "name": [{}],
            "retryPolicy": {
                "maxAttempts": 3,
                "initialBackoff": "0.05s",
                "maxBackoff": "0.5s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }
    ],
    "retryThrottling": {"maxTokens": 20, "tokenRatio": 0.2},
}

CHANNEL_OPTIONS = [
    ("grpc.enable_retries", 1),
    ("grpc.service_config", json.dumps(_SERVICE_CONFIG)),
    ("grpc.keepalive_time_ms", 20_000),
    ("grpc.keepalive_timeout_ms", 5_000),
    ("grpc.keepalive_permit_without_calls", 1),
    # Reconnect quickly to a restarted backend instead of waiting out gRPC's default 20 s backoff cap.
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 1_000),
    ("grpc.max_receive_message_length", 16 * 1024 * 1024),
    ("grpc.max_send_message_length", 16 * 1024 * 1024),
]


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def grpc_target(address: str) -> str:
    """Turns 'h1:p1,h2:p2' (IP literals) into gRPC's 'ipv4:'/'ipv6:' multi-address form.

    Anything already carrying a scheme (dns:///svc:50051, ipv4:...) passes through unchanged.
    """
    if ":///" in address or address.startswith(("ipv4:", "ipv6:", "unix:")):
        return address
    parts = [part.strip() for part in address.split(",") if part.strip()]
    if len(parts) > 1:
        hosts = [part.rsplit(":", 1)[0] for part in parts]
        if all(_is_ip_literal(h) and ":" not in h.strip("[]") for h in hosts):
            return "ipv4:" + ",".join(parts)
        if all(_is_ip_literal(h) for h in hosts):
            return "ipv6:" + ",".join(parts)
    return address


def open_channel(address: str) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(grpc_target(address), options=CHANNEL_OPTIONS)
