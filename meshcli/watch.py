"""`incidentmesh watch PATH...`: tail log files, ask the log analyzer about each new batch, and open an
incident (a generic alert) when a batch holds an anomaly burst — at most once per file per cool-down."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx


class FileTailer:
    """New complete lines since the last read; survives rotation and truncation."""

    def __init__(self, path: Path, from_start: bool = False) -> None:
        self.path = path
        self._inode: int | None = None
        self._offset = 0
        self._partial = b""
        if not from_start and path.exists():
            stat = path.stat()
            self._inode, self._offset = stat.st_ino, stat.st_size

    def read_new_lines(self, max_bytes: int = 4 * 1024 * 1024) -> list[str]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        if stat.st_ino != self._inode or stat.st_size < self._offset:
            # Rotated (new file) or truncated: start from its beginning.
            self._inode, self._offset, self._partial = stat.st_ino, 0, b""
        if stat.st_size == self._offset:
            return []
        with self.path.open("rb") as handle:
            handle.seek(self._offset)
            data = handle.read(max_bytes)
        self._offset += len(data)
        data = self._partial + data
        *complete, self._partial = data.split(b"\n")
        return [line.decode("utf-8", errors="replace") for line in complete if line.strip()]


@dataclass
class BurstPolicy:
    min_anomalies: int = 3
    cooldown_seconds: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _last_alert: dict[str, float] = field(default_factory=dict)

    def should_alert(self, source: str, anomaly_count: int) -> bool:
        if anomaly_count < self.min_anomalies:
            return False
        last = self._last_alert.get(source)
        now = self.clock()
        if last is not None and now - last < self.cooldown_seconds:
            return False
        self._last_alert[source] = now
        return True


class Watcher:
    def __init__(
        self,
        client: httpx.Client,
        tailers: list[FileTailer],
        policy: BurstPolicy,
        service: str | None,
        say: Callable[[str], None] = print,
    ) -> None:
        self._client = client
        self._tailers = tailers
        self._policy = policy
        self._service = service
        self._say = say

    def poll_once(self) -> int:
        """Reads every file once; returns the number of incidents opened."""
        opened = 0
        for tailer in self._tailers:
            lines = tailer.read_new_lines()
            if not lines:
                continue
            service = self._service or tailer.path.stem
            for start in range(0, len(lines), 2000):
                opened += self._check(tailer.path, service, lines[start : start + 2000])
        return opened

    def _check(self, path: Path, service: str, lines: list[str]) -> int:
        response = self._client.post(
            "/api/v1/analyze", json={"logs": lines, "service": service, "source": str(path)}
        )
        if response.status_code != 200:
            self._say(f"{path}: analyzer answered {response.status_code}: {response.text[:200]}")
            return 0
        anomalies = response.json().get("anomalies", [])
        self._say(f"{path}: {len(lines)} new lines, {len(anomalies)} anomalous")
        if not self._policy.should_alert(str(path), len(anomalies)):
            return 0
        excerpt = [a["text"] for a in anomalies[:200]]
        burst_window = int(time.time() // self._policy.cooldown_seconds)
        alert = {
            "alerts": [
                {
                    "title": f"Log anomaly burst in {path.name}",
                    "service": service,
                    "severity": "warning",
                    "fingerprint": f"watch:{os.path.abspath(path)}:{burst_window}",
                    "description": f"{len(anomalies)} anomalous lines among {len(lines)} new lines of {path}",
                    "logs": excerpt,
                }
            ]
        }
        reply = self._client.post("/api/v1/alerts/generic", json=alert)
        if reply.status_code == 202:
            self._say(f"{path}: opened incident {', '.join(reply.json().get('incidents', []))}")
            return 1
        self._say(f"{path}: could not open an incident: {reply.status_code} {reply.text[:200]}")
        return 0


def run_watch(
    paths: list[Path],
    url: str,
    api_key: str | None,
    service: str | None,
    interval: float,
    min_anomalies: int,
    cooldown: float,
    from_start: bool,
) -> int:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    tailers = [FileTailer(path, from_start) for path in paths]
    with httpx.Client(base_url=url, headers=headers, timeout=30.0) as client:
        watcher = Watcher(client, tailers, BurstPolicy(min_anomalies, cooldown), service)
        print(f"Watching {', '.join(str(p) for p in paths)} every {interval:.0f}s (Ctrl-C to stop)")
        try:
            while True:
                try:
                    watcher.poll_once()
                except httpx.HTTPError as error:
                    print(f"gateway unreachable: {error}; retrying")
                time.sleep(interval)
        except KeyboardInterrupt:
            return 0
