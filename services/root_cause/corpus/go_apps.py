"""Go services: logrus key=value lines, the standard logger, zap JSON, panics with goroutine dumps."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import GO, Family

FAMILIES = (
    Family(
        "go.dns_lookup_timeout",
        "dns_resolution",
        GO,
        (
            # Hard case: the resolver timed out, so the line says "i/o timeout" but the cause is DNS.
            (
                'E failed to call {svc2}: Get "http://{domain}:{port}{path}": dial tcp: lookup {domain} on '
                "10.96.0.10:53: read udp {ip}:{eport}->10.96.0.10:53: i/o timeout",
                "E rpc error: code = Unavailable desc = name resolver error: produced zero addresses",
                "E dial tcp: lookup {domain} on 10.96.0.10:53: no such host",
            ),
            "?W retrying request to {svc2} in {sec}s",
            "?E health check of dependency {svc2} failed: lookup {domain}: server misbehaving",
        ),
    ),
    Family(
        "go.nil_pointer_panic",
        "code_regression",
        GO,
        (
            "?I starting {svc} version={version} commit={commit}",
            (
                "F panic: runtime error: invalid memory address or nil pointer dereference",
                "F panic: runtime error: index out of range [3] with length 3",
                "F panic: assignment to entry in nil map",
            ),
            "?|[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x{hex}]",
            "|",
            "|goroutine {n} [running]:",
            "|github.com/acme/{svc}/internal/{func}.(*Handler).ServeHTTP(0xc000{hex}, {{0x{hex}, 0xc0001a2000}})",
            "|\t/src/internal/{func}/handler.go:{line} +0x{n}",
            "|net/http.serverHandler.ServeHTTP({{0xc00012e0f0?}}, {{0x{hex}?, 0xc0001a2000?}}, 0x6?)",
            "|\t/usr/local/go/src/net/http/server.go:3137 +0x8e",
        ),
    ),
    Family(
        "go.runtime_oom",
        "out_of_memory",
        GO,
        (
            "F fatal error: runtime: out of memory",
            "|",
            "|runtime stack:",
            "|runtime.throw({{0x{hex}?, 0x{n}?}})",
            "|\t/usr/local/go/src/runtime/panic.go:1077 +0x5c",
            "|runtime.sysMap(0xc{hex}, 0x{hex}, 0x{hex}?)",
            "?|goroutine {n} [running]:",
            "?|github.com/acme/{svc}/internal/cache.(*LRU).Add(...)",
        ),
    ),
    Family(
        "go.context_deadline",
        "upstream_timeout",
        GO,
        (
            (
                'E request to {svc2} failed: Post "http://{svc2}:{port}{path}": context deadline exceeded '
                "(Client.Timeout exceeded while awaiting headers)",
                "E rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                "E upstream {svc2} did not respond within {ms}ms: net/http: request canceled",
            ),
            "?W circuit breaker {svc2} state changed from closed to open",
            "?E handler {path} returned 504 after {bigms}ms",
        ),
    ),
    Family(
        "go.connection_refused_pg",
        "database_unavailable",
        GO,
        (
            (
                "E failed to connect to `host={dbhost} user={dbuser} database={db}`: dial error (dial tcp {ip}:5432: "
                "connect: connection refused)",
                "E pq: the database system is in recovery mode",
                "E Error 2003 (HY000): Can't connect to MySQL server on '{dbhost}:3306' (111)",
            ),
            "?W database ping failed, retrying in {sec}s",
            "?F could not initialise repository: database unavailable after {count} attempts",
        ),
    ),
    Family(
        "go.x509",
        "tls_certificate",
        GO,
        (
            (
                'E Post "https://{ext}{path}": x509: certificate has expired or is not yet valid: current time '
                "{iso} is after {date}",
                "E tls: failed to verify certificate: x509: certificate signed by unknown authority",
                "E http: TLS handshake error from {ip}:{eport}: remote error: tls: bad certificate",
                "E x509: certificate is valid for {cn}, not {svc2}.{ns}.svc",
            ),
            "?W giving up on webhook delivery to {ext} after 3 attempts",
        ),
    ),
    Family(
        "go.no_route_host",
        "network_connectivity",
        GO,
        (
            (
                "E dial tcp {ip}:{port}: connect: no route to host",
                "E read tcp {ip}:{eport}->{ip2}:{port}: read: connection reset by peer",
                "E dial tcp {ip}:{port}: connect: network is unreachable",
                "E write tcp {ip}:{eport}->{ip2}:{port}: write: broken pipe",
            ),
            "?W endpoint {ip2}:{port} marked unreachable, {count} consecutive failures",
            "?E grpc: addrConn.createTransport failed to connect to {{{ip}:{port} <nil> 0 <nil>}}. Err: "
            'connection error: desc = "transport: Error while dialing: dial tcp {ip}:{port}: i/o timeout"',
        ),
    ),
    Family(
        "go.too_many_open_files",
        "resource_saturation",
        GO,
        (
            (
                "E http: Accept error: accept tcp [::]:{port}: accept4: too many open files; retrying in 1s",
                "E dial tcp {ip}:{port}: socket: too many open files",
            ),
            "?W goroutines={big} heap_inuse={mb}MB gc_pause_p99={n}ms",
            "?W worker pool saturated: {count} jobs waiting, 64/64 workers busy",
            "?E open /var/run/{svc}/{hex}.sock: too many open files",
        ),
    ),
    Family(
        "go.config_parse",
        "config_error",
        GO,
        (
            (
                "F failed to load config: yaml: unmarshal errors:\n  line {line}: cannot unmarshal !!str `{sec}s` "
                "into int",
                "F invalid configuration: required key {column} missing value",
                'F env: required environment variable "{column}" is not set',
                "F flag provided but not defined: -{func}",
            ),
            "?|exit status 1",
            "?I usage: {svc} [flags]",
        ),
    ),
    Family(
        "go.sarama_lag",
        "queue_backlog",
        GO,
        (
            "W consumer group {group} lag on {topic}/{partition} is {lag} messages (threshold 100000)",
            "?W processing is falling behind: oldest unprocessed message is {bigms}ms old",
            "?I committed offset {big} for {topic}/{partition}",
            "W backlog growing on {topic}: produced {big}/min, consumed {n}/min",
        ),
    ),
    Family(
        "go.github_rate_limit",
        "rate_limited",
        GO,
        (
            (
                "E GET https://{ext}{path}: 403 API rate limit exceeded for installation ID {n}. [rate reset in {sec}m]",
                "E googleapi: Error 429: Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'",
                "E received 429 from {svc2}, X-RateLimit-Remaining: 0",
            ),
            "?W rate limited, sleeping until reset",
        ),
    ),
)
