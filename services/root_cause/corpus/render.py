"""Turns line templates into log lines: placeholder values, timestamps and per-style headers.

A template line is "<level> <message>" where level is one of E W I D F; a leading "?"
makes the line optional, and a line starting with whitespace is a continuation (a stack
frame) that is written without a header. A tuple instead of a string means "one of these".
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

import json
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

LEVEL_NAMES = {"E": "ERROR", "W": "WARN", "I": "INFO", "D": "DEBUG", "F": "FATAL"}

Template = str | tuple[str, ...]


# Application log styles by runtime: the same message is written through any of its runtime's
# loggers, so a family is not tied to one header format (nor is a label to a header format).
JAVA = ("spring", "logback", "json_logback")
PYTHON = ("python", "gunicorn", "json_ecs", "json_structlog")
GO = ("go_logrus", "go_std", "json_zap")
NODE = ("node", "json_pino")
DOTNET = ("dotnet", "json_ecs")
ANY_APP = (*JAVA, *PYTHON, *GO, *NODE, "ruby", "dotnet")


@dataclass(frozen=True)
class Family:
    """One message shape (template family): the unit that the held-out split keeps apart."""

    id: str
    label: str
    styles: str | tuple[str, ...]
    lines: tuple[Template, ...]

    def style_options(self) -> tuple[str, ...]:
        return (self.styles,) if isinstance(self.styles, str) else self.styles


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[rng.randrange(len(options))]


_SERVICES = [
    "checkout",
    "payments",
    "orders",
    "cart",
    "inventory",
    "shipping",
    "catalog",
    "search",
    "auth",
    "accounts",
    "billing",
    "notifications",
    "recommendations",
    "ledger",
    "pricing",
    "gateway",
    "frontend",
    "profile",
    "reviews",
    "fulfillment",
    "invoicing",
    "reporting",
    "media",
    "quotes",
    "loyalty",
    "fraud-check",
    "tax",
    "subscriptions",
    "warehouse",
    "routing",
]
_TEAMS = ["shop", "core", "platform", "data", "edge", "fin", "ops", "growth"]
_DB_NAMES = ["orders", "payments", "app", "inventory", "users", "ledger", "catalog", "billing", "main"]
_TABLES = [
    "orders",
    "order_items",
    "payments",
    "customers",
    "invoices",
    "shipments",
    "accounts",
    "line_items",
    "subscriptions",
    "products",
    "refunds",
    "audit_log",
    "sessions",
    "coupons",
]
_COLUMNS = [
    "discount_code",
    "tax_region",
    "customer_ref",
    "currency",
    "shipped_at",
    "is_archived",
    "external_id",
    "promo_id",
    "vat_number",
    "retry_count",
    "fulfilment_state",
    "tenant_id",
]
_JAVA_PKGS = ["com.acme", "io.shopfront", "com.example", "org.northwind", "net.paylane"]
_JAVA_CLASSES = [
    "OrderService",
    "PaymentController",
    "InventoryClient",
    "CheckoutHandler",
    "LedgerRepository",
    "PricingEngine",
    "ShipmentScheduler",
    "AccountResource",
    "RefundProcessor",
    "CatalogIndexer",
    "QuoteCalculator",
    "InvoiceJob",
]
_PY_MODULES = [
    "app/services/orders.py",
    "app/api/payments.py",
    "worker/tasks.py",
    "core/billing.py",
    "src/handlers/checkout.py",
    "service/inventory.py",
    "jobs/reconcile.py",
    "api/views.py",
]
_FUNCS = [
    "create_order",
    "charge",
    "reserve_stock",
    "apply_discount",
    "handle",
    "process_batch",
    "sync_catalog",
    "compute_totals",
    "refund",
    "publish_event",
    "load_profile",
    "reconcile",
]
_TOPICS = [
    "orders.created",
    "payments.events",
    "inventory-updates",
    "shipment-status",
    "audit",
    "clickstream",
    "email-outbox",
    "ledger.entries",
    "price-changes",
    "user-signups",
]
_QUEUES = [
    "orders",
    "emails",
    "webhooks",
    "invoice-render",
    "thumbnails",
    "exports",
    "payouts",
    "notifications.push",
    "search-reindex",
    "fraud-scores",
]
_REGISTRIES = [
    "registry.acme.io",
    "ghcr.io/acme",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    "docker.io/library",
    "quay.io/northwind",
    "harbor.internal:5000/platform",
]
_NAMESPACES = ["prod", "production", "shop", "payments", "default", "staging", "platform", "edge"]
_EXTERNAL = [
    "api.stripe.com",
    "api.github.com",
    "hooks.slack.com",
    "api.sendgrid.com",
    "sqs.eu-west-1.amazonaws.com",
    "oauth2.googleapis.com",
    "api.twilio.com",
    "login.microsoftonline.com",
    "api.adyen.com",
    "geo.ipify.org",
]
_PATHS = [
    "/api/v1/orders",
    "/api/v2/checkout",
    "/cart/items",
    "/api/payments/charge",
    "/healthz",
    "/graphql",
    "/api/v1/users/me",
    "/search",
    "/api/v1/inventory/reserve",
    "/v1/quotes",
    "/api/v1/invoices",
    "/login",
    "/api/refunds",
    "/api/v3/products",
]
_METHODS = ["GET", "POST", "PUT", "GET", "GET", "POST", "DELETE", "PATCH"]
_AGENTS = [
    "okhttp/4.12.0",
    "Go-http-client/1.1",
    "python-requests/2.31.0",
    "axios/1.6.7",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)",
    "curl/8.4.0",
    "grpc-java-netty/1.62.2",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)",
    "kube-probe/1.29",
]
_UNITS = [
    "nginx.service",
    "postgresql.service",
    "docker.service",
    "kubelet.service",
    "app-worker.service",
    "redis-server.service",
    "rabbitmq-server.service",
    "containerd.service",
]


def _ip(rng: random.Random) -> str:
    first = _pick(rng, ["10", "10", "172", "192"])
    if first == "172":
        return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if first == "192":
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _pod(rng: random.Random, service: str) -> str:
    suffix = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(5))
    return f"{service}-{_hex(rng, rng.choice([9, 10]))}-{suffix}"


GENERATORS: dict[str, Callable[[random.Random, dict[str, str]], str]] = {
    "svc": lambda r, v: _pick(r, _SERVICES),
    "svc2": lambda r, v: _pick(r, [s for s in _SERVICES if s != v["svc"]]),
    "team": lambda r, v: _pick(r, _TEAMS),
    "host": lambda r, v: (
        f"{_pick(r, ['ip', 'node', 'worker', 'app', 'prod-app', 'k8s-w'])}-"
        f"{r.randint(1, 60):02d}{_pick(r, ['', '.eu-west-1.compute.internal', '.dc1', '-prod'])}"
    ),
    "node": lambda r, v: (
        f"ip-{_ip(r).replace('.', '-')}.ec2.internal"
        if r.random() < 0.5
        else f"gke-prod-pool-{r.randint(1, 4)}-{_hex(r, 8)}-{_hex(r, 4)}"
    ),
    "pod": lambda r, v: _pod(r, v["svc"]),
    "pod2": lambda r, v: _pod(r, v["svc2"]),
    "ns": lambda r, v: _pick(r, _NAMESPACES),
    "ip": lambda r, v: _ip(r),
    "ip2": lambda r, v: _ip(r),
    "port": lambda r, v: str(_pick(r, ["8080", "8443", "9090", "3000", "5000", "8000", "443", "50051"])),
    "eport": lambda r, v: str(r.randint(32768, 60999)),
    "dbhost": lambda r, v: _pick(
        r,
        [
            f"{v['db']}-db.{v['ns']}.svc.cluster.local",
            f"pg-{v['db']}-primary",
            "db.internal",
            f"{v['db']}.cluster-c8x{_hex(r, 6)}.eu-west-1.rds.amazonaws.com",
            f"mysql-{v['db']}-0.mysql",
            f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
        ],
    ),
    "db": lambda r, v: _pick(r, _DB_NAMES),
    "dbuser": lambda r, v: _pick(r, ["app", "svc_" + v["db"], "orders_rw", "readonly", "postgres", "api"]),
    "table": lambda r, v: _pick(r, _TABLES),
    "column": lambda r, v: _pick(r, _COLUMNS),
    "ms": lambda r, v: str(_pick(r, ["1000", "2000", "3000", "5000", "10000", "15000", "30000", "60000"])),
    "sec": lambda r, v: str(_pick(r, ["5", "10", "15", "30", "60", "120"])),
    "dur": lambda r, v: f"{r.uniform(0.5, 65):.3f}",
    "pct": lambda r, v: str(r.randint(91, 100)),
    "mb": lambda r, v: str(_pick(r, ["256", "512", "768", "1024", "2048", "4096"])),
    "bytes": lambda r, v: str(r.randint(10_000, 9_000_000_000)),
    "n": lambda r, v: str(r.randint(2, 999)),
    "count": lambda r, v: str(r.randint(3, 60)),
    "big": lambda r, v: str(r.randint(12_000, 2_500_000)),
    "uuid": lambda r, v: str(uuid.UUID(int=r.getrandbits(128), version=4)),
    "reqid": lambda r, v: _hex(r, 16),
    "traceid": lambda r, v: _hex(r, 32),
    "hex": lambda r, v: _hex(r, 12),
    "sha": lambda r, v: _hex(r, 64),
    "commit": lambda r, v: _hex(r, 7),
    "version": lambda r, v: f"{r.randint(1, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}",
    "pid": lambda r, v: str(r.randint(7, 65000)),
    "tid": lambda r, v: str(r.randint(10, 200)),
    "path": lambda r, v: _pick(r, _PATHS),
    "method": lambda r, v: _pick(r, _METHODS),
    "agent": lambda r, v: _pick(r, _AGENTS),
    "user": lambda r, v: _pick(r, ["u_" + _hex(r, 6), "alice", "svc-" + v["svc"], "admin", "ci-bot"]),
    "topic": lambda r, v: _pick(r, _TOPICS),
    "partition": lambda r, v: str(r.randint(0, 23)),
    "group": lambda r, v: f"{v['svc']}-consumer{_pick(r, ['', '-v2', 's', '-group'])}",
    "queue": lambda r, v: _pick(r, _QUEUES),
    "vhost": lambda r, v: _pick(r, ["/", "/prod", "orders", "events"]),
    "image": lambda r, v: f"{_pick(r, _REGISTRIES)}/{v['svc']}",
    "tag": lambda r, v: _pick(
        r,
        [
            f"v{v['version']}",
            f"{v['version']}-{_hex(r, 7)}",
            "latest",
            f"sha-{_hex(r, 7)}",
            f"release-{r.randint(100, 999)}",
        ],
    ),
    "container": lambda r, v: _pick(r, [v["svc"], "app", "server", "worker", "api"]),
    "jpkg": lambda r, v: f"{_pick(r, _JAVA_PKGS)}.{v['svc'].replace('-', '')}",
    "jcls": lambda r, v: _pick(r, _JAVA_CLASSES),
    "pyfile": lambda r, v: _pick(r, _PY_MODULES),
    "func": lambda r, v: _pick(r, _FUNCS),
    "line": lambda r, v: str(r.randint(12, 880)),
    "line2": lambda r, v: str(r.randint(12, 880)),
    "ext": lambda r, v: _pick(r, _EXTERNAL),
    "domain": lambda r, v: _pick(
        r,
        [
            f"{v['svc2']}.{v['ns']}.svc.cluster.local",
            f"{v['svc2']}",
            f"{v['svc2']}.internal",
            f"{v['svc2']}.{v['team']}.corp",
            f"{v['svc2']}-svc",
        ],
    ),
    "mount": lambda r, v: _pick(
        r,
        [
            "/var/lib/postgresql/data",
            "/data",
            "/var/log",
            "/var/lib/docker",
            "/var/lib/kafka",
            "/",
            "/mnt/disks/ssd0",
            "/var/lib/mysql",
        ],
    ),
    "device": lambda r, v: _pick(r, ["/dev/nvme1n1", "/dev/xvda1", "/dev/sdb1", "/dev/vdb", "/dev/sda2"]),
    "unit": lambda r, v: _pick(r, _UNITS),
    "limit": lambda r, v: str(_pick(r, ["100", "500", "1000", "60", "10", "5000"])),
    "lag": lambda r, v: str(r.randint(50_000, 9_000_000)),
    "cn": lambda r, v: _pick(
        r,
        [
            f"{v['svc']}.acme.io",
            "*.acme.io",
            "api.shopfront.com",
            f"{v['svc']}.{v['ns']}.svc",
            "internal-ca.corp",
            "*.northwind.net",
        ],
    ),
    "date": lambda r, v: (datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=r.randint(0, 600))).strftime(
        "%b %d %H:%M:%S %Y GMT"
    ),
    "key": lambda r, v: _pick(
        r, ["AKIA" + _hex(r, 12).upper(), "sk_live_..." + _hex(r, 4), "****" + _hex(r, 4)]
    ),
    "status5": lambda r, v: _pick(r, ["500", "502", "503", "500", "504"]),
    "bigms": lambda r, v: str(r.randint(30_000, 600_000)),
    "cpu": lambda r, v: str(r.randint(92, 100)),
    "exit": lambda r, v: _pick(r, ["1", "1", "2", "255", "3"]),
    "restarts": lambda r, v: str(r.randint(4, 90)),
    "age": lambda r, v: f"{r.randint(1, 59)}{_pick(r, ['s', 'm', 'm'])}",
}


class Values(dict[str, str]):
    """Placeholder values drawn on first use, so one excerpt names the same host/service throughout."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self._rng = rng

    def __missing__(self, key: str) -> str:
        value = GENERATORS[key](self._rng, self)
        self[key] = value
        return value


