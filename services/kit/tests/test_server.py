from __future__ import annotations

import asyncio

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

from services.kit.testing import local_settings, running_server
from services.kit.tests.sample_service import SERVICE_NAME, SampleService

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


async def _health(port: int, service: str = "") -> int:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=2
        )
        return reply.status


def _samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


async def test_health_is_not_serving_until_loaded_then_serving(sample_client_factory):
    service = SampleService(load_seconds=-1)  # load blocks until released
    async with running_server(service, load=False) as server:
        loading = asyncio.create_task(server.load())
        await asyncio.sleep(0.05)
        assert await _health(server.port) == NOT_SERVING
        assert await _health(server.port, SERVICE_NAME) == NOT_SERVING
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await sample_client_factory(server.port).call("Echo", b"hi")
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE

        service.release_load.set()
        await loading
        assert await _health(server.port) == SERVING
        assert await _health(server.port, SERVICE_NAME) == SERVING
        assert await sample_client_factory(server.port).call("Echo", b"hi") == b"hi"
    assert service.closed


async def test_health_of_unknown_service_is_not_found():
    async with running_server(SampleService()) as server:
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await _health(server.port, "no.such.Service")
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_metrics_endpoint_counts_rpcs_by_service_method_and_code(sample_client_factory):
    async with running_server(SampleService()) as server:
        client = sample_client_factory(server.port)
        await client.call("Echo", b"a")
        await client.call("Echo", b"b")
        with pytest.raises(grpc.aio.AioRpcError):
            await client.call("Reject")
        async with httpx.AsyncClient() as http:
            text = (await http.get(f"http://127.0.0.1:{server.metrics_port}/metrics")).text

    handled = _samples(text, "grpc_server_handled_total")
    echo_ok = (("grpc_code", "OK"), ("grpc_method", "Echo"), ("grpc_service", SERVICE_NAME))
    reject = (("grpc_code", "INVALID_ARGUMENT"), ("grpc_method", "Reject"), ("grpc_service", SERVICE_NAME))
    assert handled[echo_ok] == 2
    assert handled[reject] == 1
    counts = _samples(text, "grpc_server_handling_seconds_count")
    assert counts[(("grpc_method", "Echo"), ("grpc_service", SERVICE_NAME))] == 2
    buckets = _samples(text, "grpc_server_handling_seconds_bucket")
    assert any(labels[0] == ("grpc_method", "Echo") for labels in buckets)
    assert "process_resident_memory_bytes" in text


async def test_handler_exception_becomes_internal_and_is_logged_once_with_request_id(
    sample_client_factory, rpc_log_lines
):
    async with running_server(SampleService()) as server:
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await sample_client_factory(server.port).call("Boom", request_id="req-42")

    assert failed.value.code() == grpc.StatusCode.INTERNAL
    assert "req-42" in failed.value.details()
    assert "secret internal detail" not in failed.value.details()
    assert dict(failed.value.trailing_metadata())["x-request-id"] == "req-42"
    boom_lines = [line for line in rpc_log_lines() if line.get("grpc_method") == "Boom"]
    assert len(boom_lines) == 1
    (entry,) = boom_lines
    assert entry["request_id"] == "req-42"
    assert entry["grpc_code"] == "INTERNAL"
    assert entry["level"] == "error"
    assert "secret internal detail" in entry["exception"]


async def test_every_rpc_logs_one_json_line_with_generated_request_id(sample_client_factory, rpc_log_lines):
    async with running_server(SampleService()) as server:
        await sample_client_factory(server.port).call("Echo", b"x")
    (entry,) = rpc_log_lines()
    assert entry["grpc_method"] == "Echo"
    assert entry["grpc_code"] == "OK"
    assert len(entry["request_id"]) == 32
    assert entry["duration_ms"] >= 0


async def test_in_flight_rpc_completes_during_graceful_stop(sample_client_factory):
    async with running_server(SampleService()) as server:
        client = sample_client_factory(server.port)
        in_flight = asyncio.create_task(client.call("Sleep", b"0.5"))
        await asyncio.sleep(0.1)
        await server.stop(grace=5.0)
        assert await in_flight == b"done"


async def test_oversized_message_is_rejected_by_the_configured_limit(sample_client_factory):
    settings = local_settings(max_message_bytes=64 * 1024)
    async with running_server(SampleService(), settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as rejected:
            await sample_client_factory(server.port).call("Echo", b"x" * (256 * 1024))
    assert rejected.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_reflection_lists_the_service():
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    async with running_server(SampleService()) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = reflection_pb2_grpc.ServerReflectionStub(channel)
            request = reflection_pb2.ServerReflectionRequest(list_services="")
            async for reply in stub.ServerReflectionInfo(iter([request])):
                names = {s.name for s in reply.list_services_response.service}
                break
    assert SERVICE_NAME in names
    assert "grpc.health.v1.Health" in names


async def test_method_not_built_yet_answers_unimplemented(sample_client_factory):
    async with running_server(SampleService()) as server:
        with pytest.raises(grpc.aio.AioRpcError) as unbuilt:
            await sample_client_factory(server.port).call("Unbuilt")
    assert unbuilt.value.code() == grpc.StatusCode.UNIMPLEMENTED


async def test_request_that_cannot_be_parsed_is_invalid_argument_not_unknown(sample_client_factory):
    # Field 1 (text, a proto3 string) carrying bytes that are not UTF-8.
    invalid_utf8 = b"\x0a\x02\xff\xfe"
    async with running_server(SampleService()) as server:
        client = sample_client_factory(server.port)
        assert await client.call("Parse", b"\x0a\x02ok") == b"ok"
        with pytest.raises(grpc.aio.AioRpcError) as rejected:
            await client.call("Parse", invalid_utf8)
    assert rejected.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "UTF-8" in rejected.value.details()
