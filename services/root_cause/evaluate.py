"""Evaluation on the held-out shapes: `python -m services.root_cause.evaluate [--artifact DATA_DIR]`.

Without --artifact it trains deterministically on the corpus's train split (exactly as the
service does at first start) and evaluates on the held-out split. With --artifact it
evaluates the model currently served from that data directory instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from services.root_cause.dataset import test_split, train_split
from services.root_cause.evaluation import evaluate, format_report
from services.root_cause.normalize import normalize_lines
from services.root_cause.storage import (
    DEFAULT_CORPUS_PATH,
    DEFAULT_CUE_PHRASES_PATH,
    ModelStore,
    parse_corpus,
    read_corpus_bytes,
    read_cue_phrases,
)
from services.root_cause.train import train_model


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_PATH, help="labeled corpus (JSONL)")
    parser.add_argument(
        "--cue-phrases", type=Path, default=DEFAULT_CUE_PHRASES_PATH, help="cue phrase list for training"
    )
    parser.add_argument("--artifact", type=Path, help="data directory of a root-cause service to evaluate")
    args = parser.parse_args(argv)

    corpus = parse_corpus(read_corpus_bytes(args.corpus))
    held_out = test_split(corpus)
    started = time.perf_counter()
    if args.artifact:
        artifact = ModelStore(args.artifact / "models").load_current()
        model, source = artifact.model, f"artifact {artifact.version}"
    else:
        cues = read_cue_phrases(args.cue_phrases)
        model = train_model(train_split(corpus), held_out, cue_phrases=cues).model
        source = "trained on the train split"
    elapsed = time.perf_counter() - started
    known = [e for e in held_out if e.label in model.labels]
    index = {label: i for i, label in enumerate(model.labels)}
    probabilities = model.predict_proba([normalize_lines(e.lines) for e in known])
    truth = np.array([index[e.label] for e in known])
    report = evaluate(probabilities, truth, tuple(model.labels))
    abstained = probabilities.max(axis=1) < model.abstain_below
    print(f"model: {source} ({elapsed:.1f}s)")
    print(f"held-out excerpts: {len(known)} from {len({e.group for e in known})} shapes never trained on")
    print(format_report(report))
    print(f"abstains below p={model.abstain_below:.3f}: {abstained.mean():.1%} of held-out excerpts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
