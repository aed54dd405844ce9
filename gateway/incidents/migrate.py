"""Schema migrations (Alembic): run at gateway start, or `python -m gateway.incidents.migrate`."""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def upgrade(engine: sa.Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def main() -> int:
    from gateway.incidents.store import create_engine_for
    from gateway.settings import GatewaySettings
    from services.kit.config import ConfigError, Env

    try:
        settings = GatewaySettings.from_env(Env())
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    upgrade(create_engine_for(settings.database_url))
    print("incident store is at the latest schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
