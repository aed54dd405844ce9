from __future__ import annotations

from pathlib import Path

import pytest

from services.kit.config import ConfigError, Env, ServerSettings


def test_defaults_apply_when_nothing_is_set():
    settings = ServerSettings.from_env(
        Env({}), component="log-analyzer", default_port=50051, default_metrics_port=9101
    )
    assert (settings.port, settings.metrics_port, settings.host) == (50051, 9101, "127.0.0.1")
    assert settings.data_dir == Path("data/log-analyzer")
    assert settings.max_concurrent_rpcs is None


def test_component_prefixed_variables_override_defaults():
    env = Env(
        {
            "LOG_ANALYZER_PORT": "6000",
            "LOG_ANALYZER_GRACE_SECONDS": "2.5",
            "MESH_LOG_LEVEL": "debug",
            "MESH_DATA_DIR": "/var/lib/mesh",
        }
    )
    settings = ServerSettings.from_env(env, component="log-analyzer", default_port=1, default_metrics_port=2)
    assert settings.port == 6000
    assert settings.grace_seconds == 2.5
    assert settings.log_level == "DEBUG"
    assert settings.data_dir == Path("/var/lib/mesh/log-analyzer")


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"X_PORT": "70000"}, "X_PORT=70000 is above the maximum 65535"),
        ({"X_PORT": "abc"}, "X_PORT='abc' is not an integer"),
        ({"X_GRACE_SECONDS": "-1"}, "X_GRACE_SECONDS=-1.0 is below the minimum 0.0"),
        (
            {"MESH_LOG_LEVEL": "LOUD"},
            "MESH_LOG_LEVEL='LOUD' must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
        ),
    ],
)
def test_invalid_values_name_the_variable(variables, message):
    with pytest.raises(ConfigError) as error:
        ServerSettings.from_env(Env(variables), component="x", default_port=1, default_metrics_port=2)
    assert str(error.value) == message


def test_required_and_boolean_readers():
    env = Env({"FLAG": "yes", "BAD_FLAG": "maybe", "EMPTY": "  "})
    assert env.bool("FLAG", False) is True
    assert env.bool("EMPTY", True) is True
    with pytest.raises(ConfigError, match="BAD_FLAG='maybe' is not a boolean"):
        env.bool("BAD_FLAG", False)
    with pytest.raises(ConfigError, match="TOKEN is required but not set"):
        env.str("TOKEN")
