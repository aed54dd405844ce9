"""Java services: Spring Boot console logs, logback pattern logs, JVM stack traces."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import JAVA, Family

_FRAMES_APP = (
    "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
    "\tat {jpkg}.web.{jcls}Controller.handle({jcls}Controller.java:{line2})",
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
    "\t... {count} common frames omitted",
)

FAMILIES = (
    Family(
        "jvm.hikari_refused",
        "database_unavailable",
        JAVA,
        (
            "E HikariPool-1 - Exception during pool initialization.",
            (
                "|org.postgresql.util.PSQLException: Connection to {dbhost}:5432 refused. Check that the hostname and "
                "port are correct and that the postmaster is accepting TCP/IP connections.",
                "|org.postgresql.util.PSQLException: The connection attempt failed.",
            ),
            "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)",
            "\tat com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)",
            "|Caused by: java.net.ConnectException: Connection refused",
            "?E Application run failed",
            "?W SQL Error: 0, SQLState: 08001",
        ),
    ),
    Family(
        "jvm.mysql_link_failure",
        "database_unavailable",
        JAVA,
        (
            "E Unable to acquire JDBC Connection [{func}]",
            "|org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection",
            "|Caused by: com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure",
            "|The last packet sent successfully to the server was 0 milliseconds ago. The driver has not "
            "received any packets from the server.",
            "\tat com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:828)",
            "?W HHH000342: Could not obtain connection to query metadata",
        ),
    ),
    Family(
        "jvm.heap_oom",
        "out_of_memory",
        JAVA,
        (
            (
                'E Exception in thread "{func}-worker-{tid}" java.lang.OutOfMemoryError: Java heap space',
                "E Servlet.service() threw exception java.lang.OutOfMemoryError: GC overhead limit exceeded",
                "E Uncaught exception in thread kafka-producer-network-thread: java.lang.OutOfMemoryError: "
                "Java heap space",
            ),
            "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
            "\tat java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)",
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "?W Dumping heap to /tmp/java_pid{pid}.hprof ...",
            "?W Heap dump file created [{bytes} bytes in {dur} secs]",
            "?F Terminating due to java.lang.OutOfMemoryError: Java heap space",
        ),
    ),
    Family(
        "jvm.resttemplate_read_timeout",
        "upstream_timeout",
        JAVA,
        (
            (
                'E I/O error on POST request for "http://{svc2}:{port}{path}": Read timed out; nested exception '
                "is java.net.SocketTimeoutException: Read timed out",
                "E feign.RetryableException: Read timed out executing POST http://{svc2}{path}",
            ),
            "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)",
            "|Caused by: java.net.SocketTimeoutException: Read timed out",
            "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
            "?W CircuitBreaker '{svc2}' recorded a slow call: {bigms}ms",
            "?W TimeLimiter '{svc2}' recorded a timeout exception.",
        ),
    ),
    Family(
        "jvm.pkix",
        "tls_certificate",
        JAVA,
        (
            (
                "E Failed to call https://{ext}{path}: javax.net.ssl.SSLHandshakeException: PKIX path building failed",
                "E javax.net.ssl.SSLHandshakeException: PKIX path validation failed: "
                "java.security.cert.CertPathValidatorException: validity check failed",
            ),
            (
                "|Caused by: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
                "certification path to requested target",
                "|Caused by: java.security.cert.CertificateExpiredException: NotAfter: {date}",
            ),
            "\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)",
            "\tat java.base/sun.security.ssl.TransportContext.fatal(TransportContext.java:378)",
            "?W Retrying request to {ext} (1/3)",
        ),
    ),
    Family(
        "jvm.npe_after_deploy",
        "code_regression",
        JAVA,
        (
            "?I Started {jcls}Application in {dur} seconds (version {version}, commit {commit})",
            (
                "E Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
                "[Request processing failed: java.lang.NullPointerException: Cannot invoke "
                '"{jpkg}.model.Order.getCustomer()" because "order" is null] with root cause',
                "E Unhandled exception in {func}: java.lang.ClassCastException: class java.lang.String cannot be "
                "cast to class java.lang.Long",
                "E Request processing failed: java.lang.IndexOutOfBoundsException: Index 0 out of bounds for length 0",
                "E java.lang.IllegalStateException: Duplicate key {n} (attempted merging values A and B)",
            ),
            *_FRAMES_APP,
            "?W Resolved [java.lang.NullPointerException] to HTTP 500 for {method} {path}",
        ),
    ),
    Family(
        "jvm.flyway_failed",
        "schema_migration",
        JAVA,
        (
            'I Migrating schema "public" to version "{n} - add {column} to {table}"',
            (
                "E Migration V{n}__add_{column}.sql failed",
                "E Validate failed: Migrations have failed validation",
            ),
            "|SQL State  : 42701",
            "|Error Code : 0",
            (
                '|Message    : ERROR: column "{column}" of relation "{table}" already exists',
                "|Message    : Detected failed migration to version {n} (add {column} to {table}).",
            ),
            "|Location   : db/migration/V{n}__add_{column}.sql",
            "?E Application run failed",
            "|org.flywaydb.core.internal.command.DbMigrate$FlywayMigrateException: Migration failed",
        ),
    ),
    Family(
        "jvm.hibernate_missing_column",
        "schema_migration",
        JAVA,
        (
            (
                "E Schema-validation: missing column [{column}] in table [{table}]",
                "E PreparedStatementCallback; bad SQL grammar [select o.id, o.{column} from {table} o where o.id=?]",
            ),
            (
                "|org.springframework.jdbc.BadSqlGrammarException: nested exception is "
                "org.postgresql.util.PSQLException: ERROR: column o.{column} does not exist",
                "|org.hibernate.tool.schema.spi.SchemaManagementException: Schema-validation: missing column "
                "[{column}] in table [{table}]",
            ),
            "?|  Position: {n}",
            "\tat org.hibernate.tool.schema.internal.AbstractSchemaValidator.validateTable"
            "(AbstractSchemaValidator.java:136)",
            "?W SQL Error: 0, SQLState: 42703",
        ),
    ),
    Family(
        "jvm.failed_to_start_binding",
        "config_error",
        JAVA,
        (
            "E ",
            "|***************************",
            "|APPLICATION FAILED TO START",
            "|***************************",
            "|Description:",
            (
                "|Failed to bind properties under '{svc}.client.base-url' to java.net.URI:",
                "|Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource "
                "could be configured.",
                "|Could not resolve placeholder '{column}_API_KEY' in value \"${{{column}_API_KEY}}\"",
                "|Parameter 0 of constructor in {jpkg}.{jcls} required a bean of type 'RestClient' that could "
                "not be found.",
            ),
            "|Action:",
            "|Update your application's configuration",
        ),
    ),
    Family(
        "jvm.rejected_execution",
        "resource_saturation",
        JAVA,
        (
            (
                "E Task {jpkg}.{jcls}$$Lambda@{hex} rejected from java.util.concurrent.ThreadPoolExecutor@{hex}"
                "[Running, pool size = 200, active threads = 200, queued tasks = 1000, completed tasks = {big}]",
                "E HikariPool-1 - Connection is not available, request timed out after {ms}ms (total=50, "
                "active=50, idle=0, waiting={n})",
            ),
            (
                "|java.util.concurrent.RejectedExecutionException: Thread pool is EXHAUSTED!",
                "|java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available",
            ),
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "?W HikariPool-1 - Pool stats (total=50, active=50, idle=0, waiting={n})",
            "?W Tomcat thread pool busy: currentThreadsBusy=200 maxThreads=200",
        ),
    ),
    Family(
        "jvm.too_many_requests",
        "rate_limited",
        JAVA,
        (
            (
                "E Call to {ext} failed: org.springframework.web.client.HttpClientErrorException$TooManyRequests: "
                '429 Too Many Requests: "{{"error":{{"type":"rate_limit_error"}}}}"',
                "E feign.FeignException$TooManyRequests: [429 Too Many Requests] during [POST] to [https://{ext}{path}]",
            ),
            "\tat org.springframework.web.client.DefaultResponseErrorHandler.handleError"
            "(DefaultResponseErrorHandler.java:168)",
            "?W Retry-After header: {sec}s, backing off",
            "?W RateLimiter '{svc2}' does not permit further calls",
        ),
    ),
    Family(
        "jvm.jwt_expired",
        "auth_failure",
        JAVA,
        (
            (
                "W JWT expired at {iso}. Current time: {iso}, a difference of {big} milliseconds. Allowed clock "
                "skew: 0 milliseconds.",
                "W Authentication failed: Bad credentials for user {user}",
                "E 401 Unauthorized from POST http://{svc2}{path}",
            ),
            (
                "|io.jsonwebtoken.ExpiredJwtException: JWT expired",
                "|org.springframework.security.authentication.BadCredentialsException: Bad credentials",
                "|org.springframework.web.reactive.function.client.WebClientResponseException$Unauthorized: "
                "401 Unauthorized",
            ),
            "\tat org.springframework.security.web.FilterChainProxy.doFilterInternal(FilterChainProxy.java:227)",
            "?W Responding with 401 to {method} {path}",
        ),
    ),
    Family(
        "jvm.kafka_poll_interval",
        "queue_backlog",
        JAVA,
        (
            "W [Consumer clientId={svc}-{n}, groupId={group}] consumer poll timeout has expired. This means the "
            "time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which "
            "typically implies that the poll loop is spending too much time processing messages.",
            "?I [Consumer clientId={svc}-{n}, groupId={group}] Member {svc}-{uuid} sending LeaveGroup request "
            "to coordinator due to consumer poll timeout has expired.",
            "E [Consumer clientId={svc}-{n}, groupId={group}] Offset commit failed on partition {topic}-"
            "{partition}: The coordinator is not aware of this member.",
            "?W Consumer lag for {group} on {topic}: {lag} records",
            "?I [Consumer clientId={svc}-{n}, groupId={group}] Revoke previously assigned partitions "
            "{topic}-{partition}",
        ),
    ),
    Family(
        "jvm.no_route",
        "network_connectivity",
        JAVA,
        (
            (
                'E I/O error on GET request for "http://{ip}:{port}{path}": No route to host; nested exception '
                "is java.net.NoRouteToHostException: No route to host",
                "E Connection to {ip}:{port} failed: java.net.SocketException: Network is unreachable",
                "E java.net.SocketException: Connection reset by peer while reading from {ip}:{port}",
            ),
            "\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)",
            "\tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:592)",
            "?W Marking endpoint {ip}:{port} unhealthy after {count} consecutive failures",
        ),
    ),
    Family(
        "jvm.unknown_host",
        "dns_resolution",
        JAVA,
        (
            (
                'E I/O error on GET request for "http://{domain}:{port}{path}": {domain}; nested exception is '
                "java.net.UnknownHostException: {domain}",
                "E Failed to connect: java.net.UnknownHostException: {domain}: Name or service not known",
                "E java.net.UnknownHostException: {domain}: Temporary failure in name resolution",
            ),
            "\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)",
            "\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1533)",
            "?W Retrying in {sec}s after timeout resolving upstream",
        ),
    ),
)
