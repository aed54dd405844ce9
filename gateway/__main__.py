"""`python -m gateway`: serve the gateway with uvicorn."""

from __future__ import annotations

import logging
import sys

import uvicorn

from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.kit.config import ConfigError, Env
from services.kit.log import JsonFormatter, configure_logging


def main() -> int:
    try:
        settings = GatewaySettings.from_env(Env())
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging("gateway", settings.log_level)
    try:
        app = create_app(settings)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    log_config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "component": "gateway"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": settings.log_level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
    if not len(app.state.api_keys):
        logging.getLogger("incidentmesh.gateway").warning(
            "no API keys configured: every API call will be refused "
            "(run ./start.sh once, or set GATEWAY_API_KEYS)"
        )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=log_config,
        timeout_graceful_shutdown=10,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
