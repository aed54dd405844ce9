"""Runs every component as a local process, waits until each is healthy, stops them all together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from meshcli.components import ALL, Component
from services.kit.healthcheck import check


@dataclass
class Running:
    component: Component
    process: subprocess.Popen
    log_path: Path
    port: int
    log_file: IO[str] = field(repr=False)


def _port(component: Component, env: dict[str, str]) -> int:
    return int(env.get(component.port_variable) or component.default_port)


def _healthy(component: Component, port: int) -> bool:
    if component.grpc:
        return check(f"127.0.0.1:{port}", timeout=0.5)[0]
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200
    except httpx.HTTPError:
        return False


class Supervisor:
    def __init__(
        self,
        log_dir: Path,
        env: dict[str, str] | None = None,
        say: Callable[[str], None] = print,
        components: Sequence[Component] = ALL,
    ) -> None:
        self._log_dir = log_dir
        self._env = dict(os.environ if env is None else env)
        self._say = say
        self._components = components
        self.running: list[Running] = []

    def start(self) -> None:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        for component in self._components:
            self.running.append(self._spawn(component))

    def _spawn(self, component: Component) -> Running:
        log_path = self._log_dir / f"{component.name}.log"
        log_file = log_path.open("a")
        process = subprocess.Popen(
            [sys.executable, "-m", component.module],
            env={**self._env, "PYTHONUNBUFFERED": "1"},
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # Own process group: Ctrl-C reaches the supervisor only, which then stops
            # children in order instead of all of them dying at once mid-request.
            start_new_session=True,
        )
        self._say(f"  started {component.name:<20} pid {process.pid:<7} log {log_path}")
        return Running(component, process, log_path, _port(component, self._env), log_file)

    def get(self, name: str) -> Running:
        return next(r for r in self.running if r.component.name == name)

    def kill(self, name: str, signum: int = signal.SIGKILL) -> None:
        running = self.get(name)
        running.process.send_signal(signum)
        running.process.wait(30)
        running.log_file.close()

    def restart(self, name: str) -> Running:
        """Starts a stopped component again on the same ports; returns its new process."""
        old = self.get(name)
        replacement = self._spawn(old.component)
        self.running[self.running.index(old)] = replacement
        return replacement

    def wait_healthy(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Polls each component's health; shows progress; False if one exits, time runs out or stop is set."""
        pending = {r.component.name: r for r in self.running}
        deadline = time.monotonic() + timeout
        while pending and time.monotonic() < deadline:
            if stop is not None and stop.is_set():
                return False
            for name, running in list(pending.items()):
                if running.process.poll() is not None:
                    self._say(
                        f"  {name} exited with code {running.process.returncode}; see {running.log_path}"
                    )
                    return False
                if _healthy(running.component, running.port):
                    elapsed = timeout - (deadline - time.monotonic())
                    self._say(f"  ready   {name:<20} port {running.port:<6} after {elapsed:.1f}s")
                    del pending[name]
            if pending:
                time.sleep(0.25)
        if pending:
            self._say(f"  not ready after {timeout:.0f}s: {', '.join(pending)}")
            return False
        return True

    def first_exited(self) -> Running | None:
        return next((r for r in self.running if r.process.poll() is not None), None)

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM every child (gateway first, so it stops taking requests), then wait, then SIGKILL."""
        for running in reversed(self.running):
            if running.process.poll() is None:
                running.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for running in self.running:
            try:
                running.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(f"  {running.component.name} did not stop in {grace:.0f}s; killing it")
                running.process.kill()
                running.process.wait()
            running.log_file.close()
        self._say("  all processes stopped")
