"""One gRPC channel per backend, opened at start, swappable only to allow-listed addresses."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.channels import open_channel


@dataclass(frozen=True)
class BackendHealth:
    status: str
    latency_ms: float
    detail: str = ""

    @property
    def serving(self) -> bool:
        return self.status == "SERVING"


class BackendPool:
    def __init__(self, addresses: dict[str, str]) -> None:
        self._addresses = dict(addresses)
        # Opened on first use, inside the server's event loop (grpc.aio channels belong to one loop).
        self._channels: dict[str, grpc.aio.Channel] = {}

    @property
    def names(self) -> list[str]:
        return list(self._addresses)

    def address(self, name: str) -> str:
        return self._addresses[name]

    def channel(self, name: str) -> grpc.aio.Channel:
        channel = self._channels.get(name)
        if channel is None:
            channel = self._channels[name] = open_channel(self._addresses[name])
        return channel

    async def switch(self, name: str, address: str) -> None:
        """Points a backend at another address; calls already in flight finish on the old channel."""
        if self._addresses[name] == address:
            return
        old = self._channels.pop(name, None)
        self._addresses[name] = address
        if old is not None:
            asyncio.get_running_loop().call_later(30, lambda: asyncio.ensure_future(old.close()))

    async def health(self, name: str, deadline: float) -> BackendHealth:
        stub = health_pb2_grpc.HealthStub(self.channel(name))
        started = time.perf_counter()
        try:
            reply = await stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=deadline)
        except grpc.aio.AioRpcError as error:
            elapsed = (time.perf_counter() - started) * 1000
            return BackendHealth(error.code().name, round(elapsed, 2), error.details() or "")
        elapsed = (time.perf_counter() - started) * 1000
        status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        return BackendHealth(status, round(elapsed, 2))

    async def health_all(self, deadline: float) -> dict[str, BackendHealth]:
        names = self.names
        results = await asyncio.gather(*(self.health(name, deadline) for name in names))
        return dict(zip(names, results, strict=True))

    async def close(self) -> None:
        channels, self._channels = list(self._channels.values()), {}
        await asyncio.gather(*(channel.close() for channel in channels))
