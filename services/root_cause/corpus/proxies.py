"""Edge proxies: nginx error and access logs, envoy application and access logs."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

_CLIENT = 'client: {ip}, server: {svc}.acme.io, request: "{method} {path} HTTP/1.1"'
_UPSTREAM = 'upstream: "http://{ip2}:{port}{path}", host: "{svc}.acme.io"'

FAMILIES = (
    Family(
        "nginx.upstream_timed_out",
        "upstream_timeout",
        "nginx_error",
        (
            "E *{n} upstream timed out (110: Connection timed out) while reading response header from upstream, "
            + _CLIENT
            + ", "
            + _UPSTREAM,
            "?E *{n} upstream timed out (110: Connection timed out) while reading upstream, " + _CLIENT,
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 504 167 "-" "{agent}" 60.001',
        ),
    ),
    Family(
        "nginx.resolver",
        "dns_resolution",
        "nginx_error",
        (
            (
                "E *{n} {domain} could not be resolved (110: Operation timed out), " + _CLIENT,
                "E *{n} {domain} could not be resolved (3: Host not found), " + _CLIENT,
                "E *{n} no resolver defined to resolve {domain}, " + _CLIENT,
            ),
            "?E *{n} recv() failed (111: Connection refused) while resolving, resolver: 10.96.0.10:53",
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 502 157 "-" "{agent}"',
        ),
    ),
    Family(
        "nginx.ssl_upstream",
        "tls_certificate",
        "nginx_error",
        (
            (
                "E *{n} upstream SSL certificate verify error: (10:certificate has expired) while SSL handshaking to "
                "upstream, " + _CLIENT,
                'E *{n} upstream SSL certificate does not match "{svc2}.internal" while SSL handshaking to upstream, '
                + _CLIENT,
                'F cannot load certificate "/etc/nginx/tls/{svc}.crt": PEM_read_bio_X509_AUX() failed (SSL: '
                "error:0480006C:PEM routines::no start line)",
            ),
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 502 157 "-" "{agent}"',
        ),
    ),
    Family(
        "nginx.limit_req",
        "rate_limited",
        "nginx_error",
        (
            'E *{n} limiting requests, excess: {n}.{count}0 by zone "api_limit", ' + _CLIENT,
            '?E *{n} limiting connections by zone "perip", ' + _CLIENT,
            'I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 429 169 "-" "{agent}"',
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 503 197 "-" "{agent}"',
        ),
    ),
    Family(
        "nginx.worker_connections",
        "resource_saturation",
        "nginx_error",
        (
            (
                "W 1024 worker_connections are not enough while connecting to upstream, " + _CLIENT,
                "F accept4() failed (24: Too many open files)",
            ),
            "?F *{n} socket() failed (24: Too many open files) while connecting to upstream, " + _CLIENT,
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 500 0 "-" "{agent}"',
        ),
    ),
    Family(
        "nginx.emerg_config",
        "config_error",
        "nginx_error",
        (
            (
                'F unknown directive "proxy_pas" in /etc/nginx/conf.d/{svc}.conf:{line}',
                'F host not found in upstream "{svc2}:{port}" in /etc/nginx/conf.d/{svc}.conf:{line}',
                'F "server" directive is not allowed here in /etc/nginx/nginx.conf:{line}',
                'F invalid number of arguments in "proxy_set_header" directive in /etc/nginx/conf.d/{svc}.conf:{line}',
            ),
            "F nginx: configuration file /etc/nginx/nginx.conf test failed",
            "?W reload of nginx rejected, previous configuration kept",
        ),
    ),
    Family(
        "access.mass_401",
        "auth_failure",
        "raw",
        (
            'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 401 59 "-" "{agent}" 0.002',
            'I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 401 59 "-" "{agent}" 0.001',
            'I {ip} - - [{clf}] "GET /api/v1/users/me HTTP/1.1" 403 61 "-" "{agent}" 0.003',
            '?I @raw {ip} - - [{clf}] "POST /oauth/token HTTP/1.1" 400 87 "-" "{agent}" 0.012',
            '?I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 401 59 "-" "{agent}" 0.002',
        ),
    ),
    Family(
        "access.mass_5xx_after_deploy",
        "code_regression",
        "raw",
        (
            'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 500 21 "-" "{agent}" 0.031 "{svc}-v{version}"',
            'I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 500 21 "-" "{agent}" 0.028 "{svc}-v{version}"',
            '?I @raw {ip} - - [{clf}] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
            'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 500 21 "-" "{agent}" 0.030 "{svc}-v{version}"',
            '?I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 500 21 "-" "{agent}" 0.029 "{svc}-v{version}"',
        ),
    ),
    Family(
        "envoy.access_ut",
        "upstream_timeout",
        "raw",
        (
            'I [{iso}] "{method} {path} HTTP/1.1" 504 UT 0 24 {ms} - "{ip}" "{agent}" "{uuid}" '
            '"{svc}.acme.io" "{ip2}:{port}"',
            'I [{iso}] "{method} {path} HTTP/2" 504 UT upstream_reset_before_response_started{{timeout}} 0 24 '
            '{ms} - "{ip}" "{agent}" "{uuid}" "{svc}" "{ip2}:{port}"',
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 200 - 0 {n} {n} {n} "{ip}" "{agent}" "{uuid}" '
            '"{svc}.acme.io" "{ip2}:{port}"',
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 504 UT 0 24 {ms} - "{ip}" "{agent}" "{uuid}" "{svc}" '
            '"{ip2}:{port}"',
        ),
    ),
    Family(
        "envoy.access_ratelimited",
        "rate_limited",
        "raw",
        (
            'I [{iso}] "{method} {path} HTTP/1.1" 429 RL 0 18 0 - "{ip}" "{agent}" "{uuid}" '
            '"{svc}.acme.io" "-"',
            'I [{iso}] "{method} {path} HTTP/2" 429 RL 0 18 1 - "{ip2}" "{agent}" "{uuid}" "{svc}" "-"',
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 200 - 0 {n} {n} {n} "{ip}" "{agent}" "{uuid}" '
            '"{svc}.acme.io" "{ip2}:{port}"',
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 429 RL 0 18 0 - "{ip}" "{agent}" "{uuid}" "{svc}" "-"',
        ),
    ),
    Family(
        "envoy.upstream_connect_failure",
        "network_connectivity",
        "envoy",
        (
            (
                'W [router] [source/common/router/router.cc:{n}] [Tags: "ConnectionId":"{n}"] upstream reset: '
                "reset reason: connection failure, transport failure reason: delayed connect error: 113",
                "W [pool] [source/common/conn_pool/conn_pool_base.cc:{n}] [C{n}] connect timeout to {ip2}:{port} "
                "(no route to host)",
            ),
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 503 UF,URX upstream_reset_before_response_started'
            '{{connection_failure}} 0 91 {n} - "{ip}" "{agent}" "{uuid}" "{svc}" "{ip2}:{port}"',
            "?W [upstream] [source/common/upstream/health_checker_impl.cc:{n}] health check failed for "
            "{ip2}:{port}: connection failure (EHOSTUNREACH)",
        ),
    ),
    Family(
        "envoy.tls_handshake",
        "tls_certificate",
        "envoy",
        (
            (
                "D [connection] [source/extensions/transport_sockets/tls/ssl_socket.cc:{n}] [C{n}] remote address:"
                "{ip}:{eport},TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end",
                "W [config] [source/common/secret/sds_api.cc:{n}] Failed to update secret: certificate "
                "'/etc/envoy/certs/{svc}.pem' has expired",
            ),
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 503 UF upstream_reset_before_response_started'
            "{{connection_failure,TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED}} "
            '0 195 {n} - "{ip}" "{agent}" "{uuid}" "{svc}" "{ip2}:{port}"',
        ),
    ),
    Family(
        "envoy.overload",
        "resource_saturation",
        "envoy",
        (
            (
                "W [overload] [source/server/overload_manager_impl.cc:{n}] Overload action "
                "envoy.overload_actions.stop_accepting_requests became active",
                "W [pool] [source/common/conn_pool/conn_pool_base.cc:{n}] max pending requests overflow for cluster "
                "{svc2} (circuit breaker open)",
            ),
            '?I @raw [{iso}] "{method} {path} HTTP/1.1" 503 UO upstream_reset_before_response_started{{overflow}} 0 81 '
            '0 - "{ip}" "{agent}" "{uuid}" "{svc}" "-"',
            "?W [overload] [source/server/overload_manager_impl.cc:{n}] heap size {mb}MB above 95% of max",
        ),
    ),
    Family(
        "envoy.config_rejected",
        "config_error",
        "envoy",
        (
            (
                "W [config] [source/extensions/config_subscription/grpc/grpc_subscription_impl.cc:{n}] "
                "gRPC config for type.googleapis.com/envoy.config.listener.v3.Listener rejected: Error adding/updating "
                "listener(s) {svc}_listener: Proto constraint validation failed",
                "F [main] [source/server/server.cc:{n}] error initializing configuration '/etc/envoy/envoy.yaml': "
                "Unable to parse JSON as proto (INVALID_ARGUMENT: invalid JSON in envoy.config.bootstrap.v3.Bootstrap)",
            ),
            "?W [config] [source/common/config/grpc_mux_impl.cc:{n}] rds: cluster '{svc2}' referenced by route "
            "does not exist",
        ),
    ),
)
