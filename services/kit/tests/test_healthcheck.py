from __future__ import annotations

import asyncio

from services.kit import healthcheck
from services.kit.testing import running_server
from services.kit.tests.sample_service import SERVICE_NAME, SampleService


async def test_exit_code_is_zero_only_when_serving(capsys):
    service = SampleService(load_seconds=-1)
    async with running_server(service, load=False) as server:
        address = f"127.0.0.1:{server.port}"
        assert await asyncio.to_thread(healthcheck.main, [address]) == 1
        assert "NOT_SERVING" in capsys.readouterr().out
        service.release_load.set()
        await server.load()
        assert await asyncio.to_thread(healthcheck.main, [address, "--service", SERVICE_NAME]) == 0
        assert "SERVING" in capsys.readouterr().out


async def test_unreachable_server_is_unhealthy(capsys):
    assert await asyncio.to_thread(healthcheck.main, ["127.0.0.1:1", "--timeout", "0.5"]) == 1
    out = capsys.readouterr().out
    assert "UNAVAILABLE" in out or "DEADLINE_EXCEEDED" in out
