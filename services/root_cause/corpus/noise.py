"""Background lines that surround the signal in a real excerpt, per log style.

DISTRACTORS are benign lines that contain the surface keywords of other root causes
("timeout", "retry", "certificate", "disk", "memory", "connection"), so that the model has
to learn from the failure itself, not from a word that also appears on a healthy day.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

APP = (
    "I Started {svc} in {dur} seconds (process running for {dur})",
    "I {method} {path} completed 200 in {n}ms",
    "I request finished method={method} path={path} status=200 duration_ms={n}",
    "D cache hit for key product:{n}",
    "D cache miss for key session:{hex}, loading from backend",
    "I scheduled job {func} finished in {n}ms",
    "I processed batch of {count} events",
    "D outgoing request {method} http://{svc2}:{port}{path} -> 200",
    "I user {user} logged in",
    "I feature flag new_checkout_flow=false for tenant {n}",
    "I heartbeat ok",
    "D GC pause {n}ms",
    "I refreshed configuration from /etc/{svc}/config.yaml (no changes)",
    "I metrics flushed: {count} series",
    "I order {uuid} state changed to CONFIRMED",
    "D span {hex} finished",
    "I consumer assigned partitions [{topic}-{partition}]",
    "W slow request {method} {path} took {n}ms",
    "I health check passed",
    "D acquired lock reconcile-{n}",
    "I sent email notification to customer {n}",
    "I Completed initialization in {n} ms",
    "D Returning cached instance of singleton bean '{func}'",
    "I Tomcat started on port(s): {port} (http) with context path ''",
    "I Listening at: http://0.0.0.0:{port} ({pid})",
    "I Booting worker with pid: {pid}",
    "I request_id={reqid} {method} {path} 200 {n}ms",
    "D decoded {count} records from payload",
)

DISTRACTORS = (
    "I HTTP client configured: connect_timeout={sec}s read_timeout={sec}s retries=3",
    "I retrying idempotent request {method} {path} (attempt 1/3) after transient 503",
    "D TLS handshake completed with {svc2}:{port} (TLSv1.3, TLS_AES_128_GCM_SHA256)",
    "I certificate for {cn} valid until {date}",
    "I disk usage {mount}: 41% used",
    "I memory usage: heap {n}MB / {mb}MB",
    "I connection pool stats: total=20 active={count} idle=8 waiting=0",
    "D DNS lookup {domain} -> {ip} ({n}ms)",
    "I rate limiter initialised: {limit} requests/minute per client",
    "I token refreshed for client {svc}, expires in 3600s",
    "I migrations up to date, nothing to apply",
    "I kafka producer connected to broker {ip}:9092",
    "D redis ping ok ({n}ms)",
    "I database connection established to {dbhost}:5432",
    "W retry budget at 80% for upstream {svc2}",
    "I autoscaler: current replicas 4, desired 4",
    "I queue {queue} depth 12",
    "I deploy {svc} version {version} rolled out successfully",
    "W request to {svc2} took {n}ms (threshold 500ms)",
    "I CPU usage 34%",
    "D timeout set to {ms}ms for call {func}",
)

K8S_EVENTS = (
    "I Scheduled            pod/{pod}   Successfully assigned {ns}/{pod} to {node}",
    'I Pulled               pod/{pod}   Container image "{image}:{tag}" already present on machine',
    "I Created              pod/{pod}   Created container {container}",
    "I Started              pod/{pod}   Started container {container}",
    "I ScalingReplicaSet    deployment/{svc}   Scaled up replica set {svc}-{hex} to 3",
    "I SuccessfulCreate     replicaset/{svc}-{hex}   Created pod: {pod}",
    "I Killing              pod/{pod2}   Stopping container {container}",
    "I SuccessfulRescale    horizontalpodautoscaler/{svc}   New size: 3; reason: All metrics below target",
    "I NoPods               poddisruptionbudget/{svc}   No matching pods found",
)

KUBELET = (
    'I kubelet.go:2470] "SyncLoop (PLEG): event for pod" pod="{ns}/{pod}" event=ContainerStarted',
    'I kubelet_pods.go:1082] "Clean up probes for terminated pods"',
    'I reconciler_common.go:258] "operationExecutor.VerifyControllerAttachedVolume started" pod="{ns}/{pod}"',
    'I prober.go:107] "Probe succeeded" probeType="Readiness" pod="{ns}/{pod}"',
    'I kuberuntime_manager.go:1021] "Creating container in pod" containerName="{container}"',
    'I scope.go:117] "RemoveContainer" containerID="containerd://{sha}"',
)

JOURNALD = (
    "I systemd[1]: Started Session {n} of user ubuntu.",
    "I systemd[1]: Starting Daily apt upgrade and clean activities...",
    "I CRON[{pid}]: (root) CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily ))",
    "I sshd[{pid}]: Accepted publickey for ubuntu from {ip} port {eport} ssh2",
    "I systemd-logind[{pid}]: New session {n} of user ubuntu.",
    "I systemd[1]: logrotate.service: Succeeded.",
    "I chronyd[{pid}]: Selected source 169.254.169.123",
    "I kernel: [{n}.{pid}] IPv6: ADDRCONF(NETDEV_CHANGE): veth{hex}: link becomes ready",
)

NGINX_ERROR = (
    "I signal process started",
    'I using the "epoll" event method',
    "I start worker process {pid}",
    "W an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/{n} while reading "
    'upstream, client: {ip}, server: {svc}.acme.io, request: "GET {path} HTTP/1.1"',
    "I *{n} client {ip} closed keepalive connection",
)

ACCESS = (
    'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 200 {n} "-" "{agent}" {dur}',
    'I {ip} - - [{clf}] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
    'I {ip} - - [{clf}] "{method} {path} HTTP/2.0" 304 0 "-" "{agent}"',
    'I [{iso}] "{method} {path} HTTP/1.1" 200 - 0 {n} {n} {n} "{ip}" "{agent}" "{uuid}" '
    '"{svc}.acme.io" "{ip2}:{port}"',
)

ENVOY = (
    "[main] [source/server/server.cc:{n}] all clusters initialized. initializing init manager",
    "[upstream] [source/common/upstream/cds_api_helper.cc:{n}] cds: added/updated {count} cluster(s)",
    "[config] [source/extensions/config_subscription/grpc/grpc_subscription_impl.cc:{n}] lds: add/update listener",
    "[main] [source/server/server.cc:{n}] starting main dispatch loop",
)

POSTGRES = (
    "I checkpoint starting: time",
    "I checkpoint complete: wrote {n} buffers (0.{n}%); 0 WAL file(s) added, 0 removed, 1 recycled",
    'I automatic vacuum of table "{db}.public.{table}": index scans: 1',
    "I duration: {dur} ms  statement: SELECT 1",
    "I connection received: host={ip} port={eport}",
    "I connection authorized: user={dbuser} database={db} application_name={svc}",
)

MYSQL = (
    "I [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: "
    "'/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
    "I [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060",
    "W [MY-010068] [Server] CA certificate ca.pem is self signed.",
    "I [MY-013602] [Server] Channel mysql_main configured to support TLS.",
)

REDIS = (
    "I DB saved on disk",
    "I Background saving started by pid {pid}",
    "I Background saving terminated with success",
    "I {count} changes in 60 seconds. Saving...",
    "I Ready to accept connections tcp",
)

KAFKA = (
    "I [ProducerStateManager partition={topic}-{partition}] Wrote producer snapshot at offset {big} "
    "(kafka.log.ProducerStateManager)",
    "I [LocalLog partition={topic}-{partition}, dir=/var/lib/kafka/data] Rolled new log segment at offset "
    "{big} in {n} ms. (kafka.log.LocalLog)",
    "I [GroupCoordinator 1]: Stabilized group {group} generation {n} (__consumer_offsets-{partition}) with "
    "{count} members (kafka.coordinator.group.GroupCoordinator)",
    "I [Consumer clientId={svc}-{n}, groupId={group}] Setting offset for partition {topic}-{partition} to the "
    "committed offset FetchPosition{{offset={big}}}",
)

RABBITMQ = (
    "I accepting AMQP connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672)",
    "I connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672): user '{svc}' authenticated and granted access "
    "to vhost '{vhost}'",
    "I closing AMQP connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672, vhost: '{vhost}', user: '{svc}')",
    "I Server startup complete; 4 plugins started.",
)

BY_STYLE: dict[str, tuple[str, ...]] = {
    "k8s_events": K8S_EVENTS,
    "kubelet": KUBELET,
    "journald": JOURNALD,
    "nginx_error": NGINX_ERROR,
    "raw": ACCESS,
    "envoy": tuple("I" + " " + line for line in ENVOY),
    "postgres": POSTGRES,
    "mysql": MYSQL,
    "redis": REDIS,
    "kafka": KAFKA,
    "rabbitmq": RABBITMQ,
}

# Styles whose lines a platform around any application can contribute to an excerpt.
SIDE_STYLES = ("k8s_events", "kubelet", "raw", "journald", "envoy")


def pool_for(style: str) -> tuple[str, ...]:
    """The noise a component of this style writes; application styles also log the distractors."""
    if style in BY_STYLE:
        return BY_STYLE[style]
    return APP + DISTRACTORS
