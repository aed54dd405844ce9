"""Cue phrases: operations knowledge that carries from one component's wording to another's.

The TF-IDF features learn each word on its own, so a phrase the training corpus never contains
teaches the model nothing. A cue phrase list ("no such host", "name or service not known",
"nxdomain" all mean DNS) gives the model one feature per label that fires for any of that
label's phrases; what the model learns about some of them carries over to the others.

Phrases are matched as whole words within one normalised line, never across a line break, so
an excerpt's cue counts are the sum of its lines' counts (like the model's other features).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from services.root_cause.normalize import normalize_line


@dataclass(frozen=True)
class CuePhrase:
    label: str
    phrase: str  # normalised: lowercase words separated by single spaces


def parse_cue_phrases(text: str) -> tuple[CuePhrase, ...]:
    """`label: phrase` per line; comments, blank or malformed lines and phrases with digits are skipped."""
    found: dict[tuple[str, str], CuePhrase] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        label, phrase = (part.strip() for part in line.split(":", 1))
        if not label or any(ch.isdigit() for ch in phrase):
            continue
        normalised = normalize_line(phrase)
        if normalised:
            found.setdefault((label, normalised), CuePhrase(label, normalised))
    return tuple(found.values())


def _compact(phrase: str) -> str:
    return phrase.replace(" ", "")


class _LinePhrases:
    """CountVectorizer analyzer: the known phrases inside each line of a normalised document.

    Phrases and text are compared without spaces, so "unknownhostexception" in the list
    matches the normalised "unknown host exception" (CamelCase split) and the other way round.
    """

    def __init__(self, compact_phrases: list[str]) -> None:
        self._phrases = frozenset(compact_phrases)
        self._longest = max(len(p) for p in compact_phrases)

    def __call__(self, document: str) -> list[str]:
        hits = []
        for line in document.split("\n"):
            words = line.split()
            for start in range(len(words)):
                candidate = ""
                for word in words[start:]:
                    candidate += word
                    if len(candidate) > self._longest:
                        break
                    if candidate in self._phrases:
                        hits.append(candidate)
        return hits


class CueMatcher:
    """Counts cue phrases in normalised text and turns the counts into one feature per label."""

    def __init__(self, cues: tuple[CuePhrase, ...], labels: tuple[str, ...], weight: float) -> None:
        index = {label: i for i, label in enumerate(labels)}
        known = [cue for cue in cues if cue.label in index]
        phrases = sorted({_compact(cue.phrase) for cue in known})
        # How a phrase is shown as evidence: its first spelling in the list.
        spelled: dict[str, str] = {}
        for cue in known:
            spelled.setdefault(_compact(cue.phrase), cue.phrase)
        self._shown = [spelled[phrase] for phrase in phrases]
        row = {phrase: i for i, phrase in enumerate(phrases)}
        pairs = sorted({(row[_compact(cue.phrase)], index[cue.label]) for cue in known})
        self._phrase_labels = sparse.csr_matrix(
            (np.ones(len(pairs), dtype=np.float32), ([r for r, _ in pairs], [c for _, c in pairs])),
            shape=(len(phrases), len(labels)),
        )
        self._weight = weight
        self._counter = (
            CountVectorizer(analyzer=_LinePhrases(phrases), vocabulary=phrases, dtype=np.float32)
            if phrases
            else None
        )

    @property
    def phrase_count(self) -> int:
        return self._phrase_labels.shape[0]

    def count(self, texts: list[str]) -> sparse.csr_matrix:
        """Occurrences of each phrase per text (texts x phrases)."""
        if self._counter is None:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return self._counter.transform(texts).tocsr()

    def matched(self, counts: sparse.spmatrix, label_index: int) -> list[tuple[str, float]]:
        """(phrase, occurrences) of one label's phrases in a single row of `count` output."""
        row = sparse.csr_matrix(counts[0])
        of_label = self._phrase_labels[row.indices].toarray()[:, label_index] > 0
        found = zip(row.indices[of_label], row.data[of_label], strict=True)
        return [(self._shown[i], float(n)) for i, n in found]

    def features(self, counts: sparse.spmatrix) -> sparse.csr_matrix:
        """Per label, log(1 + occurrences of its phrases), scaled to sit beside TF-IDF features."""
        per_label = (sparse.csr_matrix(counts) @ self._phrase_labels).tocsr()
        per_label.data = np.log1p(per_label.data) * self._weight
        return per_label
