"""Service pressure: slow dependencies, throttling and work piling up, in shapes the rest of the corpus lacks.

The same three causes (a dependency that answers too late, a caller being throttled, a queue that
consumers cannot drain) are written by many more components than the core modules cover: HTTP
clients (OkHttp, aiohttp, undici, Net::HTTP), gateways and meshes (Spring Cloud Gateway, Linkerd,
AWS ALB, Go's reverse proxy), cloud SDKs and tools (DynamoDB, Cosmos DB, Vault, Terraform,
cert-manager), and stream processors and pipelines (Flink, Spark, Airflow, KEDA, ActiveMQ, the
OpenTelemetry Collector, Fluent Bit, Temporal). Each family quotes one such component.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import DOTNET, GO, JAVA, NODE, PYTHON, Family

_PY_TB = "|Traceback (most recent call last):"

_VAULT_URL_AUTH = "https://vault.{ns}.svc:8200/v1/auth/kubernetes/login"
_VAULT_URL_KV = "https://vault.{ns}.svc:8200/v1/secret/data/{svc}"

_HAPROXY_DENIED = (
    "I haproxy[{pid}]: {ip}:{eport} [{clf}] fe_https~ fe_https/<NOSRV> -1/-1/-1/-1/0 429 {n} - - PR-- "
    '{n}/{n}/0/0/0 0/0 "{method} {path} HTTP/1.1"'
)

_ALB_504 = (
    "I https {iso} app/{svc}-alb/{hex} {ip}:{eport} {ip2}:{port} 0.000 -1 -1 504 - {n} 0 "
    '"{method} https://{svc}.acme.io:443{path} HTTP/1.1" "{agent}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 '
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/{svc}-tg/{hex} "
    '"Root=1-{commit}a-{reqid}{commit}" "{svc}.acme.io" "-" 0 {iso} "forward" "-" "-" "{ip2}:{port}" "-" "-" "-"'
)

FAMILIES = (
    # --- upstream_timeout
    Family(
        "sp.okhttp_call_timeout",
        "upstream_timeout",
        JAVA,
        (
            (
                "E Request to {svc2} failed: {method} http://{svc2}:{port}{path}",
                "E Retrofit call {jcls}Api.{func} failed after {bigms}ms",
            ),
            (
                "|java.net.SocketTimeoutException: timeout\n\tat okio.SocketAsyncTimeout.newTimeoutException(JvmOkio.kt:146)"
                "\n\tat okio.AsyncTimeout.access$newTimeoutException(AsyncTimeout.kt:161)"
                "\n\tat okhttp3.internal.http1.Http1ExchangeCodec.readResponseHeaders(Http1ExchangeCodec.kt:178)",
                "|java.io.InterruptedIOException: timeout\n\tat okhttp3.internal.connection.RealCall.timeoutExit(RealCall.kt:398)"
                "\n\tat okhttp3.internal.connection.RealCall.callDone(RealCall.kt:360)",
            ),
            "\tat okhttp3.internal.connection.RealCall.execute(RealCall.kt:154)",
            "\tat {jpkg}.client.{jcls}Client.{func}({jcls}Client.kt:{line})",
            "?W {svc2} did not respond within callTimeout={sec}s ({method} {path})",
        ),
    ),
    Family(
        "sp.gateway_response_timeout",
        "upstream_timeout",
        JAVA,
        (
            (
                'E [{hex}-{tid}] 500 Server Error for HTTP {method} "{path}"',
                "E Error while routing {method} {path} to lb://{svc2}",
            ),
            (
                "|org.springframework.cloud.gateway.support.TimeoutException: Response took longer than timeout: PT{sec}S",
                '|org.springframework.web.server.ResponseStatusException: 504 GATEWAY_TIMEOUT "Response took longer than timeout: PT{sec}S"',
                "|java.util.concurrent.TimeoutException: Did not observe any item or terminal signal within {ms}ms in "
                "'flatMap' (and no fallback has been configured)",
            ),
            "?|\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ",
            "?|Error has been observed at the following site(s):",
            '?|\t*__checkpoint ⇢ HTTP {method} "{path}" [ExceptionHandlingWebHandler]',
            "\tat reactor.core.publisher.FluxTimeout$TimeoutMainSubscriber.handleTimeout(FluxTimeout.java:296)",
        ),
    ),
    Family(
        "sp.aiohttp_read_timeout",
        "upstream_timeout",
        PYTHON,
        (
            ("E Error calling {svc2} for {func}", "E Error handling request {method} {path}"),
            _PY_TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            "|    async with self.session.post(url, json=payload) as resp:",
            '|  File "/usr/local/lib/python3.11/site-packages/aiohttp/client.py", line 1194, in __aenter__',
            '|  File "/usr/local/lib/python3.11/site-packages/aiohttp/client_proto.py", line 306, in read',
            (
                "|aiohttp.client_exceptions.ServerTimeoutError: Timeout on reading data from socket",
                "|aiohttp.client_exceptions.SocketTimeoutError: Timeout on reading data from socket",
            ),
            "?W {svc2} did not answer {method} {path} within ClientTimeout(total={sec}, sock_read={sec})",
        ),
    ),
    Family(
        "sp.linkerd_request_timeout",
        "upstream_timeout",
        "raw",
        (
            (
                "I [{pid}.{big}s]  INFO ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:rescue{{client.addr={ip}:{eport}}}: "
                "linkerd_app_core::errors::respond: HTTP/1.1 request failed error=logical service "
                "{svc2}.{ns}.svc.cluster.local:{port}: request timed out",
                "I [{pid}.{big}s]  INFO ThreadId(02) outbound:proxy{{addr={ip2}:{port}}}:rescue{{client.addr={ip}:{eport}}}: "
                "linkerd_app_core::errors::respond: gRPC request failed error=logical service "
                "{svc2}.{ns}.svc.cluster.local:{port}: response timed out",
            ),
            "?I [{pid}.{big}s]  INFO ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:rescue{{client.addr={ip}:{eport}}}: "
            "linkerd_app_core::errors::respond: HTTP/1.1 request failed error=logical service "
            "{svc2}.{ns}.svc.cluster.local:{port}: request timed out",
            "?I {svc} {method} {path} -> 504 (l5d-proxy-error: request timed out) after {bigms}ms",
        ),
    ),
    Family(
        "sp.go_reverse_proxy_timeout",
        "upstream_timeout",
        ("go_std", "go_logrus"),
        (
            (
                "E http: proxy error: context deadline exceeded",
                "E http: proxy error: net/http: timeout awaiting response headers",
                "E http: proxy error: read tcp {ip}:{eport}->{ip2}:{port}: i/o timeout",
            ),
            "?E httputil: ReverseProxy read error during body copy: context deadline exceeded",
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 502 0 "-" "{agent}"',
            "?W backend http://{svc2}:{port} slow: ResponseHeaderTimeout {sec}s reached",
        ),
    ),
    Family(
        "sp.undici_headers_timeout",
        "upstream_timeout",
        NODE,
        (
            ("E fetch {method} http://{svc2}:{port}{path} failed", "E Unhandled error in {method} {path}"),
            "|TypeError: fetch failed",
            "|    at node:internal/deps/undici/undici:13502:13",
            "|    at async {jcls}.{func} (/app/dist/clients/{func}.js:{line}:21) {{",
            (
                "|  [cause]: HeadersTimeoutError: Headers Timeout Error\n"
                "      at Timeout.onParserTimeout [as callback] (node:internal/deps/undici/undici:9117:32)\n"
                "      at Timeout.onTimeout [as _onTimeout] (node:internal/deps/undici/undici:7148:17) {{\n"
                "    code: 'UND_ERR_HEADERS_TIMEOUT'\n  }}\n}}",
                "|  [cause]: BodyTimeoutError: Body Timeout Error\n"
                "      at Timeout.onParserTimeout [as callback] (node:internal/deps/undici/undici:9117:32)\n"
                "      at listOnTimeout (node:internal/timers:581:17) {{\n"
                "    code: 'UND_ERR_BODY_TIMEOUT'\n  }}\n}}",
            ),
            "?W {svc2} sent no response headers within {bigms}ms",
        ),
    ),
    Family(
        "sp.ruby_net_read_timeout",
        "upstream_timeout",
        "ruby",
        (
            'I Started {method} "{path}" for {ip} at {iso}',
            (
                "E Net::ReadTimeout (Net::ReadTimeout with #<TCPSocket:(closed)>):",
                "E Faraday::TimeoutError (Net::ReadTimeout with #<TCPSocket:(closed)>):",
                "E HTTParty call to http://{svc2}{path} failed: Net::ReadTimeout with #<TCPSocket:(closed)>",
            ),
            "|/usr/local/lib/ruby/3.2.0/net/protocol.rb:229:in `rbuf_fill'",
            "?|/usr/local/lib/ruby/3.2.0/net/http.rb:2338:in `transport_request'",
            "|app/clients/{func}_client.rb:{line}:in `{func}'",
            "?I Completed 504 Gateway Timeout in {bigms}ms (ActiveRecord: {n}.1ms | Allocations: {big})",
        ),
    ),
    Family(
        "sp.dotnet_grpc_deadline",
        "upstream_timeout",
        DOTNET,
        (
            "?W gRPC call deadline exceeded.",
            (
                "E Call to {svc2} /{svc2}.{jcls}Service/{func} failed",
                "E An unhandled exception has occurred while executing the request.",
            ),
            '|Grpc.Core.RpcException: Status(StatusCode="DeadlineExceeded", Detail="Deadline Exceeded")',
            "|   at Grpc.Net.Client.Internal.GrpcCall`2.GetResponseHeadersCoreAsync()",
            "|   at {jpkg}.Clients.{jcls}GrpcClient.{func}Async(CancellationToken ct) in /src/Clients/{jcls}GrpcClient.cs:line {line}",
            "?I Request finished HTTP/2 {method} http://{svc}{path} - 504 0 - {bigms}.0000ms",
        ),
    ),
    Family(
        "sp.alb_target_timeout",
        "upstream_timeout",
        "raw",
        (
            _ALB_504,
            _ALB_504.replace("{ip}:{eport}", "{ip}:{pid}"),
            '?I https {iso} app/{svc}-alb/{hex} {ip}:{eport} {ip2}:{port} 0.000 {dur} 0.000 200 200 {n} {big} "GET https://{svc}.acme.io:443/healthz HTTP/1.1" "{agent}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - "-" "{svc}.acme.io" "-" 0 {iso} "forward" "-" "-" "{ip2}:{port}" "200" "-" "-"',
        ),
    ),
    Family(
        "sp.resilience4j_slow_calls_open",
        "upstream_timeout",
        JAVA,
        (
            # Hard case: "does not permit further calls" reads like a rate limiter, but the breaker opened on slow calls.
            "W {iso}: CircuitBreaker '{svc2}' exceeded slow call rate threshold. Current slow call rate: 100.0",
            "?I {iso}: CircuitBreaker '{svc2}' changed state from CLOSED to OPEN",
            "?W {svc2}.{func} took {bigms}ms (slowCallDurationThreshold=2000ms)",
            ("E Fallback for {svc2}.{func} failed", "E Request {method} {path} failed"),
            "|io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker '{svc2}' is OPEN and does not permit further calls",
            "\tat io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(CallNotPermittedException.java:48)",
        ),
    ),
    # --- rate_limited
    Family(
        "sp.cosmos_request_rate_large",
        "rate_limited",
        DOTNET,
        (
            ("E Failed to upsert {table} document {uuid}", "E Cosmos DB query on container '{table}' failed"),
            "|Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: TooManyRequests (429); "
            'Substatus: 3200; ActivityId: {uuid}; Reason: (Message: {{"Errors":["Request rate is large. More Request Units '
            "may be needed, so no changes were made. Please retry this request later. Learn more: "
            'http://aka.ms/cosmosdb-error-429"]}}',
            "|   at Microsoft.Azure.Cosmos.ResponseMessage.EnsureSuccessStatusCode()",
            "?|   at {jpkg}.Data.{jcls}Repository.{func}Async(CancellationToken ct) in /src/Data/{jcls}Repository.cs:line {line}",
            "?W Throttled by Cosmos DB: RetryAfter {n}ms, RequestCharge {count}.52 RU, container '{table}' provisioned at 400 RU/s",
        ),
    ),
    Family(
        "sp.dynamodb_throughput_exceeded",
        "rate_limited",
        JAVA,
        (
            ("E Failed to write {table} item {uuid}", "E DynamoDB {func} on table {table} failed"),
            (
                "|software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException: The level of "
                "configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level "
                "with the UpdateTable API. (Service: DynamoDb, Status Code: 400, Request ID: {hex}{reqid})",
                "|com.amazonaws.services.dynamodbv2.model.ProvisionedThroughputExceededException: The level of configured "
                "provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the "
                "UpdateTable API. (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                "ProvisionedThroughputExceededException; Request ID: {hex}{reqid})",
                "|software.amazon.awssdk.services.dynamodb.model.DynamoDbException: Throughput exceeds the current capacity "
                "of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. "
                "(Service: DynamoDb, Status Code: 400, Request ID: {hex}{reqid})",
            ),
            "\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)",
            "?\tat {jpkg}.repository.{jcls}Repository.{func}({jcls}Repository.java:{line})",
            "?W {count} write requests throttled on table {table} in the last minute (WriteThrottleEvents)",
        ),
    ),
    Family(
        "sp.terraform_aws_request_limit",
        "rate_limited",
        "raw",
        (
            (
                "I │ Error: reading EC2 Instance (i-0{hex}): operation error EC2: DescribeInstances, exceeded maximum "
                "number of attempts, 25, https response error StatusCode: 503, RequestID: {uuid}, api error "
                "RequestLimitExceeded: Request limit exceeded.\n│ \n│   with module.{svc}.aws_instance.this[0],\n"
                '│   on .terraform/modules/{svc}/main.tf line {line}, in resource "aws_instance" "this":',
                "I │ Error: creating Route53 Record: operation error Route 53: ChangeResourceRecordSets, exceeded maximum "
                "number of attempts, 25, https response error StatusCode: 400, RequestID: {uuid}, api error Throttling: "
                "Rate exceeded\n│ \n│   with aws_route53_record.{func},\n"
                '│   on dns.tf line {line}, in resource "aws_route53_record" "{func}":',
            ),
            "?I │ ",
            "?I ╵",
            "?I Error: Process completed with exit code 1.",
        ),
    ),
    Family(
        "sp.vault_rate_limit_quota",
        "rate_limited",
        "raw",
        (
            (
                "E {iso} [ERROR] agent.auth.handler: error authenticating:\n  error=\n  | Error making API request.\n  | \n"
                f"  | URL: PUT {_VAULT_URL_AUTH}\n  | Code: 429. Errors:\n  | \n"
                '  | * request path "auth/kubernetes/login": rate limit quota exceeded\n  \n  backoff={dur}s',
                "E {iso} [ERROR] agent.template.server: template server error:\n  error=\n  | (dynamic): "
                "vault.read(secret/data/{svc}): Error making API request.\n  | \n"
                f"  | URL: GET {_VAULT_URL_KV}\n  | Code: 429. Errors:\n  | \n"
                '  | * request path "secret/data/{svc}": rate limit quota exceeded',
            ),
            "?I {iso} [INFO]  agent.auth.handler: authenticating",
            "?W {iso} [WARN]  agent: (runner) watching {count} dependencies - watching this many dependencies could DDoS your servers",
        ),
    ),
    Family(
        "sp.go_limiter_wait_deadline",
        "rate_limited",
        GO,
        (
            # Hard case: it says "context deadline", but the request never left: it waited for the client-side limiter.
            (
                "E {func}: rate: Wait(n=1) would exceed context deadline",
                "E call to {ext} failed: rate: Wait(n=1) would exceed context deadline",
            ),
            "?I outbound limiter for {ext}: {limit} req/s, burst {count}",
            "?W {n} requests waiting for a {ext} rate limiter token",
            "?E {method} {path} returned 503 after {ms}ms: throttled before calling {ext}",
        ),
    ),
    Family(
        "sp.flask_limiter_exceeded",
        "rate_limited",
        PYTHON,
        (
            (
                "W ratelimit {limit} per 1 minute ({ip}) exceeded at endpoint: api.{func}",
                "W ratelimit {limit} per 1 second ({ip}) exceeded at endpoint: {func}",
            ),
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 429 {n} "-" "{agent}"',
            "?W ratelimit {limit} per 1 hour ({ip2}) exceeded at endpoint: api.{func}",
        ),
    ),
    Family(
        "sp.octokit_throttling",
        "rate_limited",
        NODE,
        (
            (
                "W Request quota exhausted for request {method} /repos/{team}/{svc}/pulls",
                "W SecondaryRateLimit detected for request {method} /repos/{team}/{svc}/issues/{n}/comments",
            ),
            "?I Retrying after {sec} seconds!",
            (
                "E HttpError: You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                "If you reach out to GitHub Support for help, please include the request ID {reqid}.",
                "E HttpError: API rate limit exceeded for user ID {big}. If you reach out to GitHub Support for help, "
                "please include the request ID {reqid}.",
            ),
            "?|    at /app/node_modules/@octokit/request/dist-node/index.js:{line}:23",
            "?|  status: 403,",
        ),
    ),
    Family(
        "sp.cert_manager_acme_rate_limited",
        "rate_limited",
        "kubelet",
        (
            # Hard case: it is about certificates, but the issuance is blocked by the ACME server's rate limit.
            (
                'E sync.go:{n}] cert-manager/orders "msg"="failed to create Order resource due to bad request, marking '
                'Order as failed" "error"="429 urn:ietf:params:acme:error:rateLimited: Error creating new order :: too '
                "many certificates already issued for exact set of domains: {cn}: see "
                'https://letsencrypt.org/docs/rate-limits/" "resource_name"="{svc}-tls-{n}-{commit}" "resource_namespace"="{ns}"',
                'E sync.go:{n}] cert-manager/orders "msg"="failed to create Order resource due to bad request, marking '
                'Order as failed" "error"="429 urn:ietf:params:acme:error:rateLimited: too many certificates (5) already '
                "issued for this exact set of domains in the last 168 hours: {cn}, retry after {date}: see "
                'https://letsencrypt.org/docs/rate-limits/#new-certificates-per-exact-set-of-hostnames" '
                '"resource_name"="{svc}-tls-{n}-{commit}" "resource_namespace"="{ns}"',
            ),
            '?I conditions.go:{line}] Setting lastTransitionTime for Certificate "{svc}-tls" condition "Issuing" to {iso}',
            '?E controller.go:{line2}] cert-manager/certificates-issuing "msg"="re-queuing item due to error processing" '
            '"error"="order {svc}-tls-{n}-{commit} failed: 429 urn:ietf:params:acme:error:rateLimited" "key"="{ns}/{svc}-tls"',
        ),
    ),
    Family(
        "sp.haproxy_rate_deny",
        "rate_limited",
        "journald",
        (
            _HAPROXY_DENIED,
            _HAPROXY_DENIED.replace("{ip}:{eport}", "{ip2}:{eport}"),
            "?I haproxy[{pid}]: {ip2}:{eport} [{clf}] fe_https~ be_{svc}/{svc}-1 0/0/1/{n}/{n} 200 {big} - - ---- "
            '{big}/{big}/{count}/1/0 0/0 "{method} {path} HTTP/1.1"',
        ),
    ),
    Family(
        "sp.laravel_guzzle_429",
        "rate_limited",
        "raw",
        (
            "E [{iso}] production.ERROR: Client error: `POST https://{ext}{path}` resulted in a `429 Too Many Requests` "
            'response:\n{{"errors":[{{"message":"Too many requests","field":null}}]}}\n {{"exception":"[object] '
            "(GuzzleHttp\\\\Exception\\\\ClientException(code: 429): Client error: `POST https://{ext}{path}` resulted in a "
            "`429 Too Many Requests` response:\n"
            '{{\\"errors\\":[{{\\"message\\":\\"Too many requests\\"}}]}}\n at '
            '/var/www/html/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:111)"}}',
            "|[stacktrace]",
            "|#0 /var/www/html/vendor/guzzlehttp/guzzle/src/Middleware.php(72): GuzzleHttp\\Exception\\RequestException::create()",
            "?|#1 /var/www/html/app/Jobs/{jcls}Job.php({line}): GuzzleHttp\\Client->post()",
            "?I [{iso}] production.INFO: Releasing {jcls}Job back onto the queue, retry in {sec}s",
        ),
    ),
    # --- queue_backlog
    Family(
        "sp.flink_backpressure_checkpoints",
        "queue_backlog",
        ("kafka", "logback"),
        (
            "?I Triggering checkpoint {n} (type=CheckpointType{{name='Checkpoint', sharingFilesStrategy=FORWARD_BACKWARD}}) @ {big} for job {traceid}.",
            "W Checkpoint {n} of job {traceid} expired before completing.",
            "?W Failed to trigger or complete checkpoint {n} for job {traceid}. ({count} consecutive failed attempts so far)\n"
            "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.",
            (
                "W Source: KafkaSource[{topic}] -> Map -> Sink: {svc} (1/4) backPressuredTimeMsPerSecond=1000, busyTimeMsPerSecond=1000",
                "W KafkaSource[{topic}] reader: records-lag-max={lag} for partition {topic}-{partition}",
            ),
        ),
    ),
    Family(
        "sp.spark_batch_falling_behind",
        "queue_backlog",
        ("kafka", "logback"),
        (
            "W Current batch is falling behind. The trigger interval is {ms} milliseconds, but spent {bigms} milliseconds",
            "I Streaming query made progress: {{\n"
            '  "id" : "{uuid}",\n'
            '  "name" : "{svc}-{topic}",\n'
            '  "batchId" : {n},\n'
            '  "numInputRows" : {lag},\n'
            '  "inputRowsPerSecond" : {big}.4,\n'
            '  "processedRowsPerSecond" : {n}.7,\n'
            '  "sources" : [ {{\n'
            '    "description" : "KafkaV2[Subscribe[{topic}]]",\n'
            '    "numInputRows" : {lag},\n'
            '    "metrics" : {{\n'
            '      "avgOffsetsBehindLatest" : "{big}.0",\n'
            '      "maxOffsetsBehindLatest" : "{lag}",\n'
            '      "minOffsetsBehindLatest" : "{n}"\n'
            "    }}",
        ),
    ),
    Family(
        "sp.airflow_pool_no_slots",
        "queue_backlog",
        "raw",
        (
            "I [{iso}] {{scheduler_job_runner.py:{line}}} INFO - Figuring out tasks to run in Pool(name=default_pool) "
            "with 0 open slots and {n} task instances ready to be queued",
            "?I [{iso}] {{scheduler_job_runner.py:{line2}}} INFO - Not executing <TaskInstance: {svc}_etl.{func} "
            "scheduled__{iso} [scheduled]> since the number of tasks running or queued from DAG {svc}_etl is >= to the "
            "DAG's max_active_tasks limit of 16",
            "?I [{iso}] {{base_executor.py:{n}}} INFO - Executor parallelism limit reached. 0 open slots.",
            "?W [{iso}] {{taskinstance.py:{n}}} WARNING - {svc}_etl.{func} has been queued for {bigms}ms",
        ),
    ),
    Family(
        "sp.keda_queue_scale_max",
        "queue_backlog",
        "k8s_events",
        (
            (
                "I SuccessfulRescale    horizontalpodautoscaler/keda-hpa-{svc}-worker   New size: {count}; reason: "
                "external metric s0-rabbitmq-{queue}(&LabelSelector{{MatchLabels:map[string]string{{scaledobject.keda.sh/name: "
                "{svc}-worker,}},MatchExpressions:[]LabelSelectorRequirement{{}},}}) above target",
                "I SuccessfulRescale    horizontalpodautoscaler/keda-hpa-{svc}-consumer   New size: {count}; reason: "
                "external metric s0-kafka-{topic}(&LabelSelector{{MatchLabels:map[string]string{{scaledobject.keda.sh/name: "
                "{svc}-consumer,}},MatchExpressions:[]LabelSelectorRequirement{{}},}}) above target",
            ),
            "?I KEDAScaleTargetActivated   scaledobject/{svc}-worker   Scaled apps/v1.Deployment {ns}/{svc}-worker from 1 to {count}",
            "?I SuccessfulCreate     replicaset/{svc}-worker-{hex}   Created pod: {pod}",
            "?W ScalingLimited       horizontalpodautoscaler/keda-hpa-{svc}-worker   the desired replica count is more than the maximum replica count",
        ),
    ),
    Family(
        "sp.activemq_producer_flow_control",
        "queue_backlog",
        ("kafka", "logback"),
        (
            # Hard case: "Persistent store is Full" sounds like a disk, but it is the broker's per-destination limit filling with unconsumed messages.
            (
                "I Usage(default:store:queue://{queue}:store) percentUsage=100%, usage={bytes}, limit={bytes}: Persistent "
                "store is Full, 100% of {bytes}. Stopping producer (ID:{host}-{eport}-{big}-1:{n}:1:1) to prevent flooding "
                "queue://{queue}. See http://activemq.apache.org/producer-flow-control.html for more info (blocking for: {sec}s)",
                "I Usage(default:memory:queue://{queue}:memory) percentUsage=100%, usage={bytes}, limit={bytes}: Usage "
                "Manager Memory Limit reached. Stopping producer (ID:{host}-{eport}-{big}-1:{n}:1:1) to prevent flooding "
                "queue://{queue}. See http://activemq.apache.org/producer-flow-control.html for more info (blocking for: {sec}s)",
            ),
            "W queue://{queue} QueueSize={lag} EnqueueCount={lag} DequeueCount={n} ConsumerCount=1",
            "?E javax.jms.ResourceAllocationException: Usage Manager Memory Limit reached. Stopping producer "
            "(ID:{host}-{eport}-{big}-1:{n}:1:1) to prevent flooding queue://{queue}. See "
            "http://activemq.apache.org/producer-flow-control.html for more info",
        ),
    ),
    Family(
        "sp.otelcol_sending_queue_full",
        "queue_backlog",
        "raw",
        (
            "E {iso}\terror\texporterhelper/queue_sender.go:{line}\tDropping data because sending_queue is full. Try "
            'increasing queue_size.\t{{"kind": "exporter", "data_type": "traces", "name": "otlp/{svc2}", "dropped_items": {n}}}',
            "?I {iso}\tinfo\texporterhelper/retry_sender.go:{line2}\tExporting failed. Will retry the request after "
            'interval.\t{{"kind": "exporter", "data_type": "traces", "name": "otlp/{svc2}", "interval": "{dur}s"}}',
            "?W {iso}\twarn\tbatchprocessor@v{version}/batch_processor.go:{line}\tSender failed\t"
            '{{"kind": "processor", "name": "batch", "pipeline": "traces", "error": "sending queue is full"}}',
            '?I otelcol_exporter_queue_size{{exporter="otlp/{svc2}"}} 1000  otelcol_exporter_queue_capacity{{exporter="otlp/{svc2}"}} 1000',
        ),
    ),
    Family(
        "sp.fluent_bit_buffer_paused",
        "queue_backlog",
        "journald",
        (
            (
                "W fluent-bit[{pid}]: [ warn] [input] tail.0 paused (mem buf overlimit)",
                "W fluent-bit[{pid}]: [ warn] [input] systemd.1 paused (mem buf overlimit)",
            ),
            "?I fluent-bit[{pid}]: [ info] [input] tail.0 resume (mem buf overlimit)",
            "W fluent-bit[{pid}]: [ warn] [engine] failed to flush chunk '{pid}-{big}.{n}.flb', retry in {sec} seconds: "
            "task_id={n}, input=tail.0 > output=es.0 (out_id=0)",
            "?W fluent-bit[{pid}]: [ warn] [input] tail.0 paused (mem buf overlimit)",
        ),
    ),
    Family(
        "sp.kafka_consumer_groups_describe",
        "queue_backlog",
        "raw",
        (
            "?I $ kafka-consumer-groups.sh --bootstrap-server kafka:9092 --describe --group {group}",
            (
                "I GROUP                TOPIC             PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG        CONSUMER-ID                                HOST          CLIENT-ID\n"
                "{group}  {topic}  0  {big}  {count}{big}  {lag}  consumer-{group}-1-{uuid}  /{ip}  consumer-{group}-1\n"
                "{group}  {topic}  1  {big}  {n}{big}  {lag}  consumer-{group}-1-{uuid}  /{ip}  consumer-{group}-1\n"
                "{group}  {topic}  2  {big}  {count}{lag}  {lag}  consumer-{group}-2-{hex}  /{ip2}  consumer-{group}-2",
                "I Consumer group '{group}' has no active members.\n\n"
                "GROUP                TOPIC             PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG        CONSUMER-ID     HOST            CLIENT-ID\n"
                "{group}  {topic}  0  {big}  {count}{big}  {lag}  -  -  -\n"
                "{group}  {topic}  1  {big}  {n}{big}  {lag}  -  -  -",
            ),
        ),
    ),
    Family(
        "sp.rabbitmqctl_list_queues",
        "queue_backlog",
        "raw",
        (
            (
                "I $ rabbitmqctl list_queues -p {vhost} name messages messages_ready messages_unacknowledged consumers",
                "I $ kubectl exec -n {ns} rabbitmq-0 -- rabbitmqctl list_queues name messages messages_ready messages_unacknowledged consumers",
            ),
            "I Timeout: 60.0 seconds ...",
            "I Listing queues for vhost {vhost} ...",
            "I name\tmessages\tmessages_ready\tmessages_unacknowledged\tconsumers",
            ("I {queue}\t{lag}\t{lag}\t{n}\t2", "I {queue}\t{lag}\t{lag}\t0\t0"),
            "?I {queue}.dlq\t{n}\t{n}\t0\t0",
        ),
    ),
    Family(
        "sp.temporal_schedule_to_start",
        "queue_backlog",
        GO,
        (
            # Hard case: a "timeout", but no worker ever started the activity: the task queue is backed up.
            "E workflow {svc}.{jcls}Workflow failed: activity error (type: {jcls}, scheduledEventID: {n}, startedEventID: 0, "
            "identity: ): activity ScheduleToStart timeout",
            "?W task queue {queue} backlog: approximateBacklogCount={lag} approximateBacklogAge={big}s tasksAddRate={n}.0 tasksDispatchRate=3.1",
            "?W no free activity task slots on {count} workers polling {queue}",
        ),
    ),
)
