"""Line counts remembered across predictions.

Normalisation masks what differs between two runs of a failure (timestamps, ids, numbers), so
an alert that fires again, or a storm of similar alerts, sends the same normalised lines over
and over. Counting a line's word and character n-grams and its cue phrases is most of a
prediction's cost; a line counted once is not counted again while the same model serves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from services.kit.lru import LruCache
from services.root_cause.features import LineCounts
from services.root_cause.model import RootCauseModel


@dataclass(frozen=True)
class _Row:
    """One line's counts: (column indexes, values) per block, word tokens, trouble flag."""

    words: tuple[np.ndarray, np.ndarray]
    chars: tuple[np.ndarray, np.ndarray]
    cues: tuple[np.ndarray, np.ndarray]
    tokens: float
    trouble: bool


class CachedLineCounter:
    """`model.count_lines` with a memory of up to `capacity` lines, for one model version."""

    def __init__(self, model: RootCauseModel, capacity: int) -> None:
        self._model = model
        self._capacity = capacity
        self._rows: LruCache[str, _Row] = LruCache(capacity)
        self._empty = model.count_lines([])  # each block's width and dtype

    def __call__(self, lines: list[str]) -> LineCounts:
        if self._capacity <= 0:
            return self._model.count_lines(lines)
        found = [self._rows.get(line) for line in lines]
        missing = [line for line, row in zip(lines, found, strict=True) if row is None]
        if missing:
            fresh = dict(zip(missing, _split(self._model.count_lines(missing)), strict=True))
            for line, row in fresh.items():
                self._rows.put(line, row)
            found = [fresh[line] if row is None else row for line, row in zip(lines, found, strict=True)]
        return _join(found, self._empty)

    def __len__(self) -> int:
        return len(self._rows)


def _split(counts: LineCounts) -> list[_Row]:
    def part(matrix: sparse.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
        span = slice(matrix.indptr[i], matrix.indptr[i + 1])
        return matrix.indices[span].copy(), matrix.data[span].copy()

    return [
        _Row(
            part(counts.words, i),
            part(counts.chars, i),
            part(counts.cues, i),
            float(counts.tokens[i]),
            bool(counts.trouble[i]),
        )
        for i in range(counts.words.shape[0])
    ]


def _join(rows: list[_Row], empty: LineCounts) -> LineCounts:
    """Rows back into matrices; `empty` (no lines) gives each block's width and dtype."""

    def block(parts: list[tuple[np.ndarray, np.ndarray]], like: sparse.csr_matrix) -> sparse.csr_matrix:
        indptr = np.zeros(len(parts) + 1, dtype=like.indptr.dtype)
        np.cumsum([len(indexes) for indexes, _ in parts], out=indptr[1:])
        indexes = np.concatenate([indexes for indexes, _ in parts]) if parts else like.indices
        values = np.concatenate([values for _, values in parts]) if parts else like.data
        return sparse.csr_matrix((values, indexes, indptr), shape=(len(parts), like.shape[1]))

    return LineCounts(
        words=block([row.words for row in rows], empty.words),
        chars=block([row.chars for row in rows], empty.chars),
        cues=block([row.cues for row in rows], empty.cues),
        tokens=np.array([row.tokens for row in rows], dtype=float),
        trouble=np.array([row.trouble for row in rows], dtype=bool),
    )
