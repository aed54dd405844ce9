"""The fitted root-cause model: features, calibrated probabilities, evidence and novelty signals.

Pure computation (numpy/scikit-learn, no I/O); this is the object the artifact store pickles.

Features are built by `features.py`. Word tokens and char_wb n-grams never span a line break,
so an excerpt's counts are the sum of its distinct lines' counts: one prediction counts each
distinct line once and reuses those counts for the excerpt and for the per-line evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from services.root_cause.cues import CueMatcher
from services.root_cause.features import (
    LineCounts,
    TextCounts,
    count_lines,
    count_texts,
    stack_features,
    word_tokens,
)


@dataclass(frozen=True)
class TermEvidence:
    term: str
    weight: float


@dataclass(frozen=True)
class LineEvidence:
    index: int
    weight: float


@dataclass(frozen=True)
class Encoded:
    """TF-IDF rows: word features alone (for familiarity and term evidence) and all features."""

    words: sparse.csr_matrix
    features: sparse.csr_matrix
    # Per row: share of the row's word tokens that the vocabulary knows.
    coverage: np.ndarray
    # Per row: occurrences of each cue phrase (for evidence).
    cue_counts: sparse.csr_matrix


@dataclass
class RootCauseModel:
    labels: tuple[str, ...]
    word_counter: CountVectorizer
    word_weights: TfidfTransformer
    char_counter: CountVectorizer
    char_weights: TfidfTransformer
    cues: CueMatcher
    trouble_weight: float
    word_names: np.ndarray
    classifier: CalibratedClassifierCV
    # Coefficients of the linear model behind the calibrated probabilities: explanation only.
    coef: np.ndarray
    # Word TF-IDF rows of the training excerpts (L2-normalised), for the out-of-distribution check.
    reference: sparse.csr_matrix
    abstain_below: float
    ood_below: float

    # ----- encoding ---------------------------------------------------------------------------

    def _encode(self, counts: TextCounts, token_totals: np.ndarray) -> Encoded:
        words, features = stack_features(
            counts, self.word_weights, self.char_weights, self.cues, self.trouble_weight
        )
        known = np.asarray(counts.words.sum(axis=1)).ravel()
        coverage = np.divide(
            known, token_totals, out=np.zeros_like(known, dtype=float), where=token_totals > 0
        )
        return Encoded(words, features, coverage, sparse.csr_matrix(counts.cues))

    def encode(self, texts: list[str]) -> Encoded:
        """Encodes normalised documents (one per excerpt)."""
        totals = np.array([word_tokens(t) for t in texts], dtype=float)
        return self._encode(count_texts(texts, self.word_counter, self.char_counter, self.cues), totals)

    def count_lines(self, lines: list[str]) -> LineCounts:
        return count_lines(lines, self.word_counter, self.char_counter, self.cues)

    def encode_excerpt(
        self,
        lines: list[str],
        context: list[str],
        counter: Callable[[list[str]], LineCounts] | None = None,
    ) -> tuple[Encoded, Encoded]:
        """(excerpt, each of `lines`) from normalised lines; `context` counts for the excerpt only.

        `counter` counts distinct lines (default: `count_lines`; the service passes one that
        remembers lines it has counted before).
        """
        distinct = list(dict.fromkeys([*lines, *context]))
        row_of = {line: i for i, line in enumerate(distinct)}
        counted = (self.count_lines if counter is None else counter)(distinct)
        counts = counted.text_counts()
        excerpt = self._encode(counts.total(), np.array([counted.tokens.sum()]))
        rows = [row_of[line] for line in lines]
        return excerpt, self._encode(counts.rows(rows), counted.tokens[rows])

    # ----- prediction -------------------------------------------------------------------------

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Rows sum to 1, columns follow `self.labels`."""
        return self.classifier.predict_proba(self.encode(texts).features)

    def familiarity(self, encoded: Encoded) -> np.ndarray:
        """How much each row resembles the training data, in [0, 1].

        Cosine similarity to the closest training excerpt (word features), scaled by the share of
        the text's words the vocabulary knows: TF-IDF drops unknown words before normalising, so
        a text of unknown words plus one common word would otherwise look perfectly familiar.
        """
        if encoded.words.shape[0] == 0 or self.reference.shape[0] == 0:
            return np.zeros(encoded.words.shape[0])
        nearest = np.asarray((encoded.words @ self.reference.T).max(axis=1).todense()).ravel()
        return nearest * encoded.coverage

    def term_evidence(
        self, encoded: Encoded, label_indexes: list[int], limit: int
    ) -> list[list[TermEvidence]]:
        """Per label: the excerpt's words and cue phrases ranked by how much they raised its score.

        A word's share adds its weight among all lines and among the trouble lines; a cue
        phrase gets its label's cue feature's share, split by occurrences among the phrases
        found. Character n-grams also count in the decision but are not shown.
        """
        row = encoded.features[0]
        vocabulary = len(self.word_names)
        trouble_start = vocabulary + self.char_weights.idf_.shape[0]
        cue_start = row.shape[1] - len(self.labels)
        in_words = row.indices < vocabulary
        in_trouble = (row.indices >= trouble_start) & (row.indices < trouble_start + vocabulary)
        in_cues = row.indices >= cue_start
        word_of = np.concatenate([row.indices[in_words], row.indices[in_trouble] - trouble_start])
        cue_value = dict(zip(row.indices[in_cues] - cue_start, row.data[in_cues], strict=True))
        found = []
        for label_index in label_indexes:
            contributions = row.data * self.coef[label_index, row.indices]
            words, weights = _sum_by_index(
                word_of, np.concatenate([contributions[in_words], contributions[in_trouble]])
            )
            best = np.argsort(-weights, kind="stable")[:limit]
            terms = [TermEvidence(str(self.word_names[words[i]]), float(weights[i])) for i in best]
            cue_share = cue_value.get(label_index, 0.0) * self.coef[label_index, cue_start + label_index]
            terms += self._phrase_evidence(encoded, label_index, float(cue_share))
            terms.sort(key=lambda term: -term.weight)
            found.append([term for term in terms[:limit] if term.weight > 0])
        return found

    def _phrase_evidence(self, encoded: Encoded, label_index: int, share: float) -> list[TermEvidence]:
        matched = self.cues.matched(encoded.cue_counts, label_index)
        occurrences = sum(count for _, count in matched)
        return [TermEvidence(phrase, share * count / occurrences) for phrase, count in matched]

    def line_margins(self, per_line: Encoded) -> np.ndarray:
        """Each line scored on its own, per label, relative to the mean over labels (lines x labels).

        A line with a positive margin for a label pushed the decision towards that label.
        Lines without any known feature score zero.
        """
        scores = np.asarray(per_line.features @ self.coef.T)
        margins = scores - scores.mean(axis=1, keepdims=True)
        margins[np.asarray(per_line.features.getnnz(axis=1)) == 0] = 0.0
        return margins


def _sum_by_index(indexes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct indexes in ascending order, the sum of the values of each)."""
    distinct, position = np.unique(indexes, return_inverse=True)
    return distinct, np.bincount(position, values, minlength=len(distinct))


def top_lines(margins: np.ndarray, label_index: int, limit: int) -> list[LineEvidence]:
    column = margins[:, label_index]
    order = np.argsort(-column, kind="stable")[:limit]
    return [LineEvidence(int(i), float(column[i])) for i in order if column[i] > 0]
