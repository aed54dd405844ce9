"""Vectorised features over mined template ids: windowed template mixes and rates."""

from __future__ import annotations

import numpy as np


def columns_for(cluster_ids: np.ndarray, vocabulary: dict[int, int], unknown_column: int) -> np.ndarray:
    """Maps Drain3 cluster ids to feature columns; templates outside the vocabulary share one column."""
    unique, inverse = np.unique(cluster_ids, return_inverse=True)
    mapped = np.fromiter((vocabulary.get(int(cid), unknown_column) for cid in unique), dtype=np.int64)
    return mapped[inverse]


def window_mix(columns: np.ndarray, width: int, n_columns: int, stride: int | None = None) -> np.ndarray:
    """Share of each template per window of `width` consecutive lines (rows sum to 1).

    Shares rather than counts so a short final window, or a batch shorter than one
    window, is comparable with full-length baseline windows.
    """
    n = len(columns)
    if n == 0:
        return np.zeros((0, n_columns))
    stride = stride or width
    if stride == width:
        starts = window_starts(n, width)
        window_of_line = np.minimum(np.arange(n) // width, len(starts) - 1)
        counts = np.bincount(window_of_line * n_columns + columns, minlength=len(starts) * n_columns)
        matrix = counts.reshape(len(starts), n_columns).astype(np.float64)
    else:
        starts = np.arange(0, max(n - width, 0) + 1, stride)
        prefix = np.zeros((n + 1, n_columns))
        np.add.at(prefix, (np.arange(1, n + 1), columns), 1.0)
        prefix = prefix.cumsum(axis=0)
        ends = np.minimum(starts + width, n)
        matrix = prefix[ends] - prefix[starts]
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1.0)


def window_starts(n_lines: int, width: int) -> np.ndarray:
    """First line of each non-overlapping window `window_mix` builds with stride == width;
    line i belongs to window min(i // width, len(starts) - 1)."""
    if n_lines == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.arange(0, max(n_lines - width, 0) + 1, width)
    # A short tail joins the window before it: a handful of lines makes a noisy mix.
    if n_lines - (starts[-1] + width) >= width // 2:
        starts = np.append(starts, starts[-1] + width)
    return starts


def rolling_count(flags: np.ndarray, width: int) -> np.ndarray:
    """For each line, how many flagged lines fall in the `width` lines centred on it."""
    if len(flags) == 0:
        return np.zeros(0, dtype=np.int64)
    prefix = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    index = np.arange(len(flags))
    low = np.maximum(index - width // 2, 0)
    high = np.minimum(index + width - width // 2, len(flags))
    return prefix[high] - prefix[low]
