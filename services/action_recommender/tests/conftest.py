from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from services.action_recommender.catalog import Catalog, build_catalog
from services.action_recommender.storage import (
    DEFAULT_CATALOG,
    DEFAULT_RESOLUTIONS,
    ModelStore,
    read_jsonl,
    read_yaml_documents,
)
from services.action_recommender.training import TrainedModel, train


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return build_catalog(read_yaml_documents([DEFAULT_CATALOG]))


@pytest.fixture(scope="session")
def resolution_rows() -> list[dict]:
    return read_jsonl(DEFAULT_RESOLUTIONS)


@pytest.fixture(scope="session")
def trained(catalog, resolution_rows) -> TrainedModel:
    """The model trained on the full committed data, once per test session."""
    return train(resolution_rows, [], catalog)


@pytest.fixture(scope="session")
def small_resolutions(tmp_path_factory, resolution_rows) -> Path:
    """Every third incident of the committed data: same shape, trains in a fraction of the time."""
    keep = [r for r in resolution_rows if int(r["incident_id"].split("-")[1]) % 3 == 0]
    path = tmp_path_factory.mktemp("resolutions") / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in keep))
    return path


@pytest.fixture(scope="session")
def published_models(tmp_path_factory, trained) -> Path:
    root = tmp_path_factory.mktemp("seed-models") / "models"
    ModelStore(root).publish(trained.version, trained.model, trained.metadata)
    return root


@pytest.fixture
def data_dir(tmp_path, published_models) -> Path:
    """A service data directory that already holds the session's model, so loading skips training."""
    directory = tmp_path / "action-recommender"
    shutil.copytree(published_models, directory / "models")
    return directory
