"""Held-out quality of the root-cause model against simple baselines, same split, same run.

    python -m benchmarks.root_cause.quality

Model: exactly what the service trains (services/root_cause/train.py) on the corpus's train
split; evaluated on the held-out split (shapes never trained on). Baselines:
  * majority class;
  * naive bag of words: raw lines (no masking), word unigram counts, multinomial naive Bayes;
  * the same model under a *random* excerpt split, to show how much a shape-blind split inflates.

One held-out draw swings with which shapes it happens to hold out, so the model (with and
without its cue phrases) is also trained and scored on seven other draws of the same rule.
"""

from __future__ import annotations

import random
import time

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

from services.root_cause.corpus import held_out_families
from services.root_cause.dataset import test_split, train_split
from services.root_cause.evaluation import evaluate, format_report
from services.root_cause.normalize import normalize_lines
from services.root_cause.storage import parse_corpus, read_corpus_bytes, read_cue_phrases
from services.root_cause.train import train_model


def _scores(probabilities, truth, labels):
    report = evaluate(probabilities, truth, labels)
    return report, f"macro-F1 {report.macro_f1:.3f}  top-3 {report.top3_accuracy:.3f}  ECE {report.ece:.3f}"


def main() -> None:
    corpus = parse_corpus(read_corpus_bytes())
    cues = read_cue_phrases()
    train, held_out = train_split(corpus), test_split(corpus)
    labels = tuple(sorted({e.label for e in train}))
    index = {label: i for i, label in enumerate(labels)}
    truth = np.array([index[e.label] for e in held_out])
    print(
        f"train {len(train)} excerpts / held-out {len(held_out)} excerpts "
        f"from {len({e.group for e in held_out})} unseen shapes"
    )

    started = time.perf_counter()
    result = train_model(train, held_out, cue_phrases=cues)
    cpu_note = f"{time.perf_counter() - started:.1f}s wall"
    model = result.model
    probabilities = model.predict_proba([normalize_lines(e.lines) for e in held_out])
    report, line = _scores(probabilities, truth, labels)
    print(f"\nMODEL (training {cpu_note}): {line}")
    print(format_report(report))

    counts = np.bincount([index[e.label] for e in train], minlength=len(labels))
    majority = np.zeros((len(held_out), len(labels)))
    majority[:, counts.argmax()] = 1.0
    print(f"\nBASELINE majority class: {_scores(majority, truth, labels)[1]}")

    vectorizer = CountVectorizer()
    nb = MultinomialNB().fit(
        vectorizer.fit_transform(["\n".join(e.lines) for e in train]), [index[e.label] for e in train]
    )
    naive = nb.predict_proba(vectorizer.transform(["\n".join(e.lines) for e in held_out]))
    print(f"BASELINE naive bag of words + naive Bayes: {_scores(naive, truth, labels)[1]}")

    shuffled = list(corpus)
    random.Random(0).shuffle(shuffled)
    cut = len(train)
    random_train, random_test = shuffled[:cut], shuffled[cut:]
    random_metrics = train_model(random_train, random_test, cue_phrases=cues).metrics
    print(
        f"SAME MODEL, random excerpt split (shapes leak into training): "
        f"macro-F1 {random_metrics['macro_f1']:.3f}  top-3 {random_metrics['top3_accuracy']:.3f}"
        f"  ECE {random_metrics['ece']:.3f}"
    )
    print(
        f"\nabstention on held-out: threshold p<{model.abstain_below:.3f}, "
        f"abstains on {result.metrics['held_out_abstain_rate']:.1%}, accuracy when answering "
        f"{result.metrics['held_out_accuracy_when_answering']:.3f}"
    )
    _other_draws(corpus, cues)


OTHER_DRAWS = (1, 2, 3, 4, 5, 6, 7)


def _other_draws(corpus, cues) -> None:
    print("\nOTHER HELD-OUT DRAWS (same rule, different seed), served model vs the same without cue phrases:")
    scores: dict[str, list[tuple[float, float, float]]] = {"with cues": [], "without cues": []}
    for seed in OTHER_DRAWS:
        held_shapes = held_out_families(seed)
        train = [e for e in corpus if e.group not in held_shapes]
        held_out = [e for e in corpus if e.group in held_shapes]
        for name, phrases in (("with cues", cues), ("without cues", ())):
            metrics = train_model(train, held_out, cue_phrases=phrases).metrics
            scores[name].append((metrics["macro_f1"], metrics["top3_accuracy"], metrics["ece"]))
        print(
            f"  draw {seed}: {len({e.group for e in held_out})} shapes  "
            + "  ".join(
                f"{name} F1 {scores[name][-1][0]:.3f} ECE {scores[name][-1][2]:.3f}" for name in scores
            ),
            flush=True,
        )
    for name, rows in scores.items():
        f1, top3, ece = np.mean(rows, axis=0)
        print(f"  mean {name}: macro-F1 {f1:.3f}  top-3 {top3:.3f}  ECE {ece:.3f}")


if __name__ == "__main__":
    main()
