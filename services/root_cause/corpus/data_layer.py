"""The data layer failing in shapes the other modules do not cover yet.

Database outages, schema migrations and full disks as MongoDB, Cassandra, Elasticsearch,
SQL Server, Oracle, CockroachDB, ClickHouse, Redis Sentinel, Ceph, Prometheus, Docker and
the Elixir, Rust, PHP, Node and .NET data libraries report them, so that the model meets
these causes in wordings other than PostgreSQL's, MySQL's and the JVM's.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import DOTNET, GO, JAVA, NODE, PYTHON, Family

FAMILIES = (
    # --- database_unavailable
    Family(
        "dl.mongo_java_timeout",
        "database_unavailable",
        JAVA,
        (
            (
                "I Exception in monitor thread while connecting to server {dbhost}:27017",
                "W Exception in monitor thread while connecting to server {dbhost}:27017",
            ),
            "|com.mongodb.MongoSocketOpenException: Exception opening socket",
            "\tat com.mongodb.internal.connection.SocketStream.open(SocketStream.java:70)",
            "|Caused by: java.net.ConnectException: Connection refused",
            (
                "E com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting for a server that matches WritableServerSelector. Client view of cluster state is {{type=REPLICA_SET, servers=[{{address={dbhost}:27017, type=UNKNOWN, state=CONNECTING, exception={{com.mongodb.MongoSocketOpenException: Exception opening socket}}, caused by {{java.net.ConnectException: Connection refused}}}}]",
                "E Timed out after 30000 ms while waiting to connect. Client view of cluster state is {{type=UNKNOWN, servers=[{{address={dbhost}:27017, type=UNKNOWN, state=CONNECTING, exception={{com.mongodb.MongoSocketReadException: Prematurely reached end of stream}}}}]",
                "E org.springframework.dao.DataAccessResourceFailureException: Timed out after 30000 ms while waiting for a server that matches ReadPreferenceServerSelector{{readPreference=primary}}. Client view of cluster state is {{type=REPLICA_SET, servers=[{{address={dbhost}:27017, type=UNKNOWN, state=CONNECTING}}]",
            ),
            "?\tat com.mongodb.internal.connection.BaseCluster.createTimeoutException(BaseCluster.java:380)",
        ),
    ),
    Family(
        "dl.gocql_no_hosts",
        "database_unavailable",
        GO,
        (
            (
                "W gocql: unable to dial control conn {ip}:9042: dial tcp {ip}:9042: connect: connection refused",
                "W gocql: unable to dial control conn {ip2}:9042: dial tcp {ip2}:9042: connect: connection refused",
            ),
            (
                "E gocql: no hosts available in the pool",
                "E select from {table} failed: gocql: no hosts available in the pool",
            ),
            "?E gocql: no hosts available in the pool",
            "?F unable to create cassandra session: gocql: unable to create session: control: unable to connect to initial hosts: dial tcp {ip}:9042: connect: connection refused",
        ),
    ),
    Family(
        "dl.es_no_master",
        "database_unavailable",
        "raw",
        (
            # The master-eligible nodes are gone (stopped, OOM-killed, evicted), so the cluster refuses every request.
            (
                "I [{iso}][INFO ][o.e.n.Node               ] [es-master-0] stopping ...\n[{iso}][INFO ][o.e.n.Node               ] [es-master-0] stopped\n[{iso}][INFO ][o.e.n.Node               ] [es-master-0] closing ...\n[{iso}][INFO ][o.e.n.Node               ] [es-master-0] closed",
                "W [{iso}][WARN ][o.e.c.NodeConnectionsService] [es-data-{partition}] failed to connect to {{es-master-0}}{{{hex}}}{{{ip2}}}{{{ip2}:9300}} (tried [{count}] times)\norg.elasticsearch.transport.ConnectTransportException: [es-master-0][{ip2}:9300] connect_exception\nCaused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: {ip2}/{ip2}:9300",
            ),
            (
                "W [{iso}][WARN ][o.e.c.c.ClusterFormationFailureHelper] [es-master-{partition}] master not discovered or elected yet, an election requires at least 2 nodes with ids from [{hex}, {reqid}], have discovered [{{es-master-{partition}}}{{{hex}}}{{{ip}}}{{{ip}:9300}}] which is not a quorum; discovery will continue using [{ip2}:9300] from hosts providers and [{{es-master-{partition}}}] from last-known cluster state; node term {n}, last-accepted version {big} in term {n}",
                "W [{iso}][WARN ][o.e.c.c.ClusterFormationFailureHelper] [es-data-{partition}] master not discovered yet: have discovered [{{es-data-{partition}}}{{{hex}}}{{{ip}}}{{{ip}:9300}}]; discovery will continue using [{ip2}:9300] from hosts providers and [] from last-known cluster state; node term {n}, last-accepted version {big} in term {n}",
            ),
            "?W [{iso}][WARN ][r.suppressed             ] [es-data-{partition}] path: /{svc}-*/_search, params: {{index={svc}-*}}",
            (
                "|org.elasticsearch.cluster.block.ClusterBlockException: blocked by: [SERVICE_UNAVAILABLE/2/no master];",
                "|org.elasticsearch.cluster.block.ClusterBlockException: blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];",
            ),
            '?E {{"error":{{"root_cause":[{{"type":"master_not_discovered_exception","reason":null}}],"type":"master_not_discovered_exception","reason":null}},"status":503}}',
        ),
    ),
    Family(
        "dl.mssql_jdbc_tcp",
        "database_unavailable",
        JAVA,
        (
            "W SQL Error: 0, SQLState: 08S01",
            (
                'E The TCP/IP connection to the host {dbhost}, port 1433 has failed. Error: "Connection refused. Verify the connection properties. Make sure that an instance of SQL Server is running on the host and accepting TCP/IP connections at the port. Make sure that TCP connections to the port are not blocked by a firewall.".',
                "E Database '{db}' is being recovered. Waiting until recovery is finished.",
                "E SQL Server did not return a response. The connection has been closed.",
            ),
            "E Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
            "\tat com.microsoft.sqlserver.jdbc.SQLServerException.makeFromDriverError(SQLServerException.java:234)",
            "\tat com.microsoft.sqlserver.jdbc.SQLServerConnection.connectHelper(SQLServerConnection.java:3806)",
        ),
    ),
    Family(
        "dl.oracle_tns",
        "database_unavailable",
        (*PYTHON, "celery"),
        (
            ("E Error connecting to Oracle in {func}", "E Exception on {method} {path}"),
            "|Traceback (most recent call last):",
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            '|  File "/usr/local/lib/python3.11/site-packages/oracledb/connection.py", line 1169, in connect',
            (
                "|oracledb.exceptions.OperationalError: DPY-6005: cannot connect to database (CONNECTION_ID={hex}).\n[Errno 111] Connection refused",
                "|cx_Oracle.DatabaseError: ORA-12541: TNS:no listener",
                "|cx_Oracle.DatabaseError: ORA-01034: ORACLE not available",
                "|oracledb.exceptions.DatabaseError: ORA-01033: ORACLE initialization or shutdown in progress",
                "|oracledb.exceptions.DatabaseError: ORA-12514: TNS:listener does not currently know of service requested in connect descriptor",
            ),
            "?W Oracle pool for {dbuser}@{dbhost}:1521/{db} has 0 open connections; retrying in {sec}s",
        ),
    ),
    Family(
        "dl.cockroach_draining",
        "database_unavailable",
        NODE,
        (
            (
                "E error: server is not accepting clients, try another node",
                "E error: replica unavailable: (n{partition},s{partition}):2 unable to serve request to r{n}:/Table/{n}/1 [(n1,s1):1, (n2,s2):2, (n3,s3):3, next=4, gen={n}]: lost quorum (down: (n1,s1):1,(n3,s3):3)",
            ),
            "|    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)",
            "|    at Parser.handlePacket (/app/node_modules/pg-protocol/dist/parser.js:126:29)",
            "?E Error: connect ECONNREFUSED {ip}:26257",
            "?|    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)",
            "?E {method} {path} failed: cockroachdb cluster {db} unavailable",
        ),
    ),
    Family(
        "dl.asyncpg_refused",
        "database_unavailable",
        PYTHON,
        (
            ("E Exception in ASGI application", "E Unhandled error in {func}"),
            "|Traceback (most recent call last):",
            '|  File "/usr/local/lib/python3.12/site-packages/asyncpg/connect_utils.py", line 934, in __connect_addr',
            '|  File "/usr/local/lib/python3.12/asyncio/base_events.py", line 1121, in create_connection',
            (
                "|ConnectionRefusedError: [Errno 111] Connect call failed ('{ip}', 5432)",
                "|asyncpg.exceptions.CannotConnectNowError: the database system is starting up",
                "|asyncpg.exceptions.ConnectionDoesNotExistError: connection was closed in the middle of operation",
            ),
            '?I @raw INFO:     {ip}:{eport} - "{method} {path} HTTP/1.1" 500 Internal Server Error',
        ),
    ),
    Family(
        "dl.stackexchange_redis",
        "database_unavailable",
        DOTNET,
        (
            (
                "E StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s). UnableToConnect on {dbhost}:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 0s ago, last-write: 0s ago, keep-alive: 60s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.7.10.47831",
                "E StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: GET session:{hex}; UnableToConnect on {dbhost}:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 0s ago, last-write: 0s ago, keep-alive: 60s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.7.10.47831",
            ),
            "|   at StackExchange.Redis.ConnectionMultiplexer.ExecuteSyncImpl[T](Message message, ResultProcessor`1 processor, ServerEndPoint server, T defaultValue)",
            "?|   at Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache.GetAsync(String key, CancellationToken token)",
            "?| ---> StackExchange.Redis.RedisConnectionException: UnableToConnect on {dbhost}:6379/Interactive",
        ),
    ),
    Family(
        "dl.ecto_postgrex",
        "database_unavailable",
        "raw",
        (
            (
                "E [error] Postgrex.Protocol (#PID<0.{n}.0>) failed to connect: ** (DBConnection.ConnectionError) tcp connect ({dbhost}:5432): connection refused - :econnrefused",
                "E [error] Postgrex.Protocol (#PID<0.{n}.0>) failed to connect: ** (Postgrex.Error) FATAL 57P03 (cannot_connect_now) the database system is starting up",
                'E [error] MyXQL.Connection (#PID<0.{n}.0>) failed to connect: ** (DBConnection.ConnectionError) ("{dbhost}":3306) connection refused - :econnrefused',
            ),
            "?E [error] Postgrex.Protocol (#PID<0.{n}.0>) failed to connect: ** (DBConnection.ConnectionError) tcp connect ({dbhost}:5432): connection refused - :econnrefused",
            "?E [error] Postgrex.Protocol (#PID<0.{n}.0>) disconnected: ** (DBConnection.ConnectionError) tcp recv (idle): closed",
        ),
    ),
    Family(
        "dl.redis_sentinel_readonly",
        "database_unavailable",
        "redis",
        (
            # Hard case: clients see "READONLY", but the primary is down and the failover never completed.
            "W +sdown master {svc} {ip} 6379",
            "W +odown master {svc} {ip} 6379 #quorum 2/2",
            "?W +try-failover master {svc} {ip} 6379",
            (
                "W -failover-abort-no-good-slave master {svc} {ip} 6379",
                "W -failover-abort-not-elected master {svc} {ip} 6379",
            ),
            (
                "E @raw (error) READONLY You can't write against a read only replica.",
                "E @raw redis.exceptions.ReadOnlyError: You can't write against a read only replica.",
                "E @raw Redis::CommandError: READONLY You can't write against a read only replica.",
            ),
        ),
    ),
    # --- schema_migration
    Family(
        "dl.golang_migrate_dirty",
        "schema_migration",
        GO,
        (
            "?I Start buffering {line}/u add_{column}_to_{table}",
            (
                'E error: migration failed: column "{column}" of relation "{table}" already exists in line 0: ALTER TABLE {table} ADD COLUMN {column} text; (details: pq: column "{column}" of relation "{table}" already exists)',
                "E error: migration failed: Duplicate column name '{column}' in line 0: ALTER TABLE `{table}` ADD COLUMN `{column}` varchar(64) NOT NULL; (details: Error 1060 (42S21): Duplicate column name '{column}')",
            ),
            "F error: Dirty database version {line}. Fix and force version.",
            '?E {method} {path}: ERROR: column "{column}" does not exist (SQLSTATE 42703)',
        ),
    ),
    Family(
        "dl.knex_migration_lock",
        "schema_migration",
        NODE,
        (
            (
                "W Can't take lock to run migrations: Migration table is already locked",
                'E migration file "{n}_add_{column}_to_{table}.js" failed',
            ),
            (
                "W If you are sure migrations are not running you can release the lock manually by running 'knex migrate:unlock'",
                'E migration failed with error: alter table "{table}" add column "{column}" varchar(255) not null - column "{column}" of relation "{table}" contains null values',
            ),
            (
                "E MigrationLocked: Migration table is already locked",
                "E Error: The migration directory is corrupt, the following files are missing: {n}_add_{column}_to_{table}.js",
            ),
            "?|    at /app/node_modules/knex/lib/migrations/migrate/Migrator.js:{line}:{n}",
        ),
    ),
    Family(
        "dl.mongo_validation",
        "schema_migration",
        NODE,
        (
            "I MIGRATED UP: {n}-require-{column}-on-{table}.js",
            (
                "E MongoServerError: Document failed validation",
                "E MongoBulkWriteError: Document failed validation",
            ),
            "|    at InsertOneOperation.execute (/app/node_modules/mongodb/lib/operations/insert.js:{line}:{n})",
            "?|  code: 121,\n  errInfo: {{ failingDocumentId: new ObjectId('{hex}{hex}'), details: {{ operatorName: '$jsonSchema', schemaRulesNotSatisfied: [ {{ operatorName: 'required', specifiedAs: {{ required: [ '{column}' ] }}, missingProperties: [ '{column}' ] }} ] }} }}",
            "?E {method} {path} 500",
        ),
    ),
    Family(
        "dl.cassandra_undefined_column",
        "schema_migration",
        JAVA,
        (
            (
                "E com.datastax.oss.driver.api.core.servererrors.InvalidQueryException: Undefined column name {column} in table {db}.{table}",
                "E com.datastax.oss.driver.api.core.servererrors.InvalidQueryException: unconfigured table {table}_by_{column}",
                "E com.datastax.driver.core.exceptions.InvalidQueryException: Undefined column name {column}",
            ),
            "\tat com.datastax.oss.driver.api.core.servererrors.InvalidQueryException.copy(InvalidQueryException.java:48)",
            "\tat com.datastax.oss.driver.internal.core.util.concurrent.CompletableFutures.getUninterruptibly(CompletableFutures.java:149)",
            "?\tat {jpkg}.repository.{jcls}CassandraRepository.{func}({jcls}CassandraRepository.java:{line})",
            "?I Applying CQL migration {n}_add_{column}_to_{table}.cql to keyspace {db}",
        ),
    ),
    Family(
        "dl.clickhouse_missing_columns",
        "schema_migration",
        GO,
        (
            (
                "E code: 47, message: Missing columns: '{column}' while processing query: 'SELECT id, {column} FROM {db}.{table} WHERE tenant_id = ?', required columns: 'id' '{column}' 'tenant_id'",
                "E code: 16, message: There's no column '{column}' in table '{table}'",
                "E code: 60, message: Table {db}.{table}_v2 doesn't exist",
            ),
            "?E code: 517, message: Metadata on replica is not up to date with common metadata in Zookeeper. It means that this replica still not applied some of previous alters. Probably too many alters executing concurrently (highly not recommended).",
            "?E insert into {db}.{table} failed: code: 16, message: No such column {column} in table {db}.{table}",
        ),
    ),
    Family(
        "dl.mssql_invalid_object",
        "schema_migration",
        PYTHON,
        (
            ("E Exception in {func}", "E Internal Server Error: {path}"),
            "|Traceback (most recent call last):",
            '|  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/default.py", line 924, in do_execute',
            (
                "|pyodbc.ProgrammingError: ('42S02', \"[42S02] [Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Invalid object name 'dbo.{table}_history'. (208) (SQLExecDirectW)\")",
                "|pyodbc.ProgrammingError: ('42S22', \"[42S22] [Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Invalid column name '{column}'. (207) (SQLExecDirectW)\")",
            ),
            "?|[SQL: SELECT [{table}].[id], [{table}].[{column}] FROM [{table}] WHERE [{table}].[id] = ?]",
        ),
    ),
    Family(
        "dl.ecto_undefined_column",
        "schema_migration",
        "raw",
        (
            "?I [info] == Running {big} Shop.Repo.Migrations.Add{jcls}Ref.change/0 forward",
            (
                "E [error] GenServer Shop.{jcls} terminating",
                "E [error] Task #PID<0.{n}.0> started from Shop.{jcls} terminating",
            ),
            (
                "|** (Postgrex.Error) ERROR 42703 (undefined_column) column o0.{column} does not exist",
                '|** (Postgrex.Error) ERROR 42P01 (undefined_table) relation "{table}_v2" does not exist',
                "|** (MyXQL.Error) (1054) (ER_BAD_FIELD_ERROR) Unknown column 'o0.{column}' in 'field list'",
            ),
            "|    (ecto_sql 3.11.1) lib/ecto/adapters/sql.ex:1054: Ecto.Adapters.SQL.raise_sql_call_error/1",
            "?|    (shop 0.1.0) lib/shop/{func}.ex:{line}: Shop.{jcls}.{func}/1",
        ),
    ),
    Family(
        "dl.sqlx_migrate",
        "schema_migration",
        "raw",
        (
            '?I {iso}  INFO sqlx::postgres::notice: relation "_sqlx_migrations" already exists, skipping',
            (
                "E {iso} ERROR {svc}: failed to run migrations: migration {big} was previously applied but has been modified",
                'E {iso} ERROR {svc}: failed to run migrations: while executing migrations: error returned from database: column "{column}" of relation "{table}" already exists',
                "E {iso} ERROR {svc}: failed to run migrations: migration {big} was previously applied but is missing in the resolved migrations",
                "E {iso} ERROR {svc}: failed to run migrations: migration {big} is partially applied; fix and remove row from `_sqlx_migrations` table",
            ),
        ),
    ),
    Family(
        "dl.mysql_online_ddl_lock",
        "schema_migration",
        "ruby",
        (
            # Hard case: requests fail with a lock "timeout" because an online schema change holds the table.
            (
                "I @raw # Migrating `{db}`.`{table}`; Ghost table is `{db}`.`_{table}_gho`",
                "I @raw Copying `{db}`.`{table}`:  {pct}% 00:{count} remain",
                "I @raw Copy: {big}/{big} {pct}.0%; Applied: {n}; Backlog: 0/1000; Time: {n}s(total), {n}s(copy); streamer: mysql-bin.000{n}:{big}; Lag: 0.01s, HeartbeatLag: 0.02s, State: migrating; ETA: due",
            ),
            (
                "F ActiveRecord::LockWaitTimeout (Mysql2::Error::TimeoutError: Lock wait timeout exceeded; try restarting transaction):",
                "F ActiveRecord::StatementInvalid (Mysql2::Error: Table definition has changed, please retry transaction):",
            ),
            "|app/models/{table}.rb:{line}:in `{func}'",
            "?I Completed 500 Internal Server Error in {bigms}ms (ActiveRecord: {bigms}.{n}ms | Allocations: {big})",
        ),
    ),
    Family(
        "dl.doctrine_invalid_field",
        "schema_migration",
        "raw",
        (
            "?I [notice] Migrating up to DoctrineMigrations\\Version2025{line}{pid}",
            "?E [error] Migration DoctrineMigrations\\Version2025{line}{pid} failed during Execution. Error: \"An exception occurred while executing a query: SQLSTATE[42S21]: Column already exists: 1060 Duplicate column name '{column}'\"",
            (
                "E [{iso}] request.CRITICAL: Uncaught PHP Exception Doctrine\\DBAL\\Exception\\InvalidFieldNameException: \"An exception occurred while executing a query: SQLSTATE[42S22]: Column not found: 1054 Unknown column 't0.{column}' in 'field list'\" at /var/www/vendor/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php line 67",
                'E [{iso}] request.CRITICAL: Uncaught PHP Exception Doctrine\\DBAL\\Exception\\TableNotFoundException: "An exception occurred while executing a query: SQLSTATE[42P01]: Undefined table: 7 ERROR:  relation "{table}_v2" does not exist" at /var/www/vendor/doctrine/dbal/src/Driver/API/PostgreSQL/ExceptionConverter.php line 52',
                "E [{iso}] production.ERROR: SQLSTATE[42S22]: Column not found: 1054 Unknown column '{column}' in 'field list' (Connection: mysql, SQL: select * from `{table}` where `{column}` = ? limit 1)",
            ),
            "?E [{iso}] production.ERROR: SQLSTATE[42S22]: Column not found: 1054 Unknown column '{column}' in 'field list' (Connection: mysql, SQL: select * from `{table}` where `{column}` = ? limit 1)",
        ),
    ),
    # --- disk_full
    Family(
        "dl.inode_exhaustion",
        "disk_full",
        "raw",
        (
            # Hard case: bytes are plentiful (df -h shows most of the volume free); the inodes are gone.
            (
                "E bash: cannot create temp file for here-document: No space left on device",
                "E touch: cannot touch '{mount}/{svc}/.lock': No space left on device",
                "E mkdir: cannot create directory '{mount}/sessions/{hex}': No space left on device",
            ),
            "?I $ df -h {mount}\nFilesystem      Size  Used Avail Use% Mounted on\n{device}        100G   38G   62G  38% {mount}",
            "I $ df -i {mount}\nFilesystem       Inodes   IUsed IFree IUse% Mounted on\n{device}       6553600 6553600     0  100% {mount}",
            "?E touch: cannot touch '{mount}/{svc}/.lock': No space left on device",
        ),
    ),
    Family(
        "dl.node_enospc",
        "disk_full",
        NODE,
        (
            (
                "E Error: ENOSPC: no space left on device, write\nEmitted 'error' event on WriteStream instance at:\n    at emitErrorNT (node:internal/streams/destroy:151:8)\n    at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {{\n  errno: -28,\n  code: 'ENOSPC',\n  syscall: 'write'\n}}",
                "E uncaughtException: ENOSPC: no space left on device, open '/tmp/upload_{hex}'\n{{\n  errno: -28,\n  code: 'ENOSPC',\n  syscall: 'open',\n  path: '/tmp/upload_{hex}'\n}}",
                "E [Error: ENOSPC: no space left on device, mkdir '{mount}/cache/{hex}'] {{\n  errno: -28,\n  code: 'ENOSPC',\n  syscall: 'mkdir',\n  path: '{mount}/cache/{hex}'\n}}",
            ),
            "?W {method} {path} 500: could not buffer upload to disk",
        ),
    ),
    Family(
        "dl.dotnet_no_space",
        "disk_full",
        DOTNET,
        (
            (
                "E An unhandled exception has occurred while executing the request.",
                "E Failed to store upload {uuid}",
            ),
            (
                "|System.IO.IOException: No space left on device : '/app/uploads/{uuid}.tmp'",
                "|System.IO.IOException: There is not enough space on the disk. : 'D:\\data\\exports\\{uuid}.csv'",
            ),
            "|   at System.IO.RandomAccess.WriteAtOffset(SafeFileHandle handle, ReadOnlySpan`1 buffer, Int64 fileOffset)",
            "|   at System.IO.Strategies.OSFileStreamStrategy.Write(ReadOnlySpan`1 buffer)",
            "?|   at Microsoft.AspNetCore.WebUtilities.FileBufferingReadStream.ReadAsync(Memory`1 buffer, CancellationToken cancellationToken)",
        ),
    ),
    Family(
        "dl.mongod_wiredtiger_json",
        "disk_full",
        "raw",
        (
            (
                'E {{"t":{{"$date":"{iso}"}},"s":"E","c":"WT","id":22435,"ctx":"Checkpointer","msg":"WiredTiger error message","attr":{{"error":28,"message":{{"ts_sec":{big},"ts_usec":{n},"thread":"{pid}:0x7f{hex}","session_name":"WT_SESSION.checkpoint","category":"WT_VERB_DEFAULT","category_id":9,"verbose_level":"ERROR","verbose_level_id":-3,"msg":"__posix_file_write:617:/data/db/collection-{n}-{big}.wt: handle-write: pwrite: failed to write 4096 bytes at offset {big}","error_str":"No space left on device","error_code":28}}}}}}',
                'E {{"t":{{"$date":"{iso}"}},"s":"E","c":"STORAGE","id":22435,"ctx":"WTJournalFlusher","msg":"WiredTiger error","attr":{{"error":28,"message":"[{big}:{n}][{pid}:0x7f{hex}], WT_SESSION.log_flush: __posix_file_write, 617: /data/db/journal/WiredTigerLog.00000{n}: handle-write: pwrite: failed to write 128 bytes at offset {big}: No space left on device"}}}}',
            ),
            '?F {{"t":{{"$date":"{iso}"}},"s":"F","c":"ASSERT","id":23089,"ctx":"Checkpointer","msg":"Fatal assertion","attr":{{"msgid":50853,"file":"src/mongo/db/storage/wiredtiger/wiredtiger_util.cpp","line":{line}}}}}',
            '?F {{"t":{{"$date":"{iso}"}},"s":"F","c":"ASSERT","id":23090,"ctx":"Checkpointer","msg":"\\n\\n***aborting after fassert() failure\\n\\n"}}',
        ),
    ),
    Family(
        "dl.prometheus_tsdb",
        "disk_full",
        "raw",
        (
            (
                'E ts={iso} caller=db.go:{line} level=error component=tsdb msg="compaction failed" err="compact head: persist head block: write compaction: write /prometheus/01J{hex}.tmp-for-creation/chunks/000001: no space left on device"',
                'E time={iso} level=ERROR source=db.go:{line} msg="compaction failed" component=tsdb err="compact head: persist head block: write compaction: write /prometheus/01J{hex}.tmp-for-creation/index: no space left on device"',
            ),
            '?W ts={iso} caller=scrape.go:{line} level=warn component="scrape manager" scrape_pool={svc} target=http://{ip}:{port}/metrics msg="Append failed" err="write to WAL: log samples: write /prometheus/wal/00000{n}: no space left on device"',
            '?E ts={iso} caller=db.go:{line} level=error component=tsdb msg="compaction failed" err="compact head: persist head block: write compaction: write /prometheus/01J{hex}.tmp-for-creation/meta.json: no space left on device"',
        ),
    ),
    Family(
        "dl.cassandra_compaction",
        "disk_full",
        "raw",
        (
            "E ERROR [CompactionExecutor:{tid}] {iso} CassandraDaemon.java:581 - Exception in thread Thread[CompactionExecutor:{tid},1,main]",
            (
                "|java.lang.RuntimeException: Not enough space for compaction, estimated sstables = 1, expected write size = {big}",
                "|org.apache.cassandra.io.FSWriteError: java.io.IOException: No space left on device",
            ),
            "|\tat org.apache.cassandra.db.compaction.CompactionTask.runMayThrow(CompactionTask.java:{line})",
            "?E ERROR [MutationStage-{tid}] {iso} JVMStabilityInspector.java:{line} - Stopping transports as disk_failure_policy is stop",
        ),
    ),
    Family(
        "dl.dockerd_overlay_enospc",
        "disk_full",
        "journald",
        (
            (
                'E dockerd[{pid}]: time="{iso}" level=error msg="Handler for POST /v1.43/containers/create returned error: mkdir /var/lib/docker/overlay2/{sha}-init: no space left on device"',
                'E dockerd[{pid}]: time="{iso}" level=error msg="Handler for POST /v1.43/containers/{hex}/start returned error: error creating overlay mount to /var/lib/docker/overlay2/{sha}/merged: no space left on device"',
            ),
            "?W kernel: overlayfs: failed to create directory /var/lib/docker/overlay2/{sha}/work/work (errno: 28); mounting read-only",
            'E dockerd[{pid}]: time="{iso}" level=error msg="Handler for POST /v1.43/containers/create returned error: mkdir /var/lib/docker/overlay2/{sha}-init: no space left on device"',
        ),
    ),
    Family(
        "dl.ceph_osd_full",
        "disk_full",
        "raw",
        (
            "W HEALTH_ERR 1 full osd(s); 1 nearfull osd(s); 1 pool(s) full",
            "W [ERR] OSD_FULL: 1 full osd(s)\n    osd.{partition} is full",
            "?W [WRN] OSD_NEARFULL: 1 nearfull osd(s)\n    osd.{tid} is near full",
            "W [WRN] POOL_FULL: 1 pool(s) full\n    pool '{svc}-rbd' is full (no space)",
            "?W cluster [ERR] Health check failed: 1 full osd(s) (OSD_FULL)",
        ),
    ),
    Family(
        "dl.nginx_enospc",
        "disk_full",
        "nginx_error",
        (
            '?W *{n} a client request body is buffered to a temporary file /var/cache/nginx/client_temp/00000{n}, client: {ip}, server: _, request: "POST {path} HTTP/1.1", host: "{svc}.acme.io"',
            (
                'F *{n} pwrite() "/var/cache/nginx/client_temp/00000{n}" failed (28: No space left on device), client: {ip}, server: _, request: "POST {path} HTTP/1.1", host: "{svc}.acme.io"',
                'F *{n} pwrite() "/var/cache/nginx/proxy_temp/{count}/{n}/00000{n}" failed (28: No space left on device) while reading upstream, client: {ip}, server: _, request: "GET {path} HTTP/1.1", upstream: "http://{ip2}:{port}{path}"',
            ),
            '?F *{n} write() to "/var/log/nginx/access.log" failed (28: No space left on device) while logging request, client: {ip}, server: _, request: "{method} {path} HTTP/1.1"',
        ),
    ),
    Family(
        "dl.spring_multipart_enospc",
        "disk_full",
        JAVA,
        (
            (
                "E Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is org.springframework.web.multipart.MultipartException: Failed to parse multipart servlet request; nested exception is java.io.IOException: org.apache.tomcat.util.http.fileupload.impl.IOFileUploadException: Processing of multipart/form-data request failed. No space left on device] with root cause",
                "W Resolved [org.springframework.web.multipart.MultipartException: Failed to parse multipart servlet request; nested exception is java.io.IOException: No space left on device]",
            ),
            "|java.io.IOException: No space left on device",
            "\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)",
            "\tat org.apache.tomcat.util.http.fileupload.util.Streams.copy(Streams.java:{line})",
            "?W Failed to delete temporary file /tmp/tomcat.{port}.{big}/work/Tomcat/localhost/ROOT/upload_{uuid}_{n}.tmp",
        ),
    ),
)
