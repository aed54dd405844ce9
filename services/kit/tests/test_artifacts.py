from __future__ import annotations

import pytest

from services.kit.artifacts import ArtifactError, ArtifactStore


def test_publish_load_and_rollback(tmp_path):
    store = ArtifactStore(tmp_path)
    store.publish("v1", {"weights": [1, 2]}, {"data_hash": "a"})
    store.publish("v2", {"weights": [3]}, {"data_hash": "b"})
    assert store.current_version() == "v2"
    assert store.load().model == {"weights": [3]}
    rolled = store.rollback()
    assert rolled.version == "v1"
    assert ArtifactStore(tmp_path).load().model == {"weights": [1, 2]}


def test_corrupted_artifact_is_detected(tmp_path):
    store = ArtifactStore(tmp_path)
    store.publish("v1", [1, 2, 3], {})
    (tmp_path / "versions" / "v1" / "model.pkl").write_bytes(b"garbage")
    with pytest.raises(ArtifactError, match="checksum"):
        store.load()


def test_empty_store_has_nothing_to_load_or_roll_back(tmp_path):
    store = ArtifactStore(tmp_path)
    with pytest.raises(ArtifactError):
        store.load()
    store.publish("v1", 1, {})
    with pytest.raises(ArtifactError, match="previous"):
        store.rollback()
