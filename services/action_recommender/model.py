"""The learned part: which action resolves incidents like this one, and how often each worked before.

A multinomial logistic regression over TF-IDF log words plus one-hot root cause, service and
context. It scores every action it has seen; the recommender (not this module) restricts the
scores to what the catalog allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from services.action_recommender.features import IncidentFeatures

SEED = 7
# Bumped whenever ActionModel changes shape, so an artifact pickled by older code is retrained, not served.
MODEL_FORMAT = 1


@dataclass(frozen=True)
class Outcome:
    """One recorded attempt: this action was tried for this incident and did or did not resolve it."""

    features: IncidentFeatures
    action: str
    succeeded: bool
    weight: float = 1.0


@dataclass(frozen=True)
class SuccessRecord:
    successes: int
    attempts: int

    @property
    def rate(self) -> float:
        return self.successes / self.attempts if self.attempts else 0.0

    @property
    def smoothed_rate(self) -> float:
        """Laplace-smoothed, so one lucky or unlucky attempt does not decide the ranking."""
        return (self.successes + 1) / (self.attempts + 2)


@dataclass(frozen=True)
class Scored:
    probabilities: dict[str, float]
    # The incident's TF-IDF row, kept so explaining a score does not vectorize the logs again.
    text: csr_matrix


@dataclass
class ActionModel:
    text_vectorizer: TfidfVectorizer
    category_vectorizer: DictVectorizer
    classifier: LogisticRegression
    vocabulary: np.ndarray
    # (root cause, action) -> outcomes recorded for it, from examples and feedback.
    history: dict[tuple[str, str], SuccessRecord] = field(default_factory=dict)

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(str(label) for label in self.classifier.classes_)

    def score(self, features: Sequence[IncidentFeatures]) -> list[Scored]:
        """P(action resolves it) over every action the model was trained on, one result per input."""
        text = self.text_vectorizer.transform([f.text() for f in features])
        categories = self.category_vectorizer.transform([f.categories() for f in features])
        rows = self.classifier.predict_proba(hstack([text, categories], format="csr"))
        actions = self.actions
        return [
            Scored(dict(zip(actions, map(float, row), strict=True)), text[index])
            for index, row in enumerate(rows)
        ]

    def supporting_terms(self, scored: Scored, action: str, limit: int = 3) -> list[str]:
        """Log words present in this incident that pushed the score of `action` up the most."""
        actions = self.actions
        if action not in actions:
            return []
        index = actions.index(action)
        width = scored.text.shape[1]
        if len(actions) == 2:
            # Binary logistic regression keeps one row of weights, for the second class.
            sign = 1.0 if index == 1 else -1.0
            weights = sign * self.classifier.coef_[0, :width]
        else:
            weights = self.classifier.coef_[index, :width]
        columns, values = scored.text.indices, scored.text.data * weights[scored.text.indices]
        order = np.argsort(-values, kind="stable")
        return [str(self.vocabulary[columns[i]]) for i in order[:limit] if values[i] > 0]

    def success(self, root_cause: str, action: str) -> SuccessRecord:
        return self.history.get((root_cause, action), SuccessRecord(0, 0))


def fit(outcomes: Iterable[Outcome], seed: int = SEED) -> ActionModel:
    """Learns from the successful outcomes and counts every outcome into the history."""
    outcomes = list(outcomes)
    resolved = [o for o in outcomes if o.succeeded]
    if len({o.action for o in resolved}) < 2:
        raise ValueError("training needs successful outcomes for at least two different actions")
    text_vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        # Words only: numbers are ports, durations and counts that differ in every incident.
        token_pattern=r"(?u)\b[a-z_][a-z0-9_]+\b",
    )
    category_vectorizer = DictVectorizer()
    text = text_vectorizer.fit_transform([o.features.text() for o in resolved])
    categories = category_vectorizer.fit_transform([o.features.categories() for o in resolved])
    matrix = hstack([text, categories], format="csr")
    classifier = LogisticRegression(C=5.0, solver="newton-cg", max_iter=500, random_state=seed)
    # One thread: on a small problem, native thread pools fighting other services for two cores
    # made the fit several times slower, not faster.
    with threadpool_limits(limits=1):
        classifier.fit(matrix, [o.action for o in resolved], sample_weight=[o.weight for o in resolved])
    return ActionModel(
        text_vectorizer,
        category_vectorizer,
        classifier,
        text_vectorizer.get_feature_names_out(),
        _history(outcomes),
    )


def _history(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], SuccessRecord]:
    counts: dict[tuple[str, str], list[int]] = {}
    for outcome in outcomes:
        tally = counts.setdefault((outcome.features.root_cause, outcome.action), [0, 0])
        tally[0] += int(outcome.succeeded)
        tally[1] += 1
    return {key: SuccessRecord(successes, attempts) for key, (successes, attempts) in counts.items()}
