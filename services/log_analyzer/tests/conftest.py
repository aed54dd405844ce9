from __future__ import annotations

from pathlib import Path

import grpc
import pytest

from incidentmesh.loganalyzer.v1 import log_analyzer_pb2_grpc
from services.log_analyzer.analyzer import LogAnalyzer
from services.log_analyzer.limits import Limits
from services.log_analyzer.storage import BASELINE_CORPUS, AnalyzerStore, read_lines

REPO = Path(__file__).resolve().parents[3]


def pytest_configure(config):
    # scikit-learn warns when its joblib wrapper runs in a thread that cannot see the caller's
    # warning filters; only under pytest's per-test filters, and harmless (n_jobs=1).
    config.addinivalue_line(
        "filterwarnings", "ignore:`sklearn.utils.parallel.delayed` should be used:UserWarning"
    )


@pytest.fixture(scope="session")
def baseline_lines() -> list[str]:
    return read_lines(BASELINE_CORPUS)


@pytest.fixture
def make_analyzer(tmp_path, baseline_lines):
    def make(limits: Limits | None = None, root: Path | None = None) -> LogAnalyzer:
        analyzer = LogAnalyzer(AnalyzerStore(root or tmp_path / "store"), limits)
        analyzer.load(baseline_lines)
        return analyzer

    return make


@pytest.fixture
def analyzer(make_analyzer) -> LogAnalyzer:
    return make_analyzer()


@pytest.fixture
def stub_factory():
    channels: list[grpc.aio.Channel] = []

    def make(port: int) -> log_analyzer_pb2_grpc.LogAnalyzerServiceStub:
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
        channels.append(channel)
        return log_analyzer_pb2_grpc.LogAnalyzerServiceStub(channel)

    yield make


def shared_data() -> Path:
    import os

    return Path(os.environ.get("MESH_SHARED_DATA", REPO.parent / "shared" / "data"))
