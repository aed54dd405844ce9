"""Settings from environment variables, read once at start and validated.

A missing or invalid variable raises ConfigError naming the variable, which the
process turns into one clear line on stderr instead of a stack trace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """An environment variable is missing or has an invalid value."""


class Env:
    """Typed, validating reads from an environment mapping (injectable for tests)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self._environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def str(self, name: str, default: str | None = None) -> str:
        value = self._raw(name)
        if value is None:
            if default is None:
                raise ConfigError(f"{name} is required but not set")
            return default
        return value

    def optional_str(self, name: str) -> str | None:
        return self._raw(name)

    def int(self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r} is not an integer") from None
        _check_range(name, number, minimum, maximum)
        return number

    def float(
        self, name: str, default: float, *, minimum: float | None = None, maximum: float | None = None
    ) -> float:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r} is not a number") from None
        _check_range(name, number, minimum, maximum)
        return number

    def bool(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{name}={value!r} is not a boolean (use true or false)")

    def port(self, name: str, default: int) -> int:
        return self.int(name, default, minimum=0, maximum=65535)

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.str(name, default)
        normalized = value.upper() if all(c.isupper() for c in choices) else value
        if normalized not in choices:
            raise ConfigError(f"{name}={value!r} must be one of {', '.join(choices)}")
        return normalized

    def path(self, name: str, default: Path) -> Path:
        value = self._raw(name)
        return Path(value) if value is not None else default


def _check_range(name: str, number: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} is below the minimum {minimum}")
    if maximum is not None and number > maximum:
        raise ConfigError(f"{name}={number} is above the maximum {maximum}")


@dataclass(frozen=True)
class ServerSettings:
    """How one gRPC service process listens, logs and shuts down."""

    component: str
    host: str
    port: int
    metrics_host: str
    metrics_port: int
    grace_seconds: float
    # Time between reporting NOT_SERVING and refusing new RPCs, so load balancers
    # and Kubernetes probes notice before connections are refused.
    shutdown_delay_seconds: float
    max_message_bytes: int
    max_concurrent_rpcs: int | None
    log_level: str
    data_dir: Path

    @classmethod
    def from_env(
        cls, env: Env, *, component: str, default_port: int, default_metrics_port: int
    ) -> ServerSettings:
        """Reads `<PREFIX>_*` variables, where PREFIX is the component in upper snake case."""
        prefix = component.upper().replace("-", "_")
        max_concurrent = env.int(f"{prefix}_MAX_CONCURRENT_RPCS", 0, minimum=0)
        data_root = env.path("MESH_DATA_DIR", Path("data"))
        return cls(
            component=component,
            host=env.str(f"{prefix}_HOST", "127.0.0.1"),
            port=env.port(f"{prefix}_PORT", default_port),
            metrics_host=env.str(f"{prefix}_METRICS_HOST", env.str(f"{prefix}_HOST", "127.0.0.1")),
            metrics_port=env.port(f"{prefix}_METRICS_PORT", default_metrics_port),
            grace_seconds=env.float(f"{prefix}_GRACE_SECONDS", 10.0, minimum=0.0, maximum=300.0),
            shutdown_delay_seconds=env.float(
                f"{prefix}_SHUTDOWN_DELAY_SECONDS", 0.0, minimum=0.0, maximum=60.0
            ),
            max_message_bytes=env.int(
                f"{prefix}_MAX_MESSAGE_BYTES", 16 * 1024 * 1024, minimum=1024, maximum=256 * 1024 * 1024
            ),
            max_concurrent_rpcs=max_concurrent or None,
            log_level=env.choice("MESH_LOG_LEVEL", "INFO", LOG_LEVELS),
            data_dir=env.path(f"{prefix}_DATA_DIR", data_root / component),
        )
