# ruff: noqa: E501  (result-table lines read better unbroken)
"""HDFS_100k anomaly detection with loglizer's protocol, ours next to loglizer's Isolation Forest.

One command:  python -m benchmarks.log_analyzer.hdfs_anomaly [--data DIR]

Protocol (loglizer `load_HDFS(..., window='session', train_ratio=0.5, split_type='uniform')`):
one session per block id in order of first appearance; the first half of the anomalous
and the first half of the normal sessions train, the rest test. Training is
unsupervised: labels are only used to score the test half (and, as loglizer's split
does, to cut the halves). Both detectors run in this same process:
  * loglizer's pipeline: event-count matrix of the dataset's EventIds, scikit-learn
    IsolationForest(contamination=0.03)
  * ours: raw lines rebuilt from the CSV ("date time pid level component: content"),
    header-stripped and mined by the service's LogTemplateMiner (no dataset
    ground-truth templates), then SessionDetector (TF-IDF count vectors + Isolation
    Forest at the same 0.03 contamination prior, plus rare/new-template sessions)
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import time
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np
from sklearn.ensemble import IsolationForest

from services.log_analyzer.miner import LogTemplateMiner
from services.log_analyzer.sessions import SessionDetector, SessionParameters

BLOCK_ID = re.compile(r"blk_-?\d+")


def load(data: Path) -> tuple[list[dict[str, str]], dict[str, bool]]:
    with zipfile.ZipFile(data / "hdfs_100k" / "HDFS_100k.log_structured.csv.zip") as archive:
        name = archive.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
    with (data / "hdfs_100k" / "anomaly_label_100k.csv").open(encoding="utf-8") as handle:
        labels = {row["BlockId"]: row["Label"] == "Anomaly" for row in csv.DictReader(handle)}
    return rows, labels


def sessions_of(rows: list[dict[str, str]]) -> OrderedDict[str, list[int]]:
    sessions: OrderedDict[str, list[int]] = OrderedDict()
    for index, row in enumerate(rows):
        for block in dict.fromkeys(BLOCK_ID.findall(row["Content"])):
            sessions.setdefault(block, []).append(index)
    return sessions


def uniform_split(y: np.ndarray, train_ratio: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    positive, negative = np.flatnonzero(y), np.flatnonzero(~y)
    cut_positive, cut_negative = int(train_ratio * len(positive)), int(train_ratio * len(negative))
    train = np.concatenate([positive[:cut_positive], negative[:cut_negative]])
    test = np.concatenate([positive[cut_positive:], negative[cut_negative:]])
    return train, test


def precision_recall_f1(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    true_positive = int((predicted & truth).sum())
    precision = true_positive / max(int(predicted.sum()), 1)
    recall = true_positive / max(int(truth.sum()), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    return precision, recall, f1


def loglizer_isolation_forest(rows, sessions, blocks, train, test) -> np.ndarray:
    events = [row["EventId"] for row in rows]
    vocabulary = {e: j for j, e in enumerate(sorted({events[i] for k in train for i in sessions[blocks[k]]}))}
    matrix = np.zeros((len(blocks), len(vocabulary)))
    for k, block in enumerate(blocks):
        for i in sessions[block]:
            if events[i] in vocabulary:
                matrix[k, vocabulary[events[i]]] += 1
    forest = IsolationForest(contamination=0.03, random_state=0).fit(matrix[train])
    return forest.predict(matrix[test]) == -1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = Path(
        os.environ.get("MESH_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
    )
    parser.add_argument("--data", type=Path, default=default)
    args = parser.parse_args()
    rows, labels = load(args.data)
    sessions = sessions_of(rows)
    blocks = list(sessions)
    y = np.array([labels[block] for block in blocks])
    train, test = uniform_split(y)
    print(f"{len(rows)} lines, {len(blocks)} sessions ({int(y.sum())} anomalous)")
    print(
        f"train {len(train)} sessions ({int(y[train].sum())} anomalous), test {len(test)} ({int(y[test].sum())})"
    )

    baseline = precision_recall_f1(loglizer_isolation_forest(rows, sessions, blocks, train, test), y[test])

    started = time.perf_counter()
    raw = [f"{r['Date']} {r['Time']} {r['Pid']} {r['Level']} {r['Component']}: {r['Content']}" for r in rows]
    miner = LogTemplateMiner()
    ids = miner.mine_lines(raw)[0]
    mined = time.perf_counter() - started
    template_sessions = [[ids[i] for i in sessions[block]] for block in blocks]
    results = {}
    for share in (0.005, 0.01, 0.02):
        detector = SessionDetector(SessionParameters(rare_template_share=share))
        detector.fit([template_sessions[k] for k in train])
        verdicts = detector.score([template_sessions[k] for k in test], miner.templates())
        predicted = np.array([v.anomalous for v in verdicts])
        results[share] = precision_recall_f1(predicted, y[test])
        if share == 0.01:
            forest_only = np.array([any("Isolation Forest" in r for r in v.reasons) for v in verdicts])
            results["forest only"] = precision_recall_f1(forest_only, y[test])
    print(f"mined {miner.template_count} templates from raw lines in {mined:.2f}s")
    print("| detector | precision | recall | F1 |")
    print("|---|---|---|---|")
    print(
        "| loglizer Isolation Forest (EventId counts, contamination 0.03), this run | {:.3f} | {:.3f} | {:.3f} |".format(
            *baseline
        )
    )
    print(
        "| ours, Isolation Forest part only (TF-IDF counts) | {:.3f} | {:.3f} | {:.3f} |".format(
            *results["forest only"]
        )
    )
    for share in (0.005, 0.01, 0.02):
        marker = " (default)" if share == 0.01 else ""
        print(
            f"| ours: IF + rare templates (< {share:.1%} of sessions){marker} | "
            + " | ".join(f"{v:.3f}" for v in results[share])
            + " |"
        )


if __name__ == "__main__":
    main()
