from __future__ import annotations

import numpy as np
import pytest

from services.root_cause.evaluation import evaluate, expected_calibration_error, format_report, top_k_accuracy


def test_ece_is_zero_when_confidence_matches_accuracy():
    # Ten answers at 0.8 confidence, eight of them right.
    probabilities = np.tile([0.8, 0.2], (10, 1))
    truth = np.array([0] * 8 + [1] * 2)
    assert expected_calibration_error(probabilities, truth) == pytest.approx(0.0)


def test_ece_measures_overconfidence():
    probabilities = np.tile([0.9, 0.1], (10, 1))
    truth = np.array([0] * 5 + [1] * 5)
    assert expected_calibration_error(probabilities, truth) == pytest.approx(0.4)


def test_top_k_accuracy_counts_truth_among_the_k_best():
    probabilities = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    assert top_k_accuracy(probabilities, np.array([1, 0]), 1) == 0.0
    assert top_k_accuracy(probabilities, np.array([1, 0]), 2) == 0.5
    assert top_k_accuracy(probabilities, np.array([1, 0]), 3) == 1.0


def test_report_has_per_label_scores_macro_f1_and_confusion():
    probabilities = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
    truth = np.array([0, 0, 1, 1])
    report = evaluate(probabilities, truth, ("a", "b"))
    a, b = report.per_label
    assert (a.precision, a.recall) == (pytest.approx(2 / 3), 1.0)
    assert (b.precision, b.recall) == (1.0, 0.5)
    assert report.macro_f1 == pytest.approx((0.8 + 2 / 3) / 2)
    assert report.confusion.tolist() == [[2, 0], [1, 1]]
    text = format_report(report)
    assert "macro-F1" in text and "ECE" in text and "confusion matrix" in text


def test_evaluate_command_prints_the_report(small_corpus, capsys):
    from services.root_cause.evaluate import main

    assert main(["--corpus", str(small_corpus)]) == 0
    out = capsys.readouterr().out
    for expected in ("precision", "macro-F1", "top-3 accuracy", "ECE", "confusion matrix", "out_of_memory"):
        assert expected in out
