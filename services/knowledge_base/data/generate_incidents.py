"""Writes the seed incidents (incidents.jsonl) from the scenarios, deterministically.

    python -m services.knowledge_base.data.generate_incidents

Every root cause gets the same number of incidents, cycling through its scenarios; each
incident draws its own service, hosts, numbers, alert line, impact and resolution variant
from a seeded generator, so re-running reproduces the committed file byte for byte.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.knowledge_base.data.scenarios import SCENARIOS, Scenario

SEED = 20240611
INCIDENTS_PER_ROOT_CAUSE = 14
OUTPUT = Path(__file__).resolve().parent / "incidents.jsonl"

SERVICES = (
    "checkout-api", "payments-service", "orders-service", "auth-gateway", "search-indexer",
    "notification-worker", "inventory-service", "user-profile", "billing-batch", "recommendation-engine",
    "shipping-tracker", "media-upload", "reporting-etl", "cart-service", "api-gateway", "ledger-service",
    "fraud-scoring", "catalog-service", "email-dispatcher", "session-store",
)  # fmt: skip
UPSTREAMS = (
    "pricing-service", "identity-provider", "ledger-service", "catalog-service", "tax-calculator",
    "geo-lookup", "fraud-scoring", "warehouse-api", "customer-db-proxy",
)  # fmt: skip
TEAMS = ("platform", "payments", "commerce", "growth", "data", "identity")
DOMAINS = ("shop.example.com", "api.example.com", "pay.example.com", "admin.example.com", "cdn.example.com")
TOPICS = ("order-events", "payment-events", "inventory-updates", "clickstream", "audit-log", "email-outbox")
QUEUES = ("email-send", "invoice-render", "webhook-delivery", "thumbnail-jobs", "ledger-postings")
TABLES = ("orders", "payments", "customers", "order_items", "invoices", "events")
COLUMNS = ("currency_code", "tenant_id", "shipping_method", "tax_region", "external_ref", "status_reason")
ALERTS = (
    "ALERT HighErrorRate {service}: 5xx ratio {pct}% > 5% for 5m",
    "ALERT LatencySLOBurn {service}: p99 {ms}ms, error budget burn rate x{n}",
    "PagerDuty: [{severity}] {service} synthetic check failing from 3 regions",
    "ALERT KubePodCrashLooping {ns}/{pod}",
    "Customer support: {n} tickets in 15 minutes mentioning {service}",
    "ALERT TargetDown job={service} {pct}% of targets down",
)
DETECTED_BY = ("alert", "synthetic check", "customer report", "on-call dashboard", "deploy verification")


def _values(rng: random.Random, service: str, when: datetime) -> dict[str, object]:
    upstream = rng.choice([u for u in UPSTREAMS if u != service])
    major, minor = rng.randint(1, 9), rng.randint(0, 40)
    limit = rng.choice((256, 512, 1024, 2048))
    return {
        "service": service,
        "upstream": upstream,
        "upstream_host": f"{upstream}.{rng.choice(('prod', 'svc', 'internal'))}.example.internal",
        "upstream_rpc": rng.choice(("GetQuote", "Authorize", "Lookup", "ListItems", "Reserve")),
        "db_host": f"{rng.choice(('pg', 'ora', 'mysql', 'mongo', 'redis'))}-{service.split('-')[0]}-"
        f"{rng.randint(1, 3):02d}",
        "db_port": rng.choice((1521, 1522, 5432, 3306)),
        "db_name": rng.choice(("LEDGERP", "ORDERSP", "BILLING", "CRMPRD")),
        "host": f"ip-10-{rng.randint(0, 255)}-{rng.randint(0, 255)}-{rng.randint(1, 254)}",
        "node": f"node-{rng.choice(('a', 'b', 'c'))}{rng.randint(1, 40):02d}.prod",
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "pod": f"{service}-{rng.randrange(16**9):09x}-{rng.randrange(36**5):05x}",
        "ns": rng.choice(("prod", "commerce", "payments", "platform")),
        "ts": (when + timedelta(seconds=rng.randint(0, 3600))).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "n": rng.randint(2, 900),
        "ms": rng.randint(800, 30000),
        "seconds": rng.randint(3, 60),
        "minutes": rng.randint(4, 95),
        "pct": rng.randint(12, 97),
        "mem": rng.randint(900, 7900),
        "limit": limit,
        "limit2": limit * 2,
        "heap": rng.choice((2, 4, 8)),
        "rows": rng.randint(2_000_000, 90_000_000),
        "disk": rng.choice((50, 100, 200, 500, 1000)),
        "conns": rng.choice((65536, 131072, 262144)),
        "pool": rng.choice((10, 20, 50, 100)),
        "lag": rng.randint(50_000, 9_000_000),
        "epoch": int(when.timestamp()) + 3600,
        "version": f"v{major}.{minor}.{rng.randint(0, 9)}",
        "prev_version": f"v{major}.{max(0, minor - 1)}.{rng.randint(0, 9)}",
        "domain": rng.choice(DOMAINS),
        "topic": rng.choice(TOPICS),
        "queue": rng.choice(QUEUES),
        "table": rng.choice(TABLES),
        "column": rng.choice(COLUMNS),
        "index": f"logs-{service}-{when:%Y.%m.%d}",
        "hexid": f"{rng.randrange(16**12):012x}",
        "pr": rng.randint(100, 9999),
        "user": rng.choice(("a.ndiaye", "j.kowalski", "m.tanaka", "r.okafor", "s.larsen")),
        "severity": rng.choice(("SEV1", "SEV2", "SEV3")),
    }


def _incident(rng: random.Random, number: int, scenario: Scenario, when: datetime) -> dict[str, object]:
    service = rng.choice(SERVICES)
    values = _values(rng, service, when)
    severity = str(values["severity"])
    symptoms = list(scenario.symptoms)
    rng.shuffle(symptoms)
    kept = symptoms[: rng.randint(2, len(symptoms))]
    lines = [rng.choice(ALERTS).format(**values), *(line.format(**values) for line in kept)]
    duration = rng.randint(6, 240)
    impact = rng.choice(
        (
            f"Impact: {values['pct']}% of requests failed for {duration} minutes.",
            f"Impact: about {values['n']} customers affected over {duration} minutes.",
            f"Impact: degraded for {duration} minutes, no data loss.",
            f"Impact: {severity}, {duration} minutes to mitigate.",
        )
    )
    team = rng.choice(TEAMS)
    links = [f"https://jira.example.internal/browse/OPS-{1000 + number * 7 + rng.randint(0, 6)}"]
    if rng.random() < 0.6:
        links.append(f"https://git.example.internal/{team}/{service}/pull/{values['pr']}")
    if severity != "SEV3":
        links.append(f"https://wiki.example.internal/postmortems/{when:%Y-%m-%d}-{service}")
    return {
        "id": f"INC-{when:%Y}-{number:04d}",
        "kind": "incident",
        "title": scenario.title.format(**values),
        "summary": f"{scenario.summary.format(**values)} {impact}",
        "symptoms": "\n".join(lines),
        "root_cause": scenario.root_cause,
        "resolution": rng.choice(scenario.resolutions).format(**values),
        "service": service,
        "links": links,
        "occurred_at": when.isoformat().replace("+00:00", "Z"),
        "metadata": {
            "scenario": scenario.id,
            "severity": severity,
            "team": team,
            "detected_by": rng.choice(DETECTED_BY),
            "duration_minutes": str(duration),
        },
    }


def generate(seed: int = SEED) -> list[dict[str, object]]:
    rng = random.Random(seed)
    by_cause: dict[str, list[Scenario]] = {}
    for scenario in SCENARIOS:
        by_cause.setdefault(scenario.root_cause, []).append(scenario)
    plan = [
        scenarios[i % len(scenarios)]
        for scenarios in by_cause.values()
        for i in range(INCIDENTS_PER_ROOT_CAUSE)
    ]
    rng.shuffle(plan)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    span = int((datetime(2025, 10, 31, tzinfo=UTC) - start).total_seconds())
    moments = sorted(start + timedelta(seconds=rng.randrange(span)) for _ in plan)
    return [
        _incident(rng, number, scenario, when)
        for number, (scenario, when) in enumerate(zip(plan, moments, strict=True), 1)
    ]


def main() -> None:
    incidents = generate()
    OUTPUT.write_text("".join(json.dumps(incident, sort_keys=True) + "\n" for incident in incidents))
    print(f"wrote {len(incidents)} incidents to {OUTPUT}")


if __name__ == "__main__":
    main()
