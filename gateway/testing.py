"""Test helper: drive the app in the caller's event loop.

Litestar's AsyncTestClient runs the app in a separate thread's loop and blocks the caller's
loop on each request, which starves gRPC servers that tests run in that same loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar


@asynccontextmanager
async def gateway_client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client
