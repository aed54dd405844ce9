"""Generates the committed example resolutions: `python -m services.action_recommender.make_resolutions`.

Each row is one attempt to resolve one incident: the root cause, the service and its context,
a short log excerpt, the action taken and whether it resolved the incident.

Assumptions (the data is synthetic, so these are the whole story of what the model can learn):
- Which action resolves an incident depends on the root cause *and* on what the logs and the
  context show: an OOM right after a deploy is rolled back, an OOM at a steady limit gets a higher
  limit, an OOM under a traffic spike gets more replicas. Every (root cause, action) pair has its
  own signal lines, written in the shapes real systems log (kubelet events, JVM, Go, Python,
  PostgreSQL, nginx/envoy, Kafka, RabbitMQ, cert-manager, CoreDNS ...).
- Signals are imperfect: 20% of incidents show a signal line of a *different* action of the same
  root cause, every incident carries lines shared by all incidents of its root cause plus unrelated
  noise, and 8% are resolved by another applicable action than the one their signals point to
  (teams differ). A perfect model therefore cannot reach 100%.
- Actions are not equally common within a root cause (scenario weights below), so "most frequent
  action per root cause" is a real baseline rather than a strawman.
- 30% of incidents record one failed attempt with another applicable action before the one that
  worked; these rows (succeeded = false) feed the historical success rate, not the classifier.
The generator is seeded, so re-running it reproduces the committed file byte for byte (a test
checks this).
"""

# Log lines are data here and keep their real length, so the line-length rule does not apply.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from services.action_recommender.catalog import ROOT_CAUSES

SEED = 20240611
INCIDENTS_PER_ROOT_CAUSE = 50
DEFAULT_OUTPUT = Path(__file__).parent / "data" / "resolutions.jsonl"

SERVICES = (
    ("checkout", "java"),
    ("payments", "java"),
    ("orders", "go"),
    ("inventory", "go"),
    ("search", "python"),
    ("recommendations", "python"),
    ("notifications", "node"),
    ("api-gateway", "go"),
    ("billing", "dotnet"),
    ("accounts", "ruby"),
)
PLATFORMS = (("kubernetes", 0.8), ("vm", 0.2))
ENVIRONMENTS = (("production", 0.7), ("staging", 0.3))


@dataclass(frozen=True)
class Scenario:
    weight: float
    signals: tuple[str, ...]
    # Probability that the incident follows a deploy in the last hour.
    recent_deploy: float = 0.2
    extra_context: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RootCauseStory:
    common: tuple[str, ...]
    scenarios: dict[str, Scenario]


