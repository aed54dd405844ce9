"""Message brokers writing their own logs: Kafka brokers and clients, RabbitMQ."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

FAMILIES = (
    Family(
        "kafka.log_dir_failed",
        "disk_full",
        "kafka",
        (
            (
                "E Error while appending records to {topic}-{partition} in dir /var/lib/kafka/data "
                "(kafka.server.LogDirFailureChannel)",
                "E Error while writing to checkpoint file /var/lib/kafka/data/replication-offset-checkpoint "
                "(kafka.server.LogDirFailureChannel)",
            ),
            "|java.io.IOException: No space left on device",
            "|\tat java.base/sun.nio.ch.FileDispatcherImpl.write0(Native Method)",
            "?W [ReplicaManager broker=1] Stopping serving replicas in dir /var/lib/kafka/data "
            "(kafka.server.ReplicaManager)",
            "?E Shutdown broker because all log dirs in /var/lib/kafka/data have failed (kafka.log.LogManager)",
        ),
    ),
    Family(
        "kafka.consumer_lag",
        "queue_backlog",
        "kafka",
        (
            "W [Consumer clientId={svc}-{n}, groupId={group}] Consumer lag on partition {topic}-{partition} is "
            "{lag} (kafka.consumer)",
            (
                "W Burrow: group {group} status ERR, partition {topic}-{partition} lag {lag} STALLED",
                "W [kafka-lag-exporter] {group}/{topic}/{partition} max lag time {bigms}ms",
            ),
            "?W [Consumer clientId={svc}-{n}, groupId={group}] Fetch position FetchPosition{{offset={big}}} is "
            "far behind log end offset {big}",
            "?I [GroupCoordinator 1]: Preparing to rebalance group {group} in state PreparingRebalance "
            "(kafka.coordinator.group.GroupCoordinator)",
        ),
    ),
    Family(
        "kafka.sasl_failed",
        "auth_failure",
        "kafka",
        (
            (
                "I [SocketServer listenerType=ZK_BROKER, nodeId=1] Failed authentication with /{ip} (channelId="
                "{ip2}:9093-{ip}:{eport}-{n}) (Authentication failed during authentication due to invalid "
                "credentials with SASL mechanism SCRAM-SHA-512) (org.apache.kafka.common.network.Selector)",
                "E [Producer clientId={svc}-producer] Connection to node -1 ({ip2}/{ip2}:9093) failed authentication "
                "due to: Authentication failed during authentication due to invalid credentials with SASL mechanism "
                "SCRAM-SHA-512 (org.apache.kafka.clients.NetworkClient)",
            ),
            "?E [Consumer clientId={svc}-{n}, groupId={group}] Not authorized to access topics: [{topic}] "
            "(org.apache.kafka.clients.Metadata)",
            "?|org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed",
        ),
    ),
    Family(
        "kafka.not_leader_broker_down",
        "network_connectivity",
        "kafka",
        (
            (
                "W [ReplicaFetcher replicaId=2, leaderId=1, fetcherId=0] Error in response for fetch request "
                "(kafka.server.ReplicaFetcherThread)",
                "W [Producer clientId={svc}-producer] Connection to node 1 ({ip}/{ip}:9092) could not be established. "
                "Broker may not be available. (org.apache.kafka.clients.NetworkClient)",
            ),
            "|java.io.IOException: Connection to {ip}:9092 (id: 1 rack: null) failed.",
            "?|java.net.NoRouteToHostException: No route to host",
            "?W [Producer clientId={svc}-producer] Got error produce response with correlation id {n} on "
            "topic-partition {topic}-{partition}, retrying. Error: NETWORK_EXCEPTION",
        ),
    ),
    Family(
        "kafka.throttled_quota",
        "rate_limited",
        "kafka",
        (
            (
                "W [Producer clientId={svc}-producer] Produce request throttled by broker for {bigms} ms (quota "
                "violation on client-id {svc}-producer)",
                "I [ThrottledChannelReaper-Produce]: Throttling client {svc}-producer for {n}ms due to byte-rate quota",
            ),
            "?W [Producer clientId={svc}-producer] Received throttle time {n}ms in ProduceResponse",
            "?E org.apache.kafka.common.errors.ThrottlingQuotaExceededException: The throttling quota has been "
            "exceeded.",
        ),
    ),
    Family(
        "rabbit.memory_alarm",
        "queue_backlog",
        "rabbitmq",
        (
            # Hard case: the broker raises a memory alarm because unconsumed messages pile up.
            (
                "W memory resource limit alarm set on node rabbit@{host}.",
                "I queue '{queue}' in vhost '{vhost}': {big} messages ready, 0 consumers",
            ),
            "W Publishers will be blocked until this alarm clears",
            "?W connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672): blocked because of resource alarm",
            "?I queue '{queue}' in vhost '{vhost}': message rate in 1200/s, out 35/s",
        ),
    ),
    Family(
        "rabbit.access_refused",
        "auth_failure",
        "rabbitmq",
        (
            (
                "E Error on AMQP connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672, state: starting):",
                "E closing AMQP connection <0.{n}.0> ({ip}:{eport} -> {ip2}:5672):",
            ),
            (
                "|PLAIN login refused: user '{svc}' - invalid credentials",
                "|ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker "
                "logfile.",
                "|access to vhost '{vhost}' refused for user '{svc}'",
            ),
            "?W HTTP access denied: user '{svc}' - invalid credentials",
        ),
    ),
    Family(
        "rabbit.disk_alarm",
        "disk_full",
        "rabbitmq",
        (
            (
                "W Free disk space is insufficient. Free bytes: {big}. Limit: 50000000",
                "W disk resource limit alarm set on node rabbit@{host}.",
            ),
            "?W Publishers will be blocked until this alarm clears",
            "?E Error writing message store segment {n}.rdq: enospc",
        ),
    ),
    Family(
        "rabbit.partition",
        "network_connectivity",
        "rabbitmq",
        (
            (
                "E Mnesia(rabbit@{host}): ** ERROR ** mnesia_event got {{inconsistent_database, "
                "running_partitioned_network, rabbit@{host}}}",
                "E Partial partition detected: * We saw DOWN from rabbit@{host} * We can still see rabbit@node-2",
            ),
            "?I rabbit on node rabbit@{host} down",
            "?W net_tick_timeout: node rabbit@{host} not responding ** Removing (timedout) connection **",
        ),
    ),
)
