"""Labeled excerpts: what training, evaluation and feedback all speak in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabeledExcerpt:
    lines: tuple[str, ...]
    label: str
    # Shape (template family) the excerpt was made from; cross-validation never splits a group.
    group: str
    split: str = "train"
    weight: float = 1.0


def train_split(excerpts: list[LabeledExcerpt]) -> list[LabeledExcerpt]:
    return [e for e in excerpts if e.split == "train"]


def test_split(excerpts: list[LabeledExcerpt]) -> list[LabeledExcerpt]:
    return [e for e in excerpts if e.split == "test"]
