"""The root-cause service's own Prometheus metrics, on the registry the kit passes in."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

# One prediction of a 100-line excerpt takes milliseconds; 10,000 lines take longer.
PREDICTION_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class RootCauseMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.predictions = Counter(
            "root_cause_predictions_total",
            "Predictions answered, by the label the service stood behind ('unknown' when it abstained).",
            ["label"],
            registry=registry,
        )
        self.novel = Counter(
            "root_cause_novel_total",
            "Predictions where the model abstained (low confidence or out of distribution).",
            registry=registry,
        )
        self.prediction_seconds = Histogram(
            "root_cause_prediction_seconds",
            "Time to compute one prediction, evidence included.",
            buckets=PREDICTION_BUCKETS,
            registry=registry,
        )
        self.feedback = Counter("root_cause_feedback_total", "Feedback records accepted.", registry=registry)
        self.retrains = Counter(
            "root_cause_retrains_total", "Retrains that published a new model version.", registry=registry
        )
