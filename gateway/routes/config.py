"""Runtime configuration: readable by viewers, changeable by admins, backends only from the allow-list."""

from __future__ import annotations

from litestar import Controller, Request, get, put
from litestar.params import JSONBody

from gateway.auth import requires
from gateway.limits import InvalidInput
from gateway.routes.common import runtime_config, settings
from gateway.runtime_config import RuntimeConfig, RuntimeConfigUpdate, apply_update


class ConfigController(Controller):
    path = "/api/v1/config"
    tags = ["configuration"]

    @get(operation_id="getConfig", guards=[requires("viewer")], summary="Current runtime settings")
    async def read(self, request: Request) -> dict:
        return _view(request)

    @put(operation_id="updateConfig", guards=[requires("admin")], summary="Change runtime settings (admin)")
    async def update(self, request: Request, data: JSONBody[RuntimeConfigUpdate]) -> dict:
        allowed = settings(request).allowed_backends
        for name, address in (data.backends or {}).items():
            if name not in allowed:
                raise InvalidInput("backends", f"unknown backend {name!r}; known: {', '.join(allowed)}")
            if address not in allowed[name]:
                # Exact match only: no resolution, no redirects, no pattern that an attacker could stretch.
                raise InvalidInput("backends", f"address for {name} is not in its allow-list fixed at start")
        updated = apply_update(runtime_config(request), data)
        pool = request.app.state.backend_pool
        for name, address in (data.backends or {}).items():
            await pool.switch(name, address)
        request.app.state.runtime_config = updated
        return _view(request)


def _view(request: Request) -> dict:
    config: RuntimeConfig = runtime_config(request)
    return {"config": config, "allowed_backends": settings(request).allowed_backends}
