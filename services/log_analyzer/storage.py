"""The only module that touches disk: model artifacts and the live template-miner state."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from services.kit.artifacts import Artifact, ArtifactError, ArtifactStore

BASELINE_CORPUS = Path(__file__).resolve().parent / "data" / "normal.log"


class AnalyzerStore:
    """Artifacts under `<root>/models`, one miner snapshot per model version under `<root>/miner`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.artifacts = ArtifactStore(root / "models")
        self._miner_dir = root / "miner"

    def current(self) -> Artifact | None:
        try:
            return self.artifacts.load() if self.artifacts.current_version() else None
        except ArtifactError:
            return None

    def publish(self, version: str, model: object, metadata: dict) -> Artifact:
        return self.artifacts.publish(version, model, metadata)

    def load_miner_state(self, version: str) -> bytes | None:
        path = self._miner_dir / f"{version}.state"
        return path.read_bytes() if path.exists() else None

    def save_miner_state(self, version: str, state: bytes) -> None:
        self._miner_dir.mkdir(parents=True, exist_ok=True)
        target = self._miner_dir / f"{version}.state"
        with tempfile.NamedTemporaryFile("wb", dir=self._miner_dir, delete=False, prefix=".state.") as handle:
            handle.write(state)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)


class BinaryFileError(ValueError):
    pass


def read_lines(path: Path) -> list[str]:
    """A log file as lines; undecodable bytes become U+FFFD rather than failing the whole file."""
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise BinaryFileError(f"{path} looks binary (NUL bytes), not a text log")
    return data.decode("utf-8", errors="replace").splitlines()
