"""Python services: Django/Flask/FastAPI logging, gunicorn, celery workers and tracebacks."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import PYTHON, Family

_TB = "|Traceback (most recent call last):"
_APP_FRAMES = (
    '|  File "/srv/{pyfile}", line {line}, in {func}',
    "?|    result = await self.client.{func}(payload)",
    '|  File "/usr/local/lib/python3.11/site-packages/httpx/_client.py", line 1617, in send',
)

FAMILIES = (
    Family(
        "py.psycopg_refused",
        "database_unavailable",
        PYTHON,
        (
            ("E Exception on {method} {path}", "E Database error while handling {func}"),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            '|  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 145, in __init__',
            (
                '|sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "{dbhost}" '
                "({ip}), port 5432 failed: Connection refused",
                "|psycopg.OperationalError: connection failed: FATAL:  the database system is shutting down",
                "|django.db.utils.OperationalError: could not connect to server: Connection refused\n\tIs the server "
                'running on host "{dbhost}" and accepting TCP/IP connections on port 5432?',
            ),
            "?|(Background on this error at: https://sqlalche.me/e/20/e3q8)",
        ),
    ),
    Family(
        "py.memory_error",
        "out_of_memory",
        "celery",
        (
            (
                "E Task {svc}.tasks.{func}[{uuid}] raised unexpected: MemoryError()",
                "E Process 'ForkPoolWorker-{tid}' pid:{pid} exited with 'signal 9 (SIGKILL)'",
            ),
            "?" + _TB,
            '?|  File "/srv/{pyfile}", line {line}, in {func}',
            "?|    frame = pd.concat(chunks)",
            "?|MemoryError: Unable to allocate {n}. GiB for an array with shape ({big}, 64) and data type float64",
            "?E Worker exited prematurely: signal 9 (SIGKILL) Job: {n}.",
            "?W WorkerLostError: Worker exited prematurely: signal 9 (SIGKILL).",
        ),
    ),
    Family(
        "py.gunicorn_worker_timeout",
        "resource_saturation",
        "gunicorn",
        (
            "F WORKER TIMEOUT (pid:{pid})",
            "?E Worker (pid:{pid}) was sent SIGKILL! Perhaps out of memory?",
            "I Booting worker with pid: {pid}",
            "?W Worker with pid {pid} was terminated due to signal 6",
            "?W load average 14.2, {count} requests waiting for a worker",
            "?E Error handling request {path}",
            '?|  File "/usr/local/lib/python3.11/site-packages/gunicorn/workers/sync.py", line 135, in handle',
            "?|SystemExit: 1",
        ),
    ),
    Family(
        "py.requests_read_timeout",
        "upstream_timeout",
        PYTHON,
        (
            (
                "E Call to {svc2} failed after {sec}s",
                "E Upstream request failed: {method} http://{svc2}:{port}{path}",
            ),
            _TB,
            *_APP_FRAMES,
            (
                "|requests.exceptions.ReadTimeout: HTTPConnectionPool(host='{svc2}', port={port}): Read timed out. "
                "(read timeout={sec})",
                "|httpx.ReadTimeout: timed out",
                "|asyncio.exceptions.TimeoutError",
                "|grpc.aio._call.AioRpcError: <AioRpcError of RPC that terminated with: status = "
                'StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded">',
            ),
            "?W Responding 504 to {method} {path}",
        ),
    ),
    Family(
        "py.gaierror",
        "dns_resolution",
        PYTHON,
        (
            ("E Failed to reach {domain}", "E Error publishing event to {domain}"),
            _TB,
            '|  File "/usr/local/lib/python3.11/socket.py", line 962, in getaddrinfo',
            (
                "|socket.gaierror: [Errno -3] Temporary failure in name resolution",
                "|socket.gaierror: [Errno -2] Name or service not known",
                "|httpx.ConnectError: [Errno -5] No address associated with hostname",
            ),
            "?|During handling of the above exception, another exception occurred:",
            (
                "?|requests.exceptions.ConnectionError: HTTPSConnectionPool(host='{domain}', port=443): Max retries "
                "exceeded with url: {path} (Caused by NameResolutionError(\"Failed to resolve '{domain}' ([Errno -3] "
                'Temporary failure in name resolution)"))',
                "?|urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='{domain}', port=443): read timeout",
            ),
        ),
    ),
    Family(
        "py.ssl_verify",
        "tls_certificate",
        PYTHON,
        (
            ("E Webhook delivery to https://{ext}{path} failed", "E SSL error contacting {ext}"),
            _TB,
            '|  File "/usr/local/lib/python3.11/ssl.py", line 1379, in do_handshake',
            (
                "|ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                "certificate has expired (_ssl.c:1006)",
                "|ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                "unable to get local issuer certificate (_ssl.c:1006)",
                "|ssl.SSLCertVerificationError: hostname '{ext}' doesn't match '{cn}'",
            ),
            "?|requests.exceptions.SSLError: HTTPSConnectionPool(host='{ext}', port=443): Max retries exceeded",
        ),
    ),
    Family(
        "py.attribute_error",
        "code_regression",
        PYTHON,
        (
            "?I Deployed {svc} {version} (git {commit})",
            ("E Internal Server Error: {path}", "E Unhandled exception in {func}"),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            (
                "|    total = order.discount.amount * qty",
                "|    return items[0]['sku']",
                '|    user_id = payload["user"]',
            ),
            (
                "|AttributeError: 'NoneType' object has no attribute 'amount'",
                "|TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'",
                "|KeyError: 'user'",
                "|IndexError: list index out of range",
                "|TypeError: {func}() got an unexpected keyword argument 'currency'",
            ),
            "?W {method} {path} 500 ({n}ms)",
        ),
    ),
    Family(
        "py.django_missing_column",
        "schema_migration",
        PYTHON,
        (
            ("E Internal Server Error: {path}", "E Exception in {func}"),
            _TB,
            '|  File "/usr/local/lib/python3.11/site-packages/django/db/backends/utils.py", line 89, in _execute',
            (
                "|django.db.utils.ProgrammingError: column {table}.{column} does not exist",
                '|sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedColumn) column "{column}" does not exist',
                '|sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation "{table}_v2" does not '
                "exist",
            ),
            '?|LINE 1: SELECT "{table}"."id", "{table}"."{column}" FROM "{table}" WHERE ...',
            "?W You have {count} unapplied migration(s). Your project may not work properly until you apply the "
            "migrations for app(s): {db}.",
        ),
    ),
    Family(
        "py.alembic_revision",
        "schema_migration",
        PYTHON,
        (
            "I Context impl PostgresqlImpl.",
            "I Will assume transactional DDL.",
            (
                "E Can't locate revision identified by '{commit}{hex}'",
                "E Running upgrade {commit} -> {hex}, add {column} to {table} failed",
                "E Target database is not up to date.",
            ),
            "?|alembic.util.exc.CommandError: Can't locate revision identified by '{commit}'",
            '?|sqlalchemy.exc.IntegrityError: (psycopg2.errors.NotNullViolation) column "{column}" of relation '
            '"{table}" contains null values',
        ),
    ),
    Family(
        "py.settings_keyerror",
        "config_error",
        "gunicorn",
        (
            "E Exception in worker process",
            _TB,
            '|  File "/srv/app/settings.py", line {line}, in <module>',
            ('|    DATABASE_URL = os.environ["DATABASE_URL"]', "|    config = yaml.safe_load(fh)"),
            (
                "|KeyError: 'DATABASE_URL'",
                "|pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\n{column}_timeout\n  "
                "Input should be a valid integer, unable to parse string as an integer [type=int_parsing]",
                '|yaml.scanner.ScannerError: mapping values are not allowed here\n  in "/etc/{svc}/config.yaml", '
                "line {line}, column 14",
                "|django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.",
            ),
            "I Worker exiting (pid: {pid})",
            "?I Shutting down: Master",
            "?I Reason: Worker failed to boot.",
        ),
    ),
    Family(
        "py.celery_queue_backlog",
        "queue_backlog",
        "celery",
        (
            (
                "W Queue '{queue}' length {big} exceeds threshold 10000",
                "W Task {svc}.tasks.{func}[{uuid}] waited {bigms}ms in queue before execution",
            ),
            "?W Prefetch count {count}, all workers busy: {count}/{count} active",
            "W Task {svc}.tasks.{func}[{uuid}] expired: received after ETA+{sec}s",
            "?E Message {uuid} moved to dead letter queue {queue}.dlq after 5 redeliveries",
            "?I Scaling up workers is recommended: oldest message age {bigms}ms",
        ),
    ),
    Family(
        "py.boto_throttling",
        "rate_limited",
        PYTHON,
        (
            (
                "E An error occurred (ThrottlingException) when calling the {func} operation (reached max retries: "
                "4): Rate exceeded",
                "E botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation: "
                "Please reduce your request rate.",
                "E openai.RateLimitError: Error code: 429 - {{'error': {{'message': 'Rate limit reached for requests', "
                "'type': 'requests', 'code': 'rate_limit_exceeded'}}}}",
            ),
            "?W Retrying in {sec}s (attempt {count})",
            "?W Backing off {func}(...) for {dur}s (botocore.exceptions.ClientError)",
        ),
    ),
    Family(
        "py.boto_access_denied",
        "auth_failure",
        PYTHON,
        (
            (
                "E An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
                "E An error occurred (ExpiredToken) when calling the {func} operation: The security token included "
                "in the request is expired",
                "E An error occurred (UnrecognizedClientException) when calling the {func} operation: The security "
                "token included in the request is invalid.",
                'E HTTP 401 from {svc2}: {{"detail":"Invalid authentication credentials"}}',
            ),
            "?" + _TB,
            '?|  File "/srv/{pyfile}", line {line}, in {func}',
            "?|botocore.exceptions.ClientError: An error occurred (AccessDenied)",
            "?W User: arn:aws:sts::123456789012:assumed-role/{svc}-role/{hex} is not authorized to perform: "
            "s3:GetObject on resource",
        ),
    ),
)

MORE_FAMILIES = (
    Family(
        "py.enospc",
        "disk_full",
        PYTHON,
        (
            ("E Failed to write export {uuid}.csv", "E Could not persist upload {uuid}"),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            (
                "|OSError: [Errno 28] No space left on device: '/data/exports/{uuid}.csv'",
                "|sqlite3.OperationalError: database or disk is full",
            ),
            "?W free space on {mount}: 0 bytes",
        ),
    ),
    Family(
        "py.no_route",
        "network_connectivity",
        PYTHON,
        (
            "E Failed to call {svc2}",
            (
                "|urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPConnection object at 0x7f{hex}>: Failed "
                "to establish a new connection: [Errno 113] No route to host",
                "|ConnectionResetError: [Errno 104] Connection reset by peer",
                "|OSError: [Errno 101] Network is unreachable",
            ),
            "?W {svc2} endpoint {ip}:{port} unreachable, {count} consecutive failures",
        ),
    ),
    Family(
        "py.kombu_crash_loop",
        "crash_loop",
        "celery",
        (
            "I celery@{pod} ready.",
            (
                "E Unrecoverable error: WorkerLostError('Worker exited prematurely: exitcode {exit}')",
                "E Process 'ForkPoolWorker-{tid}' pid:{pid} exited with 'exitcode {exit}'",
            ),
            "W Restarting celery worker ({restarts} restarts in the last 10 minutes)",
            "?I celery@{pod} ready.",
            "?E Unrecoverable error: WorkerLostError('Worker exited prematurely: exitcode {exit}')",
        ),
    ),
)
