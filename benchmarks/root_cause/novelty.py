"""Novel-root-cause detection: train without one label, count how often its excerpts abstain.

    python -m benchmarks.root_cause.novelty

For each of the 16 labels: train on the train split minus that label (thresholds set on the
held-out split minus that label, as the service would), then predict every excerpt of the
removed label (train and held-out, 200 each). Reported: share flagged novel (abstained), and
on the held-out excerpts of the labels the model does know, the share it wrongly abstains on.
Baseline: the same model without abstention flags nothing (0%).
"""

from __future__ import annotations

import time

import numpy as np

from services.root_cause.dataset import test_split, train_split
from services.root_cause.normalize import normalize_lines
from services.root_cause.storage import parse_corpus, read_corpus_bytes, read_cue_phrases
from services.root_cause.taxonomy import DEFAULT_LABELS
from services.root_cause.train import train_model


def _abstains(model, excerpts) -> np.ndarray:
    encoded = model.encode([normalize_lines(e.lines) for e in excerpts])
    top = model.classifier.predict_proba(encoded.features).max(axis=1)
    return (top < model.abstain_below) | (model.familiarity(encoded) < model.ood_below)


def main() -> None:
    corpus = parse_corpus(read_corpus_bytes())
    cues = read_cue_phrases()
    rows = []
    started = time.perf_counter()
    for label in DEFAULT_LABELS:
        train = [e for e in train_split(corpus) if e.label != label]
        known_held_out = [e for e in test_split(corpus) if e.label != label]
        model = train_model(train, known_held_out, cue_phrases=cues).model
        removed = [e for e in corpus if e.label == label]
        novel_rate = float(_abstains(model, removed).mean())
        false_rate = float(_abstains(model, known_held_out).mean())
        rows.append((label, novel_rate, false_rate))
        print(
            f"{label:<22} flagged novel {novel_rate:6.1%}   known-label held-out abstained {false_rate:6.1%}",
            flush=True,
        )
    novel = np.mean([r[1] for r in rows])
    false = np.mean([r[2] for r in rows])
    print(
        f"\nmean over labels: novel excerpts flagged {novel:.1%}; known-label held-out abstained {false:.1%}"
    )
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
