"""The fitted root-cause model: features, calibrated probabilities, evidence and novelty signals.

Pure computation (numpy/scikit-learn, no I/O); this is the object the artifact store pickles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer

from services.root_cause.normalize import normalize_line


@dataclass(frozen=True)
class TermEvidence:
    term: str
    weight: float


@dataclass(frozen=True)
class LineEvidence:
    index: int
    weight: float


@dataclass
class RootCauseModel:
    labels: tuple[str, ...]
    word_vectorizer: TfidfVectorizer
    char_vectorizer: TfidfVectorizer
    classifier: CalibratedClassifierCV
    # Mean coefficients of the calibrated ensemble's linear models: explanation, not prediction.
    coef: np.ndarray
    # Word TF-IDF rows of the training excerpts (L2-normalised), for the out-of-distribution check.
    reference: sparse.csr_matrix
    abstain_below: float
    ood_below: float

    def features(self, texts: list[str]) -> sparse.csr_matrix:
        return sparse.hstack(
            [self.word_vectorizer.transform(texts), self.char_vectorizer.transform(texts)], format="csr"
        )

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Rows sum to 1, columns follow `self.labels`."""
        return self.classifier.predict_proba(self.features(texts))

    def familiarity(self, texts: list[str]) -> np.ndarray:
        """How much each text resembles the training data, in [0, 1].

        Cosine similarity to the closest training excerpt (word features), scaled by the share of
        the text's words the vocabulary knows: TF-IDF drops unknown words before normalising, so
        a text of unknown words plus one common word would otherwise look perfectly familiar.
        """
        words = self.word_vectorizer.transform(texts)
        if words.shape[0] == 0 or self.reference.shape[0] == 0:
            return np.zeros(words.shape[0])
        nearest = np.asarray((words @ self.reference.T).max(axis=1).todense()).ravel()
        analyze = self.word_vectorizer.build_analyzer()
        vocabulary = self.word_vectorizer.vocabulary_
        coverage = []
        for text in texts:
            tokens = analyze(text)
            coverage.append(sum(t in vocabulary for t in tokens) / len(tokens) if tokens else 0.0)
        return nearest * np.array(coverage)

    def term_evidence(self, text: str, label_indexes: list[int], limit: int) -> list[list[TermEvidence]]:
        """Per label: the text's word features ranked by how much they raised that label's score."""
        row = self.word_vectorizer.transform([text]).tocsr()
        names = self.word_vectorizer.get_feature_names_out()
        found = []
        for label_index in label_indexes:
            contributions = row.data * self.coef[label_index, row.indices]
            order = np.argsort(-contributions, kind="stable")[:limit]
            found.append(
                [
                    TermEvidence(str(names[row.indices[i]]), float(contributions[i]))
                    for i in order
                    if contributions[i] > 0
                ]
            )
        return found

    def line_margins(self, lines: list[str]) -> np.ndarray:
        """Each line scored on its own, per label, relative to the mean over labels (lines x labels).

        A line with a positive margin for a label pushed the decision towards that label.
        Blank lines (after masking) score zero.
        """
        texts = [normalize_line(line) for line in lines]
        scores = np.asarray(self.features(texts) @ self.coef.T)
        margins = scores - scores.mean(axis=1, keepdims=True)
        margins[[not t for t in texts]] = 0.0
        return margins


def top_lines(margins: np.ndarray, label_index: int, limit: int) -> list[LineEvidence]:
    column = margins[:, label_index]
    order = np.argsort(-column, kind="stable")[:limit]
    return [LineEvidence(int(i), float(column[i])) for i in order if column[i] > 0]