_FORMATTER = string.Formatter()


def fill(template: str, values: Values) -> str:
    return _FORMATTER.vformat(template, (), values)


@dataclass
class Clock:
    now: datetime
    rng: random.Random

    def tick(self) -> datetime:
        self.now += timedelta(milliseconds=self.rng.choice([0, 1, 3, 12, 40, 150, 800, 2500, 9000]))
        return self.now


def _ms(ts: datetime) -> str:
    return f"{ts.microsecond // 1000:03d}"


def _iso(ts: datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%S.") + _ms(ts) + "Z"


def _json_line(ts: datetime, level: str, message: str, v: Values, style: str) -> str:
    if style == "json_pino":
        numeric = {"D": 20, "I": 30, "W": 40, "E": 50, "F": 60}[level]
        record = {
            "level": numeric,
            "time": int(ts.timestamp() * 1000),
            "pid": int(v["pid"]),
            "hostname": v["pod"],
            "msg": message,
        }
    elif style == "json_zap":
        record = {
            "level": LEVEL_NAMES[level].lower().replace("warn", "warn"),
            "ts": round(ts.timestamp(), 3),
            "caller": f"{v['svc']}/handler.go:{v['line']}",
            "msg": message,
            "service": v["svc"],
        }
    elif style == "json_ecs":
        record = {
            "@timestamp": _iso(ts),
            "log.level": LEVEL_NAMES[level].lower(),
            "message": message,
            "service.name": v["svc"],
            "trace.id": v["traceid"],
            "host.name": v["host"],
        }
    elif style == "json_structlog":
        record = {
            "event": message,
            "level": LEVEL_NAMES[level].lower(),
            "timestamp": _iso(ts),
            "logger": v["pyfile"].removesuffix(".py").replace("/", "."),
            "request_id": v["reqid"],
        }
    else:  # json_logback
        record = {
            "timestamp": _iso(ts),
            "level": LEVEL_NAMES[level],
            "logger": f"{v['jpkg']}.{v['jcls']}",
            "message": message,
            "thread": f"http-nio-8080-exec-{v['tid']}",
            "service": v["svc"],
        }
    return json.dumps(record)


def header_line(style: str, level: str, message: str, ts: datetime, v: Values) -> str:
    """Writes one message in the log style of the component that would have emitted it."""
    name = LEVEL_NAMES[level]
    if style.startswith("json"):
        return _json_line(ts, level, message, v, style)
    if style == "spring":
        logger = f"{v['jpkg'][:12]}.{v['jcls']}"[-40:]
        return (
            f"{ts:%Y-%m-%d %H:%M:%S}.{_ms(ts)} {name:>5} 1 --- [nio-8080-exec-{v['tid']}] "
            f"{logger:<40} : {message}"
        )
    if style == "logback":
        return (
            f"{ts:%H:%M:%S}.{_ms(ts)} [pool-2-thread-{v['tid']}] {name} {v['jpkg']}.{v['jcls']} - {message}"
        )
    if style == "python":
        module = v["pyfile"].rsplit("/", 1)[-1].removesuffix(".py")
        return f"{ts:%Y-%m-%d %H:%M:%S},{_ms(ts)} {name.replace('WARN', 'WARNING')} [{module}] {message}"
    if style == "gunicorn":
        return f"[{ts:%Y-%m-%d %H:%M:%S} +0000] [{v['pid']}] [{name.replace('WARN', 'WARNING')}] {message}"
    if style == "celery":
        return f"[{ts:%Y-%m-%d %H:%M:%S},{_ms(ts)}: {name.replace('WARN', 'WARNING')}/ForkPoolWorker-{v['tid']}] {message}"
    if style == "go_logrus":
        quoted = message.replace('"', '\\"')
        return (
            f'time="{ts:%Y-%m-%dT%H:%M:%SZ}" level={name.lower().replace("warn", "warning")} msg="{quoted}"'
        )
    if style == "go_std":
        return f"{ts:%Y/%m/%d %H:%M:%S} {message}"
    if style == "node":
        return f"{_iso(ts)} {name.lower()}: {message}"
    if style == "ruby":
        return f"{level}, [{ts:%Y-%m-%dT%H:%M:%S}.{ts.microsecond:06d} #{v['pid']}] {name:>5} -- : [{v['reqid'][:8]}-{v['hex'][:4]}] {message}"
    if style == "dotnet":
        short = {"E": "ERR", "W": "WRN", "I": "INF", "D": "DBG", "F": "FTL"}[level]
        return f"[{ts:%H:%M:%S} {short}] {message}"
    if style == "nginx_error":
        nginx = {"E": "error", "W": "warn", "I": "notice", "D": "info", "F": "crit"}[level]
        return f"{ts:%Y/%m/%d %H:%M:%S} [{nginx}] {v['tid']}#{v['tid']}: {message}"
    if style == "envoy":
        envoy = {"E": "error", "W": "warning", "I": "info", "D": "debug", "F": "critical"}[level]
        return f"[{ts:%Y-%m-%d %H:%M:%S}.{_ms(ts)}][{v['tid']}][{envoy}]{message}"
    if style == "postgres":
        pg = {"E": "ERROR", "W": "WARNING", "I": "LOG", "D": "DETAIL", "F": "FATAL"}[level]
        return f"{ts:%Y-%m-%d %H:%M:%S}.{_ms(ts)} UTC [{v['pid']}] {pg}:  {message}"
    if style == "mysql":
        my = {"E": "ERROR", "W": "Warning", "I": "Note", "D": "Note", "F": "ERROR"}[level]
        return f"{ts:%Y-%m-%dT%H:%M:%S}.{ts.microsecond:06d}Z {v['tid']} [{my}] {message}"
    if style == "redis":
        mark = {"E": "#", "W": "#", "I": "*", "D": ".", "F": "#"}[level]
        return f"{v['pid']}:M {ts:%d %b %Y %H:%M:%S}.{_ms(ts)} {mark} {message}"
    if style == "kafka":
        return f"[{ts:%Y-%m-%d %H:%M:%S},{_ms(ts)}] {name} {message}"
    if style == "rabbitmq":
        rb = {"E": "error", "W": "warning", "I": "info", "D": "debug", "F": "critical"}[level]
        return f"{ts:%Y-%m-%d %H:%M:%S}.{ts.microsecond:06d}+00:00 [{rb}] <0.{v['n']}.0> {message}"
    if style == "k8s_events":
        kind = "Warning" if level in "EWF" else "Normal"
        return f"{v['age']:<6} {kind:<8} {message}"
    if style == "kubelet":
        return f"{level.replace('F', 'E')}{ts:%m%d %H:%M:%S}.{ts.microsecond:06d}    {v['pid']} {message}"
    if style == "journald":
        return f"{ts:%b %d %H:%M:%S} {v['host'].split('.')[0]} {message}"
    if style == "raw":
        return message
    raise ValueError(f"unknown style {style}")


def render_message(template: str, values: Values, clock: Clock) -> str:
    """Fills placeholders; {clf} and {iso} are the current time in access-log formats."""
    ts = clock.now
    values["clf"] = ts.strftime("%d/%b/%Y:%H:%M:%S +0000")
    values["iso"] = _iso(ts)
    return fill(template, values)
