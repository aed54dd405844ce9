# ruff: noqa: E501  (log-line literals read better unbroken)
"""Writes normal.log: the committed normal-operations baseline (deterministic, seed 7).

python -m services.log_analyzer.data.generate_baseline

A simulated shop platform on a quiet day: a Java checkout service (log4j ISO lines),
a Python payments worker (JSON lines), kubelet and a Go API gateway (klog), an
nginx-style access log, sshd/cron via syslog and an epoch-stamped batch job. Only
routine events, with the occasional benign warning real systems always have.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

LINES = 3000
SEED = 7
OUTPUT = Path(__file__).with_name("normal.log")


def _java(rng: random.Random, at: datetime) -> str:
    stamp = at.strftime("%Y-%m-%d %H:%M:%S,") + f"{at.microsecond // 1000:03d}"
    order = rng.randint(100000, 999999)
    event = rng.choices(
        [
            f"INFO  [http-nio-8080-exec-{rng.randint(1, 20)}] c.s.checkout.OrderController: Created order {order} for customer {rng.randint(1000, 9999)} total={rng.randint(5, 400)}.{rng.randint(0, 99):02d}",
            f"INFO  [http-nio-8080-exec-{rng.randint(1, 20)}] c.s.checkout.CartService: Cart {rng.randint(1, 99999)} updated with {rng.randint(1, 9)} items",
            f"INFO  [scheduling-1] c.s.checkout.InventorySync: Synced {rng.randint(100, 900)} SKUs in {rng.randint(40, 300)} ms",
            f"DEBUG [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool: HikariPool-1 - Pool stats (total={rng.randint(8, 10)}, active={rng.randint(0, 5)}, idle={rng.randint(3, 8)}, waiting=0)",
            f"WARN  [http-nio-8080-exec-{rng.randint(1, 20)}] c.s.checkout.PriceClient: Price lookup took {rng.randint(500, 900)} ms for sku {rng.randint(10000, 99999)}",
        ],
        weights=[40, 30, 10, 15, 2],
    )[0]
    return f"{stamp} {event}"


def _python(rng: random.Random, at: datetime) -> str:
    choice = rng.choices(["charge", "refund", "poll", "slow"], weights=[50, 5, 40, 2])[0]
    amount = rng.randint(100, 50000)
    record = {
        "charge": {
            "level": "info",
            "message": f"charge succeeded for invoice inv_{rng.randint(10000, 99999)} amount={amount} currency=EUR",
        },
        "refund": {
            "level": "info",
            "message": f"refund issued for invoice inv_{rng.randint(10000, 99999)} amount={amount}",
        },
        "poll": {
            "level": "debug",
            "message": f"polled queue payments.requests got {rng.randint(0, 20)} messages",
        },
        "slow": {
            "level": "warning",
            "message": f"gateway call took {rng.randint(1000, 2500)} ms, retrying once",
        },
    }[choice]
    return json.dumps({"ts": at.isoformat().replace("+00:00", "Z"), "service": "payments", **record})


def _klog(rng: random.Random, at: datetime) -> str:
    stamp = at.strftime("%m%d %H:%M:%S.") + f"{at.microsecond:06d}"
    pid = rng.choice([1042, 1043])
    pod = f"checkout-{rng.choice(['7d9f8', '5c2a1', '9b7e3'])}-{rng.randint(10000, 99999)}"
    return rng.choices(
        [
            f'I{stamp}    {pid} kubelet.go:2412] "SyncLoop (probe)" probe="readiness" status="ready" pod="shop/{pod}"',
            f'I{stamp}    {pid} prober.go:107] "Probe succeeded" probeType="Liveness" pod="shop/{pod}"',
            f"I{stamp}    {pid} handler.go:88] proxied GET /api/v1/products in {rng.randint(2, 60)}ms status=200",
            f"W{stamp}    {pid} reflector.go:424] watch of *v1.Endpoints ended with: very short watch",
        ],
        weights=[30, 30, 38, 2],
    )[0]


def _access(rng: random.Random, at: datetime) -> str:
    path = rng.choice(
        ["/", "/products", f"/products/{rng.randint(1, 500)}", "/cart", "/checkout", "/static/app.js"]
    )
    method = "POST" if path in ("/cart", "/checkout") and rng.random() < 0.5 else "GET"
    status = rng.choices([200, 304, 301, 404], weights=[85, 8, 4, 3])[0]
    stamp = at.strftime("%d/%b/%Y:%H:%M:%S +0000")
    ip = f"10.{rng.randint(0, 3)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return (
        f'{ip} - - [{stamp}] "{method} {path} HTTP/1.1" {status} {rng.randint(200, 90000)} "-" "Mozilla/5.0"'
    )


def _syslog(rng: random.Random, at: datetime) -> str:
    stamp = at.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1)
    host = rng.choice(["web-1", "web-2", "db-1"])
    pid = rng.randint(1000, 30000)
    return rng.choices(
        [
            f"{stamp} {host} sshd[{pid}]: Accepted publickey for deploy from 10.0.{rng.randint(0, 9)}.{rng.randint(1, 254)} port {rng.randint(30000, 65000)} ssh2",
            f"{stamp} {host} sshd[{pid}]: pam_unix(sshd:session): session opened for user deploy by (uid=0)",
            f"{stamp} {host} CRON[{pid}]: (root) CMD (/usr/local/bin/backup.sh --incremental)",
            f"{stamp} {host} systemd[1]: Started Session {rng.randint(100, 9999)} of user deploy.",
        ],
        weights=[20, 20, 40, 20],
    )[0]


def _epoch(rng: random.Random, at: datetime) -> str:
    return rng.choice(
        [
            f"{at.timestamp():.3f} reports-job INFO exported {rng.randint(10, 5000)} rows to s3://reports/daily/{at:%Y%m%d}.csv",
            f"{at.timestamp():.3f} reports-job INFO job finished in {rng.randint(5, 90)} s",
        ]
    )


def generate() -> list[str]:
    rng = random.Random(SEED)
    at = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
    writers = [_java, _python, _klog, _access, _syslog, _epoch]
    weights = [30, 20, 20, 20, 6, 4]
    lines = []
    for _ in range(LINES):
        at += timedelta(milliseconds=rng.randint(5, 900))
        lines.append(rng.choices(writers, weights=weights)[0](rng, at))
    return lines


if __name__ == "__main__":
    OUTPUT.write_text("\n".join(generate()) + "\n", encoding="utf-8")
