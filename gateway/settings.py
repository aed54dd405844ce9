"""Gateway settings, read once from the environment at start."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from services.kit.config import LOG_LEVELS, ConfigError, Env

# Backend name -> (environment variable, default address). The names are the gateway's
# vocabulary for stages in `degraded`, `/ready` and metrics.
BACKENDS: dict[str, tuple[str, str]] = {
    "log_analyzer": ("GATEWAY_LOG_ANALYZER_ADDR", "127.0.0.1:50051"),
    "root_cause": ("GATEWAY_ROOT_CAUSE_ADDR", "127.0.0.1:50052"),
    "knowledge_base": ("GATEWAY_KNOWLEDGE_BASE_ADDR", "127.0.0.1:50053"),
    "action_recommender": ("GATEWAY_ACTION_RECOMMENDER_ADDR", "127.0.0.1:50054"),
    "incident_integrator": ("GATEWAY_INCIDENT_INTEGRATOR_ADDR", "127.0.0.1:50055"),
}


class Secret(str):
    """A string that never shows itself in reprs or logs."""

    def __repr__(self) -> str:
        return "Secret('***')"


@dataclass(frozen=True)
class IntakeSettings:
    database_url: str = "sqlite:///data/gateway/incidents.db"
    grouping: str = "group_key"
    grouping_window_seconds: float = 1800.0
    max_alerts_per_delivery: int = 1000
    worker_enabled: bool = True
    worker_concurrency: int = 2
    worker_max_attempts: int = 8
    # First retry delay; doubles per attempt up to five minutes.
    worker_retry_base_seconds: float = 2.0
    # How long a worker owns an incident it is analyzing; a crashed worker's incidents wait this long.
    worker_lease_seconds: float = 120.0
    # Per-source webhook credentials; when a source has none, an operator API key is accepted.
    alertmanager_token: Secret | None = None
    grafana_token: Secret | None = None
    grafana_hmac_secret: Secret | None = None
    grafana_timestamp_header: str = ""
    generic_token: Secret | None = None
    github_webhook_secret: Secret | None = None
    # Service name -> glob of log files the worker reads the recent lines of.
    log_sources: dict[str, str] = field(default_factory=dict)
    log_source_lines: int = 200


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 5 * 1024 * 1024
    max_lines: int = 5000
    max_line_length: int = 8192
    max_top_k: int = 50


@dataclass(frozen=True)
class GatewaySettings:
    host: str = "127.0.0.1"
    port: int = 8080
    # Backend name -> gRPC target currently in use.
    backends: dict[str, str] = field(default_factory=lambda: {k: v[1] for k, v in BACKENDS.items()})
    # Backend name -> the only targets an admin may switch to at run time (fixed at start).
    allowed_backends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    ready_timeout_seconds: float = 1.0
    data_dir: Path = Path("data/gateway")
    static_dir: Path | None = None
    log_level: str = "INFO"
    # 'name:role:sha256hex;...' (digests only, never keys) and/or a JSON file of the same entries.
    api_keys: str | None = None
    api_keys_file: Path | None = None
    intake: IntakeSettings = field(default_factory=IntakeSettings)

    @classmethod
    def from_env(cls, env: Env) -> GatewaySettings:
        backends: dict[str, str] = {}
        allowed: dict[str, tuple[str, ...]] = {}
        for name, (variable, default) in BACKENDS.items():
            target = env.str(variable, default)
            backends[name] = target
            extra = env.optional_str(variable + "_ALLOWED") or ""
            allowed[name] = tuple(
                dict.fromkeys([target, *(t.strip() for t in extra.split(";") if t.strip())])
            )
        static = env.optional_str("GATEWAY_STATIC_DIR")
        data_root = env.path("MESH_DATA_DIR", Path("data"))
        settings = cls(
            host=env.str("GATEWAY_HOST", "127.0.0.1"),
            port=env.port("GATEWAY_PORT", 8080),
            backends=backends,
            allowed_backends=allowed,
            limits=Limits(
                max_body_bytes=env.int("GATEWAY_MAX_BODY_BYTES", Limits.max_body_bytes, minimum=1024),
                max_lines=env.int("GATEWAY_MAX_LINES", Limits.max_lines, minimum=1),
                max_line_length=env.int("GATEWAY_MAX_LINE_LENGTH", Limits.max_line_length, minimum=80),
                max_top_k=env.int("GATEWAY_MAX_TOP_K", Limits.max_top_k, minimum=1, maximum=1000),
            ),
            ready_timeout_seconds=env.float("GATEWAY_READY_TIMEOUT_SECONDS", 1.0, minimum=0.05, maximum=30),
            data_dir=env.path("GATEWAY_DATA_DIR", data_root / "gateway"),
            static_dir=Path(static) if static else None,
            log_level=env.choice("MESH_LOG_LEVEL", "INFO", LOG_LEVELS),
            api_keys=env.optional_str("GATEWAY_API_KEYS"),
            intake=_intake_settings(env, env.path("GATEWAY_DATA_DIR", data_root / "gateway")),
            api_keys_file=env.path(
                "GATEWAY_API_KEYS_FILE", env.path("GATEWAY_DATA_DIR", data_root / "gateway") / "api_keys.json"
            ),
        )
        if settings.static_dir is not None and not settings.static_dir.is_dir():
            raise ConfigError(f"GATEWAY_STATIC_DIR={static!r} is not a directory")
        return settings


def _secret(env: Env, name: str) -> Secret | None:
    value = env.optional_str(name)
    return Secret(value) if value else None


def _intake_settings(env: Env, data_dir: Path) -> IntakeSettings:
    from gateway.incidents.grouping import GroupingPolicy

    grouping = env.str("GATEWAY_GROUPING", "group_key")
    window = env.float("GATEWAY_GROUPING_WINDOW_SECONDS", 1800.0, minimum=0, maximum=7 * 86400)
    try:
        GroupingPolicy.parse(grouping, window)
    except ValueError as error:
        raise ConfigError(f"GATEWAY_GROUPING={grouping!r}: {error}") from None
    raw_sources = env.optional_str("GATEWAY_LOG_SOURCES")
    try:
        log_sources = json.loads(raw_sources) if raw_sources else {}
        if not isinstance(log_sources, dict) or not all(isinstance(v, str) for v in log_sources.values()):
            raise ValueError
    except ValueError:
        raise ConfigError(
            'GATEWAY_LOG_SOURCES must be a JSON object {"service": "/path/glob*.log"}'
        ) from None
    return IntakeSettings(
        database_url=env.str("GATEWAY_DATABASE_URL", f"sqlite:///{data_dir / 'incidents.db'}"),
        grouping=grouping,
        grouping_window_seconds=window,
        max_alerts_per_delivery=env.int("GATEWAY_MAX_ALERTS_PER_DELIVERY", 1000, minimum=1, maximum=100_000),
        worker_enabled=env.bool("GATEWAY_WORKER_ENABLED", True),
        worker_concurrency=env.int("GATEWAY_WORKER_CONCURRENCY", 2, minimum=1, maximum=64),
        worker_max_attempts=env.int("GATEWAY_WORKER_MAX_ATTEMPTS", 8, minimum=1, maximum=100),
        worker_retry_base_seconds=env.float(
            "GATEWAY_WORKER_RETRY_BASE_SECONDS", 2.0, minimum=0.01, maximum=300
        ),
        worker_lease_seconds=env.float("GATEWAY_WORKER_LEASE_SECONDS", 120.0, minimum=1, maximum=3600),
        alertmanager_token=_secret(env, "GATEWAY_ALERTMANAGER_TOKEN"),
        grafana_token=_secret(env, "GATEWAY_GRAFANA_TOKEN"),
        grafana_hmac_secret=_secret(env, "GATEWAY_GRAFANA_HMAC_SECRET"),
        grafana_timestamp_header=env.str("GATEWAY_GRAFANA_TIMESTAMP_HEADER", ""),
        generic_token=_secret(env, "GATEWAY_GENERIC_ALERT_TOKEN"),
        github_webhook_secret=_secret(env, "GATEWAY_GITHUB_WEBHOOK_SECRET"),
        log_sources=log_sources,
        log_source_lines=env.int("GATEWAY_LOG_SOURCE_LINES", 200, minimum=0, maximum=5000),
    )
