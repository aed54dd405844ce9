"""Code regressions and resource saturation as more components report them.

The rest of the corpus covers the common shapes (an NPE after a deploy, a Go nil-pointer panic,
"too many clients", a full thread pool). These families add the shapes of other libraries and
servers: ORM and serializer bugs (Hibernate, Jackson, SQLAlchemy, EF Core, Prisma), worker code
(Celery, Sidekiq, Spark), Go runtime fatal errors and gRPC contract breaks, and saturation as
Elasticsearch, MongoDB, Cassandra, etcd, ClickHouse, Redis clients, Kestrel, the kernel and the
cloud autoscalers write it. A couple of them are hard cases: a pool timeout whose lines show a
connection leak (code), a Redis "Timeout performing" whose counters show thread-pool starvation,
and "cannot assign requested address" from ephemeral port exhaustion (both saturation).
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import ANY_APP, DOTNET, GO, JAVA, NODE, PYTHON, Family

_TB = "|Traceback (most recent call last):"

FAMILIES = (
    # --- code_regression
    Family(
        # Hard case: the pool runs dry, but Hikari's leak detector names the code that keeps connections.
        "cc.hikari_connection_leak",
        "code_regression",
        JAVA,
        (
            "?I Deployed {svc} {version} (commit {commit}); leakDetectionThreshold=60000",
            (
                "W HikariPool-1 - Connection leak detection triggered for org.postgresql.jdbc.PgConnection@{hex} on "
                "thread http-nio-8080-exec-{tid}, stack trace follows",
                "W HikariPool-1 - Connection leak detection triggered for com.mysql.cj.jdbc.ConnectionImpl@{hex} on "
                "thread {svc}-worker-{tid}, stack trace follows",
            ),
            "|java.lang.Exception: Apparent connection leak detected",
            "\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)",
            "\tat {jpkg}.repository.{jcls}Dao.{func}({jcls}Dao.java:{line})",
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line2})",
            "?E HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, "
            "idle=0, waiting={n})",
        ),
    ),
    Family(
        "cc.jackson_serialization",
        "code_regression",
        JAVA,
        (
            "?I {svc} {version} rolled out at build {commit}",
            (
                "E com.fasterxml.jackson.databind.JsonMappingException: Infinite recursion (StackOverflowError) "
                '(through reference chain: {jpkg}.model.Order["customer"]->{jpkg}.model.Customer["orders"]->'
                'org.hibernate.collection.spi.PersistentBag[0]->{jpkg}.model.Order["customer"]->...)',
                "E com.fasterxml.jackson.databind.exc.InvalidDefinitionException: No serializer found for class "
                "org.hibernate.proxy.pojo.bytebuddy.ByteBuddyInterceptor and no properties discovered to create "
                "BeanSerializer (to avoid exception, disable SerializationFeature.FAIL_ON_EMPTY_BEANS) (through "
                'reference chain: {jpkg}.dto.{jcls}Response["order"]->{jpkg}.model.Order$HibernateProxy$'
                '{hex}["hibernateLazyInitializer"])',
            ),
            "\tat com.fasterxml.jackson.databind.ser.BeanPropertyWriter.serializeAsField(BeanPropertyWriter.java:732)",
            "\tat com.fasterxml.jackson.databind.ser.std.BeanSerializerBase.serializeFields(BeanSerializerBase.java:772)",
            "?\t... {count} more",
            (
                "W Resolved [org.springframework.http.converter.HttpMessageNotWritableException: Could not write JSON: "
                "Infinite recursion (StackOverflowError)]",
                "W Failure while trying to resolve exception "
                "[org.springframework.http.converter.HttpMessageNotWritableException]",
            ),
        ),
    ),
    Family(
        "cc.hibernate_lazy_init",
        "code_regression",
        JAVA,
        (
            "?I Started {jcls}Application {version} (build {commit})",
            (
                "E org.hibernate.LazyInitializationException: could not initialize proxy [{jpkg}.model.Customer#{n}] "
                "- no Session\n\tat org.hibernate.proxy.AbstractLazyInitializer.initialize(AbstractLazyInitializer.java:165)",
                "E org.hibernate.LazyInitializationException: failed to lazily initialize a collection of role: "
                "{jpkg}.model.Order.items: could not initialize proxy - no Session\n\tat "
                "org.hibernate.collection.spi.AbstractPersistentCollection.throwLazyInitializationException(AbstractPersistentCollection.java:635)",
                "E org.springframework.dao.IncorrectResultSizeDataAccessException: Query did not return a unique "
                "result: 2 results were returned",
            ),
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "\tat {jpkg}.web.{jcls}Controller.{func}({jcls}Controller.java:{line2})",
            "?E {method} {path} -> 500 Internal Server Error",
        ),
    ),
    Family(
        "cc.sqlalchemy_session_misuse",
        "code_regression",
        PYTHON,
        (
            "?I release {version} ({commit}) went live",
            ("E Exception on {path} [{method}]", "E Error in background job {func}"),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            ("|    for item in order.items:", "|    total = sum(line.amount for line in invoice.lines)"),
            '|  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/orm/strategies.py", line 863, in _load_for_state',
            (
                "|sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <Order at 0x7f{hex}> is not bound to a "
                "Session; lazy load operation of attribute 'items' cannot proceed (Background on this error at: "
                "https://sqlalche.me/e/20/bhk3)",
                "|sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. "
                "Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)",
                "|sqlalchemy.orm.exc.DetachedInstanceError: Instance <Invoice at 0x7f{hex}> is not bound to a Session; "
                "attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)",
            ),
        ),
    ),
    Family(
        "cc.fastapi_response_validation",
        "code_regression",
        PYTHON,
        (
            "E Exception in ASGI application",
            _TB,
            '|  File "/usr/local/lib/python3.12/site-packages/fastapi/routing.py", line 155, in serialize_response',
            "|    raise ResponseValidationError(",
            (
                "|fastapi.exceptions.ResponseValidationError: 1 validation errors:\n  {{'type': 'missing', 'loc': "
                "('response', 'total'), 'msg': 'Field required', 'input': {{'id': {n}, 'currency': 'EUR'}}}}",
                "|pydantic_core._pydantic_core.ValidationError: 1 validation error for OrderOut\ncurrency\n  Input "
                "should be 'EUR', 'USD' or 'GBP' [type=enum, input_value='eur', input_type=str]",
                "|pydantic_core._pydantic_core.ValidationError: 1 validation error for OrderOut\nitems.0.quantity\n  "
                "Input should be a valid integer [type=int_type, input_value=None, input_type=NoneType]",
            ),
            '?I {ip}:{eport} - "{method} {path} HTTP/1.1" 500 Internal Server Error',
        ),
    ),
    Family(
        "cc.celery_task_code",
        "code_regression",
        "celery",
        (
            "?I celery@{pod} ready. (worker image {image}:{tag})",
            (
                'E Task {svc}.tasks.{func}[{uuid}] raised unexpected: TypeError("{func}() missing 1 required '
                "positional argument: 'currency'\")"
                '\nTraceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/celery/app/trace.py", line 453, in trace_task\n    R = retval = fun(*args, **kwargs)\n'
                '  File "/srv/worker/tasks.py", line {line}, in {func}\n'
                "TypeError: {func}() missing 1 required positional argument: 'currency'",
                "E Received unregistered task of type '{svc}.tasks.{func}'.\nThe message has been ignored and discarded.\n\n"
                "Did you remember to import the module containing this task?\nOr maybe you're using relative imports?",
                "E Task {svc}.tasks.{func}[{uuid}] raised unexpected: EncodeError(TypeError('Object of type Decimal is "
                "not JSON serializable'))"
                '\nTraceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/celery/app/trace.py", line 453, in trace_task\n    R = retval = fun(*args, **kwargs)\n'
                '  File "/usr/local/lib/python3.12/site-packages/kombu/utils/json.py", line 63, in dumps\n'
                "kombu.exceptions.EncodeError: Object of type Decimal is not JSON serializable",
            ),
            "?I Task {svc}.tasks.{func}[{uuid}] retry: Retry in {sec}s",
        ),
    ),
    Family(
        "cc.go_runtime_fatal",
        "code_regression",
        GO,
        (
            "?I {svc} {version} (commit {commit}) started with GOMAXPROCS=8",
            (
                "F fatal error: concurrent map writes",
                "F fatal error: concurrent map read and map write",
                "F panic: sync: negative WaitGroup counter",
                "F fatal error: sync: unlock of unlocked mutex",
            ),
            "|",
            "|goroutine {n} [running]:",
            "|runtime.throw({{0x{hex}?, 0x{hex}?}})",
            "|\t/usr/local/go/src/runtime/panic.go:1077 +0x5c fp=0xc000{hex} sp=0xc000{hex} pc=0x{hex}",
            "|github.com/acme/{svc}/internal/cache.(*Store).{func}(...)",
            "|\t/src/internal/cache/store.go:{line} +0x{n}",
        ),
    ),
    Family(
        "cc.grpc_contract_break",
        "code_regression",
        GO,
        (
            "?I rolled out {svc} {version} ({commit}); {svc2} still on previous release",
            (
                "E rpc error: code = Unimplemented desc = unknown method {func} for service {svc2}.v1.{jcls}Service",
                "E rpc error: code = Internal desc = grpc: error unmarshalling request: proto: cannot parse invalid "
                "wire-format data",
                "E rpc error: code = Unknown desc = proto: ({svc2}.v1.{jcls}Request).amount: invalid type: expected "
                "int64, got string",
            ),
            "?W grpc call {svc2}.v1.{jcls}Service/{func} failed after 0 retries (code not retryable)",
            "E {method} {path} 500: upstream {svc2} rejected call",
        ),
    ),
    Family(
        "cc.express_response_misuse",
        "code_regression",
        NODE,
        (
            "?I {svc}@{version} deployed ({commit})",
            (
                "E Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client",
                'E TypeError [ERR_HTTP_INVALID_HEADER_VALUE]: Invalid value "undefined" for header "X-Request-Id"',
                'E TypeError [ERR_INVALID_CHAR]: Invalid character in header content ["Content-Disposition"]',
            ),
            "|    at ServerResponse.setHeader (node:_http_outgoing:652:11)",
            "?|    at ServerResponse.json (/app/node_modules/express/lib/response.js:278:15)",
            "|    at {func} (/app/dist/routes/{func}.js:{line}:{n})",
            "|    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)",
        ),
    ),
    Family(
        "cc.prisma_validation",
        "code_regression",
        NODE,
        (
            "?I release {version} of {svc} live",
            "E PrismaClientValidationError: ",
            "|Invalid `prisma.order.create()` invocation in",
            "|/app/src/services/{func}.ts:{line}:{n}",
            "|→ {line} const order = await prisma.order.create(",
            (
                "|Argument `total` is missing.",
                "|Argument `total`: Invalid value provided. Expected Decimal, provided String.",
                "|Invalid value for argument `status`. Expected OrderStatus.",
            ),
            "?E {method} {path} 500 ({n}ms)",
        ),
    ),
    Family(
        "cc.efcore_query_bug",
        "code_regression",
        DOTNET,
        (
            "?I Now listening on: http://[::]:8080 (build {version}+{commit})",
            (
                "E An exception occurred while iterating over the results of a query for context type "
                "'{jpkg}.Data.AppDbContext'.",
                "E An unhandled exception occurred while processing {method} {path}",
            ),
            (
                "|System.InvalidOperationException: The LINQ expression 'DbSet<Order>()\n    .Where(o => "
                "o.Reference.ToString().Contains(__term_0))' could not be translated. Either rewrite the query in a "
                "form that can be translated, or switch to client evaluation explicitly by inserting a call to "
                "'AsEnumerable', 'AsAsyncEnumerable', 'ToList', or 'ToListAsync'. See "
                "https://go.microsoft.com/fwlink/?linkid=2101038 for more information.\n   at "
                "Microsoft.EntityFrameworkCore.Query.QueryableMethodTranslatingExpressionVisitor.Translate(Expression expression)",
                "|System.InvalidOperationException: A second operation was started on this context instance before a "
                "previous operation completed. This is usually caused by different threads concurrently using the same "
                "instance of DbContext. For more information on how to avoid threading issues with DbContext, see "
                "https://go.microsoft.com/fwlink/?linkid=2097913.\n   at "
                "Microsoft.EntityFrameworkCore.Infrastructure.Internal.ConcurrencyDetector.EnterCriticalSection()",
                "|System.InvalidOperationException: Sequence contains more than one element\n   at "
                "System.Linq.ThrowHelper.ThrowMoreThanOneElementException()",
            ),
            "|   at {jpkg}.Services.{jcls}.{func}Async(CancellationToken ct) in /src/Services/{jcls}.cs:line {line}",
        ),
    ),
    Family(
        "cc.sidekiq_job_exception",
        "code_regression",
        "ruby",
        (
            "?I deployed {svc} {version} ({commit}); sidekiq restarted",
            'W {{"context":"Job raised exception","job":{{"retry":true,"queue":"{queue}","class":"{jcls}Job",'
            '"args":[{n}],"jid":"{hex}"}}}}',
            (
                "W KeyError: key not found: :currency",
                'W FrozenError: can\'t modify frozen String: "{svc}-{n}"',
                "W TypeError: no implicit conversion of nil into String",
                "W ArgumentError: missing keyword: :tenant_id",
            ),
            "|/app/app/jobs/{table}_job.rb:{line}:in `perform'",
            "?|/app/app/services/{table}_sync.rb:{line2}:in `call'",
            "?|/usr/local/bundle/gems/sidekiq-7.2.1/lib/sidekiq/processor.rb:202:in `execute_job'",
        ),
    ),
    Family(
        "cc.spark_job_code",
        "code_regression",
        "kafka",
        (
            "?I SparkContext: Running Spark version 3.5.1, application jar {svc}-jobs-{version}.jar",
            "E Executor: Exception in task {n}.0 in stage {count}.0 (TID {big})",
            (
                "|org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n  File "
                '"/opt/spark/jobs/{func}.py", line {line}, in <lambda>\nTypeError: unsupported operand type(s) for +: '
                "'NoneType' and 'float'",
                "|scala.MatchError: PARTIAL_REFUND (of class java.lang.String)\n\tat "
                "{jpkg}.jobs.{jcls}$.$anonfun$run$1({jcls}.scala:{line})",
                '|java.lang.NumberFormatException: For input string: "12,50"\n\tat '
                "{jpkg}.jobs.{jcls}$.parseAmount({jcls}.scala:{line})",
            ),
            "E TaskSetManager: Task {n} in stage {count}.0 failed 4 times; aborting job",
            "?E FileFormatWriter: Aborting job {uuid}.",
        ),
    ),
    # --- resource_saturation
    Family(
        "cc.es_rejected_execution",
        "resource_saturation",
        (*JAVA, *PYTHON),
        (
            (
                "E elasticsearch.ApiError: ApiError(429, 'es_rejected_execution_exception', 'rejected execution of "
                "coordinating operation [coordinating_and_primary_bytes={big}, replica_bytes=0, all_bytes={big}, "
                "coordinating_operation_bytes={big}, max_coordinating_and_primary_bytes=107374182]')",
                "E org.elasticsearch.ElasticsearchStatusException: Elasticsearch exception "
                "[type=es_rejected_execution_exception, reason=rejected execution of "
                "org.elasticsearch.transport.TransportService$4@{hex} on EsThreadPoolExecutor[name = es-data-{count}/"
                "search, queue capacity = 1000, org.elasticsearch.common.util.concurrent.EsThreadPoolExecutor@{hex}"
                "[Running, pool size = 13, active threads = 13, queued tasks = 1000, completed tasks = {big}]]]",
                "E OpenSearchStatusException[OpenSearch exception [type=rejected_execution_exception, reason=rejected "
                "execution of primary operation on OpenSearchThreadPoolExecutor[name = os-data-{count}/write, queue "
                "capacity = 10000, active threads = 8, queued tasks = 10000, completed tasks = {big}]]]",
            ),
            "?W elasticsearch.helpers.BulkIndexError: {count} document(s) failed to index.",
            "?I @raw node_name  name   active queue rejected\nes-data-{count} write       8 10000   {big}\nes-data-{n} "
            "search     13  1000    {big}",
            "?W indexing backpressure: {count} bulk requests waiting for the cluster",
        ),
    ),
    Family(
        "cc.mongod_connection_limit",
        "resource_saturation",
        "raw",
        (
            (
                'I {{"t":{{"$date":"{iso}"}},"s":"I",  "c":"NETWORK",  "id":22942,   "ctx":"listener",'
                '"msg":"Connection refused because there are too many open connections",'
                '"attr":{{"remote":"{ip}:{eport}","isLoadBalanced":false,"connectionCount":819}}}}',
                'I {{"t":{{"$date":"{iso}"}},"s":"I",  "c":"NETWORK",  "id":22942,   "ctx":"listener",'
                '"msg":"Connection refused because there are too many open connections",'
                '"attr":{{"remote":"{ip}:{eport}","isLoadBalanced":false,"connectionCount":51200}}}}',
            ),
            '?I {{"t":{{"$date":"{iso}"}},"s":"I",  "c":"COMMAND",  "id":51803,   "ctx":"conn{big}","msg":"Slow '
            'query","attr":{{"type":"command","ns":"{db}.{table}","command":{{"find":"{table}"}},"planSummary":'
            '"IXSCAN {{ {column}: 1 }}","docsExamined":1,"numYields":0,"queues":{{"execution":{{"admissions":1,'
            '"totalTimeQueuedMicros":{big}}}}},"durationMillis":{bigms}}}}}',
            'I {{"t":{{"$date":"{iso}"}},"s":"I",  "c":"NETWORK",  "id":22942,   "ctx":"listener",'
            '"msg":"Connection refused because there are too many open connections",'
            '"attr":{{"remote":"{ip2}:{eport}","isLoadBalanced":false,"connectionCount":819}}}}',
        ),
    ),
    Family(
        "cc.redis_maxclients",
        "resource_saturation",
        ANY_APP,
        (
            (
                "E cache read failed for session:{hex}: ERR max number of clients reached",
                "E redis.exceptions.ConnectionError: max number of clients reached",
                "E redis.clients.jedis.exceptions.JedisDataException: ERR max number of clients reached",
                "E ReplyError: ERR max number of clients reached",
            ),
            "?I @raw # Clients\nconnected_clients:10000\nmaxclients:10000\nblocked_clients:{n}",
            "?W falling back to database for session lookups ({count} misses/s)",
            "?E cache read failed for cart:{hex}: ERR max number of clients reached",
        ),
    ),
    Family(
        "cc.cassandra_dropped_messages",
        "resource_saturation",
        "raw",
        (
            (
                "I INFO  [ScheduledTasks:1] {iso} NoSpamLogger.java:92 - MUTATION_REQ messages were dropped in last "
                "5000 ms: 0 internal and {big} cross node. Mean internal dropped latency: 0 ms and Mean cross-node "
                "dropped latency: {bigms} ms",
                "I INFO  [ScheduledTasks:1] {iso} MessagingService.java:1236 - READ messages were dropped in last 5000 "
                "ms: {big} internal and 0 cross node. Mean internal dropped latency: {bigms} ms and Mean cross-node "
                "dropped latency: 0 ms",
            ),
            "?I INFO  [ScheduledTasks:1] {iso} StatusLogger.java:65 - Pool Name                    Active   Pending"
            "      Completed   Blocked  All Time Blocked",
            "?|INFO  [ScheduledTasks:1] {iso} StatusLogger.java:69 - MutationStage                    32     {big}"
            "      {lag}         0                 0",
            "?W WARN  [GossipTasks:1] {iso} FailureDetector.java:288 - Not marking nodes down due to local pause of "
            "8231745872 ns > 5000000000",
            "?E com.datastax.oss.driver.api.core.servererrors.OverloadedException: Queried host (/{ip}:9042) was "
            "overloaded",
        ),
    ),
    Family(
        "cc.activerecord_pool_timeout",
        "resource_saturation",
        "ruby",
        (
            'I Started {method} "{path}" for {ip} at {iso}',
            (
                "F ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool within 5.000 "
                "seconds (waited 5.00{n} seconds); all pooled connections were in use):",
                "E ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within 5.000 "
                "seconds (waited 5.01 seconds); all pooled connections were in use",
            ),
            "|activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:128:in "
            "`block in wait_poll'",
            '?I @raw {{"started_at":"{iso}","backlog":{count},"running":5,"pool_capacity":0,"max_threads":5,'
            '"requests_count":{big}}}',
            "?I Completed 500 Internal Server Error in 50{count}ms",
        ),
    ),
    Family(
        "cc.kernel_pids_limit",
        "resource_saturation",
        "journald",
        (
            (
                "W kernel: [{n}.{pid}] cgroup: fork rejected by pids controller in /kubepods.slice/"
                "kubepods-burstable.slice/kubepods-burstable-pod{hex}.slice/cri-containerd-{sha}.scope",
                "W kernel: [{n}.{pid}] cgroup: fork rejected by pids controller in /system.slice/{unit}",
            ),
            (
                "?E {container}[{pid}]: runtime/cgo: pthread_create failed: Resource temporarily unavailable",
                '?E {container}[{pid}]: [warning][os,thread] Failed to start thread "Unknown thread" - '
                "pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached.",
            ),
            "?W systemd[1]: {unit}: Failed to fork: Resource temporarily unavailable",
        ),
    ),
    Family(
        "cc.go_redis_pool_timeout",
        "resource_saturation",
        GO,
        (
            (
                "E cache get cart:{hex}: redis: connection pool timeout",
                "E session lookup failed: redis: connection pool exhausted",
            ),
            "?W redis pool stats hits={big} misses={big} timeouts={big} total_conns=100 idle_conns=0 stale_conns=0",
            "?W {method} {path} took {bigms}ms (goroutines={big})",
            "E cache set price:{hex}: redis: connection pool timeout",
        ),
    ),
    Family(
        # Reads like a network failure; the socket summary shows the host ran out of ephemeral ports.
        "cc.ephemeral_port_exhaustion",
        "resource_saturation",
        (*NODE, *GO),
        (
            (
                "E Error: connect EADDRNOTAVAIL {ip}:443 - Local (0.0.0.0:0)\n    at internalConnect "
                "(node:net:1094:16)\n    at defaultTriggerAsyncIdScope (node:internal/async_hooks:464:18)",
                'E Post "https://{ext}/v1/events": dial tcp {ip}:443: connect: cannot assign requested address',
                "E dial tcp {ip}:{port}: connect: cannot assign requested address",
            ),
            (
                "?I @raw TCP:   28412 (estab 311, closed 28088, orphaned 0, timewait 28071)",
                "?I @raw TCP:   61873 (estab 1204, closed 60517, orphaned 3, timewait 60498)",
            ),
            "?I @raw net.ipv4.ip_local_port_range = 32768\t60999",
            "?W outbound requests per second: {n}0, new connection per request (keep-alive disabled)",
        ),
    ),
    Family(
        "cc.etcd_overloaded",
        "resource_saturation",
        "raw",
        (
            (
                'W {{"level":"warn","ts":"{iso}","caller":"etcdserver/util.go:170","msg":"apply request took too '
                'long","took":"{dur}s","expected-duration":"100ms","prefix":"read-only range ","request":"key:\\"'
                '/registry/pods/{ns}/\\" range_end:\\"/registry/pods/{ns}0\\" ","response":"range_response_count:{n} '
                'size:{big}"}}',
                'W {{"level":"warn","ts":"{iso}","caller":"etcdserver/raft.go:369","msg":"leader failed to send out '
                'heartbeat on time; took too long, leader is overloaded likely from slow disk","to":"{hex}",'
                '"heartbeat-interval":"100ms","expected-duration":"200ms","exceeded-duration":"{n}ms"}}',
            ),
            '?W {{"level":"warn","ts":"{iso}","caller":"wal/wal.go:805","msg":"slow fdatasync","took":"{dur}s",'
            '"expected-duration":"1s"}}',
            (
                "?E status.go:71] apiserver received an error that is not an metav1.Status: "
                'rpctypes.EtcdError{{Code:14, Desc:"etcdserver: request timed out"}}',
                '?E {{"level":"warn","ts":"{iso}","caller":"etcdserver/v3_server.go:840","msg":"etcdserver: too many '
                'requests"}}',
            ),
        ),
    ),
    Family(
        "cc.clickhouse_limits",
        "resource_saturation",
        (*PYTHON, *GO),
        (
            (
                "E query {func} failed: code: 202, message: Too many simultaneous queries. Maximum: 100",
                "E clickhouse_connect.driver.exceptions.DatabaseError: HTTPDriver for http://clickhouse:8123 returned "
                "response code 500)\n Code: 202. DB::Exception: Too many simultaneous queries. Maximum: 100. "
                "(TOO_MANY_SIMULTANEOUS_QUERIES) (version 24.3.2.23 (official build))",
                "E insert into analytics.events failed: code: 252, message: Too many parts (300 with average size of "
                "11.42 KiB) in table 'analytics.events (…)'. Merges are processing significantly slower than inserts",
            ),
            "?W {count} inserts buffered locally, retrying in {sec}s",
            "?W dashboard query {func} queued for {bigms}ms",
        ),
    ),
    Family(
        "cc.cloud_capacity_exhausted",
        "resource_saturation",
        "kubelet",
        (
            "I orchestrator.go:{line}] Pod {ns}/{pod} is unschedulable",
            (
                "W clusterstate.go:{line}] Disabling scale-up for node group eks-{svc}-pool-{commit} until {iso}; "
                "errorClass=OutOfResource; errorCode=InsufficientInstanceCapacity",
                "W auto_scaling_groups.go:{line}] Could not launch On-Demand Instances. InsufficientInstanceCapacity - "
                "We currently do not have sufficient m5.2xlarge capacity in the Availability Zone you requested "
                "(eu-west-1b). Our system will be working on provisioning additional capacity.",
                "W gce_manager.go:{line}] Error while creating instance: ZONE_RESOURCE_POOL_EXHAUSTED: The zone "
                "'projects/acme-prod/zones/europe-west1-b' does not have enough resources available to fulfill the "
                "request.  '(resource type:compute)'.",
            ),
            "?W scale_up.go:{line2}] Node group eks-{svc}-pool-{commit} is not ready for scaleup - backoff",
            "?I static_autoscaler.go:{line2}] {count} unschedulable pods remain, cluster at {cpu}% CPU requested",
        ),
    ),
    Family(
        "cc.kestrel_threadpool_starvation",
        "resource_saturation",
        DOTNET,
        (
            (
                'W As of "{iso}", the heartbeat has been running for "00:00:04.1823077" which is longer than '
                '"00:00:01". This could be caused by thread pool starvation.',
                'W As of "{iso}", the heartbeat has been running for "00:00:11.0942215" which is longer than '
                '"00:00:01". This could be caused by thread pool starvation.',
            ),
            "?E Request {method} {path} failed",
            "?|System.InvalidOperationException: Timeout expired.  The timeout period elapsed prior to obtaining a "
            "connection from the pool.  This may have occurred because all pooled connections were in use and max "
            "pool size was reached.",
            "?|   at Microsoft.Data.SqlClient.ConnectionPool.DbConnectionPool.TryGetConnection(DbConnection "
            "owningObject, UInt32 waitForMultipleObjectsTimeout, Boolean allowCreate, Boolean onlyOneCheckConnection, "
            "DbConnectionOptions userOptions, DbConnectionInternal& connection)",
            "?W dotnet-counters: ThreadPool Thread Count {count}, ThreadPool Queue Length {big}",
        ),
    ),
    Family(
        # Hard case: "Timeout performing GET", but in: 0 and WORKER Busy far above Min point at the client's thread pool.
        "cc.se_redis_worker_starvation",
        "resource_saturation",
        DOTNET,
        (
            "E Error reading cart {uuid} from cache",
            (
                "|StackExchange.Redis.RedisTimeoutException: Timeout performing GET (5000ms), next: GET cart:{hex}, "
                "inst: 0, qu: 0, qs: {count}, aw: False, bw: SpinningDown, rs: ReadAsync, ws: Idle, in: 0, in-pipe: 0, "
                "out-pipe: 0, last-in: 0, cur-in: 0, sync-ops: {n}, async-ops: {big}, serverEndpoint: redis-master:6379, "
                "conn-sec: {n}, aoc: 1, mc: 1/1/0, mgr: 10 of 10 available, clientName: {pod}(SE.Redis-v2.7.33.41805), "
                "IOCP: (Busy=0,Free=1000,Min=8,Max=1000), WORKER: (Busy=412,Free=32355,Min=8,Max=32767), POOL: "
                "(Threads=418,QueuedItems={big},CompletedItems={big},Timers={n}), v: 2.7.33.41805 (Please take a look "
                "at this article for some common client-side issues that can cause timeouts: "
                "https://stackexchange.github.io/StackExchange.Redis/Timeouts)",
                "|StackExchange.Redis.RedisTimeoutException: Timeout performing HGETALL (5000ms), next: HGETALL "
                "session:{hex}, inst: 0, qu: 0, qs: {count}, aw: False, bw: Inactive, rs: ReadAsync, ws: Idle, in: 0, "
                "serverEndpoint: redis-master:6379, mc: 1/1/0, mgr: 10 of 10 available, IOCP: "
                "(Busy=1,Free=999,Min=4,Max=1000), WORKER: (Busy=287,Free=32480,Min=4,Max=32767), v: 2.6.122.38350",
            ),
            "|   at StackExchange.Redis.ConnectionMultiplexer.ExecuteSyncImpl[T](Message message, ResultProcessor`1 "
            "processor, ServerEndPoint server, T defaultValue)",
            "|   at {jpkg}.Services.{jcls}.{func}(String key) in /src/Services/{jcls}.cs:line {line}",
        ),
    ),
)
