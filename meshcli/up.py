"""`incidentmesh up`: the whole mesh as local processes until Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from gateway.auth import ensure_admin_key
from gateway.settings import GatewaySettings
from meshcli.supervisor import Supervisor
from services.kit.config import Env


def run_up(data_dir: Path, ready_timeout: float) -> int:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    key_dir = GatewaySettings.from_env(Env()).data_dir
    admin_key, created = ensure_admin_key(key_dir)
    supervisor = Supervisor(data_dir / "logs")
    print("Starting Incident Mesh...")
    supervisor.start()
    try:
        if not supervisor.wait_healthy(ready_timeout, stop):
            if stop.is_set():
                print("\nInterrupted while starting; stopping.")
                return 0
            print("Incident Mesh failed to start; stopping.")
            return 1
        port = os.environ.get("GATEWAY_PORT") or "8080"
        print(
            f"\nIncident Mesh is up. Open http://127.0.0.1:{port}/ in a browser "
            f"(API schema at /schema). Press Ctrl-C to stop."
        )
        if created:
            print(f"Admin API key (shown once; saved in {key_dir / 'admin.key'}): {admin_key}")
        else:
            print(f"Admin API key: in {key_dir / 'admin.key'}")
        while not stop.wait(0.5):
            exited = supervisor.first_exited()
            if exited is not None:
                print(
                    f"{exited.component.name} exited with code {exited.process.returncode}; "
                    f"see {exited.log_path}. Stopping the mesh."
                )
                return 1
        print("\nStopping Incident Mesh...")
        return 0
    finally:
        supervisor.stop()
