"""`incidentmesh up`: the whole mesh as local processes until Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from meshcli.supervisor import Supervisor


def run_up(data_dir: Path, ready_timeout: float) -> int:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
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