STORIES: dict[str, RootCauseStory] = {
    "database_unavailable": RootCauseStory(
        common=(
            'psycopg2.OperationalError: could not connect to server: Connection refused Is the server running on host "{db}" and accepting TCP/IP connections on port 5432?',
            "HikariPool-1 - Connection is not available, request timed out after {ms}ms.",
            'level=error msg="db ping failed" err="dial tcp {ip}:5432: connect: connection refused"',
        ),
        scenarios={
            "recycle_connection_pool": Scenario(
                0.5,
                (
                    "org.postgresql.util.PSQLException: This connection has been closed.",
                    "LOG:  database system is ready to accept connections",
                    "WARNING pgbouncer: server_login_retry: server conn crashed? closing server connection {ip}:5432",
                    "Connection {ip}:5432 marked as broken because of SQLSTATE(08006), ErrorCode(0)",
                    "sqlalchemy.exc.OperationalError: (psycopg.OperationalError) server closed the connection unexpectedly",
                ),
            ),
            "failover_database": Scenario(
                0.3,
                (
                    "FATAL:  the database system is shutting down",
                    "patroni: no action. I am ({db}-0), a secondary, and following a leader (None)",
                    "LOG:  could not receive data from WAL stream: server closed the connection unexpectedly",
                    "kubelet: Liveness probe failed: pg_isready -h 127.0.0.1 -p 5432: no response",
                    "Warning  NodeNotReady  node/{node}  Node is not ready (hosting pod {db}-0)",
                ),
                extra_context={"database": "postgresql"},
            ),
            "restart_pods": Scenario(
                0.2,
                (
                    "pq: the database system is in recovery mode",
                    "LOG:  database system was not properly shut down; automatic recovery in progress",
                    "{svc} still failing 20 minutes after database recovered: stale connections in pool",
                    'ERROR: prepared statement "S_{n}" does not exist',
                ),
            ),
        },
    ),
    "out_of_memory": RootCauseStory(
        common=(
            "Warning  OOMKilling  node/{node}  Memory cgroup out of memory: Killed process {pid} (java)",
            "Last State: Terminated Reason: OOMKilled Exit Code: 137",
            "Back-off restarting failed container {svc} in pod {pod}",
        ),
        scenarios={
            "raise_memory_limit": Scenario(
                0.35,
                (
                    "memory usage {pct}% of limit 512Mi at steady traffic for {n} hours",
                    "container {svc} exceeded memory limit 512Mi (usage 511Mi)",
                    "fatal error: runtime: out of memory while allocating {n} bytes; GOMEMLIMIT unset, container limit 256Mi",
                    "resources: limits: memory: 256Mi requests: memory: 256Mi",
                ),
            ),
            "rollback_deployment": Scenario(
                0.3,
                (
                    "java.lang.OutOfMemoryError: Java heap space",
                    "Deployed {svc} version v{ver} (rollout revision {n})",
                    "heap usage rising since rollout of v{ver}: {pct}% after 15 min",
                    "cache size unbounded after release v{ver}: {n} entries",
                ),
                recent_deploy=0.9,
            ),
            "scale_out": Scenario(
                0.2,
                (
                    "request rate {n}/s, 3x the usual for this hour",
                    "java.lang.OutOfMemoryError: GC overhead limit exceeded",
                    "traffic spike from marketing campaign; in-flight requests {n} per pod",
                    "worker memory grows with concurrent requests: {n} active sessions",
                ),
            ),
            "restart_pods": Scenario(
                0.15,
                (
                    "pod {pod} uptime 14d; RSS grew slowly from 300Mi to 500Mi",
                    "slow memory leak: RSS +{n}MiB/day since last restart",
                    "MemoryError in worker after {n} days without restart",
                ),
            ),
        },
    ),
    "disk_full": RootCauseStory(
        common=(
            "OSError: [Errno 28] No space left on device",
            "write /var/lib/{svc}/tmp/upload-{n}: no space left on device",
            "df: / {pct}% used",
        ),
        scenarios={
            "clean_logs": Scenario(
                0.45,
                (
                    "/var/log/{svc} uses 38G; logrotate last ran {n} days ago",
                    "du -sh /var/log/journal: 21G",
                    "log4j:ERROR Failed to flush writer, java.io.IOException: No space left on device",
                    "debug logging enabled: {n} lines/s to /var/log/{svc}/app.log",
                ),
                extra_context={"platform": "vm"},
            ),
            "expand_volume": Scenario(
                0.35,
                (
                    'PANIC:  could not write to file "pg_wal/xlogtemp.{pid}": No space left on device',
                    "persistentvolumeclaim data-{db}-0 is {pct}% full (capacity 100Gi)",
                    "kafka.log.LogManager: Error while writing to log segment: No space left on device",
                    "table growth {n} GB/week; volume provisioned at 100Gi",
                ),
                extra_context={"stateful": "true"},
            ),
            "prune_node_images": Scenario(
                0.2,
                (
                    "Warning  EvictionThresholdMet  node/{node}  Attempting to reclaim ephemeral-storage",
                    "Node {node} status is now: NodeHasDiskPressure",
                    "kubelet: failed to garbage collect required amount of images. Wanted to free {n} bytes, but freed 0 bytes",
                    "The node was low on resource: ephemeral-storage. Container {svc} was using 12Ki",
                ),
            ),
        },
    ),
    "network_connectivity": RootCauseStory(
        common=(
            "dial tcp {ip}:{port}: connect: connection timed out",
            "java.net.ConnectException: Connection refused (Connection refused)",
            "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
        ),
        scenarios={
            "restore_network_policy": Scenario(
                0.45,
                (
                    "networkpolicy.networking.k8s.io/default-deny-egress configured",
                    "connections from namespace {ns} to {host}:{port} dropped since policy change at {hh}:{mm}",
                    "Security group sg-{hex} rule removed: tcp {port} from 10.0.0.0/16",
                    "iptables: DROP IN=eth0 OUT= SRC={ip} DST={ip} PROTO=TCP DPT={port}",
                ),
            ),
            "drain_node": Scenario(
                0.3,
                (
                    "all failing pods are scheduled on node {node}",
                    "kernel: eth0: NETDEV WATCHDOG: transmit queue 0 timed out",
                    "calico-node: BIRD is not ready: BGP not established with {ip}",
                    "Warning  NetworkNotReady  node/{node}  network is not ready: cni plugin not initialized",
                ),
            ),
            "restart_pods": Scenario(
                0.25,
                (
                    "grpc: addrConn.createTransport failed to connect to {ip}:{port}: stale endpoint after upstream reschedule",
                    "connection pool holds {n} connections to terminated pod IPs",
                    "io.netty.channel.AbstractChannel$AnnotatedConnectException: No route to host: /{ip}:{port}",
                ),
            ),
        },
    ),
    "dns_resolution": RootCauseStory(
        common=(
            "getaddrinfo ENOTFOUND {host}",
            "java.net.UnknownHostException: {host}: Name or service not known",
            "lookup {host} on 10.96.0.10:53: server misbehaving",
        ),
        scenarios={
            "restart_coredns": Scenario(
                0.4,
                (
                    "[ERROR] plugin/errors: 2 {host}. A: read udp {ip}:{port}->{ip}:53: i/o timeout",
                    "coredns-{hex} 0/1 CrashLoopBackOff",
                    "[WARNING] plugin/kubernetes: Kubernetes API connection failure",
                    "dns lookups failing for every service in the cluster since {hh}:{mm}",
                ),
            ),
            "fix_dns_record": Scenario(
                0.35,
                (
                    "dig {host}: status NXDOMAIN",
                    "record {host} CNAME removed in zone change #{n}",
                    "only {host} fails to resolve; other names resolve normally",
                    "ExternalName service {svc}-upstream points to decommissioned host",
                ),
            ),
            "restart_pods": Scenario(
                0.25,
                (
                    "JVM DNS cache: networkaddress.cache.ttl=-1 caches {host} -> {ip} forever",
                    "clients still connect to old address {ip} after DNS change",
                    "{host} resolves correctly from a debug pod but not inside {svc}",
                ),
            ),
        },
    ),
    "tls_certificate": RootCauseStory(
        common=(
            "x509: certificate signed by unknown authority",
            "javax.net.ssl.SSLHandshakeException: PKIX path building failed",
            "SSL routines:ssl3_read_bytes:sslv3 alert certificate expired",
        ),
        scenarios={
            "renew_certificate": Scenario(
                0.65,
                (
                    "x509: certificate has expired or is not yet valid: current time 2024-06-11T{hh}:{mm}:00Z is after 2024-06-10T23:59:59Z",
                    "cert-manager: Failed to renew certificate {svc}-tls: ACME order failed",
                    "notAfter=Jun 10 23:59:59 2024 GMT",
                    "certificate {svc}-tls expired {n} hours ago",
                ),
            ),
            "update_ca_bundle": Scenario(
                0.35,
                (
                    "unable to get local issuer certificate",
                    'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "Internal CA G2")',
                    "new intermediate CA rolled out by security team; clients missing it in trust store",
                    "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate",
                ),
            ),
        },
    ),
    "upstream_timeout": RootCauseStory(
        common=(
            "upstream request timeout",
            "504 Gateway Time-out",
            "context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
        ),
        scenarios={
            "scale_out": Scenario(
                0.35,
                (
                    "upstream {svc}: all {n} replicas at 95% CPU",
                    "queueing in {svc}: pending requests {n}",
                    "p99 latency rises with request rate; {n} req/s",
                ),
            ),
            "tune_upstream_timeout": Scenario(
                0.25,
                (
                    "upstream p99 {ms}ms exceeds route timeout 1000ms; upstream healthy",
                    "report export takes {n}s by design; gateway timeout 30s",
                    "envoy: upstream_rq_timeout on route /reports/export",
                ),
            ),
            "recycle_connection_pool": Scenario(
                0.2,
                (
                    "Timeout waiting for connection from pool",
                    "pool exhausted: {n}/{n} connections in use, leaked connections suspected",
                    "HikariPool-1 - Connection leak detection triggered for connection",
                ),
            ),
            "rollback_deployment": Scenario(
                0.2,
                (
                    "latency regression after deploy v{ver}: N+1 query on /orders",
                    "Deployed {svc} version v{ver} (rollout revision {n})",
                    "slow query introduced in release v{ver}: {ms}ms per call",
                ),
                recent_deploy=0.9,
            ),
        },
    ),
    "rate_limited": RootCauseStory(
        common=(
            "HTTP 429 Too Many Requests",
            "rate limit exceeded",
            "Retry-After: {n}",
        ),
        scenarios={
            "back_off_clients": Scenario(
                0.6,
                (
                    "retry storm: {n} retries/s without backoff to {host}",
                    "client retries immediately on 429; no jitter configured",
                    "batch job {svc}-sync fires {n} concurrent requests at provider API",
                ),
            ),
            "request_quota_increase": Scenario(
                0.4,
                (
                    "ThrottlingException: Rate exceeded (Service: AmazonDynamoDBv2; Status Code: 400)",
                    "quota 'Requests per minute' {n} reached; traffic grew {pct}% this quarter",
                    "provider quota reached at normal organic traffic",
                ),
            ),
        },
    ),
    "auth_failure": RootCauseStory(
        common=(
            "401 Unauthorized",
            'FATAL:  password authentication failed for user "{svc}"',
            "AccessDenied: The security token included in the request is invalid",
        ),
        scenarios={
            "rotate_credentials": Scenario(
                0.4,
                (
                    "secret {svc}-db-credentials leaked in public repository; credential revoked",
                    "credential expired: password valid until 2024-06-10",
                    "InvalidClientTokenId: The security token included in the request is expired",
                ),
            ),
            "restart_pods": Scenario(
                0.35,
                (
                    "secret {svc}-db-credentials updated {n} minutes ago; pods started before update",
                    "pods still use old password after Vault rotation; env vars loaded at start",
                    "mounted secret changed but process reads it only at startup",
                ),
            ),
            "fix_clock_skew": Scenario(
                0.25,
                (
                    "jwt: token used before issued (iat in the future)",
                    "Clock skew too great (krb5): KRB_AP_ERR_SKEW",
                    "chronyd: System clock wrong by {n}.{n} seconds",
                    "NotBeforeError: jwt not active",
                ),
            ),
        },
    ),
    "config_error": RootCauseStory(
        common=(
            "invalid configuration",
            "Error: failed to load config: yaml: line {n}: did not find expected key",
            "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'payment.url'",
        ),
        scenarios={
            "revert_config": Scenario(
                0.65,
                (
                    "configmap/{svc}-config configured",
                    "config change #{n} merged by {user} at {hh}:{mm}",
                    "feature toggle file edited in ops repo; no code change",
                    "KeyError: 'DATABASE_URL' after environment variable rename",
                ),
            ),
            "rollback_deployment": Scenario(
                0.35,
                (
                    "Deployed {svc} version v{ver} (rollout revision {n})",
                    "release v{ver} ships new default config with wrong upstream URL",
                    "config schema changed in release v{ver}",
                ),
                recent_deploy=0.9,
            ),
        },
    ),
    "code_regression": RootCauseStory(
        common=(
            "NullPointerException at com.shop.{svc}.OrderService.total(OrderService.java:{n})",
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "panic: runtime error: invalid memory address or nil pointer dereference",
        ),
        scenarios={
            "rollback_deployment": Scenario(
                0.5,
                (
                    "Deployed {svc} version v{ver} (rollout revision {n})",
                    "error rate rose from 0.1% to {pct}% within 5 minutes of rollout",
                    "errors only on pods running image {svc}:v{ver}",
                ),
                recent_deploy=0.95,
            ),
            "disable_feature_flag": Scenario(
                0.3,
                (
                    "feature flag new-pricing-engine enabled for {pct}% of users at {hh}:{mm}",
                    "stack trace passes through NewPricingEngine.apply (flag new-pricing-engine)",
                    "errors only for users in the new-checkout-flow experiment",
                ),
            ),
            "open_code_fix_ticket": Scenario(
                0.2,
                (
                    "bug present since v{ver} released {n} days ago; rollback not possible",
                    "edge case: orders with zero items crash the invoice job",
                    "error affects {n} requests/day; workaround available",
                ),
                recent_deploy=0.05,
            ),
        },
    ),
    "schema_migration": RootCauseStory(
        common=(
            'ERROR:  column "{col}" does not exist',
            "alembic.util.exc.CommandError: Can't locate revision identified by '{hex}'",
            "org.flywaydb.core.api.FlywayException: Validate failed: Migrations have failed validation",
        ),
        scenarios={
            "rollback_schema_migration": Scenario(
                0.35,
                (
                    'migration {hex} dropped column "{col}" still read by old pods',
                    'ERROR:  relation "orders_v2" does not exist; migration half-applied',
                    "migration locked table orders for {n}s; writes failing",
                ),
            ),
            "apply_pending_migration": Scenario(
                0.4,
                (
                    "alembic current: {hex} (head is {hex}); migration job did not run",
                    "pre-upgrade hook migrate-{svc} skipped",
                    'new code expects column "{col}"; migration pending',
                ),
                recent_deploy=0.9,
            ),
            "open_code_fix_ticket": Scenario(
                0.25,
                (
                    'ORM model and migration disagree on column "{col}" type',
                    "migration {hex} is not reversible and fails on existing data",
                    "duplicate key value violates unique constraint created by migration {hex}",
                ),
            ),
        },
    ),
    "crash_loop": RootCauseStory(
        common=(
            "Back-off restarting failed container {svc} in pod {pod}",
            "Warning  BackOff  pod/{pod}  Back-off restarting failed container",
            "{pod} 0/1 CrashLoopBackOff {n} restarts",
        ),
        scenarios={
            "rollback_deployment": Scenario(
                0.35,
                (
                    "Deployed {svc} version v{ver} (rollout revision {n})",
                    "Error: Cannot find module '/app/dist/server.js'",
                    "exec /app/{svc}: exec format error",
                    "crash started with image {svc}:v{ver}",
                ),
                recent_deploy=0.9,
            ),
            "revert_config": Scenario(
                0.25,
                (
                    "configmap/{svc}-config configured",
                    'panic: parse config: invalid duration "30"',
                    "Error: missing required env var PAYMENT_API_URL",
                ),
            ),
            "tune_liveness_probe": Scenario(
                0.25,
                (
                    'Liveness probe failed: Get "http://{ip}:8080/healthz": context deadline exceeded',
                    "Killing container {svc}: failed liveness probe, will be restarted",
                    "application started in {n} seconds; liveness initialDelaySeconds 10",
                ),
            ),
            "capture_diagnostics": Scenario(
                0.15,
                (
                    "Exit Code: 1 with no output in current logs",
                    "container exits immediately; previous logs empty",
                    "Error: unknown error, exit status 2",
                ),
            ),
        },
    ),
    "image_pull": RootCauseStory(
        common=(
            "Warning  Failed  pod/{pod}  Error: ErrImagePull",
            'Back-off pulling image "{registry}/{svc}:{tag}"',
            "{pod} 0/1 ImagePullBackOff",
        ),
        scenarios={
            "fix_image_tag": Scenario(
                0.55,
                (
                    'Failed to pull image "{registry}/{svc}:{tag}": rpc error: code = NotFound desc = manifest unknown',
                    "{registry}/{svc}:{tag}: not found",
                    "tag {tag} was never pushed; CI job failed before push",
                ),
                recent_deploy=0.9,
            ),
            "fix_registry_secret": Scenario(
                0.45,
                (
                    "pull access denied for {registry}/{svc}, repository does not exist or may require 'docker login'",
                    "failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized",
                    "imagePullSecrets regcred not found in namespace {ns}",
                ),
            ),
        },
    ),
    "resource_saturation": RootCauseStory(
        common=(
            "CPU throttling {pct}% for container {svc}",
            "load average: {n}.{n}, {n}.{n}, {n}.{n}",
            "thread pool exhausted: {n} active, queue full",
        ),
        scenarios={
            "scale_out": Scenario(
                0.45,
                (
                    "request rate {n}/s, 3x the usual for this hour",
                    "all {n} replicas above 90% CPU",
                    "traffic spike after newsletter send",
                ),
            ),
            "enable_autoscaling": Scenario(
                0.3,
                (
                    "daily peak saturates fixed replica count {n}",
                    "no HorizontalPodAutoscaler for deployment {svc}",
                    "CPU saturation every weekday 09:00-11:00",
                ),
            ),
            "terminate_runaway_queries": Scenario(
                0.25,
                (
                    "database CPU 100%: query running for {n} minutes",
                    "pg_stat_activity: {n} active queries on reporting view, oldest 47 min",
                    "LOG:  duration: {ms}.{n} ms  statement: SELECT * FROM orders o JOIN line_items",
                ),
                extra_context={"database": "postgresql"},
            ),
        },
    ),
    "queue_backlog": RootCauseStory(
        common=(
            "consumer lag {n} messages on topic orders",
            "queue depth {n} and growing",
            "messages older than {n} minutes in queue",
        ),
        scenarios={
            "scale_consumers": Scenario(
                0.5,
                (
                    "consumer group {svc}-workers: 3 consumers for 24 partitions",
                    "produce rate {n}/s exceeds consume rate",
                    "all consumers busy; processing time per message {ms}ms",
                ),
            ),
            "drain_dead_letter_queue": Scenario(
                0.3,
                (
                    "message {hex} redelivered {n} times; poison message blocks partition",
                    "x-death count exceeded; {n} messages routed to orders.dlq",
                    "JsonParseException: Unexpected character at message offset {n}",
                ),
            ),
            "restart_pods": Scenario(
                0.2,
                (
                    "consumer stuck: no poll() for {n}s, max.poll.interval.ms exceeded",
                    "Attempt to heartbeat failed since group is rebalancing",
                    "worker thread deadlocked; consumers alive but idle",
                ),
            ),
        },
    ),
}

