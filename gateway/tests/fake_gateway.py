"""The real gateway process over fake backends, for process-level tests (kill -9, restarts).

`python -m gateway.tests.fake_gateway` reads the same environment as `python -m gateway`.
"""

from __future__ import annotations

import sys

import uvicorn

from gateway.app import create_app
from gateway.settings import GatewaySettings
from gateway.tests.fakes import fake_mesh
from services.kit.config import Env
from services.kit.log import configure_logging


def main() -> int:
    settings = GatewaySettings.from_env(Env())
    configure_logging("gateway", settings.log_level)
    app = create_app(settings, backends=fake_mesh().backends())
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
