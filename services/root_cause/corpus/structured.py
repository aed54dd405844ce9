"""JSON-structured application logs (ECS, zap, pino, logback JSON), including misleading cases.

Several families here are deliberately hard: the surface words point at one cause
("connection refused", "timeout", "429") while the rest of the excerpt shows another.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import ANY_APP, JAVA, Family

FAMILIES = (
    Family(
        "json.dependency_crash_looping",
        "crash_loop",
        ANY_APP,
        (
            # Hard case: callers see "connection refused", because the dependency keeps restarting.
            "E call to {svc2} failed: connect ECONNREFUSED {ip}:{port}",
            (
                "W dependency {svc2} restarted {restarts} times in the last 10m (CrashLoopBackOff)",
                "W {svc2} pod {pod2} is in CrashLoopBackOff, last exit code {exit}",
                "W {svc2}: container exited with code {exit} shortly after start, restart #{restarts}",
            ),
            "?E call to {svc2} failed: connect ECONNREFUSED {ip}:{port}",
            "?I {svc2} became ready",
            "?W {svc2} is no longer ready (restarting)",
        ),
    ),
    Family(
        "json.grpc_unavailable_restarts",
        "crash_loop",
        ANY_APP,
        (
            'E rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial '
            'tcp {ip}:{port}: connect: connection refused"',
            (
                "W supervisor: process {svc2} exited unexpectedly (exit status {exit}), restarting (attempt {restarts})",
                "W watchdog: {svc2} restarted; uptime before crash {n}s, restart count {restarts}",
            ),
            "?I {svc2} listening on :{port}",
            "?W supervisor: process {svc2} exited unexpectedly (exit status {exit}), restarting",
        ),
    ),
    Family(
        "json.pm2_unstable",
        "crash_loop",
        "node",
        (
            "E PM2 | App [{svc}:0] exited with code [{exit}] via signal [SIGINT]",
            "I PM2 | App [{svc}:0] starting in -fork mode-",
            "?E PM2 | App [{svc}:0] exited with code [{exit}] via signal [SIGINT]",
            'E PM2 | Script /app/server.js had too many unstable restarts ({restarts}). Stopped. "errored"',
        ),
    ),
    Family(
        "json.docker_restart_policy",
        "crash_loop",
        "journald",
        (
            'I dockerd[{pid}]: time="{iso}" level=info msg="ignoring event" container={hex} '
            "module=libcontainerd namespace=moby topic=/tasks/delete",
            "W dockerd[{pid}]: container {svc} ({hex}) exited with code {exit}; restarting due to restart policy "
            "(restart count {restarts})",
            "?W containerd[{pid}]: shim disconnected id={sha}",
            "W dockerd[{pid}]: container {svc} ({hex}) exited with code {exit}; restarting due to restart policy",
        ),
    ),
    Family(
        "json.localhost_misconfig",
        "config_error",
        ANY_APP,
        (
            # Hard case: "connection refused" because the endpoint setting points at localhost.
            "I Using {svc2} endpoint from env {column}_URL=http://localhost:{port}",
            "E Connection refused: localhost/127.0.0.1:{port} calling {svc2}",
            (
                "W Configuration property '{svc}.{svc2}.url' falls back to default 'http://localhost:{port}'",
                "W Profile 'prod' not found, falling back to 'default' configuration",
            ),
            "?E Connection refused: localhost/127.0.0.1:{port} calling {svc2}",
        ),
    ),
    Family(
        "json.feature_flag_bad_value",
        "config_error",
        ANY_APP,
        (
            (
                'E invalid value for setting {column}: expected duration, got "{sec}"',
                'E config reload failed: unknown field "retry_polcy" in /etc/{svc}/settings.json',
                'E configuration error: {column}_TIMEOUT must be a positive integer, got "-1"',
            ),
            "?W keeping last known good configuration (version {n})",
            "?E refusing to start with invalid configuration",
        ),
    ),
    Family(
        "json.retry_after",
        "rate_limited",
        ANY_APP,
        (
            # Hard case: the client logs its retry timeout, the cause is throttling.
            (
                "W {ext} responded 429 Too Many Requests; Retry-After {sec}s",
                "W upstream {svc2} rejected request: quota exceeded for tenant {n} ({limit} req/min)",
                "W request rejected with 429 by the API gateway (usage plan limit {limit}/s)",
            ),
            "?W waiting {sec}s before retry, request timeout budget {ms}ms",
            "E giving up on {ext} after 5 attempts: 429 Too Many Requests",
        ),
    ),
    Family(
        "json.sqs_backlog",
        "queue_backlog",
        ANY_APP,
        (
            (
                "W queue {queue}: ApproximateNumberOfMessagesVisible={big}, ApproximateAgeOfOldestMessage={big}s",
                "W NATS JetStream consumer {group} has {big} pending messages (ack pending {n})",
                "W outbox table {table}_outbox has {big} unsent rows, oldest {bigms}ms",
            ),
            "?W dead-letter queue {queue}-dlq received {count} messages in 5m",
            "W worker throughput {n} msg/s below arrival rate {big} msg/s",
        ),
    ),
    Family(
        "json.deploy_image_pull",
        "image_pull",
        ANY_APP,
        (
            (
                "E Deployment {svc} rollout stuck: pod {pod} in ImagePullBackOff (image {image}:{tag})",
                'E argocd: application {svc} Degraded: Back-off pulling image "{image}:{tag}"',
                "E ECS task stopped: CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                "failed to resolve ref {image}:{tag}: not found",
            ),
            "?W helm upgrade {svc} timed out waiting for the condition",
            "?E registry {image}: unauthorized: authentication required",
        ),
    ),
    Family(
        "json.prisma_missing_column",
        "schema_migration",
        ANY_APP,
        (
            (
                "E PrismaClientKnownRequestError: The column `{table}.{column}` does not exist in the current database. "
                "(code P2022)",
                "E Error: P3009 migrate found failed migrations in the target database: {n}_add_{column}",
                'E QueryFailedError: column "{column}" of relation "{table}" does not exist',
            ),
            "?I deploy {version} started; migration job {svc}-migrate-{commit} still running",
            "?E {method} {path} 500",
        ),
    ),
    Family(
        "json.envoy_dns_cares",
        "dns_resolution",
        ANY_APP,
        (
            # Hard case: c-ares reports a timeout, the failure is name resolution.
            (
                "E DNS resolution failed for cluster {svc2}: c-ares status 12 (Timeout while contacting DNS servers)",
                "E resolver returned NXDOMAIN for {domain}",
                "E lookup {domain}: no such host",
            ),
            "?W cluster {svc2} has no healthy hosts after DNS refresh",
            "?E {method} {path} 503 no healthy upstream",
        ),
    ),
    Family(
        "json.packet_loss",
        "network_connectivity",
        ANY_APP,
        (
            (
                "W packet loss {pct}% to {ip} over the last 60s",
                "W TCP retransmits to {ip2}:{port} at {n}/s",
                "E connect ETIMEDOUT {ip}:{port}",
            ),
            "E connect ETIMEDOUT {ip}:{port}",
            "?W mesh: endpoint {ip}:{port} ejected (5 consecutive connect failures)",
            "?W cross-zone traffic to eu-west-1b failing, VPC peering {hex} unreachable",
        ),
    ),
    Family(
        "json.native_threads_oom",
        "out_of_memory",
        JAVA,
        (
            (
                "E java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource"
                " limits reached",
                "E java.lang.OutOfMemoryError: Metaspace",
                "E java.lang.OutOfMemoryError: Direct buffer memory",
            ),
            "?W container memory usage at {pct}% of limit {mb}Mi",
            "?E io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory",
        ),
    ),
    Family(
        "json.graphql_subgraph_timeout",
        "upstream_timeout",
        ANY_APP,
        (
            (
                "E Subgraph {svc2} request timed out after {ms}ms",
                "E upstream {svc2} timeout: no response within {ms}ms (attempt 2/2)",
                "E 504 Gateway Timeout from {svc2}{path}",
            ),
            "?W {svc2} p99 latency {bigms}ms over SLO",
            "?E {method} {path} failed with GATEWAY_TIMEOUT",
        ),
    ),
    Family(
        "json.oidc_token",
        "auth_failure",
        ANY_APP,
        (
            (
                "E oidc: token is expired (Token Expiry: {iso})",
                'E oauth2: cannot fetch token: 401 Unauthorized Response: {{"error":"invalid_client"}}',
                "E failed to verify id token signature",
                "E service account token rejected by apiserver: Unauthorized",
            ),
            "?W denying request from {svc2}: missing or invalid credentials",
            "?E {method} {path} 401 unauthenticated",
        ),
    ),
    Family(
        "json.mtls_unknown_ca",
        "tls_certificate",
        ANY_APP,
        (
            (
                "E transport: authentication handshake failed: x509: certificate signed by unknown authority (possibly "
                'because of "crypto/rsa: verification error" while trying to verify candidate authority certificate '
                '"{cn}")',
                "E tls: failed to verify certificate: x509: certificate has expired or is not yet valid",
                "E remote error: tls: expired certificate",
            ),
            "?W istio-proxy: workload certificate for spiffe://cluster.local/ns/{ns}/sa/{svc} not rotated",
        ),
    ),
    Family(
        "json.db_failover",
        "database_unavailable",
        ANY_APP,
        (
            (
                "E ERROR: cannot execute INSERT in a read-only transaction",
                "E patroni: no leader for cluster {db}-pg; failover in progress",
                "E pgbouncer: server login failed: FATAL: the database system is in recovery mode",
            ),
            "?W database {db} primary {dbhost} unreachable, waiting for new primary",
            "E could not serve {method} {path}: database unavailable",
        ),
    ),
    Family(
        "json.cpu_throttle",
        "resource_saturation",
        ANY_APP,
        (
            (
                "W container cpu throttled {pct}% of periods (limit 500m)",
                "W thread pool {svc}-io saturated: active={count} max={count} queue={big}",
                "W connection pool exhausted: waited {ms}ms for a connection (max {count})",
            ),
            "?W {method} {path} took {bigms}ms",
            "?W autoscaler at maxReplicas 20, CPU {cpu}%",
        ),
    ),
)

MORE_FAMILIES = (
    Family(
        "json.release_error_spike",
        "code_regression",
        ANY_APP,
        (
            "I rollout of {svc} {version} (commit {commit}) completed",
            (
                "W error rate for {svc} rose from 0.1% to {count}% within 5m of release {version}",
                "E unhandled exception after release {version}: ZeroDivisionError: division by zero",
                "E kotlin.UninitializedPropertyAccessException: lateinit property {func} has not been initialized",
            ),
            "E {method} {path} 500: ValueError: invalid literal for int() with base 10: ''",
            "?E {method} {path} 500: ValueError: invalid literal for int() with base 10: ''",
            "?W previous release {version} had error rate 0.1%",
        ),
    ),
    Family(
        "json.go_recovered_panic",
        "code_regression",
        ANY_APP,
        (
            (
                "E panic recovered: runtime error: slice bounds out of range [:-1]",
                "E panic recovered: interface conversion: interface {{}} is nil, not map[string]interface {{}}",
                "E panic recovered: runtime error: integer divide by zero",
            ),
            "?|goroutine {n} [running]:",
            "?|github.com/acme/{svc}/internal/{func}.parse(...)",
            "E {method} {path} 500 internal error",
        ),
    ),
    Family(
        "json.bullmq_stalled",
        "queue_backlog",
        ANY_APP,
        (
            (
                "W queue {queue}: waiting={big} active={count} delayed={n} failed={n}",
                "W job {queue}:{n} stalled more than allowable limit",
            ),
            "?W {queue} workers at concurrency limit {count}, backlog growing",
            "W oldest waiting job in {queue} is {bigms}ms old",
        ),
    ),
    Family(
        "json.es_flood_stage",
        "disk_full",
        ANY_APP,
        (
            (
                "W flood stage disk watermark [95%] exceeded on [{hex}][{host}][/usr/share/elasticsearch/data] free: "
                "{n}mb[{n}.1%], all indices on this node will be marked read-only",
                "W high disk watermark [90%] exceeded on [{hex}][{host}] free: {n}gb[{n}%], shards will be relocated",
            ),
            "E index [{svc}-logs-2025.{n}] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage "
            "watermark, index has read-only-allow-delete block]",
            "?E failed to index {count} documents: cluster_block_exception",
        ),
    ),
)
