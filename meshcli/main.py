"""Entry point of the `incidentmesh` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import httpx

from meshcli.analyze import AnalyzeError, read_log_lines, render, request_analysis


def _default_api_key(data_dir: Path) -> str | None:
    if os.environ.get("INCIDENTMESH_API_KEY"):
        return os.environ["INCIDENTMESH_API_KEY"]
    key_file = data_dir / "gateway" / "admin.key"
    return key_file.read_text().strip() if key_file.exists() else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="incidentmesh", description="Incident Mesh command line.")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("MESH_DATA_DIR", "data")),
        help="where state and logs live (default: $MESH_DATA_DIR or ./data)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="run every service and the gateway until Ctrl-C")
    up.add_argument(
        "--ready-timeout",
        type=float,
        default=300.0,
        help="seconds to wait for every component to report healthy (default 300)",
    )

    analyze = commands.add_parser("analyze", help="send a log file through the full pipeline")
    analyze.add_argument("file", type=Path)
    analyze.add_argument("--service", help="service that produced the logs")
    analyze.add_argument(
        "--url",
        default=os.environ.get("INCIDENTMESH_URL", "http://127.0.0.1:8080"),
        help="gateway URL (default: $INCIDENTMESH_URL or http://127.0.0.1:8080)",
    )
    analyze.add_argument(
        "--api-key", help="API key (default: $INCIDENTMESH_API_KEY, then the admin key file)"
    )
    analyze.add_argument("--max-lines", type=int, default=5000, help="send at most the last N lines")
    analyze.add_argument("--json", action="store_true", help="print the raw JSON answer")

    watch = commands.add_parser("watch", help="tail log files and open an incident on an anomaly burst")
    watch.add_argument("paths", nargs="+", type=Path)
    watch.add_argument("--service", help="service name for every file (default: each file's name)")
    watch.add_argument("--url", default=os.environ.get("INCIDENTMESH_URL", "http://127.0.0.1:8080"))
    watch.add_argument(
        "--api-key", help="operator API key (default: $INCIDENTMESH_API_KEY, then the admin key)"
    )
    watch.add_argument("--interval", type=float, default=5.0, help="seconds between reads (default 5)")
    watch.add_argument("--min-anomalies", type=int, default=3, help="anomalous lines that make a burst")
    watch.add_argument(
        "--cooldown",
        type=float,
        default=300.0,
        help="at most one incident per file per this many seconds (default 300)",
    )
    watch.add_argument("--from-start", action="store_true", help="read existing content first")

    health = commands.add_parser("healthcheck", help="check a gRPC service's health (exit 0 when SERVING)")
    health.add_argument("address")
    health.add_argument("--service", default="")
    health.add_argument("--timeout", type=float, default=2.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "up":
        from meshcli.up import run_up

        return run_up(args.data_dir, args.ready_timeout)
    if args.command == "healthcheck":
        from services.kit import healthcheck

        return healthcheck.main([args.address, "--service", args.service, "--timeout", str(args.timeout)])
    if args.command == "watch":
        from meshcli.watch import run_watch

        return run_watch(
            args.paths,
            args.url,
            args.api_key or _default_api_key(args.data_dir),
            args.service,
            args.interval,
            args.min_anomalies,
            args.cooldown,
            args.from_start,
        )
    if args.command == "analyze":
        try:
            lines = read_log_lines(args.file, args.max_lines)
            with httpx.Client(base_url=args.url, timeout=30.0) as client:
                answer = request_analysis(
                    client, lines, args.service, args.api_key or _default_api_key(args.data_dir)
                )
        except (AnalyzeError, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if args.json:
            import json

            print(json.dumps(answer, indent=2))
        else:
            print(render(answer))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
