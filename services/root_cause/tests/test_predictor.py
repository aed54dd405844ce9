from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from services.root_cause.normalize import normalize_line, normalize_lines
from services.root_cause.predictor import InvalidInput, NothingToRollBack
from services.root_cause.tests.conftest import FAST_SETTINGS, make_predictor

OOM_EXCERPT = [
    "2025-03-01 10:00:00.100 INFO 1 --- [main] c.a.Checkout : Started Checkout in 4.2 seconds",
    "2025-03-01 10:00:05.200 INFO 1 --- [exec-3] c.a.Checkout : GET /api/v1/orders completed 200 in 12ms",
    'Exception in thread "report-worker" java.lang.OutOfMemoryError: Java heap space',
    "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
    "Mar 01 10:00:07 node-4 kernel: Memory cgroup out of memory: Killed process 4412 (java)",
]
NPE_EXCERPT = [
    "2025-03-01 10:00:00.100 ERROR 1 --- [exec-3] c.a.OrderService : Servlet.service() threw exception "
    '[Request processing failed: java.lang.NullPointerException: Cannot invoke "Order.getTotal()" '
    'because "order" is null] with root cause',
    "\tat com.acme.orders.OrderService.create(OrderService.java:88)",
    "2025-03-01 10:00:01.100 WARN 1 --- [exec-4] c.a.OrderService : POST /api/v1/orders 500 (12ms)",
]


def test_probabilities_are_calibrated_and_sum_to_one(predictor):
    model = predictor._active.model
    rows = model.predict_proba([normalize_lines(OOM_EXCERPT), normalize_lines(NPE_EXCERPT)])
    assert rows.shape == (2, len(model.labels))
    assert np.allclose(rows.sum(axis=1), 1.0)
    prediction = predictor.predict(OOM_EXCERPT, top_k=50)
    assert len(prediction.candidates) == len(model.labels)
    assert sum(c.probability for c in prediction.candidates) == pytest.approx(1.0)
    probabilities = [c.probability for c in prediction.candidates]
    assert probabilities == sorted(probabilities, reverse=True)
    metrics = predictor.info().metrics
    assert 0.0 <= metrics["ece"] <= 1.0
    assert {"macro_f1", "top3_accuracy", "abstain_below", "ood_below"} <= set(metrics)


def test_predicts_out_of_memory_with_line_and_term_evidence(predictor):
    prediction = predictor.predict(OOM_EXCERPT)
    top = prediction.candidates[0]
    assert prediction.answer == "out_of_memory"
    assert not prediction.novel
    assert len(prediction.candidates) == FAST_SETTINGS.default_top_k
    evidence_indexes = [line.index for line in top.lines]
    assert evidence_indexes[0] in (2, 4)
    assert 0 not in evidence_indexes[:2]  # the start-up banner is not why
    assert top.lines[0].text == OOM_EXCERPT[evidence_indexes[0]]
    assert "memory" in {term.term for term in top.terms}
    assert all(term.weight > 0 for term in top.terms)


def test_code_regression_is_code_related_and_keywords_mark_other_labels(predictor):
    prediction = predictor.predict(NPE_EXCERPT)
    assert prediction.answer == "code_regression"
    assert prediction.code_related and prediction.candidates[0].code_related
    other = [c for c in prediction.candidates[1:] if any("NullPointer" in e.text for e in c.lines)]
    assert all(c.code_related for c in other)  # "nullpointerexception" is in the keyword list
    assert not predictor.predict(OOM_EXCERPT).code_related


def test_abstains_on_text_unlike_any_incident(predictor):
    prediction = predictor.predict(["lorem ipsum dolor sit amet", "consectetur adipiscing elit sed do"])
    assert prediction.novel
    assert prediction.answer == "unknown"
    assert "unlike the training data" in prediction.novel_reason
    assert not prediction.code_related
    assert any("unknown" in note for note in prediction.notes)


def test_abstains_when_the_top_probability_is_below_the_calibrated_threshold(predictor):
    model = predictor._active.model
    model.abstain_below = 1.01  # nothing can be that sure
    prediction = predictor.predict(OOM_EXCERPT)
    assert prediction.novel and "below the calibrated threshold" in prediction.novel_reason


@pytest.mark.parametrize("lines", [[], [""], ["   ", "\t"]])
def test_rejects_empty_or_blank_excerpts(predictor, lines):
    with pytest.raises(InvalidInput, match="lines"):
        predictor.predict(lines)


def test_rejects_negative_top_k(predictor):
    with pytest.raises(InvalidInput, match="top_k"):
        predictor.predict(OOM_EXCERPT, top_k=-1)


def test_ten_thousand_lines_are_truncated_keeping_failure_lines(predictor):
    noise = "2025-03-01 10:00:05.200 INFO 1 --- [exec-3] c.a.Checkout : GET /api/v1/orders completed 200"
    lines = [noise] * 9_990 + OOM_EXCERPT[2:] + [noise] * 7
    prediction = predictor.predict(lines)
    assert any("truncated from 10000 to 500" in note for note in prediction.notes)
    assert prediction.answer == "out_of_memory"
    assert {line.index for line in prediction.candidates[0].lines} & {9_990, 9_992}


