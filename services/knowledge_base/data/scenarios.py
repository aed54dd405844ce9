"""Failure scenarios the seed-incident generator draws from: one per distinct symptom shape.

Placeholders in braces are filled per incident by `generate_incidents.py` (hosts, versions,
numbers), so two incidents of the same scenario read like two occurrences of the same
failure, not like copies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    id: str
    root_cause: str
    title: str
    summary: str
    symptoms: tuple[str, ...]
    resolutions: tuple[str, ...]


def _s(id: str, root_cause: str, title: str, summary: str, symptoms: list[str], resolutions: list[str]):
    return Scenario(id, root_cause, title, summary, tuple(symptoms), tuple(resolutions))


SCENARIOS: tuple[Scenario, ...] = (
    # --- database_unavailable ----------------------------------------------------------------
    _s(
        "ora-no-listener",
        "database_unavailable",
        "{service} cannot reach Oracle: ORA-12541 TNS:no listener",
        "All requests touching the Oracle-backed ledger failed after the listener on {db_host} stopped.",
        [
            "java.sql.SQLRecoverableException: IO Error: ORA-12541: TNS:no listener",
            "{ts} ERROR [{pod}] HikariPool-1 - Exception during pool initialization: ORA-12541",
            "lsnrctl status on {db_host}: TNS-12541: TNS:no listener / TNS-00511: No listener",
        ],
        [
            "Restarted the listener with `lsnrctl start` on {db_host}; the listener had not come back after "
            "the OS patch reboot because the systemd unit was disabled. Enabled the unit and added a "
            "post-patch check that probes port {db_port}.",
            "Failed the application over to the standby via the SCAN address; the primary listener "
            "crashed with a full audit trail directory. Cleaned the directory and added disk alerting.",
        ],
    ),
    _s(
        "ora-unknown-service",
        "database_unavailable",
        "ORA-12514 on {service}: listener does not know of service {db_name}",
        "After the Data Guard switchover the service name was not registered with the listener.",
        [
            "ORA-12514: TNS:listener does not currently know of service requested in connect descriptor",
            "{ts} WARN [{pod}] connection attempt {n} to {db_host}:{db_port}/{db_name} failed",
            "pool {service}-oracle: 0 of {pool} connections available",
        ],
        [
            "Registered the service on the new primary (`ALTER SYSTEM REGISTER`) and started the "
            "role-based service {db_name} that the switchover script had skipped.",
            "Pointed the JDBC URL at the role-based service name instead of the instance SID so it follows "
            "switchovers; added the service start to the switchover runbook.",
        ],
    ),
    _s(
        "pg-admin-shutdown",
        "database_unavailable",
        "SQLSTATE 57P01 errors in {service} during PostgreSQL failover",
        "Connections were terminated by an administrator command while the primary was being replaced.",
        [
            "FATAL: terminating connection due to administrator command (SQLSTATE 57P01)",
            "psycopg.OperationalError: server closed the connection unexpectedly",
            "{ts} ERROR [{pod}] {n} requests failed with 500 in 40s window during maintenance",
        ],
        [
            "The planned failover of {db_host} terminated open sessions. Enabled retry-on-57P01 in the "
            "connection pool and drained traffic before the next maintenance window.",
            "Patroni switched primaries after a failed health check; the app had no reconnect logic. Added "
            "pool pre-ping and a bounded retry for idempotent reads.",
        ],
    ),
    _s(
        "pg-connection-refused",
        "database_unavailable",
        "{service} down: PostgreSQL on {db_host} refusing connections",
        "The database process was not accepting connections after a crash recovery took too long.",
        [
            'psql: error: connection to server at "{db_host}" ({ip}), port 5432 failed: Connection refused',
            "SQLSTATE 08006 connection failure; Is the server running on that host and accepting TCP/IP?",
            "{ts} LOG:  database system was interrupted; last known up at {ts}",
        ],
        [
            "Waited out crash recovery ({minutes} min of WAL replay), then tuned checkpoint_timeout so "
            "recovery stays under five minutes.",
            "The data volume had been detached by a node drain; reattached it and pinned the StatefulSet "
            "with a PodDisruptionBudget.",
        ],
    ),
    _s(
        "mysql-too-many-connections",
        "database_unavailable",
        "MySQL error 1040 Too many connections from {service}",
        "max_connections was reached after a connection leak; new sessions were refused.",
        [
            "ERROR 1040 (HY000): Too many connections",
            "SHOW PROCESSLIST: {conns} sleeping connections from user {service}",
            "{ts} ERROR [{pod}] Could not open JDBC Connection for transaction",
        ],
        [
            "Killed the idle sessions, fixed the leaked connection in the report export path and set "
            "wait_timeout to 300s.",
            "Capped the per-pod pool at {pool} and put ProxySQL in front of the primary.",
        ],
    ),
    _s(
        "mongo-server-selection",
        "database_unavailable",
        "MongoServerSelectionError in {service}: no primary available",
        "The replica set lost its primary and the election did not complete.",
        [
            "MongoServerSelectionError: Server selection timed out after 30000 ms",
            "rs.status(): no PRIMARY; members {db_host}-0 RECOVERING, {db_host}-1 SECONDARY",
            "{ts} ERROR [{pod}] write concern majority could not be satisfied",
        ],
        [
            "Two of three members were in one availability zone that lost power; forced reconfig with the "
            "surviving member and re-added the others after the zone recovered.",
            "A member was stuck in RECOVERING because its oplog fell behind; resynced it from scratch and "
            "raised the oplog size.",
        ],
    ),
    # --- out_of_memory -------------------------------------------------------------------------
    _s(
        "k8s-oomkilled",
        "out_of_memory",
        "{service} pods OOMKilled (exit code 137) under load",
        "Containers exceeded their memory limit and were killed by the kernel.",
        [
            "Last State: Terminated  Reason: OOMKilled  Exit Code: 137",
            "kubectl top pod {pod}: memory {mem}Mi of {limit}Mi limit",
            "{ts} Warning BackOff pod/{pod} Back-off restarting failed container",
        ],
        [
            "Memory grew with the response cache, which had no bound. Capped the cache at 10,000 entries "
            "and raised the limit from {limit}Mi to {limit2}Mi.",
            "A new image-resize endpoint held whole files in memory; switched it to streaming and set "
            "requests equal to limits.",
        ],
    ),
    _s(
        "java-heap-space",
        "out_of_memory",
        "java.lang.OutOfMemoryError: Java heap space in {service}",
        "The JVM ran out of heap while building a large in-memory export.",
        [
            'Exception in thread "http-nio-8080-exec-{n}" java.lang.OutOfMemoryError: Java heap space',
            "GC pause (G1 Evacuation Pause) {ms}ms; heap after GC {pct}% of -Xmx{heap}g",
            "{ts} ERROR [{pod}] request /api/v1/export failed after {ms}ms",
        ],
        [
            "The CSV export loaded every row before writing; switched to a streaming cursor with fetch "
            "size 1000 and added a row cap per request.",
            "Heap dump showed a static map of session objects never evicted; replaced it with a Caffeine "
            "cache with expireAfterAccess.",
        ],
    ),
    _s(
        "java-gc-overhead",
        "out_of_memory",
        "GC overhead limit exceeded on {service}",
        "The JVM spent almost all its time collecting garbage; throughput collapsed before it died.",
        [
            "java.lang.OutOfMemoryError: GC overhead limit exceeded",
            "jstat: FGC count +{n} in 5m, old gen {pct}% after full GC",
            "p99 latency {seconds}s, throughput down {pct}%",
        ],
        [
            "Reduced the batch size of the nightly aggregation from 50k to 5k records and increased -Xmx.",
            "A regex compiled per request churned the heap; precompiled it and the GC time dropped to 2%.",
        ],
    ),
    _s(
        "node-heap-limit",
        "out_of_memory",
        "Node.js process in {service} crashed: JavaScript heap out of memory",
        "V8 hit its heap limit while the service buffered uploads.",
        [
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            "<--- Last few GCs ---> Mark-sweep {mem}.2 (2052.1) -> {mem}.9 (2050.3) MB",
            "{ts} pm2: App [{service}] exited with code [134] via signal [SIGABRT]",
        ],
        [
            "Uploads were collected into a Buffer array; piped them to object storage as streams and set "
            "--max-old-space-size to match the container limit.",
            "An event listener was added per request and never removed; fixed the leak found in the heap "
            "snapshot.",
        ],
    ),
    _s(
        "kernel-oom-killer",
        "out_of_memory",
        "Kernel oom-killer killed {service} worker on {host}",
        "The VM ran out of memory and the kernel OOM killer chose the worker process.",
        [
            "kernel: Out of memory: Killed process {n} ({service}) total-vm:{mem}kB, anon-rss:{mem}kB",
            "kernel: oom-kill:constraint=CONSTRAINT_NONE,task_memcg=/system.slice/{service}.service",
            "systemd[1]: {service}.service: Main process exited, code=killed, status=9/KILL",
        ],
        [
            "A co-located log shipper grew to 6 GB; set MemoryMax on both units so one cannot starve "
            "the other.",
            "Moved the worker to a larger instance type and set vm.overcommit_memory=2.",
        ],
    ),
    _s(
        "python-memoryerror",
        "out_of_memory",
        "MemoryError in {service} pandas job",
        "A batch job loaded a full day of events into one DataFrame.",
        [
            "MemoryError: Unable to allocate {mem}. MiB for an array with shape ({rows},) "
            "and data type object",
            'Traceback (most recent call last): File "etl/daily.py", line {n}, in load_events',
            "{ts} airflow task {service}.daily_rollup failed, try {n} of 3",
        ],
        [
            "Read the parquet files in chunks, used categorical dtypes for the string columns and cut "
            "peak memory by 70%.",
            "Switched the rollup to an incremental hourly job.",
        ],
    ),
    # --- disk_full -----------------------------------------------------------------------------
    _s(
        "enospc-logs",
        "disk_full",
        "No space left on device on {host}: logs filled /var",
        "Verbose debug logging filled the root volume; writes failed everywhere on the host.",
        [
            "OSError: [Errno 28] No space left on device: '/var/log/{service}/app.log'",
            "df -h /var: 100% used ({disk}G of {disk}G)",
            "{ts} ERROR [{service}] failed to write temp file for upload",
        ],
        [
            "Deleted rotated logs, turned debug logging back off and added logrotate with size 500M "
            "and maxage 7.",
            "Moved application logs to stdout so the node's log pipeline owns rotation.",
        ],
    ),
    _s(
        "pg-could-not-extend",
        "disk_full",
        "PostgreSQL on {db_host} out of disk: could not extend file",
        "The database volume filled because WAL piled up behind an inactive replication slot.",
        [
            'ERROR: could not extend file "base/16384/{n}": No space left on device',
            "HINT: Check free disk space.",
            "pg_replication_slots: slot {service}_cdc inactive, restart_lsn {n}/A1000000, {disk}GB retained",
        ],
        [
            "Dropped the abandoned CDC replication slot, which released {disk}GB of WAL, and added "
            "max_slot_wal_keep_size.",
            "Expanded the volume online and added an alert on pg_wal size.",
        ],
    ),
    _s(
        "inode-exhaustion",
        "disk_full",
        "{service} cannot create files although df shows free space (inodes exhausted)",
        "Millions of tiny session files used up every inode on the volume.",
        [
            "No space left on device while df -h shows {pct}% used",
            "df -i /data: IUse% 100%",
            "find /data/sessions -type f | wc -l  ->  {rows}",
        ],
        [
            "Removed expired session files, moved sessions to Redis and added an inode usage alert.",
            "Reformatted the volume with a higher inode ratio and added a cleanup cron.",
        ],
    ),
    _s(
        "kubelet-disk-pressure",
        "disk_full",
        "Pods evicted from {node} with DiskPressure",
        "Image layers and container logs filled the node's ephemeral storage.",
        [
            "Warning Evicted pod/{pod} The node was low on resource: ephemeral-storage",
            "node {node} condition DiskPressure=True; imagefs.available < 15%",
            "/var/lib/containerd at {pct}% used",
        ],
        [
            "Pruned unused images, lowered the image GC thresholds and set ephemeral-storage limits on "
            "the noisy job.",
            "Grew the node root volume from 50 to 120 GB in the node template.",
        ],
    ),
    _s(
        "es-flood-stage",
        "disk_full",
        "Elasticsearch indices read-only: flood stage disk watermark exceeded",
        "A data node crossed the flood-stage watermark and the cluster blocked writes.",
        [
            "flood stage disk watermark [95%] exceeded on [{host}], all indices on this node will be "
            "marked read-only",
            "cluster_block_exception: index [{index}] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded "
            "flood-stage watermark, index has read-only-allow-delete block]",
            "{ts} ERROR [{service}] bulk indexing failed for {n} documents",
        ],
        [
            "Deleted indices past the 30-day retention that ILM had not removed (the policy was not "
            "attached) and cleared index.blocks.read_only_allow_delete.",
            "Added two data nodes and rebalanced shards.",
        ],
    ),
    _s(
        "kafka-log-dir-full",
        "disk_full",
        "Kafka broker {n} offline: log directory full",
        "A topic without retention limits filled a broker's log directory.",
        [
            "ERROR Error while writing to checkpoint file /var/lib/kafka/data "
            "(kafka.server.LogDirFailureChannel)",
            "java.io.IOException: No space left on device",
            "Broker {n} marked log dir /var/lib/kafka/data offline; partitions under-replicated: {n}",
        ],
        [
            "Set retention.bytes on the {topic} topic, deleted old segments and restarted the broker.",
            "Added tiered storage for the audit topics.",
        ],
    ),
    # --- network_connectivity ------------------------------------------------------------------
    _s(
        "no-route-to-host",
        "network_connectivity",
        "{service} cannot reach {upstream}: no route to host",
        "A route table change removed the path to the peered VPC.",
        [
            "dial tcp {ip}:443: connect: no route to host",
            "traceroute to {ip}: * * * after hop 2",
            "{ts} ERROR [{pod}] upstream {upstream} unreachable",
        ],
        [
            "A Terraform apply replaced the route table without the peering route; restored the route "
            "and added it to the module.",
            "Re-attached the transit gateway route that a cleanup script had deleted.",
        ],
    ),
    _s(
        "connection-reset",
        "network_connectivity",
        "Intermittent connection reset by peer between {service} and {upstream}",
        "An idle-timeout on the load balancer closed pooled keep-alive connections.",
        [
            "java.net.SocketException: Connection reset",
            "ECONNRESET: socket hang up",
            "errors cluster at requests reusing connections idle > 350s",
        ],
        [
            "The NAT gateway dropped idle flows after 350s while the client pool kept them for 600s; "
            "set the pool's idle timeout to 300s.",
            "Enabled TCP keepalive at 60s on the client.",
        ],
    ),
    _s(
        "networkpolicy-egress",
        "network_connectivity",
        "NetworkPolicy blocked egress from {service} to {upstream}",
        "A new default-deny policy in namespace {ns} dropped traffic to the database namespace.",
        [
            "dial tcp {ip}:5432: i/o timeout",
            "kubectl exec {pod} -- nc -zv {db_host} 5432: timed out",
            "calico: policy default-deny-egress denied packet",
        ],
        [
            "Added an egress rule for port 5432 to the database namespace and a CI test that runs "
            "connectivity checks against new policies.",
            "Rolled back the default-deny policy until every service's egress was listed.",
        ],
    ),
    _s(
        "mtu-mismatch",
        "network_connectivity",
        "Large responses hang between {service} and {upstream} (MTU mismatch)",
        "Path MTU discovery was blocked, so packets above 1400 bytes were silently dropped.",
        [
            "small requests succeed, responses over ~1.4 KB time out",
            "tcpdump: retransmissions of 1500-byte segments, no ICMP fragmentation-needed received",
            "{ts} WARN [{pod}] TLS handshake timeout to {upstream}",
        ],
        [
            "The VPN tunnel had MTU 1400; set the pod network MTU to 1350 and allowed ICMP type 3 code 4.",
            "Enabled MSS clamping on the tunnel endpoints.",
        ],
    ),
    _s(
        "conntrack-full",
        "network_connectivity",
        "nf_conntrack table full on {node}, packets dropped",
        "Connection tracking table exhausted on a busy node; new connections failed randomly.",
        [
            "kernel: nf_conntrack: nf_conntrack: table full, dropping packet",
            "conntrack -C: {conns} (max {conns})",
            "random timeouts for pods on {node} only",
        ],
        [
            "Raised net.netfilter.nf_conntrack_max and cut the TIME_WAIT churn by enabling keep-alive "
            "in the client library.",
            "Spread the chatty DaemonSet and lowered nf_conntrack_tcp_timeout_established.",
        ],
    ),
    _s(
        "security-group-change",
        "network_connectivity",
        "Security group change cut {service} off from Redis",
        "An ingress rule was removed from the cache cluster's security group.",
        [
            "redis.exceptions.ConnectionError: Error 110 connecting to {db_host}:6379. Connection timed out.",
            "VPC flow logs: REJECT {ip} -> {ip}:6379",
            "{ts} ERROR [{pod}] session lookup failed",
        ],
        [
            "Restored the ingress rule and moved the security group into the service's Terraform so "
            "drift is visible.",
            "Replaced CIDR-based rules with security-group references.",
        ],
    ),
    # --- dns_resolution ------------------------------------------------------------------------
    _s(
        "enotfound",
        "dns_resolution",
        "getaddrinfo ENOTFOUND {upstream_host} in {service}",
        "The service could not resolve its dependency after the DNS record was deleted.",
        [
            "Error: getaddrinfo ENOTFOUND {upstream_host}",
            "dig {upstream_host}: status NXDOMAIN",
            "{ts} ERROR [{pod}] failed to call {upstream}",
        ],
        [
            "A zone cleanup removed the CNAME; restored it from the DNS-as-code repository and added "
            "a synthetic probe for the name.",
            "The record moved to a new zone; updated the configured hostname.",
        ],
    ),
    _s(
        "temporary-failure-resolution",
        "dns_resolution",
        "Temporary failure in name resolution on {service} pods",
        "CoreDNS pods were overloaded and timing out.",
        [
            "socket.gaierror: [Errno -3] Temporary failure in name resolution",
            "coredns: [ERROR] plugin/errors: 2 {upstream_host}. A: read udp {ip}:53: i/o timeout",
            "CoreDNS CPU at limit on all {n} replicas",
        ],
        [
            "Scaled CoreDNS, added NodeLocal DNSCache and set ndots:2 for the service so each lookup "
            "stops trying five search domains.",
            "Raised the CoreDNS CPU limit and enabled autoscaling on it.",
        ],
    ),
    _s(
        "jvm-dns-cache",
        "dns_resolution",
        "{service} kept calling the old IP after failover (JVM DNS cache)",
        "The JVM cached the DNS answer forever, so the failover to the new endpoint was ignored.",
        [
            "connections to {ip} timing out; dig {upstream_host} now returns a different address",
            "networkaddress.cache.ttl=-1 in java.security",
            "{ts} ERROR [{pod}] Connect timed out",
        ],
        [
            "Set networkaddress.cache.ttl=30 and restarted the pods.",
            "Switched the client to the AWS SDK's endpoint discovery which re-resolves names.",
        ],
    ),
    _s(
        "no-such-host",
        "dns_resolution",
        "lookup {upstream_host}: no such host from Go service {service}",
        "A typo in the service name of the new namespace broke resolution.",
        [
            "dial tcp: lookup {upstream_host} on 10.96.0.10:53: no such host",
            "kubectl get svc -n {ns}: no service with that name",
            "{ts} ERROR [{pod}] rpc error: code = Unavailable desc = name resolver error",
        ],
        [
            "The chart renamed the Service; pointed the client at the new name and added an alias.",
            "Created an ExternalName service to keep the old name working during migration.",
        ],
    ),
    _s(
        "servfail",
        "dns_resolution",
        "SERVFAIL for internal zone breaks {service}",
        "The internal resolver lost its forwarder to the corporate DNS servers.",
        [
            "status: SERVFAIL for {upstream_host}",
            "unbound: error: SERVFAIL <{upstream_host}. A IN>: "
            "all the configured stub or forward servers failed",
            "{ts} ERROR [{pod}] Name or service not known",
        ],
        [
            "The forwarders' IPs changed after a datacenter migration; updated the resolver config.",
            "Added a second forwarder and a health probe on the resolver.",
        ],
    ),
    # --- tls_certificate -----------------------------------------------------------------------
    _s(
        "cert-expired-browser",
        "tls_certificate",
        "Customers see NET::ERR_CERT_DATE_INVALID on {domain}",
        "The public certificate for {domain} expired and was not renewed.",
        [
            "Chrome: Your connection is not private NET::ERR_CERT_DATE_INVALID",
            "openssl s_client -connect {domain}:443: notAfter={ts}, "
            "verify error:num=10:certificate has expired",
            "synthetic check {domain} failing since {ts}",
        ],
        [
            "The renewal job used an API token that had been revoked. Issued a new certificate, "
            "restored the token and added expiry alerts at 21 and 7 days.",
            "Moved the domain to cert-manager with automatic ACME renewal.",
        ],
    ),
    _s(
        "x509-expired",
        "tls_certificate",
        "x509: certificate has expired or is not yet valid calling {upstream}",
        "An internal service certificate expired; Go clients refused the handshake.",
        [
            'Get "https://{upstream_host}/v1": x509: certificate has expired or is not yet valid: current '
            "time {ts} is after {ts}",
            "{ts} ERROR [{pod}] tls: failed to verify certificate",
            "cert serial {n} issued by internal-ca, validity 90 days",
        ],
        [
            "Renewed the certificate from Vault PKI and automated renewal with vault-agent templates.",
            "A node clock was 2 days ahead; fixed chrony, certificates were valid.",
        ],
    ),
    _s(
        "unknown-authority",
        "tls_certificate",
        "certificate signed by unknown authority after CA rotation ({service})",
        "Services trusted only the old internal CA bundle.",
        [
            "x509: certificate signed by unknown authority",
            "ERR_CERT_AUTHORITY_INVALID in the admin UI",
            "SSLHandshakeException: PKIX path building failed: unable to find valid certification path",
        ],
        [
            "Distributed a bundle with both old and new CA, then rotated leaf certificates.",
            "Added the new root to the Java truststore baked into the base image.",
        ],
    ),
    _s(
        "missing-intermediate",
        "tls_certificate",
        "unable to get local issuer certificate for {domain}",
        "The server sent only the leaf certificate, without the intermediate chain.",
        [
            "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
            "unable to get local issuer certificate",
            "curl: (60) SSL certificate problem: unable to get local issuer certificate",
            "browsers work (they fetch AIA), Python and curl clients fail",
        ],
        [
            "Configured the load balancer with the full chain file instead of the leaf only.",
            "Rebuilt the secret with fullchain.pem.",
        ],
    ),
    _s(
        "hostname-mismatch",
        "tls_certificate",
        "ERR_CERT_COMMON_NAME_INVALID on {domain} after domain move",
        "The certificate did not include the new hostname in its SANs.",
        [
            "NET::ERR_CERT_COMMON_NAME_INVALID",
            "x509: certificate is valid for *.old.example.com, not {domain}",
            "hostname mismatch in {n}% of requests",
        ],
        [
            "Reissued the certificate with the new SAN and added SAN checks to the ingress test.",
            "Routed the new hostname through the ingress with the wildcard certificate.",
        ],
    ),
    _s(
        "mtls-client-expired",
        "tls_certificate",
        "mTLS handshake failures: sslv3 alert certificate expired ({service} -> {upstream})",
        "The client certificate used for mutual TLS expired.",
        [
            "SSL routines:ssl3_read_bytes:sslv3 alert certificate expired:SSL alert number 45",
            "envoy: upstream connect error or disconnect/reset before headers. "
            "reset reason: connection failure, transport failure reason: TLS error",
            "{ts} ERROR [{pod}] 503 from {upstream}",
        ],
        [
            "Rotated the client certificate; the sidecar's cert reload had been failing silently. Added "
            "a metric on certificate expiry time.",
            "Issued certificates via SPIFFE with 24h rotation.",
        ],
    ),
    _s(
        "acme-challenge-failed",
        "tls_certificate",
        "cert-manager renewal failing for {domain}: ACME challenge",
        "HTTP-01 challenge requests were redirected by the new WAF rule.",
        [
            "cert-manager: Failed to finalize Order: 403 urn:ietf:params:acme:error:unauthorized",
            "Challenge {domain} http-01: wrong status code '301', expected '200'",
            "Certificate {domain}-tls Ready=False, expires in {n} days",
        ],
        [
            "Excluded /.well-known/acme-challenge/ from the WAF redirect; the renewal succeeded.",
            "Switched to DNS-01 challenges.",
        ],
    ),
    # --- upstream_timeout ----------------------------------------------------------------------
    _s(
        "nginx-504",
        "upstream_timeout",
        "504 Gateway Timeout from nginx in front of {service}",
        "Slow responses from the application exceeded proxy_read_timeout.",
        [
            "upstream timed out (110: Connection timed out) while reading response header from upstream",
            '"GET /api/reports HTTP/1.1" 504 562 upstream_response_time {seconds}.000',
            "{ts} p99 latency {seconds}s on /api/reports",
        ],
        [
            "A report query lost its index after a statistics reset; ran ANALYZE and added the index "
            "hint. Latency back under 400 ms.",
            "Moved report generation to an async job that returns a download link.",
        ],
    ),
    _s(
        "envoy-upstream-timeout",
        "upstream_timeout",
        "Envoy upstream request timeout (UT) between {service} and {upstream}",
        "The mesh route timeout was shorter than the upstream's normal latency for large payloads.",
        [
            "upstream request timeout",
            "envoy access log: response_flags=UT duration={ms} upstream_cluster=outbound|8080||{upstream}",
            "{ts} ERROR [{pod}] 504 from sidecar",
        ],
        [
            "Raised the VirtualService timeout for the bulk endpoint to 30s and kept 3s elsewhere.",
            "Paginated the bulk endpoint so each call stays under a second.",
        ],
    ),
    _s(
        "grpc-deadline",
        "upstream_timeout",
        "DEADLINE_EXCEEDED calling {upstream} from {service}",
        "gRPC deadlines expired because the upstream's connection pool to its database was saturated.",
        [
            "rpc error: code = DeadlineExceeded desc = context deadline exceeded",
            "grpc status DEADLINE_EXCEEDED for /{upstream}.v1.{upstream_rpc} after {ms}ms",
            "{upstream} p99 {seconds}s",
        ],
        [
            "The upstream's slow path was a cold cache after a deploy; added cache warming before readiness.",
            "Propagated deadlines end to end so the upstream stops work the caller has given up on.",
        ],
    ),
    _s(
        "payment-provider-timeout",
        "upstream_timeout",
        "ReadTimeout from payment provider in {service}",
        "The third-party payment API slowed down; checkout requests hung until they timed out.",
        [
            "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.payprovider.example', port=443): "
            "Read timed out. (read timeout={n})",
            "checkout success rate {pct}% (normal 99.5%)",
            "provider status page: degraded performance",
        ],
        [
            "Enabled the circuit breaker and queued authorizations for retry; the provider recovered "
            "after {minutes} minutes.",
            "Lowered the timeout to 5s and failed over to the secondary provider.",
        ],
    ),
    _s(
        "retry-storm",
        "upstream_timeout",
        "Retry storm amplifies timeouts in {upstream}",
        "Clients retried timed-out calls without backoff, tripling load on a degraded upstream.",
        [
            "{upstream} RPS x{n} vs baseline while success rate fell",
            "client logs: retry 3/3 after timeout, no jitter",
            "{ts} WARN [{pod}] timeout after {ms}ms",
        ],
        [
            "Added exponential backoff with jitter and a retry budget of 10%.",
            "Shed load at the gateway until the upstream recovered, then fixed the client retry policy.",
        ],
    ),
    # --- rate_limited --------------------------------------------------------------------------
    _s(
        "github-rate-limit",
        "rate_limited",
        "GitHub API rate limit exceeded for {service}",
        "The integration used one token for all repositories and hit the 5,000 requests/hour limit.",
        [
            "403 API rate limit exceeded for installation ID {n}",
            "x-ratelimit-remaining: 0, x-ratelimit-reset: {epoch}",
            "{ts} ERROR [{pod}] sync of {n} repositories aborted",
        ],
        [
            "Switched to conditional requests with ETags (304s do not count) and a GitHub App per org.",
            "Used webhooks instead of polling.",
        ],
    ),
    _s(
        "aws-throttling",
        "rate_limited",
        "ThrottlingException: Rate exceeded from AWS API in {service}",
        "A deploy script called DescribeInstances in a tight loop and exhausted the account's API quota.",
        [
            "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the "
            "DescribeInstances operation (reached max retries: 4): Rate exceeded",
            "CloudTrail: {n} calls/min from role {service}-deployer",
            "other teams' autoscaling also throttled",
        ],
        [
            "Cached the instance list and used adaptive retry mode in botocore.",
            "Requested a quota increase and moved the poller to EventBridge events.",
        ],
    ),
    _s(
        "http-429-partner",
        "rate_limited",
        "HTTP 429 Too Many Requests from partner API ({service})",
        "A backfill job shared the partner quota with live traffic.",
        [
            "HTTP 429 Too Many Requests, Retry-After: {n}",
            "{ts} ERROR [{pod}] partner sync failed: rate limit",
            "backfill job started {ts} sending {n} req/s",
        ],
        [
            "Throttled the backfill with a token bucket at 20% of the quota and honoured Retry-After.",
            "Paused the backfill and rescheduled it for the night.",
        ],
    ),
    _s(
        "own-gateway-limit",
        "rate_limited",
        "Internal batch client rate limited by our own API gateway",
        "The gateway's per-IP limit treated the NAT address of all batch workers as one client.",
        [
            "429 {service} rate limit exceeded: limit 100r/s, key=remote_addr",
            "all callers share source IP {ip} (NAT)",
            "{ts} WARN [{pod}] job retries exhausted",
        ],
        [
            "Changed the limiter key to the authenticated client id and gave the batch client its own quota.",
            "Exempted internal traffic via a separate listener.",
        ],
    ),
    _s(
        "slack-webhook-429",
        "rate_limited",
        "Alert notifications dropped: Slack webhook 429",
        "An alert storm posted one message per alert and the webhook was rate limited.",
        [
            "slack webhook returned 429 rate_limited",
            "{n} notifications dropped in 10 minutes",
            "alertmanager: notify retry canceled after 16 attempts",
        ],
        [
            "Grouped alerts by cluster and service in Alertmanager so one message covers a storm.",
            "Added a queue with per-channel rate limiting in the notifier.",
        ],
    ),
    # --- auth_failure --------------------------------------------------------------------------
    _s(
        "jwt-expired-clock-skew",
        "auth_failure",
        "401 invalid_token for fresh JWTs on {service} (clock skew)",
        "A node's clock drifted, so newly issued tokens looked not yet valid or expired.",
        [
            'WWW-Authenticate: Bearer error="invalid_token", error_description="The token is not valid yet"',
            "jwt: token used before issued (iat in the future by {n}s)",
            "chronyc tracking on {node}: system time {n} seconds fast",
        ],
        [
            "chrony was blocked by a firewall change; restored NTP access and allowed 60s leeway in "
            "token validation.",
            "Replaced the node and added a clock-offset alert.",
        ],
    ),
    _s(
        "iam-access-denied",
        "auth_failure",
        "AccessDenied writing to S3 from {service}",
        "A policy refactor dropped s3:PutObject from the service role.",
        [
            "An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::{n}:"
            "assumed-role/{service}-role is not authorized to perform: s3:PutObject",
            "{ts} ERROR [{pod}] upload failed with 403",
            "IAM change in Terraform plan {n} removed inline policy",
        ],
        [
            "Restored the permission in the module and added an IAM policy simulator check in CI.",
            "Granted access via the bucket policy for that prefix.",
        ],
    ),
    _s(
        "pg-password-failed",
        "auth_failure",
        "password authentication failed for user {service} after secret rotation",
        "The database password was rotated but running pods kept the old secret.",
        [
            'FATAL:  password authentication failed for user "{service}" (SQLSTATE 28P01)',
            "secret {service}-db rotated at {ts}",
            "{ts} ERROR [{pod}] could not connect to database",
        ],
        [
            "Rolled the deployment so pods read the new secret, then changed rotation to keep two "
            "valid passwords during the overlap.",
            "Moved to dynamic credentials from Vault with lease renewal.",
        ],
    ),
    _s(
        "oauth-invalid-client",
        "auth_failure",
        "OAuth invalid_client: {service} cannot get tokens",
        "The client secret was regenerated in the identity provider without updating the service.",
        [
            '{{"error":"invalid_client","error_description":"Client authentication failed"}}',
            "token endpoint returned 401 for client_id {service}",
            "{ts} ERROR [{pod}] login flow broken for all users",
        ],
        [
            "Put the new secret into the secret store and restarted; made secret regeneration require "
            "a change ticket.",
            "Switched to private_key_jwt client authentication.",
        ],
    ),
    _s(
        "k8s-sa-token-unauthorized",
        "auth_failure",
        "Kubernetes API returns Unauthorized to {service} operator",
        "The operator cached a service-account token past its bound expiry.",
        [
            "Unauthorized: the server has asked for the client to provide credentials",
            "service account token age {n}h (bound token expiry 1h)",
            "{ts} ERROR controller-runtime: failed to list *v1.Pod",
        ],
        [
            "Upgraded client-go so it reloads the projected token from disk.",
            "Restarted the operator and added a token refresh test.",
        ],
    ),
    _s(
        "ldap-bind-failed",
        "auth_failure",
        "LDAP bind failed: staff cannot log in to {service}",
        "The bind account's password expired under the directory password policy.",
        [
            "LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, "
            "data 532",
            "{ts} WARN login failures for {n} users",
            "bind DN cn=svc-{service},ou=service-accounts",
        ],
        [
            "Reset the bind account password and exempted service accounts from expiry.",
            "Moved to a managed identity with certificate-based bind.",
        ],
    ),
    # --- config_error --------------------------------------------------------------------------
    _s(
        "missing-env-var",
        "config_error",
        "{service} fails at start: KeyError DATABASE_URL",
        "A deployment refactor dropped an environment variable.",
        [
            "KeyError: 'DATABASE_URL'",
            'File "app/settings.py", line {n}, in <module>',
            "deployment {service} revision {n}: env list changed",
        ],
        [
            "Restored the variable from the previous Helm values and added schema validation for "
            "required settings in CI.",
            "Made settings fail with a readable message naming the variable.",
        ],
    ),
    _s(
        "yaml-configmap-invalid",
        "config_error",
        "Invalid YAML in {service} ConfigMap breaks rollout",
        "A tab character in the ConfigMap made the config unparsable.",
        [
            "yaml.scanner.ScannerError: while scanning for the next token found character '\\t' that cannot "
            "start any token",
            "error converting YAML to JSON: yaml: line {n}: found character that cannot start any token",
            "{ts} new pods failing, old pods still serving",
        ],
        [
            "Fixed the indentation and added yamllint and a dry-run parse to the pipeline.",
            "Rolled back to the previous ConfigMap revision.",
        ],
    ),
    _s(
        "staging-endpoint-in-prod",
        "config_error",
        "{service} in production calling the staging {upstream}",
        "A copied values file pointed production at the staging endpoint.",
        [
            "requests to {upstream}.staging.internal from production namespace",
            "orders created in the staging system: {n}",
            "{ts} WARN [{pod}] unexpected 404 for customer ids",
        ],
        [
            "Corrected the endpoint and replayed the {n} orders; added an environment check on start.",
            "Split values files per environment with no shared defaults for endpoints.",
        ],
    ),
    _s(
        "timeout-units",
        "config_error",
        "Timeout configured in milliseconds read as seconds in {service}",
        "A config key changed units between library versions.",
        [
            "client timeout effectively {n}000s; threads hang on dead connections",
            "config: http.timeout={n} (library now expects ms)",
            "{ts} thread pool exhausted",
        ],
        [
            "Set the timeout with an explicit unit suffix and added a startup log line with the parsed "
            "value.",
            "Pinned the library until the config migration was done.",
        ],
    ),
    _s(
        "feature-flag-misconfigured",
        "config_error",
        "Feature flag enabled for 100% instead of 1% in {service}",
        "A percentage rollout was entered as 100 instead of 1.",
        [
            "flag new-pricing-engine: rollout 100% (intended 1%)",
            "error rate {pct}% on /checkout after flag change at {ts}",
            "audit log: flag updated by {user}",
        ],
        [
            "Turned the flag off; required review for flag changes above 10%.",
            "Added a guard rail that blocks jumps greater than 25 points.",
        ],
    ),
    _s(
        "nginx-unknown-directive",
        "config_error",
        "nginx refuses to reload: unknown directive on ingress",
        "A config snippet used a directive from a newer nginx version.",
        [
            'nginx: [emerg] unknown directive "proxy_ssl_protocols_x" in '
            "/etc/nginx/conf.d/{service}.conf:{n}",
            "nginx -t: configuration file test failed",
            "{ts} ingress controller stuck on previous config",
        ],
        [
            "Removed the snippet, disabled allow-snippet-annotations and added nginx -t to the pipeline.",
            "Upgraded the ingress controller.",
        ],
    ),
    # --- code_regression -----------------------------------------------------------------------
    _s(
        "npe-after-deploy",
        "code_regression",
        "NullPointerException in {service} after release {version}",
        "A refactor removed a null check on optional customer addresses.",
        [
            'java.lang.NullPointerException: Cannot invoke "Address.getCountry()" because "address" is null',
            "5xx rate {pct}% since deploy of {version} at {ts}",
            "only customers without a saved address affected",
        ],
        [
            "Rolled back to {prev_version}, restored the null check and added a test with an empty address.",
            "Hotfix {version}.1 with Optional handling.",
        ],
    ),
    _s(
        "python-nonetype",
        "code_regression",
        "AttributeError NoneType in {service} {version}",
        "A helper began returning None on cache miss instead of raising.",
        [
            "AttributeError: 'NoneType' object has no attribute 'get'",
            'File "{service}/handlers/orders.py", line {n}, in build_summary',
            "{ts} errors started with deploy {version}",
        ],
        [
            "Reverted the helper change in PR #{pr} and added type checking to CI.",
            "Handled the None case and backfilled the cache.",
        ],
    ),
    _s(
        "n-plus-one",
        "code_regression",
        "{service} latency x{n} after ORM change (N+1 queries)",
        "A serializer started loading a relation per row.",
        [
            "p95 latency {ms}ms (was 120ms) on /api/orders",
            "database: {n}000 queries per request; SELECT ... FROM order_items WHERE order_id = $1",
            "{ts} deploy {version}",
        ],
        [
            "Added select_related/prefetch for the relation and a query-count assertion test.",
            "Reverted {version} and reintroduced the change with eager loading.",
        ],
    ),
    _s(
        "serialization-change",
        "code_regression",
        "Clients fail to parse {service} responses after {version}",
        "Dates switched from ISO strings to epoch numbers in the JSON payload.",
        [
            "SyntaxError: Unexpected token in JSON at position {n}",
            "mobile app crash rate {pct}% after backend {version}",
            "com.fasterxml.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type "
            "`java.time.Instant`",
        ],
        [
            "Restored ISO-8601 output and added a contract test against the published schema.",
            "Versioned the endpoint and kept v1 unchanged.",
        ],
    ),
    _s(
        "deadlock-regression",
        "code_regression",
        "Deadlocks in {service} after lock ordering change",
        "Two code paths took row locks in opposite order.",
        [
            "ERROR: deadlock detected (SQLSTATE 40P01) Process {n} waits for ShareLock on transaction {n}",
            "{n} deadlocks/min since {version}",
            "{ts} ERROR [{pod}] transaction rolled back",
        ],
        [
            "Locked rows in primary-key order in both paths; deadlocks went to zero.",
            "Reverted the batch update change.",
        ],
    ),
    _s(
        "dependency-upgrade-default",
        "code_regression",
        "{service} rejects requests after library upgrade changed a default",
        "A JSON library upgrade made unknown fields fail deserialization.",
        [
            'UnrecognizedPropertyException: Unrecognized field "trace_id" not marked as ignorable',
            "400 Bad Request for {pct}% of calls from {upstream}",
            "dependency bump in PR #{pr}",
        ],
        [
            "Configured FAIL_ON_UNKNOWN_PROPERTIES=false explicitly and pinned the version range.",
            "Rolled back the dependency bump.",
        ],
    ),
    # --- schema_migration ----------------------------------------------------------------------
    _s(
        "column-does-not-exist",
        "schema_migration",
        "column does not exist: {service} deployed before its migration",
        "The application release went out before the migration job ran.",
        [
            'ERROR: column "{column}" does not exist (SQLSTATE 42703)',
            "migration job {service}-migrate pending: waiting for approval",
            "{ts} ERROR [{pod}] 500 on every write",
        ],
        [
            "Ran the migration, then made the deploy pipeline run migrations before rolling pods.",
            "Rolled the app back until the migration was applied.",
        ],
    ),
    _s(
        "migration-lock-timeout",
        "schema_migration",
        "ALTER TABLE on {table} blocked traffic (lock timeout)",
        "A migration took an ACCESS EXCLUSIVE lock on a large table during peak.",
        [
            "ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)",
            "pg_locks: AccessExclusiveLock on {table} held by migration pid {n}",
            "{ts} API error rate {pct}%",
        ],
        [
            "Cancelled the migration and re-ran it with lock_timeout=3s and a NOT VALID constraint "
            "validated separately.",
            "Rewrote the migration to add the column without a default, then backfill in batches.",
        ],
    ),
    _s(
        "flyway-checksum",
        "schema_migration",
        "Flyway validate failed: migration checksum mismatch in {service}",
        "An already applied migration file was edited.",
        [
            "FlywayValidateException: Validate failed: Migrations have failed validation",
            "Migration checksum mismatch for migration version {n}",
            "{ts} application failed to start",
        ],
        [
            "Reverted the edit and added the change as a new migration; protected applied migrations "
            "in code review.",
            "Ran flyway repair after confirming the change was whitespace only.",
        ],
    ),
    _s(
        "alembic-missing-revision",
        "schema_migration",
        "Alembic cannot locate revision in {service}",
        "The database was migrated by a newer branch that was then reverted.",
        [
            "alembic.util.exc.CommandError: Can't locate revision identified by '{hexid}'",
            "alembic_version table at {hexid}",
            "{ts} migrate job failed",
        ],
        [
            "Restored the missing revision file and wrote a downgrade.",
            "Stamped the database at the right head after checking the schema by hand.",
        ],
    ),
    _s(
        "not-null-without-default",
        "schema_migration",
        "Inserts fail after NOT NULL column added to {table}",
        "A migration added a NOT NULL column; old pods still inserted rows without it.",
        [
            'ERROR: null value in column "{column}" of relation "{table}" violates not-null constraint '
            "(SQLSTATE 23502)",
            "failing inserts from pods running {prev_version}",
            "{ts} rollout at 40%",
        ],
        [
            "Gave the column a default and followed expand/contract: add nullable, deploy, backfill, "
            "then constrain.",
            "Finished the rollout quickly and fixed the migration for the next environment.",
        ],
    ),
    _s(
        "liquibase-lock",
        "schema_migration",
        "Liquibase waiting for changelog lock; {service} stuck starting",
        "A killed migration left the changelog lock row held.",
        [
            "Waiting for changelog lock....",
            "DATABASECHANGELOGLOCK LOCKED=TRUE by {pod} since {ts}",
            "readiness probe failing for {n} minutes",
        ],
        [
            "Released the lock after confirming no migration was running; moved migrations to a Job.",
            "Added a startup timeout so pods fail fast instead of hanging.",
        ],
    ),
    # --- crash_loop ----------------------------------------------------------------------------
    _s(
        "crashloop-missing-secret",
        "crash_loop",
        "{service} in CrashLoopBackOff: secret not found",
        "The pod referenced a secret that was not created in the new namespace.",
        [
            "Back-off restarting failed container {service} in pod {pod}",
            'Error: secret "{service}-credentials" not found',
            "restart count {n}",
        ],
        [
            "Created the secret via External Secrets and added it to the namespace bootstrap.",
            "Made the secret optional for the non-critical feature.",
        ],
    ),
    _s(
        "liveness-slow-start",
        "crash_loop",
        "Liveness probe kills {service} before it finishes starting",
        "Startup got slower after a cache warmup was added; the liveness probe restarted pods endlessly.",
        [
            'Liveness probe failed: Get "http://{ip}:8080/healthz": context deadline exceeded',
            "Container {service} failed liveness probe, will be restarted",
            "startup takes {seconds}s, initialDelaySeconds 30",
        ],
        [
            "Added a startupProbe with failureThreshold 30 and kept the liveness probe strict.",
            "Moved cache warmup to the background after readiness.",
        ],
    ),
    _s(
        "exec-format-error",
        "crash_loop",
        "exec format error: {service} image built for the wrong architecture",
        "An arm64 image was deployed to amd64 nodes.",
        [
            "exec /usr/local/bin/{service}: exec format error",
            "image built on a developer laptop (arm64) and pushed as {version}",
            "CrashLoopBackOff on all replicas",
        ],
        [
            "Rebuilt with docker buildx for linux/amd64,linux/arm64 in CI only.",
            "Blocked pushes from outside CI to the production registry.",
        ],
    ),
    _s(
        "go-nil-panic",
        "crash_loop",
        "panic: nil pointer dereference at startup in {service}",
        "A config field became optional and the startup code dereferenced it.",
        [
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x{hexid}]",
            "goroutine 1 [running]: main.initClients(...)",
        ],
        [
            "Handled the missing field and added a test that starts the binary with minimal config.",
            "Rolled back to {prev_version}.",
        ],
    ),
    _s(
        "segfault-139",
        "crash_loop",
        "{service} containers exit with code 139 (segfault)",
        "A native extension crashed after a base image update changed libc.",
        [
            "Exit Code: 139 Reason: Error",
            "Fatal Python error: Segmentation fault",
            "base image updated to {version} with new glibc",
        ],
        [
            "Pinned the base image digest and rebuilt the extension against the new glibc.",
            "Replaced the native dependency with a pure-Python alternative.",
        ],
    ),
    _s(
        "port-in-use",
        "crash_loop",
        "{service} exits: address already in use",
        "A sidecar started listening on the same port as the application.",
        [
            "OSError: [Errno 98] Address already in use",
            "listen tcp :9090: bind: address already in use",
            "restart count {n} after sidecar injection",
        ],
        [
            "Moved the application's metrics to port 9102 and documented port allocation.",
            "Disabled the sidecar's metrics listener.",
        ],
    ),
    # --- image_pull ----------------------------------------------------------------------------
    _s(
        "manifest-unknown",
        "image_pull",
        "ErrImagePull for {service}: manifest unknown",
        "The image tag was deleted by the registry retention policy.",
        [
            'Failed to pull image "registry.example.internal/{service}:{version}": manifest unknown',
            "Warning Failed ErrImagePull; Back-off pulling image",
            "retention policy: keep last 20 tags",
        ],
        [
            "Rebuilt and pushed the tag; excluded tags in use by deployments from retention.",
            "Switched deployments to immutable digests.",
        ],
    ),
    _s(
        "registry-unauthorized",
        "image_pull",
        "ImagePullBackOff: unauthorized for {service}",
        "The registry pull secret expired.",
        [
            "Failed to pull image: rpc error: code = Unknown desc = failed to authorize: 401 Unauthorized",
            "ImagePullBackOff on new nodes only (old nodes had the image cached)",
            "pull secret created {n} days ago with a 12h token",
        ],
        [
            "Used the credential helper / IRSA for ECR pulls instead of a static secret.",
            "Refreshed the secret with a CronJob every 6 hours.",
        ],
    ),
    _s(
        "dockerhub-pull-limit",
        "image_pull",
        "toomanyrequests: Docker Hub pull rate limit during scale-up",
        "Anonymous pulls from Docker Hub hit the pull limit when the cluster autoscaled.",
        [
            "toomanyrequests: You have reached your pull rate limit. You may increase the limit by "
            "authenticating and upgrading",
            "ErrImagePull for {service} on {n} new nodes",
            "{ts} cluster autoscaler added {n} nodes",
        ],
        [
            "Mirrored the base images into the internal registry and configured a pull-through cache.",
            "Authenticated pulls with the organization's account.",
        ],
    ),
    _s(
        "no-matching-platform",
        "image_pull",
        "no match for platform in manifest: {service} on ARM nodes",
        "The new Graviton node pool could not run the amd64-only image.",
        [
            "Failed to pull image: no match for platform in manifest: not found",
            "pods scheduled to the arm64 node pool stay in ErrImagePull",
            "image {service}:{version} has a single amd64 manifest",
        ],
        [
            "Built multi-arch images; until then added a nodeSelector kubernetes.io/arch=amd64.",
            "Tainted the arm64 pool until every image was multi-arch.",
        ],
    ),
    _s(
        "registry-outage",
        "image_pull",
        "Registry 503 blocks deploys of {service}",
        "The internal registry's storage backend was unavailable.",
        [
            'Failed to pull image "registry.example.internal/{service}:{version}": received unexpected HTTP '
            "status: 503 Service Unavailable",
            "registry logs: s3 storage driver: RequestTimeout",
            "{ts} deploys paused",
        ],
        [
            "Failed the registry over to the replica region and added a pull-through cache per cluster.",
            "Waited for the storage backend to recover; pods on existing nodes were unaffected.",
        ],
    ),
    # --- resource_saturation -------------------------------------------------------------------
    _s(
        "cpu-throttling",
        "resource_saturation",
        "CPU throttling makes {service} slow",
        "Tight CPU limits throttled the service at peak although nodes had idle CPU.",
        [
            "container_cpu_cfs_throttled_periods_total ratio {pct}%",
            "p99 latency {ms}ms during peak, CPU usage at limit {n}m",
            "GC threads and request threads competing for 1 CPU",
        ],
        [
            "Removed the CPU limit (kept requests) and right-sized requests from the usage profile.",
            "Raised the limit to 2 CPUs and set GOMAXPROCS from the limit.",
        ],
    ),
    _s(
        "hikari-pool-exhausted",
        "resource_saturation",
        "HikariPool connection not available in {service}",
        "The database connection pool was exhausted by slow requests holding connections.",
        [
            "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
            "active={pool} idle=0 waiting={n}",
            "{ts} ERROR [{pod}] Could not get JDBC Connection",
        ],
        [
            "A remote call was made inside a transaction; moved it outside so connections are held only "
            "for the queries.",
            "Raised the pool to {pool} and added a statement timeout.",
        ],
    ),
    _s(
        "too-many-open-files",
        "resource_saturation",
        "Too many open files in {service}",
        "File descriptors leaked on an error path until the process hit its limit.",
        [
            "java.io.IOException: Too many open files",
            "EMFILE: too many open files, open '/tmp/{service}-{n}'",
            "ls /proc/{n}/fd | wc -l -> 65536",
        ],
        [
            "Closed the response body on the error path; fd count now flat.",
            "Raised nofile to 262144 as a stopgap and added an fd usage alert.",
        ],
    ),
    _s(
        "ephemeral-ports",
        "resource_saturation",
        "Cannot assign requested address from {service} (ephemeral ports exhausted)",
        "Each request opened a new outbound connection; TIME_WAIT sockets used every local port.",
        [
            "connect: cannot assign requested address",
            "ss -s: timewait {conns}",
            "errors only on pods with highest request rate",
        ],
        [
            "Reused HTTP connections via a shared client with keep-alive.",
            "Widened net.ipv4.ip_local_port_range and enabled tcp_tw_reuse.",
        ],
    ),
    _s(
        "pods-pending-insufficient-cpu",
        "resource_saturation",
        "{service} pods Pending: insufficient cpu",
        "The cluster autoscaler had reached its node group maximum.",
        [
            "0/{n} nodes are available: {n} Insufficient cpu. preemption: 0/{n} nodes are available",
            "cluster-autoscaler: max node group size reached",
            "HPA wants {n} replicas, {n} running",
        ],
        [
            "Raised the node group maximum and added a priority class for customer-facing services.",
            "Reduced requests of batch jobs that reserved far more than they used.",
        ],
    ),
    _s(
        "thread-pool-rejected",
        "resource_saturation",
        "RejectedExecutionException in {service}: thread pool saturated",
        "A slow dependency held all worker threads and new tasks were rejected.",
        [
            "java.util.concurrent.RejectedExecutionException: Task rejected from ThreadPoolExecutor "
            "[Running, pool size = {pool}, active threads = {pool}, queued tasks = 1000]",
            "{ts} ERROR [{pod}] 503 Service Unavailable",
            "dependency latency p99 {seconds}s",
        ],
        [
            "Put the dependency behind a bulkhead with its own pool and a 2s timeout.",
            "Switched the handler to non-blocking IO.",
        ],
    ),
    # --- queue_backlog -------------------------------------------------------------------------
    _s(
        "kafka-consumer-lag",
        "queue_backlog",
        "Kafka consumer lag on {topic} growing ({service})",
        "Consumers could not keep up after a slow downstream call was added per message.",
        [
            "consumer group {service}-cg lag {lag} messages on {topic}",
            "records-consumed-rate dropped to {n}/s",
            "{ts} WARN [{pod}] processing time per record {ms}ms",
        ],
        [
            "Batched the downstream calls and increased partitions and consumers to 12.",
            "Scaled consumers with KEDA on lag and cached the lookup.",
        ],
    ),
    _s(
        "kafka-rebalance-storm",
        "queue_backlog",
        "Consumer group rebalancing repeatedly; {topic} backlog",
        "Processing exceeded max.poll.interval.ms so consumers were kicked out of the group.",
        [
            "CommitFailedException: Commit cannot be completed since the group has already rebalanced",
            "consumer poll timeout has expired; leaving group",
            "{n} rebalances in 10 minutes, lag {lag}",
        ],
        [
            "Lowered max.poll.records to 100 and raised max.poll.interval.ms; enabled cooperative-sticky.",
            "Moved slow processing to a worker pool with manual offset commits.",
        ],
    ),
    _s(
        "rabbitmq-memory-alarm",
        "queue_backlog",
        "RabbitMQ memory alarm blocks publishers ({service})",
        "A queue grew to millions of messages and the broker blocked publishing connections.",
        [
            "memory resource limit alarm set on node rabbit@{host}",
            "queue {queue}: {lag} ready messages, 0 consumers",
            "publishers in state blocking",
        ],
        [
            "The consumer deployment was scaled to zero by mistake; restored it and set a max-length "
            "policy with a dead-letter exchange.",
            "Moved the queue to a quorum queue with lazy mode.",
        ],
    ),
    _s(
        "sqs-age-of-oldest",
        "queue_backlog",
        "SQS backlog: age of oldest message {minutes} minutes ({queue})",
        "Lambda consumers were throttled by reserved concurrency.",
        [
            "ApproximateAgeOfOldestMessage {n}s on {queue}",
            "Lambda {service}-consumer Throttles {n}/min, reserved concurrency 5",
            "ApproximateNumberOfMessagesVisible {lag}",
        ],
        [
            "Raised reserved concurrency to 50 and enabled batch item failures.",
            "Added an alarm on message age rather than queue depth.",
        ],
    ),
    _s(
        "poison-message",
        "queue_backlog",
        "Poison message stalls {service} workers",
        "One malformed message failed and was redelivered forever, blocking the partition.",
        [
            "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
            "message {hexid} redelivered {n} times",
            "queue {queue} depth {lag} and rising",
        ],
        [
            "Moved the message to a dead-letter queue after 5 attempts and added schema validation at "
            "the producer.",
            "Skipped the offset manually and fixed the consumer to dead-letter bad payloads.",
        ],
    ),
    _s(
        "celery-workers-stuck",
        "queue_backlog",
        "Celery queue {queue} backing up; workers stuck",
        "Workers hung on a network call without a timeout.",
        [
            "celery inspect active: all {n} workers busy on the same task for {minutes} min",
            "redis llen {queue} -> {lag}",
            "task {service}.tasks.sync_account has no soft_time_limit",
        ],
        [
            "Added timeouts to the HTTP client and soft/hard time limits to the task.",
            "Restarted workers and enabled worker_max_tasks_per_child.",
        ],
    ),
)
