"""Free loopback ports and the environment that points every component at them."""

from __future__ import annotations

import socket

from gateway.settings import BACKENDS
from meshcli.components import SERVICES


def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def mesh_environment() -> dict[str, str]:
    """Ports for every service, its metrics endpoint and the gateway, all free right now."""
    ports = iter(free_ports(2 * len(SERVICES) + 1))
    env: dict[str, str] = {}
    backend_variables = {name.replace("_", "-"): variable for name, (variable, _) in BACKENDS.items()}
    for component in SERVICES:
        port = next(ports)
        prefix = component.port_variable.removesuffix("_PORT")
        env[component.port_variable] = str(port)
        env[f"{prefix}_METRICS_PORT"] = str(next(ports))
        env[backend_variables[component.name]] = f"127.0.0.1:{port}"
    env["GATEWAY_PORT"] = str(next(ports))
    return env