NOISE = (
    "INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http)",
    '{ip} - - [11/Jun/2024:{hh}:{mm}:07 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
    'level=info msg="request completed" method=GET path=/api/v1/items status=200 duration={ms}ms',
    'INFO:     {ip}:{port} - "GET /metrics HTTP/1.1" 200 OK',
    "Normal  Pulled  pod/{pod}  Container image already present on machine",
    "DEBUG cache hit ratio 0.{n}",
    'Started GET "/api/orders" for {ip} at 2024-06-11 {hh}:{mm}:12 +0000',
    "info: Microsoft.Hosting.Lifetime[0] Application started. Press Ctrl+C to shut down.",
    "[{hh}:{mm}:44] INFO scheduler: job cleanup-sessions finished in {ms}ms",
    "kafka.coordinator.group.GroupCoordinator: Preparing to rebalance group analytics",
)

_USERS = ("alice", "bob", "chen", "dana", "eve", "farid")
_COLUMNS = ("customer_ref", "total_cents", "shipping_code", "tax_region")
_REGISTRIES = ("registry.example.com", "ghcr.io/acme", "123456789012.dkr.ecr.eu-west-1.amazonaws.com")


def _fill(template: str, rng: random.Random, service: str) -> str:
    values = {
        "n": str(rng.randint(2, 900)),
        "ms": str(rng.randint(120, 30000)),
        "pct": str(rng.randint(86, 99)),
        "pid": str(rng.randint(1000, 65000)),
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "port": str(rng.choice((443, 5432, 6379, 8080, 9092, 50051))),
        "ver": f"{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
        "hex": f"{rng.getrandbits(48):012x}",
        "hh": f"{rng.randint(0, 23):02d}",
        "mm": f"{rng.randint(0, 59):02d}",
        "svc": service,
        "pod": f"{service}-{rng.getrandbits(32):08x}-{rng.getrandbits(20):05x}",
        "node": f"ip-10-0-{rng.randint(0, 255)}-{rng.randint(1, 254)}.ec2.internal",
        "db": rng.choice(("orders-db", "pg-main", "accounts-pg")),
        "host": rng.choice(
            ("payments.internal", "api.stripe.com", "inventory.svc.cluster.local", "auth.example.com")
        ),
        "ns": rng.choice(("shop", "payments", "platform")),
        "user": rng.choice(_USERS),
        "col": rng.choice(_COLUMNS),
        "registry": rng.choice(_REGISTRIES),
        "tag": f"v{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
    }
    return template.format(**values)


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([name for name, _ in options], weights=[w for _, w in options])[0]


