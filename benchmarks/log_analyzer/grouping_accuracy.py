# ruff: noqa: E501  (log-line literals read better unbroken)
"""Grouping accuracy of the log-analyzer's template miner on the Loghub-2k samples.

One command:  python -m benchmarks.log_analyzer.grouping_accuracy [--data DIR]

Three parsers over the same lines in the same run:
  * ours: masking.py + Drain3 with ONE general configuration for every system
  * Drain3 with its library defaults (no masks, sim_th 0.4, depth 4)
  * Drain3 with logparser's per-dataset settings (its regexes, sim_th and depth)
  * ours again on the whole raw lines (`*_2k.log`), our general header stripping
    standing in for the dataset's log format (column ours_raw_lines)
Input is each sample's `Content` column (the header already separated by the
dataset's log format, as logparser's benchmark does); ground truth is the
`EventTemplate` column of loghub's original structured CSVs, and separately the
corrected templates of loghub-2.0 where present.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from collections import defaultdict
from pathlib import Path

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

from services.log_analyzer.miner import LogTemplateMiner

SYSTEMS = (
    "Android", "Apache", "HDFS", "HPC", "Hadoop", "HealthApp", "Linux", "Mac",
    "OpenSSH", "OpenStack", "Proxifier", "Spark", "Thunderbird", "Windows", "Zookeeper",
)  # fmt: skip

# logparser's benchmark/Drain_benchmark.py settings (regex, sim_th, depth) per system.
LOGPARSER_SETTINGS: dict[str, tuple[list[str], float, int]] = {
    "HDFS": ([r"blk_-?\d+", r"(\d+\.){3}\d+(:\d+)?"], 0.5, 4),
    "Hadoop": ([r"(\d+\.){3}\d+"], 0.5, 4),
    "Spark": ([r"(\d+\.){3}\d+", r"\b[KGTM]?B\b", r"([\w-]+\.){2,}[\w-]+"], 0.5, 4),
    "Zookeeper": ([r"(/|)(\d+\.){3}\d+(:\d+)?"], 0.5, 4),
    "OpenStack": ([r"((\d+\.){3}\d+,?)+", r"/.+?\s", r"\d+"], 0.5, 5),
    "HPC": ([r"=\d+"], 0.5, 4),
    "Thunderbird": ([r"(\d+\.){3}\d+"], 0.5, 4),
    "Windows": ([r"0x.*?\s"], 0.7, 5),
    "Linux": ([r"(\d+\.){3}\d+", r"\d{2}:\d{2}:\d{2}"], 0.39, 6),
    "Android": ([r"(/[\w-]+)+", r"([\w-]+\.){2,}[\w-]+", r"\b(\-?\+?\d+)\b|\b0[Xx][a-fA-F\d]+\b|\b[a-fA-F\d]{4,}\b"], 0.2, 6),
    "HealthApp": ([], 0.2, 4),
    "Apache": ([r"(\d+\.){3}\d+"], 0.5, 4),
    "Proxifier": ([r"<\d+\ssec", r"([\w-]+\.)+[\w-]+(:\d+)?", r"\d{2}:\d{2}(:\d{2})*", r"[KGTM]B"], 0.6, 3),
    "OpenSSH": ([r"(\d+\.){3}\d+", r"([\w-]+\.){2,}[\w-]+"], 0.6, 5),
    "Mac": ([r"([\w-]+\.){2,}[\w-]+"], 0.7, 6),
}  # fmt: skip


def grouping_accuracy(truth: list[str], predicted: list[object]) -> float:
    """Fraction of lines whose predicted group is exactly one ground-truth group."""
    truth_groups: dict[str, set[int]] = defaultdict(set)
    predicted_groups: dict[object, set[int]] = defaultdict(set)
    for index, (expected, got) in enumerate(zip(truth, predicted, strict=True)):
        truth_groups[expected].add(index)
        predicted_groups[got].add(index)
    correct = 0
    for members in predicted_groups.values():
        some_line = next(iter(members))
        if truth_groups[truth[some_line]] == members:
            correct += len(members)
    return correct / len(truth)


def read_structured(path: Path) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        rows = list(csv.DictReader(handle))
    return [row["Content"] for row in rows], [row["EventTemplate"] for row in rows]


def parse_ours(contents: list[str]) -> list[object]:
    return list(LogTemplateMiner().mine(contents))


def parse_ours_raw(raw_lines: list[str]) -> list[object]:
    """Whole raw lines: our general header stripping instead of the dataset's log format."""
    return list(LogTemplateMiner().mine_lines(raw_lines)[0])


def parse_drain3(contents: list[str], masks: list[str], sim_th: float, depth: int) -> list[object]:
    config = TemplateMinerConfig()
    config.drain_sim_th = sim_th
    config.drain_depth = depth
    config.masking_instructions = [MaskingInstruction(pattern, "*") for pattern in masks]
    miner = TemplateMiner(config=config)
    return [miner.add_log_message(content)["cluster_id"] for content in contents]


def parse_drain3_defaults(contents: list[str]) -> list[object]:
    miner = TemplateMiner(config=TemplateMinerConfig())
    return [miner.add_log_message(content)["cluster_id"] for content in contents]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_data = Path(
        os.environ.get("MESH_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
    )
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    rows = []
    for system in args.only or SYSTEMS:
        contents, truth = read_structured(
            args.data / "loghub_2k" / system / f"{system}_2k.log_structured.csv"
        )
        corrected_path = (
            args.data / "loghub2_2k_corrected" / system / f"{system}_2k.log_structured_corrected.csv"
        )
        corrected = read_structured(corrected_path)[1] if corrected_path.exists() else None
        raw_path = args.data / "loghub_2k" / system / f"{system}_2k.log"
        raw = raw_path.read_text(encoding="utf-8", errors="replace").splitlines()[: len(contents)]
        masks, sim_th, depth = LOGPARSER_SETTINGS[system]
        started = time.perf_counter()
        ours = parse_ours(contents)
        ours_seconds = time.perf_counter() - started
        defaults = parse_drain3_defaults(contents)
        tuned = parse_drain3(contents, masks, sim_th, depth)
        row = {
            "system": system,
            "ours": grouping_accuracy(truth, ours),
            "ours_raw_lines": grouping_accuracy(truth, parse_ours_raw(raw))
            if len(raw) == len(truth)
            else float("nan"),
            "drain3_defaults": grouping_accuracy(truth, defaults),
            "drain3_logparser": grouping_accuracy(truth, tuned),
            "ours_corrected": grouping_accuracy(corrected, ours) if corrected else float("nan"),
            "defaults_corrected": grouping_accuracy(corrected, defaults) if corrected else float("nan"),
            "logparser_corrected": grouping_accuracy(corrected, tuned) if corrected else float("nan"),
            "ours_seconds": ours_seconds,
        }
        rows.append(row)
    columns = [
        "ours", "drain3_defaults", "drain3_logparser", "ours_raw_lines",
        "ours_corrected", "defaults_corrected", "logparser_corrected",
    ]  # fmt: skip
    print("| system | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for row in rows:
        print(f"| {row['system']} | " + " | ".join(f"{row[c]:.3f}" for c in columns) + " |")
    averages = []
    for column in columns:
        values = [row[column] for row in rows if row[column] == row[column]]
        averages.append(sum(values) / len(values) if values else float("nan"))
    print("| **average** | " + " | ".join(f"**{value:.3f}**" for value in averages) + " |")


if __name__ == "__main__":
    main()
