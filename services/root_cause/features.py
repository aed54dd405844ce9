"""How normalised text becomes the model's input, the same in training and serving.

Four TF-IDF blocks and one small block: word unigrams and char_wb n-grams of all lines, the
same n-grams of only the lines that report trouble (scaled by `trouble_weight`), and one
cue-phrase feature per label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from services.root_cause.cues import CueMatcher
from services.root_cause.salience import reports_trouble, trouble_lines

WORD_TOKEN = r"(?u)\b[a-z][a-z0-9]+\b"
_WORD_TOKEN = re.compile(WORD_TOKEN)


def word_tokens(text: str) -> int:
    """Word tokens in normalised text, known to a vocabulary or not."""
    return len(_WORD_TOKEN.findall(text))


@dataclass(frozen=True)
class TextCounts:
    """Raw counts of a batch of rows; `trouble_*` count only the lines that report trouble."""

    words: sparse.spmatrix
    chars: sparse.spmatrix
    trouble_words: sparse.spmatrix
    trouble_chars: sparse.spmatrix
    cues: sparse.spmatrix

    def rows(self, indexes: list[int]) -> TextCounts:
        return TextCounts(*(sparse.csr_matrix(m)[indexes] for m in self._matrices()))

    def total(self) -> TextCounts:
        return TextCounts(*(sparse.csr_matrix(m.sum(axis=0)) for m in self._matrices()))

    def _matrices(self) -> tuple[sparse.spmatrix, ...]:
        return (self.words, self.chars, self.trouble_words, self.trouble_chars, self.cues)


@dataclass(frozen=True)
class LineCounts:
    """Counts of single normalised lines (one row each), their word tokens and trouble flags."""

    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    cues: sparse.csr_matrix
    tokens: np.ndarray
    trouble: np.ndarray

    def text_counts(self) -> TextCounts:
        keep = sparse.diags(self.trouble.astype(np.float32))
        return TextCounts(self.words, self.chars, keep @ self.words, keep @ self.chars, self.cues)


def count_lines(
    lines: list[str], word_counter: CountVectorizer, char_counter: CountVectorizer, cues: CueMatcher
) -> LineCounts:
    return LineCounts(
        words=word_counter.transform(lines).tocsr(),
        chars=char_counter.transform(lines).tocsr(),
        cues=cues.count(lines),
        tokens=np.array([word_tokens(line) for line in lines], dtype=float),
        trouble=np.array([reports_trouble(line) for line in lines], dtype=bool),
    )


def count_texts(
    texts: list[str],
    word_counter: CountVectorizer,
    char_counter: CountVectorizer,
    cues: CueMatcher,
    fit: bool = False,
) -> TextCounts:
    """Counts normalised documents (newline-separated lines); `fit` first fits the counters on them.

    Fitting and counting in one pass analyses each document once, not twice, in training.
    """
    trouble = [trouble_lines(text) for text in texts]
    return TextCounts(
        words=word_counter.fit_transform(texts) if fit else word_counter.transform(texts),
        chars=char_counter.fit_transform(texts) if fit else char_counter.transform(texts),
        trouble_words=word_counter.transform(trouble),
        trouble_chars=char_counter.transform(trouble),
        cues=cues.count(texts),
    )


def tf_idf(counts: sparse.spmatrix, weights: TfidfTransformer) -> sparse.csr_matrix:
    """What `weights.transform` computes (sublinear tf, idf, L2-normalised rows).

    Done by hand because the transformer's per-call input validation cost more than the
    arithmetic: a prediction needs eight of these.
    """
    rows = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    rows.eliminate_zeros()
    np.log(rows.data, out=rows.data)
    rows.data += 1.0
    rows.data *= weights.idf_[rows.indices]
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    rows.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(rows.indptr))
    return rows


def stack_features(
    counts: TextCounts,
    word_weights: TfidfTransformer,
    char_weights: TfidfTransformer,
    cues: CueMatcher,
    trouble_weight: float,
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """(word TF-IDF rows, all features): the model's input, the same in training and serving."""
    words = tf_idf(counts.words, word_weights)
    blocks = [
        words,
        tf_idf(counts.chars, char_weights),
        tf_idf(counts.trouble_words, word_weights) * trouble_weight,
        tf_idf(counts.trouble_chars, char_weights) * trouble_weight,
        cues.features(counts.cues),
    ]
    return words, sparse.hstack(blocks, format="csr")
