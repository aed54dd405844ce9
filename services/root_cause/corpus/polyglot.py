"""More runtimes and edges (PHP, Rust, Elixir, HAProxy, Traefik) and the same failures said again.

Real failures repeat the same operating-system and protocol phrases across runtimes
("Too many open files", "sorry, too many clients", "Operation timed out"), so these
families restate such phrases in shapes that differ from the families elsewhere.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import ANY_APP, GO, JAVA, NODE, PYTHON, Family

FAMILIES = (
    # --- resource_saturation
    Family(
        "poly.java_too_many_open_files",
        "resource_saturation",
        JAVA,
        (
            ("E java.net.SocketException: Too many open files", "E java.io.IOException: Too many open files"),
            "\tat java.base/sun.nio.ch.ServerSocketChannelImpl.accept0(Native Method)",
            "\tat org.apache.tomcat.util.net.NioEndpoint.serverSocketAccept(NioEndpoint.java:548)",
            "?W Acceptor thread backing off for {n}ms after accept failure",
        ),
    ),
    Family(
        "poly.py_too_many_clients",
        "resource_saturation",
        PYTHON,
        (
            "E Error acquiring database connection for {func}",
            "|Traceback (most recent call last):",
            '|  File "/usr/local/lib/python3.11/site-packages/psycopg2/__init__.py", line 122, in connect',
            (
                "|psycopg2.OperationalError: FATAL:  sorry, too many clients already",
                "|sqlalchemy.exc.TimeoutError: QueuePool limit of size 20 overflow 10 reached, connection timed out, "
                "timeout 30.00",
                "|OSError: [Errno 24] Too many open files",
            ),
            "?W {count} requests queued waiting for a worker thread",
        ),
    ),
    Family(
        "poly.php_fpm_max_children",
        "resource_saturation",
        "journald",
        (
            (
                "W php-fpm[{pid}]: [WARNING] [pool www] server reached pm.max_children setting (50), consider raising it",
                "W php-fpm[{pid}]: [WARNING] [pool www] seems busy (you may need to increase pm.start_servers, or "
                "pm.min/max_spare_servers), spawning 32 children, there are 0 idle, and {count} total children",
            ),
            "?E nginx[{pid}]: *{n} connect() to unix:/run/php/php-fpm.sock failed (11: Resource temporarily "
            "unavailable) while connecting to upstream",
            "?W node-exporter[{pid}]: cpu usage {cpu}% on {host}",
        ),
    ),
    Family(
        "poly.haproxy_queue_full",
        "resource_saturation",
        "journald",
        (
            (
                "W haproxy[{pid}]: Server {svc}/{svc}-{n} is DOWN, reason: Layer7 timeout, check duration: 2001ms. "
                "0 active and 0 backup servers left. {count} sessions active, {big} requeued, {n} remaining in queue.",
                "W haproxy[{pid}]: backend {svc} has reached maxconn {limit}; {big} requests queued",
            ),
            "I haproxy[{pid}]: {ip}:{eport} [{clf}] fe_http be_{svc}/<NOSRV> 0/{bigms}/-1/-1/{bigms} 503 222 - - sQ-- "
            '{big}/{big}/{n}/0/0 0/{big} "{method} {path} HTTP/1.1"',
            "?W haproxy[{pid}]: Proxy be_{svc} reached process FD limit (maxsock={big}).",
        ),
    ),
    Family(
        "poly.go_pool_exhausted",
        "resource_saturation",
        GO,
        (
            (
                "E sql: connection pool exhausted: {count}/{count} in use, waited {ms}ms",
                "E semaphore acquire timed out: {count}/{count} workers busy, {big} waiting",
                "E runtime: program exceeds {big}-thread limit",
            ),
            "?W CPU throttled for {pct}% of the last 100 periods",
            "?W {method} {path} shed: server overloaded (inflight {big})",
        ),
    ),
    # --- config_error
    Family(
        "poly.kubelet_config_missing",
        "config_error",
        "kubelet",
        (
            (
                "E kuberuntime_manager.go:1256] container &Container{{Name:{container}}} start failed in pod {pod}: "
                'CreateContainerConfigError: secret "{svc}-credentials" not found',
                'E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for '
                '\\"{container}\\" with CreateContainerConfigError: \\"configmap \\\\\\"{svc}-settings\\\\\\" not '
                'found\\"" pod="{ns}/{pod}"',
            ),
            '?W kubelet_pods.go:{n}] "Unable to retrieve pull secret, the image pull may not succeed." '
            'pod="{ns}/{pod}" secret=""',
        ),
    ),
    Family(
        "poly.helm_values",
        "config_error",
        "raw",
        (
            (
                "I Error: UPGRADE FAILED: values don't meet the specifications of the schema(s) in the following chart(s):",
                "I Error: INSTALLATION FAILED: template: {svc}/templates/deployment.yaml:{line}:{n}: executing "
                '"{svc}/templates/deployment.yaml" at <.Values.image.repository>: nil pointer evaluating interface {{}}',
            ),
            "?I {svc}:",
            "?I - replicaCount: Invalid type. Expected: integer, given: string",
            "I helm.go:84: [debug] values don't meet the specifications of the schema",
        ),
    ),
    Family(
        "poly.app_missing_env",
        "config_error",
        ANY_APP,
        (
            (
                "F required environment variable {column}_URL is not set",
                'F invalid value "{sec}x" for {column}_TIMEOUT: time: unknown unit "x"',
                'F config validation failed: {column}.endpoint must be an absolute URL, got "{svc2}"',
            ),
            "?I loaded configuration from /etc/{svc}/config.yaml and environment",
            "F exiting: configuration invalid",
        ),
    ),
    Family(
        "poly.feature_config_wrong_value",
        "config_error",
        JAVA,
        (
            (
                "E Failed to convert property value of type 'java.lang.String' to required type 'int' for property "
                "'{func}Timeout'",
                "E Invalid value 'tru' for configuration property 'feature.{func}.enabled' (expected true or false)",
                "E Property 'spring.datasource.url' points to jdbc:postgresql://localhost:5432/{db}; no database there",
            ),
            "?|org.springframework.boot.context.properties.bind.BindException: Failed to bind properties",
            "?W Falling back to default configuration for {func}",
        ),
    ),
    # --- code_regression
    Family(
        "poly.php_fatal",
        "code_regression",
        "journald",
        (
            (
                "E php-fpm[{pid}]: PHP Fatal error:  Uncaught Error: Call to a member function getId() on null in "
                "/var/www/src/{jcls}.php:{line}",
                "E php-fpm[{pid}]: PHP Fatal error:  Uncaught TypeError: {jcls}::{func}(): Argument #1 ($order) must be "
                "of type Order, null given",
                'W php-fpm[{pid}]: PHP Warning:  Undefined array key "currency" in /var/www/src/{jcls}.php on line {line}',
            ),
            "|Stack trace:",
            "|#0 /var/www/src/Controller/{jcls}Controller.php({line2}): {jcls}->{func}()",
            "?I deploy: released {svc} {version} ({commit})",
        ),
    ),
    Family(
        "poly.rust_unwrap",
        "code_regression",
        "raw",
        (
            (
                "E thread 'tokio-runtime-worker' panicked at src/{func}.rs:{line}:{n}:",
                "E thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/handlers/{func}.rs:{line}:9",
            ),
            (
                "I called `Result::unwrap()` on an `Err` value: ParseIntError {{ kind: InvalidDigit }}",
                "I index out of bounds: the len is 0 but the index is 0",
            ),
            "?I note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
            "?E {method} {path} 500 after release {version}",
        ),
    ),
    Family(
        "poly.elixir_function_clause",
        "code_regression",
        "raw",
        (
            "E [error] #PID<0.{n}.0> running {jcls}Web.Endpoint (connection #PID<0.{n}.0>, stream id 1) terminated",
            "I Server: {svc}.acme.io:443 (https)",
            "I Request: {method} {path}",
            (
                "I ** (exit) an exception was raised:\n    ** (FunctionClauseError) no function clause matching in "
                "{jcls}.{func}/2",
                "I ** (exit) an exception was raised:\n    ** (KeyError) key :currency not found in: %{{amount: 100}}",
            ),
            "|        (app 0.1.0) lib/{func}.ex:{line}: {jcls}.{func}/2",
        ),
    ),
    Family(
        "poly.java_business_exception",
        "code_regression",
        JAVA,
        (
            "?I Deployed build {version} ({commit}) to production",
            (
                'E java.lang.NumberFormatException: For input string: "" at {jpkg}.{jcls}.{func}({jcls}.java:{line})',
                "E java.util.NoSuchElementException: No value present",
                "E java.lang.UnsupportedOperationException: null (ImmutableCollections.uoe)",
            ),
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "E Request {method} {path} failed with 500: unexpected exception",
        ),
    ),
    # --- upstream_timeout
    Family(
        "poly.curl_28",
        "upstream_timeout",
        ANY_APP,
        (
            (
                "E cURL error 28: Operation timed out after {ms} milliseconds with 0 bytes received (see "
                "https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://{svc2}{path}",
                "E curl: (28) Operation timed out after {ms} milliseconds with 0 out of 0 bytes received",
            ),
            "?W slow dependency {svc2}: p99 {bigms}ms",
            "E {method} {path} -> 504 Gateway Timeout",
        ),
    ),
    Family(
        "poly.haproxy_504",
        "upstream_timeout",
        "journald",
        (
            "I haproxy[{pid}]: {ip}:{eport} [{clf}] fe_http be_{svc}/{svc}-1 0/0/1/-1/{bigms} 504 194 - - sH-- "
            '{n}/{n}/{n}/1/0 0/0 "{method} {path} HTTP/1.1"',
            "I haproxy[{pid}]: {ip2}:{eport} [{clf}] fe_http be_{svc}/{svc}-2 0/0/1/-1/{bigms} 504 194 - - sH-- "
            '{n}/{n}/{n}/1/0 0/0 "{method} {path} HTTP/1.1"',
            "?W haproxy[{pid}]: Server be_{svc}/{svc}-1 is DOWN, reason: Layer7 timeout, check duration: 2001ms",
        ),
    ),
    Family(
        "poly.traefik_gateway_timeout",
        "upstream_timeout",
        "raw",
        (
            'I {{"ClientHost":"{ip}","DownstreamStatus":504,"Duration":{bigms}000000,"OriginStatus":0,'
            '"RequestMethod":"{method}","RequestPath":"{path}","RouterName":"{svc}@kubernetes",'
            '"ServiceName":"{svc2}@kubernetes","level":"info","msg":""}}',
            '?I time="{iso}" level=debug msg="\'504 Gateway Timeout\' caused by: net/http: timeout awaiting response '
            'headers"',
            'I {{"ClientHost":"{ip2}","DownstreamStatus":504,"Duration":{bigms}000000,"OriginStatus":0,'
            '"RequestMethod":"{method}","RequestPath":"{path}","level":"info","msg":""}}',
        ),
    ),
    Family(
        "poly.node_grpc_deadline",
        "upstream_timeout",
        NODE,
        (
            (
                "E Error: 4 DEADLINE_EXCEEDED: Deadline exceeded after {dur}s,remote_addr={ip}:{port}",
                "E AbortError: The operation was aborted due to timeout (fetch http://{svc2}{path})",
            ),
            "?|    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19)",
            "?W {svc2} answered after the {ms}ms deadline",
        ),
    ),
    # --- out_of_memory
    Family(
        "poly.py_killed_oom",
        "out_of_memory",
        PYTHON,
        (
            (
                "E Worker (pid:{pid}) was sent SIGKILL! Perhaps out of memory?",
                "E Child process {pid} killed by signal 9 (out of memory)",
            ),
            "?W memory usage {mb}MB exceeds soft limit {mb}MB, container limit {mb}Mi",
            "?E Container {container} was OOMKilled (exit code 137) while processing {func}",
        ),
    ),
    Family(
        "poly.rust_alloc",
        "out_of_memory",
        "raw",
        (
            ("E memory allocation of {big} bytes failed", "E fatal runtime error: out of memory"),
            "?I Aborted (core dumped)",
            "?E process exited with signal 6 (SIGABRT); last RSS {mb}MB",
        ),
    ),
    Family(
        "poly.elasticsearch_circuit",
        "out_of_memory",
        ANY_APP,
        (
            (
                "E [parent] Data too large, data for [<http_request>] would be [{big}/{mb}mb], which is larger than the "
                "limit of [{big}/{mb}mb], real usage: [{big}/{mb}mb]",
                "E java.lang.OutOfMemoryError: Java heap space (fatal error on the elasticsearch node)",
            ),
            "?W [gc][{n}] overhead, spent [{n}s] collecting in the last [{n}s]",
            "?E circuit_breaking_exception: [parent] Data too large",
        ),
    ),
    # --- rate_limited / auth / network / dns / tls / db / disk / schema / crash / image / queue
    Family(
        "poly.stripe_rate_limit",
        "rate_limited",
        ANY_APP,
        (
            (
                "E Stripe API error: rate_limit_error (Too many requests hit the API too quickly)",
                "E Slack API returned ratelimited; retry after {sec} seconds",
                "E Twilio error 20429: Too Many Requests",
            ),
            "?W request {reqid} will be retried with exponential backoff",
            "E dropping notification after 3 throttled attempts",
        ),
    ),
    Family(
        "poly.ldap_auth",
        "auth_failure",
        ANY_APP,
        (
            (
                "E LDAP bind failed for cn={user},ou=services: Invalid credentials (49)",
                "E Kerberos: Pre-authentication failed: Client not found in Kerberos database",
                "E SMTP auth failed: 535 5.7.8 Username and Password not accepted",
            ),
            "?W {count} failed logins in the last 5m",
            "E permission denied for service account {svc}",
        ),
    ),
    Family(
        "poly.redis_noauth",
        "auth_failure",
        ANY_APP,
        (
            (
                "E NOAUTH Authentication required.",
                "E WRONGPASS invalid username-password pair or user is disabled.",
                "E MongoServerError: Authentication failed. (code 18)",
            ),
            "?W could not warm cache for {func}",
            "E request {method} {path} failed: datastore authentication failed",
        ),
    ),
    Family(
        "poly.mesh_503_uf",
        "network_connectivity",
        ANY_APP,
        (
            (
                "E upstream connect error or disconnect/reset before headers. reset reason: connection failure, "
                "transport failure reason: delayed connect error: 113",
                "E upstream connect error or disconnect/reset before headers. reset reason: remote connection failure",
            ),
            "?W {svc2}: connection reset by peer",
            "E {method} {path} 503 after {count} connection failures to {ip}:{port}",
        ),
    ),
    Family(
        "poly.ssh_timeout_vpn",
        "network_connectivity",
        "journald",
        (
            (
                "W charon[{pid}]: {n}[IKE] giving up after 5 retransmits; IKE_SA {svc}-vpn[{n}] deleted",
                "W wireguard: peer {hex} handshake did not complete after 5 seconds, retrying",
                "E {container}[{pid}]: ping {ip}: 100% packet loss",
            ),
            "?E {container}[{pid}]: connect to {ip}:{port}: Connection timed out (no route)",
            "?W kernel: [{n}.{pid}] eth0: Link is Down",
        ),
    ),
    Family(
        "poly.java_dns_netty",
        "dns_resolution",
        JAVA,
        (
            (
                "E io.netty.resolver.dns.DnsResolveContext$SearchDomainUnknownHostException: Failed to resolve "
                "'{domain}' and search domain query for configured domains failed as well: [{ns}.svc.cluster.local]",
                "E java.net.UnknownHostException: {domain}: nodename nor servname provided, or not known",
            ),
            "|Caused by: io.netty.resolver.dns.DnsNameResolverTimeoutException: [/10.96.0.10:53] query via UDP "
            "timed out after 5000 milliseconds",
            "?W WebClient request to http://{domain}{path} failed",
        ),
    ),
    Family(
        "poly.curl_resolve",
        "dns_resolution",
        ANY_APP,
        (
            (
                "E curl: (6) Could not resolve host: {domain}",
                "E cURL error 6: Could not resolve host: {domain} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)",
                "E nslookup {domain}: ** server can't find {domain}: NXDOMAIN",
            ),
            "?E dependency check failed for {svc2}",
            "?W using stale endpoint list for {svc2} (DNS failing)",
        ),
    ),
    Family(
        "poly.tls_cert_expired_generic",
        "tls_certificate",
        ANY_APP,
        (
            (
                "E SSL routines:tls_process_server_certificate:certificate verify failed (certificate has expired)",
                "E curl: (60) SSL certificate problem: certificate has expired",
                "E handshake failed: the certificate for {cn} expired on {date}",
            ),
            "?W certificate monitor: {cn} expired {count} hours ago",
            "E could not establish TLS session with {ext}",
        ),
    ),
    Family(
        "poly.pgbouncer_down",
        "database_unavailable",
        "journald",
        (
            (
                "W pgbouncer[{pid}]: S-0x{hex}: {db}/{dbuser}@{ip}:5432 closing because: server conn crashed? (age=0s)",
                "E pgbouncer[{pid}]: S: login failed: could not connect to server: Connection refused",
                "W patroni[{pid}]: Lock owner: None; I am {host}",
            ),
            "E pgbouncer[{pid}]: C-0x{hex}: {db}/{dbuser}@{ip}:{eport} pooler error: no server available",
            "?I patroni[{pid}]: no action. I am ({host}), a secondary, and following a leader ()",
        ),
    ),
    Family(
        "poly.app_db_down",
        "database_unavailable",
        ANY_APP,
        (
            (
                "E could not connect to database {db} at {dbhost}:5432: connection refused",
                "E Lost connection to MySQL server at 'reading initial communication packet', system error: 111",
                "E database {db} is unavailable: server closed the connection unexpectedly",
            ),
            "?W retrying database connection in {sec}s ({count} attempts)",
            "E readiness check failed: database unreachable",
        ),
    ),
    Family(
        "poly.app_disk_full",
        "disk_full",
        ANY_APP,
        (
            (
                "E failed to write {mount}/spool/{uuid}.tmp: no space left on device",
                "E IOException: No space left on device while writing {mount}/cache/{hex}",
                "E Errno::ENOSPC: No space left on device @ io_write - /var/log/{svc}/production.log",
            ),
            "?W disk usage on {mount} at {pct}%",
            "E dropping {count} buffered records: disk full",
        ),
    ),
    Family(
        "poly.mysql_migration",
        "schema_migration",
        ANY_APP,
        (
            (
                "E Error 1054 (42S22): Unknown column '{column}' in 'field list'",
                "E Error 1146 (42S02): Table '{db}.{table}_v2' doesn't exist",
                "E goose: migration {n}_add_{column}.sql failed: Duplicate column name '{column}'",
            ),
            "?I deploy {version} applied code before migration {n}",
            "E {method} {path} 500: query failed",
        ),
    ),
    Family(
        "poly.liquibase_lock",
        "schema_migration",
        JAVA,
        (
            (
                "W Waiting for changelog lock....",
                "E liquibase.exception.LockException: Could not acquire change log lock.  Currently locked by {host} "
                "({ip}) since {date}",
            ),
            "?W Waiting for changelog lock....",
            "E Migration failed for change set db/changelog/{n}-add-{column}.yaml::{n}::dev",
        ),
    ),
    Family(
        "poly.supervisord_backoff",
        "crash_loop",
        "journald",
        (
            "I supervisord[{pid}]: INFO spawned: '{svc}' with pid {pid}",
            "W supervisord[{pid}]: WARN exited: {svc} (exit status {exit}; not expected)",
            "?I supervisord[{pid}]: INFO spawned: '{svc}' with pid {pid}",
            "E supervisord[{pid}]: INFO gave up: {svc} entered FATAL state, too many start retries too quickly",
        ),
    ),
    Family(
        "poly.app_restart_loop",
        "crash_loop",
        ANY_APP,
        (
            "I starting {svc} {version}",
            (
                "F startup failed: dependency {svc2} not ready; exiting with code {exit}",
                "F exiting after failed self-check (restart {restarts})",
            ),
            "I starting {svc} {version}",
            "?W container restarted {restarts} times in 15 minutes (CrashLoopBackOff)",
        ),
    ),
    Family(
        "poly.registry_manifest",
        "image_pull",
        ANY_APP,
        (
            (
                "E deploy of {svc}:{tag} failed: manifest unknown in registry {image}",
                "E pull {image}:{tag}: unauthorized: authentication required",
                "E image {image}:{tag} not found (ErrImagePull)",
            ),
            "?W rollout of {svc} paused: new pods stuck in ImagePullBackOff",
            "?E {count} pods waiting: ImagePullBackOff",
        ),
    ),
    Family(
        "poly.podman_pull",
        "image_pull",
        "journald",
        (
            (
                "E podman[{pid}]: Error: initializing source docker://{image}:{tag}: reading manifest {tag} in {image}: "
                "manifest unknown",
                'E crio[{pid}]: time="{iso}" level=error msg="Error pulling image {image}:{tag}: '
                'requested access to the resource is denied"',
            ),
            "?W systemd[1]: {svc}.service: Failed with result 'exit-code'.",
            "?E podman[{pid}]: Error: unable to pull {image}:{tag}",
        ),
    ),
    Family(
        "poly.consumer_lag_alert",
        "queue_backlog",
        ANY_APP,
        (
            (
                "W consumer lag for group {group} on {topic} reached {lag} messages",
                "W queue {queue} depth {big} and rising; consumers {count}",
            ),
            "?W processing delay {bigms}ms over SLO for {queue}",
            "W backlog: oldest unacked message in {queue} is {bigms}ms old",
        ),
    ),
)

MORE_FAMILIES = (
    Family(
        "poly.hikari_validation_refused",
        "database_unavailable",
        JAVA,
        (
            "W HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@{hex} (This connection has been closed.). Possibly consider using a shorter maxLifetime value.",
            (
                "E HikariPool-1 - Connection is not available, request timed out after {ms}ms (total=0, active=0, idle=0, waiting={n})",
                "E Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
            ),
            "|Caused by: org.postgresql.util.PSQLException: Connection to {dbhost}:5432 refused.",
            "?|Caused by: java.net.ConnectException: Connection refused (Connection refused)",
        ),
    ),
    Family(
        "poly.db_primary_lost",
        "database_unavailable",
        PYTHON,
        (
            (
                "E psycopg2.OperationalError: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally before or while processing the request.",
                "E pymysql.err.OperationalError: (2003, \"Can't connect to MySQL server on '{dbhost}' ([Errno 111] Connection refused)\")",
                "E redis.exceptions.ConnectionError: Error 111 connecting to {dbhost}:6379. Connection refused.",
            ),
            "?W database health check failed ({count} consecutive)",
            "E {method} {path} 503: database unavailable",
        ),
    ),
    Family(
        "poly.mysql_too_many_connections",
        "resource_saturation",
        ANY_APP,
        (
            (
                "E Error 1040: Too many connections",
                "E SQLSTATE[08004] [1040] Too many connections",
                "E FATAL: remaining connection slots are reserved for non-replication superuser connections",
            ),
            "?W connection pool wait time {bigms}ms, {big} requests waiting",
            "E {method} {path} 503 after waiting for a free connection",
        ),
    ),
    Family(
        "poly.emfile_eagain",
        "resource_saturation",
        ANY_APP,
        (
            (
                "E Error: EMFILE: too many open files, open '/app/uploads/{uuid}'",
                "E fork: retry: Resource temporarily unavailable",
                "E pthread_create failed: Resource temporarily unavailable (max user processes reached)",
            ),
            "?W ulimit -n is 1024; {big} descriptors requested",
            "?W load shedding: rejecting requests, {count} workers busy",
        ),
    ),
    Family(
        "poly.thread_starvation",
        "resource_saturation",
        JAVA,
        (
            "W HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta={n}s{n}ms).",
            "W Tomcat: All threads ({count}) are currently busy, waiting. Increase maxThreads ({count}) or check the servlet status",
            "?W GC pause {bigms}ms while CPU usage is {cpu}%",
            "?E request {method} {path} queued for {bigms}ms before a worker thread was free",
        ),
    ),
    Family(
        "poly.k8s_config_webhook",
        "config_error",
        "k8s_events",
        (
            (
                'W FailedCreate         replicaset/{svc}-{hex}   Error creating: pods "{svc}-{hex}-" is forbidden: error looking up service account {ns}/{svc}-sa: serviceaccount "{svc}-sa" not found',
                'W FailedCreate         replicaset/{svc}-{hex}   Error creating: admission webhook "validate.kyverno.svc" denied the request: resource Deployment/{ns}/{svc} was blocked: env var {column}_URL must be set',
                'W Failed               pod/{pod}   Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: exec: "/app/{svc}-server": stat /app/{svc}-server: no such file or directory',
            ),
            "?W Failed               pod/{pod}   Error: CreateContainerConfigError",
            "?I SuccessfulCreate     replicaset/{svc}-{hex}   Created pod: {pod}",
        ),
    ),
    Family(
        "poly.describe_config_error",
        "config_error",
        "raw",
        (
            "I Name:             {pod}",
            "I     State:          Waiting",
            "I       Reason:       CreateContainerConfigError",
            "I     Ready:          False",
            (
                'I   Warning  Failed  {age}  kubelet  Error: secret "{svc}-db" not found',
                "I   Warning  Failed  {age}  kubelet  Error: couldn't find key API_TOKEN in ConfigMap {ns}/{svc}",
            ),
        ),
    ),
    Family(
        "poly.argo_invalid_manifest",
        "config_error",
        ANY_APP,
        (
            (
                "E ComparisonError: failed to load target state: rpc error: code = Unknown desc = Manifest generation error: error converting YAML to JSON: yaml: line {line}: mapping values are not allowed in this context",
                'E Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: error validating data: unknown field "resource" in io.k8s.api.core.v1.Container',
                'E terraform: Error: Invalid value for input variable "{column}": must be one of [small, medium, large]',
            ),
            "?W sync of {svc} failed, keeping previous revision",
        ),
    ),
    Family(
        "poly.datastore_no_space",
        "disk_full",
        ANY_APP,
        (
            (
                "E WiredTiger error (28) [{n}:{n}][1:0x7f{hex}], file:collection-{n}.wt, WT_SESSION.checkpoint: __posix_file_write, 617: No space left on device",
                "E Code: 243. DB::Exception: Cannot reserve 1.00 MiB, not enough space. (NOT_ENOUGH_SPACE)",
                "E opening storage failed: mkdir /prometheus/wal: no space left on device",
                "E [error] [storage] could not write chunk {hex}.flb: No space left on device",
            ),
            "?W volume {mount} at {pct}% of capacity",
            "?E write failed, retrying in {sec}s",
        ),
    ),
    Family(
        "poly.node_disk_pressure",
        "disk_full",
        "journald",
        (
            (
                'W kubelet[{pid}]: eviction_manager.go:{n}] "Eviction manager: attempting to reclaim" resourceName="nodefs"',
                "W node-problem-detector[{pid}]: Node condition DiskPressure is now: True, reason: KubeletHasDiskPressure",
            ),
            "E dockerd[{pid}]: Error response from daemon: write /var/lib/docker/tmp/GetImageBlob{n}: no space left on device",
            "?W kernel: EXT4-fs ({device}): Delayed block allocation failed for inode {n} at logical offset {n} with max blocks 2 with error 28",
        ),
    ),
    Family(
        "poly.go_code_panic_after_deploy",
        "code_regression",
        GO,
        (
            "?I {svc} {version} ({commit}) rolled out",
            (
                "E handler panicked: runtime error: invalid memory address or nil pointer dereference (recovered) path={path}",
                "E json: cannot unmarshal string into Go struct field Order.total of type float64",
                'E template: invoice.html:{line}: executing "invoice.html" at <.Customer.Name>: nil pointer evaluating *Customer.Name',
            ),
            "E {method} {path} 500",
        ),
    ),
    Family(
        "poly.python_regression_500",
        "code_regression",
        PYTHON,
        (
            "?I release {version} deployed",
            (
                "E Exception in {func}: NameError: name 'currency' is not defined",
                "E Exception in {func}: TypeError: 'NoneType' object is not subscriptable",
                "E Exception in {func}: UnboundLocalError: cannot access local variable 'total' where it is not associated with a value",
            ),
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            "E {method} {path} 500 Internal Server Error",
        ),
    ),
    Family(
        "poly.node_regression",
        "code_regression",
        NODE,
        (
            (
                "E Unhandled promise rejection: TypeError: Cannot read properties of null (reading 'items')",
                "E RangeError: Maximum call stack size exceeded",
                "E SyntaxError: Unexpected token u in JSON at position 0",
            ),
            "|    at {func} (/app/dist/{func}.js:{line}:{n})",
            "?I deployed {svc}@{version} ({commit}) {count} minutes ago",
            "E {method} {path} 500",
        ),
    ),
    Family(
        "poly.tls_mismatch_java",
        "tls_certificate",
        JAVA,
        (
            (
                "E javax.net.ssl.SSLPeerUnverifiedException: Hostname {svc2}.internal not verified: certificate: sha256/{hex}",
                "E javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching {svc2}.{ns}.svc found.",
                "E java.security.cert.CertificateNotYetValidException: NotBefore: {date}",
            ),
            "\tat okhttp3.internal.connection.RealConnection.connectTls(RealConnection.kt:{line})",
            "?W mTLS to {svc2} failing since certificate rotation",
        ),
    ),
    Family(
        "poly.network_partition_app",
        "network_connectivity",
        ANY_APP,
        (
            (
                "E dial tcp {ip}:{port}: connect: connection timed out (no route to {ip})",
                "E read: connection reset by peer ({ip}:{port})",
                "E Connection to {ip}:{port} lost: Network is unreachable",
            ),
            "?W {count}% of calls to the eu-west-1b subnet failing at the TCP level",
            "E circuit open for {svc2}: transport errors",
        ),
    ),
    Family(
        "poly.auth_401_generic",
        "auth_failure",
        ANY_APP,
        (
            (
                "E {svc2} rejected our credentials: 401 Unauthorized (invalid api key {key})",
                "E 403 Forbidden: service account {svc} lacks permission storage.objects.get",
                "E token refresh failed: invalid_grant (refresh token expired or revoked)",
            ),
            "?W {count} requests failed authentication since secret rotation",
            "E {method} {path} failed: unauthorized",
        ),
    ),
    Family(
        "poly.upstream_slow_java",
        "upstream_timeout",
        JAVA,
        (
            (
                "E java.net.http.HttpTimeoutException: request timed out (GET http://{svc2}:{port}{path})",
                "E io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after {dur}s",
                "E java.net.SocketTimeoutException: timeout waiting for response from {svc2}",
            ),
            "\tat {jpkg}.clients.{jcls}Client.{func}({jcls}Client.java:{line})",
            "?W {svc2} latency p99 {bigms}ms",
        ),
    ),
    Family(
        "poly.queue_depth_generic",
        "queue_backlog",
        ANY_APP,
        (
            (
                "W pending jobs in {queue}: {big} (was {n} an hour ago)",
                "W Pub/Sub subscription {queue}-sub: num_undelivered_messages={big}, oldest_unacked_message_age={big}s",
                "W Kinesis iterator age {bigms}ms on stream {topic}",
            ),
            "?W consumers cannot keep up: produce {big}/s, consume {n}/s",
            "W messages in {queue} older than the {sec}m SLA",
        ),
    ),
    Family(
        "poly.crash_loop_events_generic",
        "crash_loop",
        ANY_APP,
        (
            (
                "W {svc2} restarted {restarts} times in the last hour; current state CrashLoopBackOff",
                "W ECS service {svc}: {restarts} tasks stopped in 10m (Essential container exited)",
                "W process {svc} respawning too fast, disabled for 5 minutes",
            ),
            "?E readiness never reached: container exits {sec}s after start",
            "W {svc} is flapping between starting and failed",
        ),
    ),
    Family(
        "poly.rate_limit_generic",
        "rate_limited",
        ANY_APP,
        (
            (
                "W throttled by {ext}: 429, x-ratelimit-remaining=0, resets in {sec}s",
                "W quota exhausted for project {svc}: {limit} requests per minute",
                "W request rejected: rate limit of {limit} req/s exceeded for API key {key}",
            ),
            "?W backing off for {sec}s",
            "E {count} requests dropped due to throttling",
        ),
    ),
    Family(
        "poly.oom_generic",
        "out_of_memory",
        ANY_APP,
        (
            (
                "E container {container} terminated: OOMKilled (memory limit {mb}Mi)",
                "E process killed by the kernel OOM killer (rss {mb}MB, limit {mb}MB)",
                "E cannot allocate memory: heap exhausted at {mb}MB",
            ),
            "?W memory usage climbed from {mb}MB to {mb}MB in {count} minutes",
            "?I restarting {svc} after OOM",
        ),
    ),
    Family(
        "poly.image_pull_generic",
        "image_pull",
        "k8s_events",
        (
            (
                'W Failed               pod/{pod}   Failed to pull image "{image}:{tag}": rpc error: code = Unknown desc = failed to pull and unpack image: failed to resolve reference: pulling from host {image} failed with status code [manifests {tag}]: 401 Unauthorized',
                'W Failed               pod/{pod}   Error: ErrImageNeverPull: Container image "{image}:{tag}" is not present with pull policy of Never',
                'W InspectFailed        pod/{pod}   Failed to apply default image tag "{image}:": couldn\'t parse image reference: invalid reference format',
            ),
            "W Failed               pod/{pod}   Error: ImagePullBackOff",
        ),
    ),
    Family(
        "poly.dns_generic",
        "dns_resolution",
        ANY_APP,
        (
            (
                "E lookup {domain} on 169.254.169.253:53: no such host",
                "E DNS query for {domain} returned SERVFAIL",
                "E Name resolution failed for {domain}: timeout after 5s (resolver 10.96.0.10)",
            ),
            "?W {count} DNS failures in the last minute",
            "E cannot reach {svc2}: hostname not resolvable",
        ),
    ),
    Family(
        "poly.schema_generic",
        "schema_migration",
        ANY_APP,
        (
            (
                "E migration {n}_add_{column}_to_{table} failed: duplicate column name",
                "E schema mismatch: column {table}.{column} expected by {version} missing from database",
                "E migration lock held for {bigms}ms by {host}; deploy blocked",
            ),
            "?I running database migrations for {svc} {version}",
            "E {method} {path} 500: relation or column missing",
        ),
    ),
)

EVEN_MORE_FAMILIES = (
    Family(
        "poly.go_cannot_allocate",
        "out_of_memory",
        "raw",
        (
            "E runtime: out of memory: cannot allocate {big}-byte block ({big} in use)",
            "E fatal error: out of memory",
            "|goroutine {n} [running]:",
            "|runtime.throw2({{0x{hex}?, 0x{n}?}})",
            "|\t/usr/local/go/src/runtime/panic.go:1023 +0x5c",
            "?I container {container} exceeded memory limit {mb}Mi and was restarted",
        ),
    ),
    Family(
        "poly.kafka_broker_unreachable",
        "network_connectivity",
        "kafka",
        (
            (
                "W [Controller id=1, targetBrokerId=2] Connection to node 2 ({ip}/{ip}:9092) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)",
                "W [ReplicaFetcher replicaId=3, leaderId=1, fetcherId=0] Error sending fetch request to node 1: java.net.SocketTimeoutException: Failed to connect within 30000 ms (kafka.server.ReplicaFetcherThread)",
            ),
            "|java.net.NoRouteToHostException: No route to host",
            "?W [Partition {topic}-{partition} broker=2] Shrinking ISR from 1,2,3 to 2,3 (kafka.cluster.Partition)",
        ),
    ),
    Family(
        "poly.java_more_regressions",
        "code_regression",
        JAVA,
        (
            "?I Application {svc} {version} started (build {commit})",
            (
                "E java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3",
                "E java.util.ConcurrentModificationException: null",
                "E java.lang.IllegalArgumentException: No enum constant {jpkg}.PaymentStatus.SETTLED_PARTIAL",
                'E com.fasterxml.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type `java.math.BigDecimal` from String "n/a"',
            ),
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line2})",
            "E Request {method} {path} failed with 500",
        ),
    ),
    Family(
        "poly.rabbit_disk_free",
        "disk_full",
        "rabbitmq",
        (
            (
                "W Disk free space {big} bytes is below the disk_free_limit of 2000000000 bytes",
                "E Failed to write to the message store: {{error,enospc}}",
            ),
            "W alarm raised: disk_free_limit on rabbit@{host}",
            "?I Free disk space monitor: {mount} has {n}MB free",
        ),
    ),
    Family(
        "poly.proxy_upstream_timeout_variants",
        "upstream_timeout",
        "raw",
        (
            (
                'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 504 160 "-" "{agent}" upstream_response_time=60.000 request_time=60.001',
                'I level=warn msg="upstream {svc2} timed out" duration={bigms}ms status=504 path={path}',
            ),
            'I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 504 160 "-" "{agent}" upstream_response_time=60.000 request_time=60.002',
            '?I {ip} - - [{clf}] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
        ),
    ),
    Family(
        "poly.systemd_bad_config",
        "config_error",
        "journald",
        (
            (
                "E {container}[{pid}]: error: unknown option '--{func}' in /etc/default/{svc}",
                "E {container}[{pid}]: failed to parse /etc/{svc}/{svc}.yaml: did not find expected key (line {line})",
                'E {container}[{pid}]: [emerg] invalid parameter "proxy_timeout" in /etc/{svc}.conf:{line}',
            ),
            "E systemd[1]: {unit}: Control process exited, code=exited, status=1/FAILURE",
            "?E systemd[1]: {unit}: Failed with result 'exit-code'.",
        ),
    ),
    Family(
        "poly.cache_unavailable",
        "database_unavailable",
        NODE,
        (
            (
                "E Redis connection to {dbhost}:6379 failed - connect ECONNREFUSED {ip}:6379",
                "E MongoNetworkError: connection 3 to {ip}:27017 closed",
                "E Error: Connection terminated unexpectedly (pg pool, host {dbhost})",
            ),
            "?W datastore {db} unreachable, serving degraded responses",
            "E {method} {path} 503: database unavailable",
        ),
    ),
)
