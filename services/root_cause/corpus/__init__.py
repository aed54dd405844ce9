"""Deterministic generator of the labeled root-cause corpus (see services/root_cause/data/README.md)."""

from services.root_cause.corpus.build import ALL_FAMILIES, build_corpus, held_out_families

__all__ = ["ALL_FAMILIES", "build_corpus", "held_out_families"]