def test_feedback_with_a_new_label_is_learned_only_by_retraining(predictor):
    cache_lines = [
        "WARN cache stampede detected on key product:123, 480 concurrent recomputations",
        "WARN memcached hit ratio dropped to 3% after flush_all",
    ]
    labels_before = predictor.info().labels
    receipts = [
        predictor.record_feedback("", "cache_stampede", [*cache_lines, f"INFO request {i} served"], "")
        for i in range(4)
    ]
    assert all(r.new_label for r in receipts)
    assert receipts[-1].pending == 4
    # Prediction keeps working with the served model, which does not know the label yet.
    assert predictor.predict(cache_lines).model_version == predictor.info().version
    assert "cache_stampede" not in predictor.info().labels

    old_version = predictor.info().version
    info, previous = predictor.retrain()
    assert previous == old_version and info.version != old_version
    assert "cache_stampede" in info.labels and set(labels_before) < set(info.labels)
    assert info.parameters["feedback_examples"] == "4"
    served = predictor.predict(cache_lines)
    assert served.model_version == info.version
    assert served.candidates[0].label == "cache_stampede"
    assert predictor.record_feedback("", "disk_full", ["No space left on device"], "").pending == 1

    rolled, rolled_back_from = predictor.rollback()
    assert rolled.version == old_version and rolled_back_from == info.version
    assert predictor.predict(cache_lines).model_version == old_version
    assert "cache_stampede" not in predictor.info().labels


def test_feedback_by_prediction_id_reuses_the_predicted_lines(predictor):
    prediction = predictor.predict(OOM_EXCERPT)
    receipt = predictor.record_feedback(prediction.prediction_id, "out_of_memory", [], "confirmed by SRE")
    assert not receipt.new_label
    stored = predictor._feedback.all()[-1]
    assert stored.lines == tuple(OOM_EXCERPT) and stored.note == "confirmed by SRE"


@pytest.mark.parametrize(
    ("prediction_id", "label", "lines", "message"),
    [
        ("", "", ["x"], "confirmed_label must not be empty"),
        ("", "Not A Label!", ["x"], "lower snake case"),
        ("", "unknown", ["x"], "lower snake case"),
        ("no-such-prediction", "disk_full", [], "lines are required"),
        ("", "disk_full", ["  "], "lines are required"),
    ],
)
def test_rejects_unusable_feedback(predictor, prediction_id, label, lines, message):
    with pytest.raises(InvalidInput, match=message):
        predictor.record_feedback(prediction_id, label, lines, "")


def test_rollback_without_a_previous_version_is_refused(predictor):
    with pytest.raises(NothingToRollBack):
        predictor.rollback()


def test_corrupted_artifact_at_start_falls_back_to_retraining(data_dir, small_corpus, caplog):
    version = (data_dir / "models" / "CURRENT").read_text().strip()
    (data_dir / "models" / "versions" / version / "model.pkl").write_bytes(b"not a pickle")
    restarted = make_predictor(data_dir, small_corpus)
    with caplog.at_level(logging.WARNING, logger="incidentmesh.root_cause"):
        restarted.load_or_train()
    assert any("unusable; retraining from committed data" in r.getMessage() for r in caplog.records)
    assert restarted.info().version != version
    assert restarted.predict(OOM_EXCERPT).answer == "out_of_memory"


def test_artifact_from_another_scikit_learn_is_retrained(data_dir, small_corpus, caplog):
    version = (data_dir / "models" / "CURRENT").read_text().strip()
    metadata_path = data_dir / "models" / "versions" / version / "metadata.json"
    metadata = json.loads(metadata_path.read_text())
    metadata["library_versions"]["scikit-learn"] = "0.24.2"
    metadata_path.write_text(json.dumps(metadata))
    restarted = make_predictor(data_dir, small_corpus)
    with caplog.at_level(logging.WARNING, logger="incidentmesh.root_cause"):
        restarted.load_or_train()
    assert any("scikit-learn 0.24.2" in str(r.__dict__.get("reason")) for r in caplog.records)
    assert restarted.info().version != version


def test_training_is_deterministic(tmp_path, small_corpus, trained_dir):
    again = make_predictor(tmp_path, small_corpus)
    again.load_or_train()
    first = make_predictor(trained_dir, small_corpus)
    first.load_or_train()
    texts = [normalize_lines(OOM_EXCERPT), normalize_lines(NPE_EXCERPT)]
    assert np.array_equal(again._active.model.predict_proba(texts), first._active.model.predict_proba(texts))
    assert again.info().data_hash == first.info().data_hash
    assert again.info().metrics["macro_f1"] == first.info().metrics["macro_f1"]


def test_keyword_file_entries_mark_labels_and_evidence_terms_code_related(predictor):
    # The fixture's keyword list is ("nullpointerexception", "my_custom_bug").
    assert predictor._is_code_related("my_custom_bug", [])
    assert predictor._is_code_related("schema_migration", [])
    assert not predictor._is_code_related("disk_full", [])


def test_excerpt_encoded_from_line_counts_equals_the_whole_document(predictor):
    model = predictor._active.model
    lines = [normalize_line(line) for line in [*OOM_EXCERPT, OOM_EXCERPT[2], "", "12345"]]
    excerpt, per_line = model.encode_excerpt(lines, ["exception java lang out of memory error"])
    whole = model.encode(
        [normalize_lines([*OOM_EXCERPT, "", "12345", "exception java.lang.OutOfMemoryError"])]
    )
    assert np.allclose(excerpt.features.toarray(), whole.features.toarray(), atol=1e-6)
    assert per_line.features.shape[0] == len(lines)
    assert excerpt.coverage[0] == pytest.approx(whole.coverage[0])
