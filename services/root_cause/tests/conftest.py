from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from services.root_cause.predictor import PredictorSettings, RootCausePredictor
from services.root_cause.storage import DEFAULT_CORPUS_PATH, FeedbackStore, ModelStore, write_corpus
from services.root_cause.train import TrainingParameters

# A slice of the committed corpus keeps each training in the tests to a few seconds.
TRAIN_PER_LABEL = 36
TEST_PER_LABEL = 12
FAST_SETTINGS = PredictorSettings(max_lines=500, training=TrainingParameters(folds=3))


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    kept: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for raw in DEFAULT_CORPUS_PATH.read_text().splitlines():
        record = json.loads(raw)
        bucket = kept[(record["label"], record["split"])]
        if len(bucket) < (TRAIN_PER_LABEL if record["split"] == "train" else TEST_PER_LABEL):
            bucket.append(record)
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_corpus(path, [r for bucket in kept.values() for r in bucket])
    return path


def make_predictor(data_dir: Path, corpus: Path, keywords: tuple[str, ...] = ()) -> RootCausePredictor:
    return RootCausePredictor(
        ModelStore(data_dir / "models"),
        FeedbackStore(f"sqlite:///{data_dir / 'feedback.db'}"),
        corpus,
        keywords,
        FAST_SETTINGS,
    )


@pytest.fixture(scope="session")
def trained_dir(tmp_path_factory, small_corpus) -> Path:
    """One trained model artifact for the whole session; tests copy it instead of retraining."""
    directory = tmp_path_factory.mktemp("trained")
    make_predictor(directory, small_corpus).load_or_train()
    return directory


@pytest.fixture
def data_dir(tmp_path, trained_dir) -> Path:
    target = tmp_path / "root-cause"
    shutil.copytree(trained_dir / "models", target / "models")
    return target


@pytest.fixture
def predictor(data_dir, small_corpus) -> RootCausePredictor:
    loaded = make_predictor(data_dir, small_corpus, ("nullpointerexception", "my_custom_bug"))
    loaded.load_or_train()
    return loaded
