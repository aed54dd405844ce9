"""Versioned model artifacts on disk: atomic publish, a 'current' pointer, rollback.

Layout under the store's root:
    versions/<version>/model.pkl      the pickled model object
    versions/<version>/metadata.json  library versions, data hash, parameters, metrics
    CURRENT                            the version being served (replaced atomically)
    HISTORY                            versions in the order they were made current
A version directory is written under a temporary name and renamed into place, so a
crash mid-write never leaves a half-written artifact that looks complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

MODEL_FILE = "model.pkl"
METADATA_FILE = "metadata.json"


class ArtifactError(Exception):
    """An artifact is missing, unreadable or inconsistent with its metadata."""


@dataclass(frozen=True)
class Artifact:
    version: str
    model: Any
    metadata: dict[str, Any]


def library_versions(*distributions: str) -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in distributions:
        try:
            found[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def sha256_of(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, prefix=f".{path.name}.") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, path)


class ArtifactStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._versions = root / "versions"

    def publish(self, version: str, model: Any, metadata: dict[str, Any]) -> Artifact:
        """Writes a new version and makes it current."""
        self._versions.mkdir(parents=True, exist_ok=True)
        target = self._versions / version
        if target.exists():
            raise ArtifactError(f"version {version} already exists")
        payload = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        full_metadata = {
            **metadata,
            "version": version,
            "created_at": datetime.now(UTC).isoformat(),
            "artifact_sha256": sha256_of(payload),
        }
        staging = Path(tempfile.mkdtemp(dir=self._versions, prefix=f".{version}."))
        try:
            (staging / MODEL_FILE).write_bytes(payload)
            (staging / METADATA_FILE).write_text(json.dumps(full_metadata, indent=2, sort_keys=True))
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._make_current(version)
        return Artifact(version, model, full_metadata)

    def current_version(self) -> str | None:
        pointer = self.root / "CURRENT"
        return pointer.read_text().strip() or None if pointer.exists() else None

    def history(self) -> list[str]:
        history = self.root / "HISTORY"
        return history.read_text().split() if history.exists() else []

    def load(self, version: str | None = None) -> Artifact:
        """Loads a version (default: current) and checks it against its recorded checksum."""
        version = version or self.current_version()
        if version is None:
            raise ArtifactError(f"no current artifact in {self.root}")
        directory = self._versions / version
        try:
            metadata = json.loads((directory / METADATA_FILE).read_text())
            payload = (directory / MODEL_FILE).read_bytes()
        except (OSError, ValueError) as error:
            raise ArtifactError(f"artifact {version} is unreadable: {error}") from error
        if sha256_of(payload) != metadata.get("artifact_sha256"):
            raise ArtifactError(f"artifact {version} does not match its checksum")
        try:
            model = pickle.loads(payload)
        except Exception as error:
            raise ArtifactError(f"artifact {version} cannot be unpickled: {error}") from error
        return Artifact(version, model, metadata)

    def rollback(self) -> Artifact:
        """Makes the version served before the current one current again."""
        history = self.history()
        current = self.current_version()
        earlier = [v for v in history if v != current]
        if not earlier:
            raise ArtifactError("no previous version to roll back to")
        previous = earlier[-1]
        artifact = self.load(previous)
        self._make_current(previous)
        return artifact

    def _make_current(self, version: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        history = [v for v in self.history() if v != version] + [version]
        _write_atomically(self.root / "HISTORY", "\n".join(history) + "\n")
        _write_atomically(self.root / "CURRENT", version + "\n")
