"""Gateway settings, read once from the environment at start."""

from __future__ import annotations

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
            api_keys_file=env.path(
                "GATEWAY_API_KEYS_FILE", env.path("GATEWAY_DATA_DIR", data_root / "gateway") / "api_keys.json"
            ),
        )
        if settings.static_dir is not None and not settings.static_dir.is_dir():
            raise ConfigError(f"GATEWAY_STATIC_DIR={static!r} is not a directory")
        return settings
