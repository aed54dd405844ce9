"""Ranks the catalog's actions for one incident: model scores restricted to what the catalog allows.

Ranking rule (documented in the README):
    score(a) = P_model(a | incident) * smoothed_success_rate(root cause, a) ** history_weight
over the actions the catalog lists for the root cause (or its fallbacks when the root cause is
unknown), renormalised to sum to 1. Catalog actions the model has never seen get a small prior
mass, so a user-added action can still be offered before it has any outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.action_recommender.catalog import Action, Catalog
from services.action_recommender.features import IncidentFeatures
from services.action_recommender.model import ActionModel, Scored, SuccessRecord

UNSEEN_ACTION_PRIOR = 0.02


@dataclass(frozen=True)
class Recommendation:
    action: Action
    probability: float
    rationale: str
    history: SuccessRecord


@dataclass(frozen=True)
class Ranking:
    recommendations: tuple[Recommendation, ...]
    known_root_cause: bool


class Recommender:
    def __init__(self, catalog: Catalog, history_weight: float = 1.0) -> None:
        self.catalog = catalog
        self.history_weight = history_weight

    def rank(self, model: ActionModel, features: IncidentFeatures, top_k: int) -> Ranking:
        return self.rank_many(model, [features], top_k)[0]

    def rank_many(
        self, model: ActionModel, incidents: Sequence[IncidentFeatures], top_k: int
    ) -> list[Ranking]:
        """Batch form, so evaluation runs the classifier once over a whole split."""
        return [
            self._rank_one(model, features, scored, top_k)
            for features, scored in zip(incidents, model.score(incidents), strict=True)
        ]

    def _rank_one(
        self, model: ActionModel, features: IncidentFeatures, scored: Scored, top_k: int
    ) -> Ranking:
        root_cause = features.root_cause
        known = self.catalog.knows(root_cause)
        allowed = self.catalog.for_root_cause(root_cause)
        weighted = {}
        for action in allowed:
            base = scored.probabilities.get(action.id, UNSEEN_ACTION_PRIOR)
            weighted[action.id] = (
                base * model.success(root_cause, action.id).smoothed_rate ** self.history_weight
            )
        total = sum(weighted.values())
        ordered = sorted(allowed, key=lambda a: (-weighted[a.id], a.id))[:top_k]
        recommendations = tuple(
            Recommendation(
                action=action,
                probability=weighted[action.id] / total if total > 0 else 1.0 / len(allowed),
                rationale=self._rationale(model, features, scored, action, known),
                history=model.success(root_cause, action.id),
            )
            for action in ordered
        )
        return Ranking(recommendations, known)

    def _rationale(
        self, model: ActionModel, features: IncidentFeatures, scored: Scored, action: Action, known: bool
    ) -> str:
        root_cause = features.root_cause
        parts = [
            f"the catalog lists it for {root_cause}"
            if known
            else f"root cause {root_cause!r} is not in the catalog; offered as a safe general step"
        ]
        terms = model.supporting_terms(scored, action.id)
        if terms:
            parts.append("log terms pointing to it: " + ", ".join(repr(term) for term in terms))
        elif action.id not in model.actions:
            parts.append("no recorded resolution used it yet")
        history = model.success(root_cause, action.id)
        if history.attempts:
            parts.append(
                f"it resolved {history.successes} of {history.attempts} recorded {root_cause} incidents"
                f" ({history.rate:.0%})"
            )
        else:
            parts.append(f"no recorded outcomes for {root_cause} yet")
        if action.requires_approval:
            parts.append(f"{action.risk} risk: needs approval before running")
        return "; ".join(parts) + "."
