"""The default root-cause labels, what each means, and which are about the code itself."""

from __future__ import annotations

import re

DESCRIPTIONS: dict[str, str] = {
    "database_unavailable": "A database or datastore is down, restarting, failing over or refusing.",
    "out_of_memory": "A process or container ran out of memory (heap exhausted, OOM killer, memory limit).",
    "disk_full": "A volume or node filesystem is out of space (ENOSPC, disk pressure, watermarks).",
    "network_connectivity": "Hosts cannot reach each other: no route, resets, link down, packet loss.",
    "dns_resolution": "A hostname cannot be resolved (NXDOMAIN, SERVFAIL, resolver timeouts).",
    "tls_certificate": "A TLS certificate is expired, untrusted, mismatched or cannot be loaded.",
    "upstream_timeout": "A dependency accepted the request but answered too slowly (read timeouts, 504s).",
    "rate_limited": "Requests are throttled by a quota or rate limiter (429, throttling, quota exceeded).",
    "auth_failure": "Credentials or tokens are rejected (401/403, bad password, expired token).",
    "config_error": "The service's configuration is missing, invalid or points at the wrong place.",
    "code_regression": "A bug in recently changed code (null dereference, type errors, 500s after release).",
    "schema_migration": "Code and database schema disagree, or a migration failed or holds locks.",
    "crash_loop": "A process keeps exiting and being restarted (CrashLoopBackOff, restart limits).",
    "image_pull": "A container image cannot be pulled (missing tag, registry auth, registry limits).",
    "resource_saturation": "CPU, threads, connections or file descriptors are exhausted under load.",
    "queue_backlog": "Consumers fall behind producers: growing lag, queue depth or message age.",
}
DEFAULT_LABELS: tuple[str, ...] = tuple(DESCRIPTIONS)
CODE_LABELS = frozenset({"code_regression", "schema_migration"})
UNKNOWN = "unknown"

# Feedback labels become model classes and metric label values, so keep them tame.
_LABEL_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


def is_valid_label(label: str) -> bool:
    return bool(_LABEL_PATTERN.match(label)) and label != UNKNOWN


def describe(label: str) -> str:
    return DESCRIPTIONS.get(label, "User-defined root cause learned from feedback.")
