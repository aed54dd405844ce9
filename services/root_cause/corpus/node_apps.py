"""Node.js services: winston-style text, pino JSON, unhandled rejections and V8 crashes."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import NODE, Family

_NODE_FRAMES = (
    "|    at {func} (/app/src/{func}.js:{line}:{n})",
    "?|    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
)

FAMILIES = (
    Family(
        "node.heap_limit",
        "out_of_memory",
        NODE,
        (
            "?W memory usage high: rss={mb}MB heapUsed={mb}MB",
            "F <--- Last few GCs --->",
            "|[{pid}:0x{hex}]   {big} ms: Mark-Compact {mb}.1 ({mb}.5) -> {mb}.0 ({mb}.2) MB, {n}.3 / 0.0 ms  "
            "(average mu = 0.12) allocation failure; scavenge might not succeed",
            "|FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            "?|FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of "
            "memory",
            "| 1: 0xb7a940 node::Abort() [node]",
            "?E npm ERR! code ELIFECYCLE errno 134",
        ),
    ),
    Family(
        "node.enotfound",
        "dns_resolution",
        NODE,
        (
            ("E Error: getaddrinfo ENOTFOUND {domain}", "E Error: getaddrinfo EAI_AGAIN {domain}"),
            "|    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)",
            "?E request to http://{domain}:{port}{path} failed, reason: getaddrinfo EAI_AGAIN {domain}",
            "?W retrying {svc2} in {ms}ms",
        ),
    ),
    Family(
        "node.type_error",
        "code_regression",
        NODE,
        (
            (
                "E TypeError: Cannot read properties of undefined (reading 'price')",
                "E TypeError: {func} is not a function",
                "E ReferenceError: currency is not defined",
                "E TypeError: Cannot destructure property 'id' of 'req.body.customer' as it is undefined.",
            ),
            *_NODE_FRAMES,
            "?E Unhandled rejection in {method} {path}, responding 500",
            "?I {svc}@{version} started after deploy {commit}",
        ),
    ),
    Family(
        "node.econnreset_upstream_timeout",
        "upstream_timeout",
        NODE,
        (
            (
                "E Error: timeout of {ms}ms exceeded",
                "E Error: ESOCKETTIMEDOUT",
                "E GatewayTimeoutError: {svc2} did not answer within {ms}ms",
            ),
            "|    at RedirectableRequest.handleRequestTimeout (/app/node_modules/axios/lib/adapters/http.js:647:16)",
            "?|  code: 'ECONNABORTED',",
            "?W {method} {path} 504 {bigms}ms",
        ),
    ),
    Family(
        "node.econnrefused_redis",
        "database_unavailable",
        NODE,
        (
            (
                "E [ioredis] Unhandled error event: Error: connect ECONNREFUSED {ip}:6379",
                "E MongoServerSelectionError: connect ECONNREFUSED {ip}:27017",
                "E SequelizeConnectionRefusedError: connect ECONNREFUSED {ip}:5432",
            ),
            "|    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)",
            "?W Reconnecting to datastore in {ms}ms (attempt {count})",
            "?E Error: Connection is closed.",
        ),
    ),
    Family(
        "node.cert_expired",
        "tls_certificate",
        NODE,
        (
            (
                "E Error: certificate has expired",
                "E Error: unable to verify the first certificate",
                "E Error: self-signed certificate in certificate chain",
                "E Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: "
                "Host: {ext}. is not in the cert's altnames: DNS:{cn}",
            ),
            "|    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)",
            "?|  code: 'CERT_HAS_EXPIRED'",
            "?E webhook to https://{ext}{path} failed",
        ),
    ),
    Family(
        "node.event_loop_lag",
        "resource_saturation",
        NODE,
        (
            ("W event loop lag {bigms}ms exceeds 200ms", "W event loop utilization 0.99 for 60s"),
            "?W CPU at {cpu}% for worker {tid}",
            "W request queue depth {big}, shedding load with 503",
            "?E Knex: Timeout acquiring a connection. The pool is probably full.",
        ),
    ),
    Family(
        "node.jwt_invalid",
        "auth_failure",
        NODE,
        (
            (
                "W UnauthorizedError: jwt expired",
                "W JsonWebTokenError: invalid signature",
                "W UnauthorizedError: No authorization token was found",
                "E Request failed with status code 401 calling {svc2}{path}",
            ),
            "?W {method} {path} 401 {n}ms",
            "?W {count} authentication failures in the last minute for client {svc2}",
        ),
    ),
)
