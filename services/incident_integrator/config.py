"""Integrator settings from `INCIDENT_INTEGRATOR_*` environment variables.

Every variable is optional: without a Jira URL the integrator runs in dry-run mode and records in
its ledger what it would have filed. Tokens come only from the environment and are wrapped in
`Secret`, whose repr never shows the value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from services.kit import ConfigError, Env

PREFIX = "INCIDENT_INTEGRATOR_"
REGRESSION_MODES = ("reopen", "new_ticket")
JIRA_FLAVORS = ("server", "cloud")


class Secret:
    """A credential that does not leak through repr/str/logging."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True)
class JiraSettings:
    url: str
    user: str | None
    token: Secret | None
    flavor: str
    timeout_seconds: float


@dataclass(frozen=True)
class GitHubSettings:
    api_url: str
    token: Secret | None
    repo: str
    timeout_seconds: float


@dataclass(frozen=True)
class TicketPolicy:
    """What tickets look like and how the loop behaves; shared by the Jira and dry-run trackers."""

    project: str = "DRY"
    issue_type: str = "Bug"
    labels: tuple[str, ...] = ()
    priority_map: dict[str, str] = field(default_factory=dict)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    done_transition: str = "Done"
    reopen_transition: str = "Reopen"
    regression_mode: str = "reopen"
    default_assignee: str | None = None
    user_map: dict[str, str] = field(default_factory=dict)
    dashboard_url: str | None = None
    strip_path_prefixes: tuple[str, ...] = ()
    verify_quiet_seconds: float = 0.0


@dataclass(frozen=True)
class IntegratorSettings:
    jira: JiraSettings | None
    github: GitHubSettings | None
    policy: TicketPolicy
    database_url: str | None
    poll_seconds: float
    worker_interval_seconds: float
    backoff_initial_seconds: float
    backoff_max_seconds: float
    lease_seconds: float

    @property
    def dry_run(self) -> bool:
        return self.jira is None

    def secrets(self) -> tuple[str, ...]:
        """Every configured credential, so error texts can be scrubbed of them before they are stored."""
        values = []
        for holder in (self.jira, self.github):
            if holder is not None and holder.token:
                values.append(holder.token.reveal())
        return tuple(values)


def read_settings(env: Env) -> IntegratorSettings:
    jira = _read_jira(env)
    project = env.optional_str(f"{PREFIX}JIRA_PROJECT")
    if jira is not None and project is None:
        raise ConfigError(f"{PREFIX}JIRA_PROJECT is required when {PREFIX}JIRA_URL is set")
    policy = TicketPolicy(
        project=project or "DRY",
        issue_type=env.str(f"{PREFIX}JIRA_ISSUE_TYPE", "Bug"),
        labels=_csv(env.optional_str(f"{PREFIX}JIRA_LABELS")),
        priority_map=_string_map(env, f"{PREFIX}JIRA_PRIORITY_MAP", lowercase_keys=True),
        custom_fields=_json_object(env, f"{PREFIX}JIRA_CUSTOM_FIELDS"),
        done_transition=env.str(f"{PREFIX}JIRA_DONE_TRANSITION", "Done"),
        reopen_transition=env.str(f"{PREFIX}JIRA_REOPEN_TRANSITION", "Reopen"),
        regression_mode=env.choice(f"{PREFIX}REGRESSION_MODE", "reopen", REGRESSION_MODES),
        default_assignee=env.optional_str(f"{PREFIX}DEFAULT_ASSIGNEE"),
        user_map=_string_map(env, f"{PREFIX}USER_MAP", lowercase_keys=True),
        dashboard_url=env.optional_str(f"{PREFIX}DASHBOARD_URL"),
        strip_path_prefixes=_csv(env.optional_str(f"{PREFIX}STRIP_PATH_PREFIXES")),
        verify_quiet_seconds=env.float(f"{PREFIX}VERIFY_QUIET_SECONDS", 0.0, minimum=0.0),
    )
    return IntegratorSettings(
        jira=jira,
        github=_read_github(env),
        policy=policy,
        database_url=env.optional_str(f"{PREFIX}DATABASE_URL"),
        poll_seconds=env.float(f"{PREFIX}POLL_SECONDS", 300.0, minimum=0.0),
        worker_interval_seconds=env.float(f"{PREFIX}WORKER_INTERVAL_SECONDS", 1.0, minimum=0.01),
        backoff_initial_seconds=env.float(f"{PREFIX}BACKOFF_SECONDS", 2.0, minimum=0.0),
        backoff_max_seconds=env.float(f"{PREFIX}BACKOFF_MAX_SECONDS", 300.0, minimum=0.0),
        lease_seconds=env.float(f"{PREFIX}LEASE_SECONDS", 120.0, minimum=1.0),
    )


def _read_jira(env: Env) -> JiraSettings | None:
    url = env.optional_str(f"{PREFIX}JIRA_URL")
    if url is None:
        return None
    _check_url(f"{PREFIX}JIRA_URL", url)
    host = urlparse(url).hostname or ""
    default_flavor = "cloud" if host.endswith(".atlassian.net") else "server"
    flavor = env.choice(f"{PREFIX}JIRA_FLAVOR", default_flavor, JIRA_FLAVORS)
    user = env.optional_str(f"{PREFIX}JIRA_USER")
    token = env.optional_str(f"{PREFIX}JIRA_TOKEN")
    if flavor == "cloud" and (user is None or token is None):
        raise ConfigError(
            f"{PREFIX}JIRA_USER and {PREFIX}JIRA_TOKEN are required for Jira Cloud"
            " (account email + API token)"
        )
    return JiraSettings(
        url=url.rstrip("/"),
        user=user,
        token=Secret(token) if token else None,
        flavor=flavor,
        timeout_seconds=env.float(f"{PREFIX}JIRA_TIMEOUT_SECONDS", 10.0, minimum=0.1),
    )


def _read_github(env: Env) -> GitHubSettings | None:
    repo = env.optional_str(f"{PREFIX}GITHUB_REPO")
    if repo is None:
        return None
    if repo.count("/") != 1 or repo.startswith("/") or repo.endswith("/"):
        raise ConfigError(f"{PREFIX}GITHUB_REPO={repo!r} must look like owner/name")
    api_url = env.str(f"{PREFIX}GITHUB_URL", "https://api.github.com")
    _check_url(f"{PREFIX}GITHUB_URL", api_url)
    token = env.optional_str(f"{PREFIX}GITHUB_TOKEN")
    return GitHubSettings(
        api_url=api_url.rstrip("/"),
        token=Secret(token) if token else None,
        repo=repo,
        timeout_seconds=env.float(f"{PREFIX}GITHUB_TIMEOUT_SECONDS", 10.0, minimum=0.1),
    )


def _check_url(name: str, url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"{name}={url!r} must be an http(s) URL")


def _csv(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _json_object(env: Env, name: str) -> dict[str, Any]:
    """A JSON object given inline, or the path of a file holding one."""
    raw = env.optional_str(name)
    if raw is None:
        return {}
    text = raw
    if not raw.lstrip().startswith("{"):
        try:
            text = Path(raw).read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"{name}: cannot read file {raw!r} ({error.strerror})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{name} is not valid JSON: {error.msg} at position {error.pos}") from None
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a JSON object")
    return value


def _string_map(env: Env, name: str, *, lowercase_keys: bool) -> dict[str, str]:
    mapping = _json_object(env, name)
    result: dict[str, str] = {}
    for key, value in mapping.items():
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{name}: the value for {key!r} must be a non-empty string")
        result[key.lower() if lowercase_keys else key] = value
    return result
