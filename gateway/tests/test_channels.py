"""The gateway's channels against real gRPC servers: round-robin over replicas, reconnect after restart."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import grpc
import pytest

from gateway.backends import BackendPool
from gateway.channels import grpc_target, open_channel
from services.kit.testing import running_server
from services.kit.tests.conftest import SampleClient
from services.kit.tests.sample_service import SampleService
from services.kit.tests.test_lifecycle import ServiceProcess
from tests.ports import free_ports


def test_replica_lists_become_multi_address_targets():
    assert grpc_target("127.0.0.1:1,127.0.0.1:2") == "ipv4:127.0.0.1:1,127.0.0.1:2"
    assert grpc_target("dns:///kb:50053") == "dns:///kb:50053"
    assert grpc_target("log-analyzer:50051") == "log-analyzer:50051"


async def test_round_robin_spreads_calls_over_two_replicas():
    first, second = SampleService(), SampleService()
    served = {id(first): 0, id(second): 0}
    for service in (first, second):
        original = service.echo

        async def counting(request, context, _service=service, _original=original):
            served[id(_service)] += 1
            return await _original(request, context)

        service.echo = counting
    async with running_server(first) as a, running_server(second) as b:
        channel = open_channel(f"127.0.0.1:{a.port},127.0.0.1:{b.port}")
        client = SampleClient(channel)
        for _ in range(40):
            assert await client.call("Echo", b"x") == b"x"
        await channel.close()
    assert min(served.values()) >= 10, served


async def test_a_killed_replica_causes_no_failed_calls():
    replicas = [ServiceProcess() for _ in range(2)]
    try:
        ports = [replica.wait_listening() for replica in replicas]
        channel = open_channel(",".join(f"127.0.0.1:{port}" for port in ports))
        client = SampleClient(channel)
        for _ in range(10):
            await client.call("Echo", b"warm", deadline=5)
        os.kill(replicas[0].process.pid, signal.SIGKILL)
        failures = 0
        for _ in range(50):
            try:
                await client.call("Echo", b"x", deadline=2)
            except grpc.aio.AioRpcError:
                failures += 1
        await channel.close()
    finally:
        for replica in replicas:
            replica.close()
    assert failures == 0


@pytest.mark.timeout(60)
async def test_restarted_backend_is_reached_again_without_a_new_gateway():
    (port,) = free_ports(1)
    pool = BackendPool({"log_analyzer": f"127.0.0.1:{port}"})
    first = ServiceProcess(KITTEST_PORT=str(port))
    try:
        first.wait_listening()
        assert (await pool.health("log_analyzer", 2)).serving
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait(5)
        assert not (await pool.health("log_analyzer", 0.5)).serving
    finally:
        first.close()
    second = ServiceProcess(KITTEST_PORT=str(port))
    try:
        second.wait_listening()
        restarted = time.monotonic()
        while not (await pool.health("log_analyzer", 0.5)).serving:
            assert time.monotonic() - restarted < 5, "no recovery within 5 s of the restart"
            await asyncio.sleep(0.1)
    finally:
        second.close()
        await pool.close()
