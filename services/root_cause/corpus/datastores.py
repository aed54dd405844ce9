"""Databases and caches writing their own logs: PostgreSQL, MySQL, Redis, MongoDB."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

FAMILIES = (
    Family(
        "pg.shutdown_recovery",
        "database_unavailable",
        "postgres",
        (
            (
                "I received fast shutdown request",
                "I database system was interrupted; last known up at {iso}",
                "F terminating connection due to administrator command",
            ),
            (
                "F the database system is starting up",
                "F the database system is shutting down",
                "F the database system is in recovery mode",
            ),
            "?I redo starts at {hex}/{n}",
            "F the database system is starting up",
            "?I all server processes terminated; reinitializing",
        ),
    ),
    Family(
        "pg.no_space",
        "disk_full",
        "postgres",
        (
            (
                'E could not extend file "base/{n}/{big}": No space left on device',
                'F could not write to file "pg_wal/xlogtemp.{pid}": No space left on device',
                "E could not write block {big} of temporary file: No space left on device",
            ),
            "?I HINT:  Check free disk space.",
            "?|\tSTATEMENT:  INSERT INTO {table} (id, {column}) VALUES ($1, $2)",
            "?I checkpointer process (PID {pid}) was terminated by signal 6: Aborted",
            "?F the database system is in recovery mode",
        ),
    ),
    Family(
        "pg.too_many_clients",
        "resource_saturation",
        "postgres",
        (
            (
                "F sorry, too many clients already",
                "F remaining connection slots are reserved for non-replication superuser connections",
            ),
            "?I connection received: host={ip} port={eport}",
            "F sorry, too many clients already",
            "?W could not fork autovacuum worker process: Resource temporarily unavailable",
            "?I duration: {bigms}.{n} ms  statement: SELECT * FROM {table} WHERE {column} = $1",
        ),
    ),
    Family(
        "pg.password_failed",
        "auth_failure",
        "postgres",
        (
            (
                'F password authentication failed for user "{dbuser}"',
                'F no pg_hba.conf entry for host "{ip}", user "{dbuser}", database "{db}", no encryption',
                'F role "{dbuser}" does not exist',
            ),
            '?D Connection matched pg_hba.conf line {n}: "host all all 0.0.0.0/0 scram-sha-256"',
            'F password authentication failed for user "{dbuser}"',
        ),
    ),
    Family(
        "pg.undefined_column",
        "schema_migration",
        "postgres",
        (
            (
                'E column "{column}" does not exist at character {n}',
                'E relation "{table}_archive" does not exist',
                'E column "{column}" of relation "{table}" does not exist',
            ),
            "|\tSTATEMENT:  SELECT id, {column} FROM {table} WHERE id = $1",
            '?E column "{column}" does not exist at character {n}',
            "?I duration: {n}.{n} ms  statement: ALTER TABLE {table} ADD COLUMN {column}_v2 text",
        ),
    ),
    Family(
        "pg.lock_timeout_migration",
        "schema_migration",
        "postgres",
        (
            # Hard case: a migration's lock makes ordinary queries time out.
            "I process {pid} still waiting for AccessExclusiveLock on relation {big} of database {n} after "
            "{bigms}.{n} ms",
            "|\tDETAIL:  Process holding the lock: {pid}. Wait queue: {n}, {n}.",
            "|\tSTATEMENT:  ALTER TABLE {table} ADD COLUMN {column} varchar(64) NOT NULL DEFAULT ''",
            "E canceling statement due to lock timeout",
            "?E canceling statement due to statement timeout",
            "?|\tSTATEMENT:  UPDATE {table} SET {column} = $1 WHERE id = $2",
        ),
    ),
    Family(
        "mysql.gone_away",
        "database_unavailable",
        "mysql",
        (
            (
                "E [MY-010119] [Server] Aborting",
                "W [MY-013360] [Server] Plugin mysql_native_password reported: "
                "''mysql_native_password' is deprecated'",
                "E [MY-012592] [InnoDB] Operating system error number 2 in a file operation.",
            ),
            (
                "E [MY-010946] [Server] Failed to start mysqld daemon. Check mysqld error log.",
                "I [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.0.36).",
            ),
            "?|ERROR 2013 (HY000): Lost connection to MySQL server during query",
            "?|ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock'",
        ),
    ),
    Family(
        "mysql.disk_full",
        "disk_full",
        "mysql",
        (
            (
                "W [MY-000035] [Server] Disk is full writing './binlog.{n}' (OS errno 28 - No space left on device). "
                "Waiting for someone to free space... Retry in 60 secs.",
                "E [MY-012639] [InnoDB] Write to file ./ibtmp1 failed at offset {big}, {n} bytes should have been "
                "written, only 0 were written. Operating system error number 28.",
                "E [MY-012814] [InnoDB] The table '{table}' is full",
            ),
            "?E [MY-012640] [InnoDB] Error number 28 means 'No space left on device'",
            "?W [MY-000035] [Server] Disk is full writing './{db}/{table}.ibd' (OS errno 28).",
        ),
    ),
    Family(
        "mysql.access_denied",
        "auth_failure",
        "mysql",
        (
            (
                "W [MY-010055] [Server] IP address '{ip}' could not be resolved: Name or service not known",
                "I [MY-010051] [Server] Event Scheduler: scheduler thread started",
            ),
            (
                "|Access denied for user '{dbuser}'@'{ip}' (using password: YES)",
                "|ERROR 1045 (28000): Access denied for user '{dbuser}'@'{ip}' (using password: YES)",
            ),
            "?|ERROR 1045 (28000): Access denied for user '{dbuser}'@'{ip2}' (using password: YES)",
        ),
    ),
    Family(
        "redis.maxmemory",
        "out_of_memory",
        "redis",
        (
            (
                "W WARNING: maxmemory policy is noeviction and used_memory={bytes} exceeds maxmemory",
                "E Out Of Memory allocating {big} bytes!",
                "W Can't save in background: fork: Cannot allocate memory",
            ),
            "?|(error) OOM command not allowed when used memory > 'maxmemory'.",
            "?F === REDIS BUG REPORT START: Cut & paste starting from here ===",
        ),
    ),
    Family(
        "redis.rdb_disk",
        "disk_full",
        "redis",
        (
            (
                "E Write error saving DB on disk: No space left on device",
                "E Failed opening the temp RDB file temp-{pid}.rdb (in server root dir /data) for saving: No space "
                "left on device",
                "E Error trying to rename the temporary AOF file temp-rewriteaof-bg-{pid}.aof: No space left on device",
            ),
            "I Background saving started by pid {pid}",
            "?E Background saving error",
            "?|MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
        ),
    ),
    Family(
        "redis.loading_or_down",
        "database_unavailable",
        "redis",
        (
            (
                "W Connection with master lost.",
                "I Shutdown initiated (SIGTERM)",
                "E Error condition on socket for SYNC: Connection refused",
            ),
            "?I Loading RDB produced by version 7.2.4",
            "?|LOADING Redis is loading the dataset in memory",
            "E MASTER <-> REPLICA sync: Error reading bulk payload; connection refused by {ip}:6379",
            "?I Connecting to MASTER {ip}:6379",
        ),
    ),
    Family(
        "mongo.server_selection",
        "database_unavailable",
        "json_ecs",
        (
            # Hard case: the client reports a timeout, but no primary exists.
            (
                'E pymongo.errors.ServerSelectionTimeoutError: No replica set members match selector "Primary()", '
                "Timeout: 30s, Topology Description: <TopologyDescription type: ReplicaSetNoPrimary>",
                "E MongoServerSelectionError: Server selection timed out after 30000 ms",
                "E com.datastax.oss.driver.api.core.AllNodesFailedException: All {count} node(s) tried for the query "
                "failed",
            ),
            "?W replica set {db}-rs0 has no primary, election in progress",
            "?E cassandra.cluster.NoHostAvailable: ('Unable to connect to any servers', {{'{ip}:9042': "
            "ConnectionRefusedError(111, \"Tried connecting to [('{ip}', 9042)]. Last error: Connection refused\")}})",
        ),
    ),
)
