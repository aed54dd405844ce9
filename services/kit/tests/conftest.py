from __future__ import annotations

import io
import json
import logging

import grpc
import pytest

from services.kit.log import JsonFormatter
from services.kit.tests.sample_service import SERVICE_NAME


def _identity(data: bytes) -> bytes:
    return data


class SampleClient:
    """Calls the sample service's raw-bytes methods."""

    def __init__(self, channel: grpc.aio.Channel) -> None:
        self._channel = channel

    async def call(
        self, method: str, payload: bytes = b"", *, request_id: str | None = None, deadline: float = 5.0
    ) -> bytes:
        stub = self._channel.unary_unary(
            f"/{SERVICE_NAME}/{method}", request_serializer=_identity, response_deserializer=_identity
        )
        metadata = (("x-request-id", request_id),) if request_id else None
        return await stub(payload, timeout=deadline, metadata=metadata)


@pytest.fixture
def sample_client_factory():
    def make(port: int) -> SampleClient:
        return SampleClient(grpc.aio.insecure_channel(f"127.0.0.1:{port}"))

    yield make


@pytest.fixture
def rpc_log_lines():
    """The JSON lines the kit's RPC logger writes, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("kittest"))
    rpc_logger = logging.getLogger("incidentmesh.rpc")
    previous_level = rpc_logger.level
    rpc_logger.addHandler(handler)
    rpc_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    rpc_logger.removeHandler(handler)
    rpc_logger.setLevel(previous_level)
