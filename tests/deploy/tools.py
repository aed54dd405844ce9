"""The validation tools scripts/setup_deploy_tools.sh installs (Debian packages and the venv)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.images import ROOT


def tool(name: str) -> str:
    """Path of a validation tool; a missing one fails the test (these checks must not skip silently)."""
    beside_python = Path(sys.executable).parent / name
    path = shutil.which(name) or (str(beside_python) if beside_python.exists() else None)
    if path is None:
        pytest.fail(f"{name} is not installed: run scripts/setup_deploy_tools.sh")
    return path


def run(*command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
