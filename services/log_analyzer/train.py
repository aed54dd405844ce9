"""Retrains the baseline from a file of normal logs and publishes it as the current model.

python -m services.log_analyzer.train FILE [--data-dir DIR] [--description TEXT]

A running service picks the new version up on its next start; to swap a live
service without a restart, call the TrainBaseline RPC instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from services.kit import ConfigError, Env
from services.log_analyzer.analyzer import LogAnalyzer
from services.log_analyzer.limits import NoUsableLines, TooManyLines
from services.log_analyzer.service import COMPONENT, read_limits
from services.log_analyzer.storage import AnalyzerStore, BinaryFileError, read_lines


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.log_analyzer.train", description=__doc__)
    parser.add_argument("file", type=Path, help="normal-operations log file, one line per log line")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: LOG_ANALYZER_DATA_DIR")
    parser.add_argument("--description", default="")
    args = parser.parse_args(argv)
    env = env or Env()
    try:
        limits = read_limits(env)
        data_root = env.path("MESH_DATA_DIR", Path("data"))
        data_dir = args.data_dir or env.path("LOG_ANALYZER_DATA_DIR", data_root / COMPONENT)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    analyzer = LogAnalyzer(AnalyzerStore(data_dir), limits)
    analyzer.load_current_if_any()
    try:
        result = analyzer.train(read_lines(args.file), args.description or f"trained from {args.file.name}")
    except (TooManyLines, NoUsableLines, BinaryFileError) as error:
        print(f"cannot train: {error}", file=sys.stderr)
        return 1
    print(
        f"published {result.model.version}: {result.line_count} lines, {result.template_count} templates "
        f"(data sha256 {result.model.metadata['data_sha256'][:12]}) in {data_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
