"""Okapi BM25 over chunk texts, updated in place so an upsert is searchable at once.

The tokenizer keeps identifiers whole *and* split: `ORA-12541` yields `ora-12541`, `ora`
and `12541`; `ERR_CERT_DATE_INVALID` yields itself and its four words. A query quoting an
exact error code therefore matches the full token, which is rare and so carries a high IDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_IDENTIFIER = re.compile(r"[a-z0-9]+(?:[._:/-][a-z0-9]+)*")
_PART = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or our that the this to was we were"
    " with".split()
)


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for match in _IDENTIFIER.finditer(text.lower().replace("_", "-")):
        whole = match.group()
        parts = _PART.findall(whole)
        if len(parts) > 1:
            tokens.append(whole)
        tokens.extend(p for p in parts if p not in _STOPWORDS)
    return tokens


class Bm25Index:
    """Inverted index; not thread-safe, the caller serializes writes against reads."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[int, int]] = {}
        self._lengths: dict[int, int] = {}
        self._terms: dict[int, tuple[str, ...]] = {}
        self._total_length = 0

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, chunk_id: int, text: str) -> None:
        if chunk_id in self._lengths:
            self.remove(chunk_id)
        counts = Counter(tokenize(text))
        for term, count in counts.items():
            self._postings.setdefault(term, {})[chunk_id] = count
        length = sum(counts.values())
        self._lengths[chunk_id] = length
        self._terms[chunk_id] = tuple(counts)
        self._total_length += length

    def remove(self, chunk_id: int) -> None:
        length = self._lengths.pop(chunk_id, None)
        if length is None:
            return
        self._total_length -= length
        for term in self._terms.pop(chunk_id):
            posting = self._postings[term]
            del posting[chunk_id]
            if not posting:
                del self._postings[term]

    def scores(self, query: str, allowed: set[int] | None = None) -> dict[int, float]:
        """BM25 score of every chunk sharing at least one term with the query."""
        count = len(self._lengths)
        if count == 0:
            return {}
        average = self._total_length / count or 1.0
        found: dict[int, float] = {}
        for term in set(tokenize(query)):
            posting = self._postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (count - len(posting) + 0.5) / (len(posting) + 0.5))
            for chunk_id, tf in posting.items():
                if allowed is not None and chunk_id not in allowed:
                    continue
                norm = self.k1 * (1 - self.b + self.b * self._lengths[chunk_id] / average)
                found[chunk_id] = found.get(chunk_id, 0.0) + idf * tf * (self.k1 + 1) / (tf + norm)
        return found
