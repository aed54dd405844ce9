"""Network, name-resolution and certificate failures as the less common components report them.

The other modules cover these three causes mostly through the HTTP clients of each runtime
(Go dial errors, Java UnknownHostException, Python ssl/gaierror, Node ENOTFOUND). A real
incident is just as often first seen in a cluster's own logs (Cassandra gossip,
Elasticsearch transport, Consul memberlist, etcd, RabbitMQ's Erlang TLS), a sidecar (Linkerd),
a database driver (SqlClient, libpq, MySQL replication), a DNS server (CoreDNS) or the node
itself (kubelet certificates, NIC watchdog). These families add those shapes, including a few
where the obvious keyword ("timed out", "Unauthorized", "ECONNREFUSED", "Communications link
failure") points at another cause than the one the lines prove.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import DOTNET, GO, JAVA, NODE, PYTHON, Family

_PY_TB = "|Traceback (most recent call last):"
_NGINX_CLIENT = (
    'client: {ip}, server: {svc}.acme.io, request: "{method} {path} HTTP/1.1", host: "{svc}.acme.io"'
)

FAMILIES = (
    # --- network_connectivity
    Family(
        "ne.cassandra_gossip_down",
        "network_connectivity",
        "raw",
        (
            (
                "W INFO  [GossipTasks:1] {iso} Gossiper.java:1123 - InetAddress /{ip2}:7000 is now DOWN",
                "W INFO  [GossipStage:1] {iso} Gossiper.java:1151 - InetAddress /{ip2}:7000 is now DOWN",
            ),
            (
                "W WARN  [Messaging-EventLoop-3-{tid}] {iso} NoSpamLogger.java:95 - /{ip}:7000->/{ip2}:7000-URGENT_MESSAGES-[no-channel] failed to connect",
                "W WARN  [Messaging-EventLoop-3-{tid}] {iso} NoSpamLogger.java:95 - /{ip}:7000->/{ip2}:7000-SMALL_MESSAGES-[no-channel] failed to connect",
            ),
            (
                "|io.netty.channel.ConnectTimeoutException: connection timed out: /{ip2}:7000",
                "|io.netty.channel.unix.Errors$NativeConnectException: connect(..) failed: No route to host",
                "|io.netty.channel.unix.Errors$NativeIoException: readAddress(..) failed: Connection reset by peer",
            ),
            "?|\tat io.netty.channel.epoll.AbstractEpollChannel$AbstractEpollUnsafe.finishConnect(AbstractEpollChannel.java:674)",
            "?E ERROR [Native-Transport-Requests-{tid}] {iso} ErrorMessage.java:457 - Unexpected exception during request; Cannot achieve consistency level LOCAL_QUORUM",
        ),
    ),
    Family(
        "ne.elasticsearch_transport",
        "network_connectivity",
        "raw",
        (
            (
                "W [{iso}][WARN ][o.e.c.NodeConnectionsService] [es-data-2] failed to connect to {{es-master-0}}{{{ip2}}}{{{ip2}:9300}} (tried [{count}] times)",
                "W [{iso}][INFO ][o.e.c.c.Coordinator      ] [es-data-2] master node [{{es-master-0}}{{{ip2}}}{{{ip2}:9300}}] failed, restarting discovery",
            ),
            "|org.elasticsearch.transport.ConnectTransportException: [es-master-0][{ip2}:9300] connect_exception",
            (
                "|Caused by: io.netty.channel.AbstractChannel$AnnotatedNoRouteToHostException: No route to host: {ip2}/{ip2}:9300",
                "|Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Network is unreachable: {ip2}/{ip2}:9300",
                "|Caused by: io.netty.channel.ConnectTimeoutException: connection timed out: {ip2}/{ip2}:9300",
            ),
            "?I [{iso}][INFO ][o.e.c.s.ClusterApplierService] [es-data-2] master node changed {{previous [{{es-master-0}}{{{ip2}}}{{{ip2}:9300}}], current []}}, term: {n}, version: {big}, reason: becoming candidate: onLeaderFailure",
            "?W [{iso}][WARN ][o.e.c.c.ClusterFormationFailureHelper] [es-data-2] master not discovered or elected yet, an election requires at least 2 nodes with ids from [{hex}, {commit}, {reqid}], have only discovered non-quorum [{{es-data-2}}]; discovery will continue using [{ip2}:9300] from hosts providers",
        ),
    ),
    Family(
        "ne.grpc_keepalive_ack",
        "network_connectivity",
        GO,
        (
            (
                "E rpc error: code = Unavailable desc = keepalive ping failed to receive ACK within timeout",
                "E rpc error: code = Unavailable desc = error reading from server: read tcp {ip}:{eport}->{ip2}:{port}: read: connection timed out",
            ),
            "?W [transport] [client-transport 0xc000{hex}] Closing: keepalive ping failed to receive ACK within timeout",
            (
                '?W [core] [Channel #{count} SubChannel #{n}] grpc: addrConn.createTransport failed to connect to {{Addr: "{ip2}:{port}", ServerName: "{domain}:{port}", }}. Err: connection error: desc = "transport: Error while dialing: dial tcp {ip2}:{port}: connect: connection timed out"',
                "?I [core] [Channel #{count} SubChannel #{n}] Subchannel Connectivity change to TRANSIENT_FAILURE",
            ),
            "?E {method} {path} failed calling {svc2}: rpc error: code = Unavailable desc = connection closed before server preface received",
        ),
    ),
    Family(
        # Hard case: it says "timeout", but it is the TCP connect to the AWS endpoint that never completes (egress).
        "ne.boto_endpoint_unreachable",
        "network_connectivity",
        (*PYTHON, "celery"),
        (
            (
                "E Failed to send message to queue {queue}",
                "E Upload of export {uuid}.csv to s3 failed",
                "E Task {func}[{uuid}] raised unexpected: EndpointConnectionError",
            ),
            _PY_TB,
            '|  File "/usr/local/lib/python3.11/site-packages/botocore/httpsession.py", line 493, in send',
            "|    raise EndpointConnectionError(endpoint_url=request.url, error=e)",
            (
                '|botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sqs.eu-west-1.amazonaws.com/"',
                '|botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://s3.eu-west-1.amazonaws.com/{svc}-exports/{uuid}.csv"',
                '|botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://sqs.eu-west-1.amazonaws.com/"',
            ),
            "?W Retry needed, retrying request after delay of: {dur}",
            "?|urllib3.exceptions.ConnectTimeoutError: (<botocore.awsrequest.AWSHTTPSConnection object at 0x7f{hex}>, 'Connection to sqs.eu-west-1.amazonaws.com timed out. (connect timeout=60)')",
        ),
    ),
    Family(
        # Hard case: "timed out" is the NIC transmit queue, not a slow upstream.
        "ne.kernel_tx_timeout",
        "network_connectivity",
        "journald",
        (
            (
                "W kernel: [{n}.{pid}] NETDEV WATCHDOG: eth0 (ixgbe): transmit queue {partition} timed out",
                "W kernel: [{n}.{pid}] NETDEV WATCHDOG: ens5 (ena): transmit queue {partition} timed out {bigms} ms",
                "W kernel: [{n}.{pid}] mlx5_core 0000:3b:00.0 eth0: TX timeout detected",
            ),
            "?W kernel: [{n}.{pid}] WARNING: CPU: {partition} PID: 0 at net/sched/sch_generic.c:525 dev_watchdog+0x20b/0x210",
            (
                "E kernel: [{n}.{pid}] ixgbe 0000:01:00.0 eth0: Reset adapter",
                "E kernel: [{n}.{pid}] ena 0000:00:05.0 ens5: Keep alive watchdog timeout.",
                "E kernel: [{n}.{pid}] ena 0000:00:05.0 ens5: Trigger reset is on",
            ),
            '?W kubelet[{pid}]: kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node \\"{node}\\": Get \\"https://{ip2}:6443/api/v1/nodes/{node}?timeout=10s\\": net/http: request canceled while waiting for connection"',
            "?E {container}[{pid}]: lost connection to {ip2}:{port}: Connection timed out",
        ),
    ),
    Family(
        "ne.linkerd_proxy_connect",
        "network_connectivity",
        "raw",
        (
            (
                "W [  {dur}s]  WARN ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:service{{ns={ns} name={svc2} port={port}}}:endpoint{{addr={ip2}:{port}}}: linkerd_reconnect: Failed to connect error=No route to host (os error 113)",
                "W [  {dur}s]  WARN ThreadId(02) outbound:proxy{{addr={ip2}:{port}}}:service{{ns={ns} name={svc2} port={port}}}:endpoint{{addr={ip2}:{port}}}: linkerd_reconnect: Failed to connect error=Network unreachable (os error 101)",
                "W [  {dur}s]  WARN ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:service{{ns={ns} name={svc2} port={port}}}:endpoint{{addr={ip2}:{port}}}: linkerd_reconnect: Failed to connect error=connect timed out after 1s",
            ),
            "?W [  {dur}s]  WARN ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:service{{ns={ns} name={svc2} port={port}}}: linkerd_stack::failfast: Service entering failfast after 3s",
            "I [  {dur}s]  INFO ThreadId(01) outbound:proxy{{addr={ip2}:{port}}}:rescue{{client.addr={ip}:{eport}}}: linkerd_app_core::errors::respond: HTTP/1.1 request failed error=logical service {svc2}.{ns}.svc.cluster.local:{port}: service in fail-fast error.sources=[service in fail-fast]",
        ),
    ),
    Family(
        "ne.consul_memberlist",
        "network_connectivity",
        "journald",
        (
            (
                "W consul[{pid}]: {iso} [WARN]  agent.server.memberlist.lan: memberlist: Was able to connect to consul-server-{partition} over TCP but UDP probes failed, network may be misconfigured",
                "I consul[{pid}]: {iso} [INFO]  agent.server.memberlist.lan: memberlist: Suspect consul-server-{partition} has failed, no acks received",
                "E consul[{pid}]: {iso} [ERROR] agent.server.memberlist.lan: memberlist: Failed fallback TCP ping: dial tcp {ip2}:8301: connect: no route to host",
            ),
            "?I consul[{pid}]: {iso} [INFO]  agent.server.serf.lan: serf: EventMemberFailed: consul-server-{partition} {ip2}",
            (
                '?E consul[{pid}]: {iso} [ERROR] agent.client: RPC failed to server: method=Catalog.Register server={ip2}:8300 error="rpc error getting client: failed to get conn: dial tcp {ip}:0->{ip2}:8300: connect: no route to host"',
                "?W consul[{pid}]: {iso} [WARN]  agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr={ip2}:8300 last-leader-id={uuid}",
            ),
        ),
    ),
    Family(
        "ne.node_ehostunreach",
        "network_connectivity",
        NODE,
        (
            (
                "E Error: connect EHOSTUNREACH {ip2}:{port}",
                "E Error: connect ENETUNREACH 2a05:d018:{partition}:{line}::1:443 - Local (:::0)",
                "E AxiosError: connect EHOSTUNREACH {ip2}:{port}",
            ),
            "|    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)",
            "?|  syscall: 'connect',",
            "?W request to {svc2} failed after 3 attempts: socket hang up (ECONNRESET)",
        ),
    ),
    Family(
        "ne.sqlclient_transport_level",
        "network_connectivity",
        DOTNET,
        (
            "E An exception has been raised that is likely due to a transient failure. Consider enabling transient error resiliency by adding 'EnableRetryOnFailure' to the 'UseSqlServer' call.",
            (
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 35 - An internal exception was caught)",
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A transport-level error has occurred when sending the request to the server. (provider: TCP Provider, error: 35 - An internal exception was caught)",
            ),
            (
                "|---> System.Net.Sockets.SocketException (104): Connection reset by peer",
                "|---> System.Net.Sockets.SocketException (113): No route to host",
                "|---> System.IO.IOException: Unable to write data to the transport connection: Broken pipe.",
            ),
            "|   at Microsoft.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)",
            "?|ClientConnectionId:{uuid}",
        ),
    ),
    Family(
        "ne.ruby_redis_ehostunreach",
        "network_connectivity",
        "ruby",
        (
            (
                "E RedisClient::CannotConnectError: No route to host - connect(2) for {ip2}:6379 (redis://{ip2}:6379)",
                "E Redis::CannotConnectError: Error connecting to Redis on {ip2}:6379 (Errno::EHOSTUNREACH)",
                'E Errno::ENETUNREACH: Network is unreachable - connect(2) for "{ip2}" port 6379',
            ),
            "|/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:{line}:in `rescue in connect'",
            "|/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client.rb:{line2}:in `ensure_connected'",
            "?W heartbeat: No route to host - connect(2) for {ip2}:6379",
        ),
    ),
    # --- dns_resolution
    Family(
        "ne.coredns_loop",
        "dns_resolution",
        "raw",
        (
            (
                'F [FATAL] plugin/loop: Loop (127.0.0.1:{eport} -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO {lag}{eport}{big}.{big}{n}{lag}."',
                "E [ERROR] plugin/errors: 2 {domain}. A: no healthy proxies",
                "E [ERROR] plugin/errors: 2 {domain}. AAAA: no healthy proxies",
            ),
            "?I [INFO] plugin/reload: Running configuration SHA512 = {sha}",
            (
                "?W [WARNING] plugin/kubernetes: starting server with unsynced Kubernetes API",
                "?I CoreDNS-1.11.1",
            ),
            '?E level=error msg="lookup {domain} on 10.96.0.10:53: read udp {ip}:{eport}->10.96.0.10:53: read: connection refused"',
        ),
    ),
    Family(
        "ne.aiohttp_aiodns",
        "dns_resolution",
        (*PYTHON, "celery"),
        (
            ("E Error fetching https://{domain}{path}", "E Unhandled exception in {func}"),
            _PY_TB,
            '|  File "/usr/local/lib/python3.12/site-packages/aiohttp/connector.py", line 1301, in _create_direct_connection',
            "|    hosts = await self._resolve_host(host, port, traces=traces)",
            (
                "|aiodns.error.DNSError: (11, 'Could not contact DNS servers')\nThe above exception was the direct cause of the following exception:\naiohttp.client_exceptions.ClientConnectorDNSError: Cannot connect to host {domain}:443 ssl:default [Could not contact DNS servers]",
                "|aiodns.error.DNSError: (4, 'Domain name not found')\nThe above exception was the direct cause of the following exception:\naiohttp.client_exceptions.ClientConnectorError: Cannot connect to host {domain}:443 ssl:default [Domain name not found]",
                "|aiodns.error.DNSError: (12, 'Timeout while contacting DNS servers')\nThe above exception was the direct cause of the following exception:\naiohttp.client_exceptions.ClientConnectorDNSError: Cannot connect to host {domain}:443 ssl:default [Timeout while contacting DNS servers]",
            ),
        ),
    ),
    Family(
        "ne.mysql_replica_unknown_host",
        "dns_resolution",
        "mysql",
        (
            (
                "E [MY-010584] [Repl] Replica I/O for channel '': Error connecting to source 'repl@mysql-{db}-0.mysql.{ns}.svc.cluster.local:3306'. This was attempt {count}/86400, with a delay of 60 seconds between attempts. Message: Unknown MySQL server host 'mysql-{db}-0.mysql.{ns}.svc.cluster.local' (-2), Error_code: MY-002005",
                "E [MY-010584] [Repl] Slave I/O for channel '': error connecting to master 'repl@mysql-{db}-0.mysql.{ns}.svc.cluster.local:3306' - retry-time: 60 retries: {count} message: Unknown MySQL server host 'mysql-{db}-0.mysql.{ns}.svc.cluster.local' (-3), Error_code: MY-002005",
            ),
            "?W [MY-010055] [Server] IP address '{ip}' could not be resolved: Temporary failure in name resolution",
            "?W [MY-010055] [Server] IP address '{ip2}' could not be resolved: Name or service not known",
        ),
    ),
    Family(
        # Hard case: the driver says "Communications link failure"/"connection attempt failed"; the cause is the DB hostname not resolving.
        "ne.jdbc_unknown_db_host",
        "dns_resolution",
        JAVA,
        (
            (
                "E Unable to obtain connection from database: Communications link failure\n"
                "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n"
                "The last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.\n"
                "Caused by: java.net.UnknownHostException: mysql-{db}.{ns}.svc.cluster.local: Name or service not known\n"
                "\tat com.mysql.cj.protocol.StandardSocketFactory.connect(StandardSocketFactory.java:133)",
                "E Unable to obtain connection from database: The connection attempt failed.\n"
                "org.postgresql.util.PSQLException: The connection attempt failed.\n"
                "Caused by: java.net.UnknownHostException: {db}-db.{ns}.svc.cluster.local\n"
                "\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)",
                "E Failed to initialize pool: The connection attempt failed.\n"
                "org.postgresql.util.PSQLException: The connection attempt failed.\n"
                "Caused by: java.net.UnknownHostException: pg-{db}-primary\n"
                "\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)",
            ),
            "\tat java.base/java.net.Socket.connect(Socket.java:751)",
            "?W {db} datasource unavailable, readiness probe will report DOWN",
        ),
    ),
    Family(
        # Hard case: a ConfigException, but bootstrap.servers is right; its names just stopped resolving.
        "ne.kafka_bootstrap_dns",
        "dns_resolution",
        "kafka",
        (
            (
                "W Couldn't resolve server kafka-0.kafka-headless.{ns}.svc.cluster.local:9092 from bootstrap.servers as DNS resolution failed for kafka-0.kafka-headless.{ns}.svc.cluster.local (org.apache.kafka.clients.ClientUtils)",
                "W [Producer clientId={svc}-producer] Error connecting to node kafka-0.kafka-headless.{ns}.svc.cluster.local:9092 (id: -1 rack: null) (org.apache.kafka.clients.NetworkClient)",
            ),
            "?|java.net.UnknownHostException: kafka-0.kafka-headless.{ns}.svc.cluster.local",
            (
                "E Failed to construct kafka producer (org.apache.kafka.clients.producer.KafkaProducer)",
                "E [Consumer clientId={svc}-consumer, groupId={group}] Failed to construct kafka consumer (org.apache.kafka.clients.consumer.KafkaConsumer)",
            ),
            "|org.apache.kafka.common.config.ConfigException: No resolvable bootstrap urls given in bootstrap.servers",
        ),
    ),
    Family(
        "ne.dotnet_no_such_host",
        "dns_resolution",
        DOTNET,
        (
            ("E Request to {svc2} failed", "E Error calling https://{domain}{path}"),
            (
                "|System.Net.Http.HttpRequestException: No such host is known. ({domain}:443)\n---> System.Net.Sockets.SocketException (11001): No such host is known.",
                "|System.Net.Http.HttpRequestException: Name does not resolve ({domain}:443)\n---> System.Net.Sockets.SocketException (11001): Name does not resolve",
                "|System.Net.Http.HttpRequestException: Name or service not known ({domain}:443)\n---> System.Net.Sockets.SocketException (11001): Name or service not known",
            ),
            "|   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)",
            "?W Resilience event occurred. EventName: 'OnRetry', Source: '{svc2}-client-standard//Standard-Retry', Operation Key: '', Result: 'System.Net.Http.HttpRequestException'",
        ),
    ),
    Family(
        "ne.activerecord_translate_host",
        "dns_resolution",
        "ruby",
        (
            (
                'E ActiveRecord::ConnectionNotEstablished (could not translate host name "pg-{db}-primary.{ns}.svc.cluster.local" to address: Name or service not known',
                'E PG::ConnectionBad: could not translate host name "pg-{db}-primary.{ns}.svc.cluster.local" to address: Temporary failure in name resolution',
            ),
            "?|):",
            "|activerecord (7.1.3) lib/active_record/connection_adapters/postgresql_adapter.rb:{line}:in `rescue in new_client'",
            "|activerecord (7.1.3) lib/active_record/connection_adapters/abstract/connection_pool.rb:{line2}:in `new_connection'",
            "?I Completed 500 Internal Server Error in {n}ms (ActiveRecord: 0.0ms | Allocations: {big})",
        ),
    ),
    Family(
        "ne.haproxy_dns_nx",
        "dns_resolution",
        "journald",
        (
            (
                "W haproxy[{pid}]: Server be_{svc}/srv1 is going DOWN for maintenance (DNS NX status). 0 active and 0 backup servers left. {count} sessions active, 0 requeued, 0 remaining in queue.",
                "W haproxy[{pid}]: Server be_{svc}/srv2 is going DOWN for maintenance (DNS timeout status). 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
            ),
            "E haproxy[{pid}]: backend be_{svc} has no server available!",
            '?I haproxy[{pid}]: {ip}:{eport} [{clf}] fe_http be_{svc}/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- {count}/{count}/0/0/0 0/0 "{method} {path} HTTP/1.1"',
        ),
    ),
    Family(
        # Hard case: "ECONNREFUSED"/"ETIMEOUT" come from the DNS server answering the SRV query, not from MongoDB.
        "ne.node_querysrv",
        "dns_resolution",
        NODE,
        (
            (
                "E MongoDB connection error: Error: querySrv ETIMEOUT _mongodb._tcp.mongo-{db}-svc.{ns}.svc.cluster.local",
                "E MongoDB connection error: Error: querySrv ECONNREFUSED _mongodb._tcp.mongo-{db}-svc.{ns}.svc.cluster.local",
                "E MongoDB connection error: Error: querySrv ENOTFOUND _mongodb._tcp.mongo-{db}-svc.{ns}.svc.cluster.local",
            ),
            "|    at QueryReqWrap.onresolve [as oncomplete] (node:internal/dns/promises:291:17)",
            "?|  syscall: 'querySrv',",
            "?|  hostname: '_mongodb._tcp.mongo-{db}-svc.{ns}.svc.cluster.local'",
            "?W readiness: mongodb not connected, reporting unready",
        ),
    ),
    Family(
        "ne.rust_reqwest_dns",
        "dns_resolution",
        "raw",
        (
            (
                'E {iso} ERROR {container}::client: request to {svc2} failed error=reqwest::Error {{ kind: Request, url: "http://{domain}:{port}{path}", source: hyper_util::client::legacy::Error(Connect, ConnectError("dns error", Custom {{ kind: Uncategorized, error: "failed to lookup address information: Name or service not known" }})) }}',
                "E {iso} ERROR {container}::client: error sending request for url (http://{domain}:{port}{path}): error trying to connect: dns error: failed to lookup address information: Temporary failure in name resolution",
                "E {iso} ERROR {container}::client: error sending request for url (http://{domain}:{port}{path}): error trying to connect: dns error: failed to lookup address information: Try again",
            ),
            "?W {iso}  WARN {container}::health: dependency {svc2} unhealthy, retrying in {sec}s",
        ),
    ),
    # --- tls_certificate
    Family(
        # Hard case: Kafka reports "Failed authentication", but it is the TLS handshake (certificate names) that fails.
        "ne.kafka_ssl_handshake",
        "tls_certificate",
        "kafka",
        (
            (
                "I [SocketServer listenerType=ZK_BROKER, nodeId={partition}] Failed authentication with /{ip} (channelId={ip2}:9093-{ip}:{eport}-{n}) (SSL handshake failed) (org.apache.kafka.common.network.Selector)",
                "E [Producer clientId={svc}-producer] Connection to node -1 (kafka-0.kafka-headless/{ip2}:9093) failed authentication due to: SSL handshake failed (org.apache.kafka.clients.NetworkClient)",
            ),
            "?|org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed",
            (
                "|Caused by: javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address {ip2} found",
                "|Caused by: java.security.cert.CertificateException: No name matching kafka-0.kafka-headless.{ns}.svc.cluster.local found",
                "|Caused by: javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_expired",
            ),
            "?W [Producer clientId={svc}-producer] Bootstrap broker kafka-0.kafka-headless:9093 (id: -1 rack: null) disconnected (org.apache.kafka.clients.NetworkClient)",
        ),
    ),
    Family(
        "ne.postgres_ssl_accept",
        "tls_certificate",
        "postgres",
        (
            (
                "I could not accept SSL connection: certificate verify failed",
                "I could not accept SSL connection: tlsv1 alert unknown ca",
                "I could not accept SSL connection: sslv3 alert certificate expired",
            ),
            "?F connection requires a valid client certificate",
            "?I could not accept SSL connection: sslv3 alert bad certificate",
        ),
    ),
    Family(
        # Hard case: surfaces as DeadlineExceeded; the handshake is rejected because the certificate has no SANs.
        "ne.go_cert_sans",
        "tls_certificate",
        GO,
        (
            (
                'W retrying of unary invoker failed target=etcd-endpoints://0xc000{hex}/{ip2}:2379 attempt=0: rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "transport: authentication handshake failed: x509: certificate relies on legacy Common Name field, use SANs instead"',
                'W retrying of unary invoker failed target=etcd-endpoints://0xc000{hex}/{ip2}:2379 attempt=0: rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "transport: authentication handshake failed: x509: cannot validate certificate for {ip2} because it doesn\'t contain any IP SANs"',
                'W [core] [Channel #{count} SubChannel #{n}] grpc: addrConn.createTransport failed to connect to {{Addr: "{ip2}:2379", ServerName: "{ip2}:2379", }}. Err: connection error: desc = "transport: authentication handshake failed: x509: certificate relies on legacy Common Name field, use SANs instead"',
            ),
            "E failed to connect to etcd: context deadline exceeded",
            "?W x509: cannot validate certificate for {ip2} because it doesn't contain any IP SANs",
        ),
    ),
    Family(
        # Hard case: the API server answers "Unauthorized" because the kubelet's client certificate expired.
        "ne.kubelet_client_cert_expired",
        "tls_certificate",
        "kubelet",
        (
            (
                "E bootstrap.go:266] part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired: {date}",
                "E certificate_manager.go:562] kubernetes.io/kube-apiserver-client-kubelet: Failed while requesting a signed certificate from the control plane: cannot create certificate signing request: Unauthorized",
            ),
            "?E reflector.go:147] k8s.io/client-go/informers/factory.go:159: Failed to watch *v1.Node: failed to list *v1.Node: Unauthorized",
            (
                '?E authentication.go:73] "Unable to authenticate the request" err="[x509: certificate has expired or is not yet valid: current time {iso} is after {date}, verifying certificate SN={big}, SKID=, AKID= failed: x509: certificate has expired or is not yet valid: current time {iso} is after {date}]"',
                '?E run.go:74] "command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"',
            ),
            '?E kubelet_node_status.go:96] "Unable to register node with API server" err="Unauthorized" node="{node}"',
        ),
    ),
    Family(
        "ne.java_tls_fatal_alert",
        "tls_certificate",
        JAVA,
        (
            (
                "E [{commit}-1, L:/{ip}:{eport} ! R:{svc2}.{ns}.svc/{ip2}:{port}] Error was received while reading the incoming data. The connection will be closed.",
                "E Handshake with {svc2}.{ns}.svc:{port} failed",
            ),
            (
                "|io.netty.handler.codec.DecoderException: javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_unknown",
                "|io.netty.handler.codec.DecoderException: javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate",
                "|io.netty.handler.codec.DecoderException: javax.net.ssl.SSLHandshakeException: Empty client certificate chain",
            ),
            "\tat java.base/sun.security.ssl.Alert$AlertConsumer.consume(Alert.java:293)",
            "\tat io.netty.handler.ssl.SslHandler.unwrap(SslHandler.java:1383)",
        ),
    ),
    Family(
        "ne.sqlclient_untrusted_chain",
        "tls_certificate",
        DOTNET,
        (
            ("E Application startup exception", "E Failed to open connection to '{db}' for {func}"),
            (
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)",
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 35 - An internal exception was caught)",
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The target principal name is incorrect.)",
            ),
            "?|---> System.Security.Authentication.AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.",
            "|   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)",
            "?|ClientConnectionId:{uuid}",
            "?|Error Number:-2146893019,State:0,Class:20",
        ),
    ),
    Family(
        "ne.traefik_cert_store",
        "tls_certificate",
        "go_logrus",
        (
            (
                'D Serving default certificate for request: "{cn}"',
                "E Error while creating certificate store: failed to load X509 key pair: tls: private key does not match public key",
                'E Unable to obtain ACME certificate for domains "{cn}": unable to generate a certificate for the domains [{cn}]: error: one or more domains had a problem: [{cn}] acme: error: 403 :: urn:ietf:params:acme:error:unauthorized :: Invalid response from http://{cn}/.well-known/acme-challenge/{hex}: 404',
            ),
            (
                "D http: TLS handshake error from {ip}:{eport}: remote error: tls: unknown certificate",
                "D http: TLS handshake error from {ip}:{eport}: remote error: tls: unknown certificate authority",
            ),
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/2.0" 404 19 "-" "-" {n} "-" "-" 0ms',
        ),
    ),
    Family(
        "ne.nginx_client_cert",
        "tls_certificate",
        "nginx_error",
        (
            (
                "I *{n} client SSL certificate verify error: (10:certificate has expired) while reading client request headers, "
                + _NGINX_CLIENT,
                "I *{n} client SSL certificate verify error: (20:unable to get local issuer certificate) while reading client request headers, "
                + _NGINX_CLIENT,
                "I *{n} client sent no required SSL certificate while reading client request headers, "
                + _NGINX_CLIENT,
            ),
            "?I *{n} SSL_do_handshake() failed (SSL: error:0A000086:SSL routines::certificate verify failed) while SSL handshaking, client: {ip}, server: 0.0.0.0:443",
            '?I @raw {ip} - - [{clf}] "{method} {path} HTTP/1.1" 400 215 "-" "{agent}"',
        ),
    ),
    Family(
        "ne.python_tls_alert",
        "tls_certificate",
        (*PYTHON, "celery"),
        (
            "?W consumer: Connection to broker lost. Trying to re-establish the connection...",
            (
                "E consumer: Cannot connect to amqps://{svc}:**@rabbitmq.{ns}.svc:5671//: [SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca (_ssl.c:1006).\nTrying again in {sec}.00 seconds... ({count}/100)",
                "E consumer: Cannot connect to amqps://{svc}:**@rabbitmq.{ns}.svc:5671//: [SSL: SSLV3_ALERT_CERTIFICATE_EXPIRED] sslv3 alert certificate expired (_ssl.c:1006).\nTrying again in {sec}.00 seconds... ({count}/100)",
                "E consumer: Cannot connect to amqps://{svc}:**@rabbitmq.{ns}.svc:5671//: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006).\nTrying again in {sec}.00 seconds... ({count}/100)",
                "E consumer: Cannot connect to redis://redis.{ns}.svc:6380/0: Error 1 connecting to redis.{ns}.svc:6380. [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2580)..\nTrying again in {sec}.00 seconds... ({count}/100)",
            ),
        ),
    ),
    Family(
        "ne.erlang_tls_alert",
        "tls_certificate",
        "rabbitmq",
        (
            (
                "E TLS server: In state certify at ssl_handshake.erl:{line} generated SERVER ALERT: Fatal - Unknown CA\n - {{bad_cert,unknown_ca}}",
                "E TLS server: In state certify at ssl_handshake.erl:{line} generated SERVER ALERT: Fatal - Certificate Expired\n - {{bad_cert,cert_expired}}",
                "E TLS server: In state certify received CLIENT ALERT: Fatal - Certificate Expired",
                "E TLS client: In state certify at ssl_handshake.erl:{line} generated CLIENT ALERT: Fatal - Handshake Failure\n - {{bad_cert,hostname_check_failed}}",
            ),
            "?W Shovel '{queue}-shovel' in virtual host '{vhost}' could not connect to amqps://{domain}:5671: {{tls_alert,{{unknown_ca,\"TLS client: In state certify at ssl_handshake.erl:{line} generated CLIENT ALERT: Fatal - Unknown CA\"}}}}",
        ),
    ),
)
