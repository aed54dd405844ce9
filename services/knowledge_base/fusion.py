"""Hybrid ranking: a weighted sum of the cosine similarity and the max-normalized BM25 score.

    fused = w * max(cosine, 0) + (1 - w) * bm25 / max_bm25

`max_bm25` is the best lexical score among the chunks eligible for this query, so the lexical
part lies in [0, 1] like the cosine part, and the chunk that matches the query's rarest terms
(an exact error code, say) gets the full lexical weight. When nothing matches lexically the
ranking is the vector ranking. With w = 1 this is vector-only search; with w = 0, lexical-only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoredChunk:
    chunk_id: int
    score: float
    vector_score: float
    lexical_score: float


def fuse(
    vector_scores: dict[int, float], lexical_scores: dict[int, float], vector_weight: float
) -> list[ScoredChunk]:
    """Ranks the union of both candidate sets; ties break on chunk id so results are deterministic."""
    best_lexical = max(lexical_scores.values(), default=0.0)
    fused = []
    for chunk_id in vector_scores.keys() | lexical_scores.keys():
        cosine = vector_scores.get(chunk_id, 0.0)
        lexical = lexical_scores.get(chunk_id, 0.0)
        normalized = lexical / best_lexical if best_lexical > 0 else 0.0
        score = vector_weight * max(cosine, 0.0) + (1.0 - vector_weight) * normalized
        fused.append(ScoredChunk(chunk_id, score, cosine, lexical))
    fused.sort(key=lambda c: (-c.score, c.chunk_id))
    return fused
