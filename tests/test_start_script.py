"""`./start.sh` brings up every process and Ctrl-C stops them all."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from meshcli.components import ALL
from tests.ports import mesh_environment

ROOT = Path(__file__).resolve().parent.parent


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_start_script_runs_every_component_and_sigint_stops_them_all(tmp_path):
    env = {**os.environ, **mesh_environment(), "MESH_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(
        ["./start.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    up = threading.Event()

    def read() -> None:
        for line in process.stdout:
            output.append(line)
            if "Incident Mesh is up" in line:
                up.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert up.wait(540), "mesh did not come up:\n" + "".join(output)
        pids = [int(m.group(1)) for m in re.finditer(r"started .* pid (\d+)", "".join(output))]
        assert len(pids) == len(ALL)
        assert all(_alive(pid) for pid in pids)
        health = httpx.get(f"http://127.0.0.1:{env['GATEWAY_PORT']}/ready", timeout=5)
        assert health.json()["status"] == "ready"

        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0
        reader.join(5)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in pids if _alive(pid)], "processes left behind"
        assert "all processes stopped" in "".join(output)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
