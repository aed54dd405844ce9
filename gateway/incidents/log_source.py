"""Recent lines from a service's own log files (GATEWAY_LOG_SOURCES: {"service": "/var/log/svc/*.log"})."""

from __future__ import annotations

import glob
import os
from collections import deque
from pathlib import Path

_MAX_BYTES_READ = 4 * 1024 * 1024


class LogSource:
    def __init__(self, patterns: dict[str, str], max_lines: int) -> None:
        self._patterns = patterns
        self._max_lines = max_lines

    def recent_lines(self, service: str) -> list[str]:
        pattern = self._patterns.get(service)
        if not pattern or self._max_lines == 0:
            return []
        files = sorted(glob.glob(pattern), key=lambda p: os.path.getmtime(p))
        if not files:
            return []
        # The newest file holds the lines closest to the alert; only its tail is read.
        return _tail(Path(files[-1]), self._max_lines)


def _tail(path: Path, count: int) -> list[str]:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - _MAX_BYTES_READ))
        data = handle.read()
    lines: deque[str] = deque(maxlen=count)
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            lines.append(line)
    return list(lines)
