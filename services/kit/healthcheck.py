"""Health-check CLI: `python -m services.kit.healthcheck HOST:PORT [--service NAME]`.

Exits 0 only when the server answers SERVING, so Docker, scripts and humans can use it.
"""

from __future__ import annotations

import argparse
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(address: str, service: str = "", timeout: float = 2.0) -> tuple[bool, str]:
    """Returns (serving, human-readable status)."""
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as error:
            return False, f"{error.code().name}: {error.details()}"
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == health_pb2.HealthCheckResponse.SERVING, status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthcheck", description="Check a gRPC server's health.")
    parser.add_argument("address", help="host:port of the gRPC server, e.g. localhost:50051")
    parser.add_argument("--service", default="", help="service name to check (default: the whole server)")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds to wait (default 2)")
    args = parser.parse_args(argv)
    serving, status = check(args.address, args.service, args.timeout)
    print(f"{args.address} {args.service or '(server)'}: {status}")
    return 0 if serving else 1


if __name__ == "__main__":
    sys.exit(main())
