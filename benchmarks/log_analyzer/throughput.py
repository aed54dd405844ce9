"""End-to-end analyze throughput on 100k HDFS lines vs bare Drain3 on the same lines.

One command:  python -m benchmarks.log_analyzer.throughput [--data DIR] [--lines 100000]

"Analyze" is the service's whole domain path for one batch: sanitize, header
stripping, masking, Drain3 mining, window features, Isolation Forest scoring,
explanations for the reported lines, key events and entity extraction. The model is
trained first on the first 20,000 lines (as a user would with TrainBaseline).
Reported per run: wall-clock and CPU seconds of this process (the machine is shared,
so CPU time is the steadier number); bare Drain3 runs in the same process on the
same lines: `TemplateMiner().add_log_message(line)` with its default configuration,
and again with our masks through Drain3's own masker.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig

from benchmarks.log_analyzer.hdfs_lines import default_data_dir, hdfs_raw_lines
from services.log_analyzer.analyzer import LogAnalyzer
from services.log_analyzer.limits import Limits
from services.log_analyzer.masking import drain3_masking_instructions
from services.log_analyzer.storage import AnalyzerStore


def timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bare_drain3(lines: list[str], with_masks: bool) -> None:
    config = TemplateMinerConfig()
    if with_masks:
        config.masking_instructions = drain3_masking_instructions()
    miner = TemplateMiner(config=config)
    for line in lines:
        miner.add_log_message(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lines = hdfs_raw_lines(args.data)[: args.lines]
    n = len(lines)
    rows = []
    with tempfile.TemporaryDirectory() as root:
        analyzer = LogAnalyzer(AnalyzerStore(Path(root)), Limits(max_lines=max(n, 100_000)))
        analyzer.load(lines[:20_000])
        for run in range(args.runs):
            # A fresh copy of the trained miner per run, so every run starts with cold line caches.
            model = analyzer.model
            analyzer._current = type(model)(model.version, model.miner.copy(), model.baseline, model.metadata)
            wall, cpu, analysis = timed(lambda: analyzer.analyze(lines))
            rows.append(("analyze (cold caches)", run, wall, cpu))
            wall, cpu, analysis = timed(lambda: analyzer.analyze(lines))
            rows.append(("analyze (warm caches)", run, wall, cpu))
        for run in range(args.runs):
            wall, cpu, _ = timed(lambda: bare_drain3(lines, with_masks=False))
            rows.append(("bare Drain3, default config", run, wall, cpu))
        wall, cpu, _ = timed(lambda: bare_drain3(lines, with_masks=True))
        rows.append(("Drain3 + our masks via its own masker", 0, wall, cpu))
    print(f"{n} lines; anomalies reported {len(analysis.anomalies)}, templates {analysis.template_count}")
    print("| path | run | wall s | CPU s | lines/s (wall) | lines/s (CPU) |")
    print("|---|---|---|---|---|---|")
    for name, run, wall, cpu in rows:
        print(f"| {name} | {run} | {wall:.3f} | {cpu:.3f} | {n / wall:,.0f} | {n / cpu:,.0f} |")
    best = {}
    for name, _, wall, cpu in rows:
        best[name] = min(best.get(name, (wall, cpu)), (wall, cpu))
    cold, bare = best["analyze (cold caches)"], best["bare Drain3, default config"]
    print(
        "\nbest-run ratio analyze(cold)/bare Drain3 lines/s: "
        f"wall {bare[0] / cold[0]:.2f}x, CPU {bare[1] / cold[1]:.2f}x"
    )


if __name__ == "__main__":
    main()
