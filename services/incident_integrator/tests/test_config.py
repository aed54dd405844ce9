from __future__ import annotations

import io
import json
import logging

import pytest

from services.incident_integrator.config import read_settings
from services.incident_integrator.service import build
from services.kit import ConfigError, Env
from services.kit.log import JsonFormatter


def test_nothing_configured_means_dry_run_with_defaults():
    settings = read_settings(Env({}))
    assert settings.dry_run and settings.github is None
    assert settings.policy.regression_mode == "reopen"
    assert settings.policy.done_transition == "Done"
    assert settings.poll_seconds == 300


def test_full_configuration_is_read(tmp_path):
    user_map = tmp_path / "users.json"
    user_map.write_text('{"Alice": "alice.smith"}')
    env = {
        "INCIDENT_INTEGRATOR_JIRA_URL": "https://acme.atlassian.net/",
        "INCIDENT_INTEGRATOR_JIRA_USER": "bot@acme.example",
        "INCIDENT_INTEGRATOR_JIRA_TOKEN": "tok",
        "INCIDENT_INTEGRATOR_JIRA_PROJECT": "OPS",
        "INCIDENT_INTEGRATOR_JIRA_LABELS": "incident, mesh",
        "INCIDENT_INTEGRATOR_JIRA_PRIORITY_MAP": '{"Critical": "Highest"}',
        "INCIDENT_INTEGRATOR_JIRA_CUSTOM_FIELDS": '{"customfield_10010": {"value": "payments"}}',
        "INCIDENT_INTEGRATOR_REGRESSION_MODE": "new_ticket",
        "INCIDENT_INTEGRATOR_USER_MAP": str(user_map),
        "INCIDENT_INTEGRATOR_GITHUB_REPO": "acme/svc",
        "INCIDENT_INTEGRATOR_VERIFY_QUIET_SECONDS": "900",
    }
    settings = read_settings(Env(env))
    assert settings.jira.flavor == "cloud" and settings.jira.url == "https://acme.atlassian.net"
    assert settings.policy.labels == ("incident", "mesh")
    assert settings.policy.priority_map == {"critical": "Highest"}
    assert settings.policy.custom_fields == {"customfield_10010": {"value": "payments"}}
    assert settings.policy.user_map == {"alice": "alice.smith"}
    assert settings.github.api_url == "https://api.github.com"
    assert settings.policy.verify_quiet_seconds == 900


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"INCIDENT_INTEGRATOR_JIRA_URL": "https://jira.example"}, "INCIDENT_INTEGRATOR_JIRA_PROJECT"),
        ({"INCIDENT_INTEGRATOR_JIRA_URL": "ftp://jira"}, "INCIDENT_INTEGRATOR_JIRA_URL"),
        (
            {
                "INCIDENT_INTEGRATOR_JIRA_URL": "https://x.atlassian.net",
                "INCIDENT_INTEGRATOR_JIRA_PROJECT": "O",
            },
            "INCIDENT_INTEGRATOR_JIRA_USER",
        ),
        ({"INCIDENT_INTEGRATOR_REGRESSION_MODE": "maybe"}, "INCIDENT_INTEGRATOR_REGRESSION_MODE"),
        ({"INCIDENT_INTEGRATOR_USER_MAP": "{not json"}, "INCIDENT_INTEGRATOR_USER_MAP"),
        ({"INCIDENT_INTEGRATOR_USER_MAP": '{"a": 3}'}, "INCIDENT_INTEGRATOR_USER_MAP"),
        ({"INCIDENT_INTEGRATOR_USER_MAP": "/no/such/file.json"}, "INCIDENT_INTEGRATOR_USER_MAP"),
        ({"INCIDENT_INTEGRATOR_GITHUB_REPO": "just-a-name"}, "INCIDENT_INTEGRATOR_GITHUB_REPO"),
        ({"INCIDENT_INTEGRATOR_POLL_SECONDS": "-1"}, "INCIDENT_INTEGRATOR_POLL_SECONDS"),
    ],
)
def test_bad_values_raise_config_error_naming_the_variable(env, named):
    with pytest.raises(ConfigError, match=named):
        read_settings(Env(env))


def test_tokens_do_not_leak_through_repr_or_logging():
    env = {
        "INCIDENT_INTEGRATOR_JIRA_URL": "https://jira.example",
        "INCIDENT_INTEGRATOR_JIRA_TOKEN": "pat-very-secret",
        "INCIDENT_INTEGRATOR_JIRA_PROJECT": "OPS",
        "INCIDENT_INTEGRATOR_GITHUB_REPO": "acme/svc",
        "INCIDENT_INTEGRATOR_GITHUB_TOKEN": "ghp_very_secret",
    }
    settings = read_settings(Env(env))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("test"))
    logger = logging.getLogger("test.integrator.config")
    logger.addHandler(handler)
    try:
        logger.warning("settings", extra={"settings": settings, "jira": settings.jira})
    finally:
        logger.removeHandler(handler)
    text = repr(settings) + str(settings.jira) + stream.getvalue()
    assert "pat-very-secret" not in text and "ghp_very_secret" not in text
    assert json.loads(stream.getvalue())["message"] == "settings"
    assert settings.secrets() == ("pat-very-secret", "ghp_very_secret")


def test_build_reads_server_and_integrator_settings():
    component, settings = build(Env({"INCIDENT_INTEGRATOR_PORT": "0"}))
    assert settings.component == "incident-integrator" and settings.port == 0
    assert component.service_names == ("incidentmesh.integrator.v1.IncidentIntegratorService",)
