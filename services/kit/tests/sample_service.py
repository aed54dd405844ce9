"""A tiny service built on the kit, for the kit's own tests (in-process and as a subprocess).

It speaks raw bytes through generic handlers so the kit is tested without any domain contract.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import grpc
from prometheus_client import CollectorRegistry

from incidentmesh.common.v1 import common_pb2
from services.kit import Env, ServerSettings, run

SERVICE_NAME = "kittest.v1.Sample"


def _identity(data: bytes) -> bytes:
    return data


class SampleService:
    service_names: Sequence[str] = (SERVICE_NAME,)

    def __init__(self, load_seconds: float = 0.0) -> None:
        self.load_seconds = load_seconds
        self.release_load = asyncio.Event()
        self.closed = False

    def register(self, server: grpc.aio.Server, registry: CollectorRegistry) -> None:
        handlers = {
            name: grpc.unary_unary_rpc_method_handler(
                method, request_deserializer=_identity, response_serializer=_identity
            )
            for name, method in (
                ("Echo", self.echo),
                ("Sleep", self.sleep),
                ("Boom", self.boom),
                ("Reject", self.reject),
                ("Unbuilt", self.unbuilt),
            )
        }
        handlers["Parse"] = grpc.unary_unary_rpc_method_handler(
            self.parse, request_deserializer=common_pb2.LogLine.FromString, response_serializer=_identity
        )
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))

    async def load(self) -> None:
        if self.load_seconds < 0:
            await self.release_load.wait()
        else:
            await asyncio.sleep(self.load_seconds)

    async def close(self) -> None:
        self.closed = True

    async def echo(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        return request

    async def sleep(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        await asyncio.sleep(float(request.decode()))
        return b"done"

    async def boom(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        raise RuntimeError("secret internal detail")

    def unbuilt(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        # Exactly what grpc_tools generates for a method a servicer does not override.
        context.set_code(grpc.StatusCode.UNIMPLEMENTED)
        context.set_details("Method not implemented!")
        raise NotImplementedError("Method not implemented!")

    async def parse(self, request: common_pb2.LogLine, context: grpc.aio.ServicerContext) -> bytes:
        return request.text.encode()

    async def reject(self, request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "field 'x' must not be empty")


def build(env: Env) -> tuple[SampleService, ServerSettings]:
    settings = ServerSettings.from_env(env, component="kittest", default_port=0, default_metrics_port=0)
    return SampleService(env.float("KITTEST_LOAD_SECONDS", 0.0)), settings


if __name__ == "__main__":
    run(build)
