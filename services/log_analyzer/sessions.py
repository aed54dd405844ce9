"""Session-level anomaly detection: one event-count vector per session (block id, request id,
trace id), scored by Isolation Forest plus the rare-event signal Isolation Forest misses.

Isolation Forest splits on randomly chosen features, so a template that occurs in a
fraction of a percent of sessions is rarely split on and sessions carrying it look
ordinary to the forest; the rare-template rule catches exactly those.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import IsolationForest

SEED = 0


@dataclass(frozen=True)
class SessionParameters:
    # Share of baseline sessions expected to be anomalous; sets the Isolation Forest cut-off.
    contamination: float = 0.03
    # A template present in fewer than this share of baseline sessions is rare.
    rare_template_share: float = 0.01
    n_estimators: int = 200


@dataclass(frozen=True)
class SessionVerdict:
    anomalous: bool
    score: float
    reasons: list[str]


class SessionDetector:
    def __init__(self, parameters: SessionParameters | None = None) -> None:
        self.parameters = parameters or SessionParameters()
        self._vocabulary: dict[int, int] = {}
        self._idf = np.zeros(0)
        self._session_share = np.zeros(0)
        self._forest: IsolationForest | None = None
        self._baseline_scores = np.zeros(0)

    def fit(self, sessions: Sequence[Sequence[int]]) -> SessionDetector:
        """Learns from unlabeled sessions (lists of template ids); deterministic."""
        if not sessions:
            raise ValueError("need at least one session")
        self._vocabulary = {
            cid: column for column, cid in enumerate(sorted({cid for s in sessions for cid in s}))
        }
        counts = self._counts(sessions)
        present = (counts > 0).sum(axis=0)
        self._session_share = present / len(sessions)
        self._idf = np.log((1.0 + len(sessions)) / (1.0 + present)) + 1.0
        self._forest = IsolationForest(n_estimators=self.parameters.n_estimators, random_state=SEED)
        features = counts * self._idf
        self._forest.fit(features)
        self._baseline_scores = np.sort(self._forest.score_samples(features))
        return self

    def score(
        self, sessions: Sequence[Sequence[int]], templates: dict[int, str] | None = None
    ) -> list[SessionVerdict]:
        if self._forest is None:
            raise RuntimeError("fit the detector first")
        templates = templates or {}
        counts = self._counts(sessions)
        forest_scores = self._forest.score_samples(counts * self._idf)
        # Share of baseline sessions at least as normal as this one.
        rank = 1.0 - np.searchsorted(self._baseline_scores, forest_scores, side="right") / len(
            self._baseline_scores
        )
        cut = 1.0 - self.parameters.contamination
        verdicts = []
        for index, session in enumerate(sessions):
            reasons: list[str] = []
            rarity = 0.0
            for cid in dict.fromkeys(session):
                column = self._vocabulary.get(cid)
                label = templates.get(cid, f"T{cid}")
                if column is None:
                    reasons.append(f"new template never seen in baseline: {label}")
                    rarity = 1.0
                elif self._session_share[column] < self.parameters.rare_template_share:
                    share = self._session_share[column]
                    reasons.append(f"template seen in only {share:.2%} of baseline sessions: {label}")
                    rarity = max(rarity, 1.0 - share / self.parameters.rare_template_share)
            session_rank = float(rank[index])
            if session_rank >= cut:
                reasons.append(
                    f"event counts more unusual than {session_rank:.0%} of baseline sessions "
                    "(Isolation Forest)"
                )
                forest_score = 0.5 + 0.5 * (session_rank - cut) / max(1.0 - cut, 1e-9)
            else:
                forest_score = 0.5 * session_rank / cut
            # Both halves map "flag-worthy" to [0.5, 1] so one threshold (0.5) serves both.
            rare_score = 0.5 + 0.5 * rarity if rarity > 0 else 0.0
            score = max(forest_score, rare_score)
            verdicts.append(SessionVerdict(score >= 0.5, round(min(score, 1.0), 4), reasons))
        return verdicts

    def _counts(self, sessions: Sequence[Sequence[int]]) -> np.ndarray:
        unknown = len(self._vocabulary)
        matrix = np.zeros((len(sessions), unknown + 1))
        for row, session in enumerate(sessions):
            columns = [self._vocabulary.get(cid, unknown) for cid in session]
            np.add.at(matrix[row], columns, 1.0)
        return matrix
