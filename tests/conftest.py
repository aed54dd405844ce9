from __future__ import annotations

import pytest

from tests.mesh import RunningMesh, running_mesh


@pytest.fixture(scope="session")
def real_mesh(tmp_path_factory) -> RunningMesh:
    """Every service and the gateway as real processes, started once per test session."""
    with running_mesh(tmp_path_factory.mktemp("mesh")) as mesh:
        yield mesh
