"""Classification and calibration metrics, computed from probabilities (pure numpy)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LabelScores:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    labels: tuple[str, ...]
    per_label: tuple[LabelScores, ...]
    macro_f1: float
    accuracy: float
    top3_accuracy: float
    ece: float
    confusion: np.ndarray  # rows: true label, columns: predicted label

    def as_metrics(self) -> dict[str, float]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "top3_accuracy": round(self.top3_accuracy, 4),
            "ece": round(self.ece, 4),
        }


def expected_calibration_error(probabilities: np.ndarray, truth: np.ndarray, bins: int = 15) -> float:
    """Top-label ECE: |accuracy - confidence| averaged over equal-width confidence bins, weighted by size."""
    if len(truth) == 0:
        return 0.0
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == truth
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in itertools.pairwise(edges):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def top_k_accuracy(probabilities: np.ndarray, truth: np.ndarray, k: int) -> float:
    if len(truth) == 0:
        return 0.0
    top = np.argsort(-probabilities, axis=1)[:, :k]
    return float((top == truth[:, None]).any(axis=1).mean())


def evaluate(probabilities: np.ndarray, truth: np.ndarray, labels: tuple[str, ...]) -> Report:
    """`truth` holds indexes into `labels`; only labels present in truth count towards macro-F1."""
    predicted = probabilities.argmax(axis=1)
    n = len(labels)
    confusion = np.zeros((n, n), dtype=int)
    np.add.at(confusion, (truth, predicted), 1)
    per_label = []
    for i, label in enumerate(labels):
        true_positive = confusion[i, i]
        predicted_count = confusion[:, i].sum()
        support = confusion[i, :].sum()
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label.append(LabelScores(label, float(precision), float(recall), float(f1), int(support)))
    present = [s for s in per_label if s.support > 0]
    return Report(
        labels=labels,
        per_label=tuple(per_label),
        macro_f1=float(np.mean([s.f1 for s in present])) if present else 0.0,
        accuracy=float((predicted == truth).mean()) if len(truth) else 0.0,
        top3_accuracy=top_k_accuracy(probabilities, truth, 3),
        ece=expected_calibration_error(probabilities, truth),
        confusion=confusion,
    )


def format_report(report: Report) -> str:
    """Per-label P/R/F1, the headline numbers and the confusion matrix as plain text."""
    width = max(len(label) for label in report.labels)
    lines = [f"{'label':<{width}}  precision  recall     f1  support"]
    for s in report.per_label:
        lines.append(f"{s.label:<{width}}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  {s.support:7d}")
    lines += [
        "",
        f"macro-F1        {report.macro_f1:.4f}",
        f"accuracy        {report.accuracy:.4f}",
        f"top-3 accuracy  {report.top3_accuracy:.4f}",
        f"ECE (15 bins)   {report.ece:.4f}",
        "",
        "confusion matrix (rows = true, columns = predicted, in label order above by index):",
        "     " + " ".join(f"{i:>4d}" for i in range(len(report.labels))),
    ]
    for i, row in enumerate(report.confusion):
        lines.append(f"{i:>4d} " + " ".join(f"{v:>4d}" for v in row) + f"  {report.labels[i]}")
    return "\n".join(lines)
