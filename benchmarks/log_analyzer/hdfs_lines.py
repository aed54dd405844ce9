"""Raw HDFS lines rebuilt from the shared structured CSV (the original log line format)."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path


def default_data_dir() -> Path:
    return Path(os.environ.get("MESH_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))


def hdfs_raw_lines(data: Path) -> list[str]:
    with zipfile.ZipFile(data / "hdfs_100k" / "HDFS_100k.log_structured.csv.zip") as archive:
        with archive.open(archive.namelist()[0]) as handle:
            rows = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))
            return [
                f"{r['Date']} {r['Time']} {r['Pid']} {r['Level']} {r['Component']}: {r['Content']}"
                for r in rows
            ]