def _template_of(line: str) -> str:
    """A Drain-like template: variable tokens (anything with a digit) become <*>."""
    return " ".join("<*>" if any(c.isdigit() for c in token) else token for token in line.split())


def generate(seed: int = SEED, per_root_cause: int = INCIDENTS_PER_ROOT_CAUSE) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    incident_number = 0
    for root_cause in ROOT_CAUSES:
        story = STORIES[root_cause]
        actions = tuple(story.scenarios)
        weights = [story.scenarios[a].weight for a in actions]
        for _ in range(per_root_cause):
            incident_number += 1
            signalled = rng.choices(actions, weights=weights)[0]
            scenario = story.scenarios[signalled]
            service, language = rng.choice(SERVICES)
            signal_count = min(len(scenario.signals), rng.randint(1, 3))
            signal_lines = rng.sample(scenario.signals, signal_count)
            others = [a for a in actions if a != signalled]
            if others and rng.random() < 0.2:
                signal_lines.append(rng.choice(story.scenarios[rng.choice(others)].signals))
            common_lines = [_fill(line, rng, service) for line in rng.sample(story.common, rng.randint(1, 2))]
            signal_lines = [_fill(line, rng, service) for line in signal_lines]
            noise_lines = [_fill(line, rng, service) for line in rng.sample(NOISE, rng.randint(1, 4))]
            lines = [*common_lines, *signal_lines, *noise_lines]
            rng.shuffle(lines)
            context = {
                "platform": _weighted(rng, PLATFORMS),
                "environment": _weighted(rng, ENVIRONMENTS),
                "language": language,
                "recent_deploy": "true" if rng.random() < scenario.recent_deploy else "false",
                **scenario.extra_context,
            }
            resolved_by = signalled
            if others and rng.random() < 0.08:
                resolved_by = rng.choice(others)
            base = {
                "incident_id": f"inc-{incident_number:04d}",
                "root_cause": root_cause,
                "service": service,
                "context": context,
                "lines": lines,
                "key_templates": sorted({_template_of(line) for line in (*common_lines, *signal_lines)}),
            }
            failed_options = [a for a in actions if a != resolved_by]
            if failed_options and rng.random() < 0.3:
                rows.append({**base, "action": rng.choice(failed_options), "succeeded": False})
            rows.append({**base, "action": resolved_by, "succeeded": True})
    return rows


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(row, sort_keys=True) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    rows = generate()
    args.output.write_text(render(rows))
    print(f"wrote {len(rows)} rows ({sum(r['succeeded'] for r in rows)} resolutions) to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
