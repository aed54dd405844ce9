"""Ruby on Rails / Sidekiq logs and .NET (Serilog console) logs."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import DOTNET, Family

FAMILIES = (
    Family(
        "ruby.no_method_nil",
        "code_regression",
        "ruby",
        (
            'I Started {method} "{path}" for {ip}',
            (
                "F NoMethodError (undefined method `total_cents' for nil:NilClass):",
                "F ArgumentError (wrong number of arguments (given 2, expected 1)):",
                "F NameError (uninitialized constant {jcls}Serializer):",
            ),
            "|app/models/{table}.rb:{line}:in `{func}'",
            "|app/controllers/{table}_controller.rb:{line2}:in `create'",
            "?I Completed 500 Internal Server Error in {n}ms (ActiveRecord: {n}.2ms)",
        ),
    ),
    Family(
        "ruby.pending_migration",
        "schema_migration",
        "ruby",
        (
            (
                "F ActiveRecord::PendingMigrationError (Migrations are pending. To resolve this issue, run: "
                "bin/rails db:migrate RAILS_ENV=production):",
                "F ActiveRecord::StatementInvalid (PG::UndefinedColumn: ERROR:  column {table}.{column} does not exist",
                "F ActiveRecord::StatementInvalid (Mysql2::Error: Unknown column '{column}' in 'field list'):",
            ),
            '?|LINE 1: SELECT "{table}".* FROM "{table}" WHERE "{table}"."{column}" = $1',
            "|app/models/{table}.rb:{line}:in `{func}'",
            "?I Completed 500 Internal Server Error in {n}ms",
        ),
    ),
    Family(
        "ruby.pg_connection_bad",
        "database_unavailable",
        "ruby",
        (
            (
                "F PG::ConnectionBad (could not connect to server: Connection refused\n\tIs the server running on "
                'host "{dbhost}" ({ip}) and accepting\n\tTCP/IP connections on port 5432?):',
                "F Mysql2::Error::ConnectionError (Can't connect to MySQL server on '{dbhost}' (111 \"Connection "
                'refused")):',
                'F ActiveRecord::ConnectionNotEstablished (connection to server at "{dbhost}" ({ip}), port 5432 '
                "failed: FATAL:  the database system is starting up):",
            ),
            "|activerecord (7.1.3) lib/active_record/connection_adapters/postgresql_adapter.rb:55:in `rescue in new_client'",
            "?I Completed 500 Internal Server Error in {n}ms",
        ),
    ),
    Family(
        "ruby.sidekiq_latency",
        "queue_backlog",
        "ruby",
        (
            (
                "W Sidekiq queue '{queue}' latency {big}s (size {big})",
                "W {big} jobs enqueued in '{queue}', oldest enqueued {bigms}ms ago",
            ),
            "?W Sidekiq::Limiter::OverLimit for {func}, rescheduling",
            "W Retry set size {big}, dead set size {n}",
            "?I {jcls}Job JID-{hex} done: {dur} sec",
        ),
    ),
    Family(
        "ruby.redis_oom_cmd",
        "out_of_memory",
        "ruby",
        (
            (
                "E Redis::CommandError: OOM command not allowed when used memory > 'maxmemory'.",
                "E Errno::ENOMEM: Cannot allocate memory - fork(2)",
            ),
            "|/usr/local/bundle/gems/redis-client-0.19.1/lib/redis_client/connection_mixin.rb:30:in `call'",
            "?W Sidekiq processor died: Errno::ENOMEM",
            "?E Job {jcls}Job raised Redis::CommandError",
        ),
    ),
    Family(
        "dotnet.sqlclient_unavailable",
        "database_unavailable",
        DOTNET,
        (
            (
                "E An error occurred using the connection to database '{db}' on server '{dbhost}'.",
                "E Failed executing DbCommand ({n}ms)",
            ),
            (
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error "
                "occurred while establishing a connection to SQL Server. The server was not found or was not "
                "accessible. (provider: TCP Provider, error: 40 - Could not open a connection to SQL Server)",
                "|Npgsql.NpgsqlException (0x80004005): Failed to connect to {ip}:5432",
                '|Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot open database "{db}" requested by the '
                "login. The login failed. Database '{db}' is not currently available.",
            ),
            "|   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean "
            "breakConnection, Action`1 wrapCloseInAction)",
            "?|---> System.Net.Sockets.SocketException (111): Connection refused",
        ),
    ),
    Family(
        "dotnet.httpclient_timeout",
        "upstream_timeout",
        DOTNET,
        (
            "E HTTP {method} http://{svc2}{path} failed",
            (
                "|System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured "
                "HttpClient.Timeout of {sec} seconds elapsing.",
                "|Polly.Timeout.TimeoutRejectedException: The delegate executed asynchronously through TimeoutPolicy "
                "did not complete within the timeout.",
            ),
            "|   at System.Net.Http.HttpClient.HandleFailure(Exception e, Boolean telemetryStarted)",
            "|   at {jpkg}.Clients.{jcls}Client.{func}Async(CancellationToken ct) in /src/Clients/{jcls}Client.cs:"
            "line {line}",
        ),
    ),
    Family(
        "dotnet.null_reference",
        "code_regression",
        DOTNET,
        (
            "E An unhandled exception has occurred while executing the request.",
            (
                "|System.NullReferenceException: Object reference not set to an instance of an object.",
                "|System.InvalidCastException: Unable to cast object of type 'System.String' to type "
                "'System.Decimal'.",
                "|System.ArgumentOutOfRangeException: Index was out of range. Must be non-negative and less than the "
                "size of the collection. (Parameter 'index')",
            ),
            "|   at {jpkg}.Services.{jcls}.{func}(Order order) in /src/Services/{jcls}.cs:line {line}",
            "|   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|8_0()",
            "?I Application version {version} started",
        ),
    ),
    Family(
        "dotnet.ef_invalid_column",
        "schema_migration",
        DOTNET,
        (
            "E Failed executing DbCommand ({n}ms) [Parameters=[@__id_0='?'], CommandType='Text', "
            "CommandTimeout='30']",
            (
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): Invalid column name '{column}'.",
                '|Npgsql.PostgresException (0x80004005): 42P01: relation "{table}" does not exist',
                "|System.InvalidOperationException: The model for context '{jcls}Context' has pending changes. Add a "
                "new migration before updating the database.",
            ),
            "|   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.Enumerator.MoveNext()",
        ),
    ),
    Family(
        "dotnet.oom",
        "out_of_memory",
        DOTNET,
        (
            (
                "F Unhandled exception. System.OutOfMemoryException: Exception of type "
                "'System.OutOfMemoryException' was thrown.",
                "F Out of memory. GC heap hard limit of {mb}MB exceeded",
            ),
            "|   at System.Text.StringBuilder.ExpandByABlock(Int32 minBlockCharCount)",
            "|   at {jpkg}.Reports.{jcls}.{func}() in /src/Reports/{jcls}.cs:line {line}",
            "?W GC heap size {mb}MB, gen2 collections {count} in the last minute",
        ),
    ),
    Family(
        "dotnet.auth_cert_invalid",
        "tls_certificate",
        DOTNET,
        (
            "E The SSL connection could not be established, see inner exception.",
            (
                "|System.Security.Authentication.AuthenticationException: The remote certificate is invalid according "
                "to the validation procedure: RemoteCertificateNameMismatch, RemoteCertificateChainErrors",
                "|System.Security.Authentication.AuthenticationException: The remote certificate is invalid because "
                "of errors in the certificate chain: NotTimeValid",
            ),
            "|   at System.Net.Security.SslStream.CompleteHandshake(SslAuthenticationOptions sslAuthenticationOptions)",
        ),
    ),
    Family(
        "dotnet.options_validation",
        "config_error",
        DOTNET,
        (
            ("F Host terminated unexpectedly", "F Application startup exception"),
            (
                "|Microsoft.Extensions.Options.OptionsValidationException: DataAnnotation validation failed for "
                "'{jcls}Options' members: 'BaseUrl' with the error: 'The BaseUrl field is required.'.",
                "|System.InvalidOperationException: Section 'ConnectionStrings:{jcls}' not found in configuration.",
                "|System.FormatException: Could not parse the JSON file. appsettings.Production.json line {line}",
            ),
            "|   at Microsoft.Extensions.Options.OptionsFactory`1.Create(String name)",
        ),
    ),
)

MORE_FAMILIES = (
    Family(
        "ruby.getaddrinfo",
        "dns_resolution",
        "ruby",
        (
            (
                "E SocketError (Failed to open TCP connection to {domain}:443 (getaddrinfo: Name or service not known)):",
                "E Faraday::ConnectionFailed (Failed to open TCP connection to {domain}:443 (getaddrinfo: Temporary "
                "failure in name resolution)):",
            ),
            "|app/services/{func}_client.rb:{line}:in `{func}'",
            "?I Completed 502 Bad Gateway in {n}ms",
        ),
    ),
    Family(
        "ruby.faraday_429",
        "rate_limited",
        "ruby",
        (
            (
                "E Faraday::TooManyRequestsError (the server responded with status 429):",
                "E Octokit::TooManyRequests (GET https://{ext}{path}: 403 - API rate limit exceeded for user ID {n}):",
            ),
            "|app/services/{func}_client.rb:{line}:in `{func}'",
            "?W Retrying {jcls}Job in {sec}s (rate limited)",
        ),
    ),
    Family(
        "dotnet.service_bus_backlog",
        "queue_backlog",
        DOTNET,
        (
            (
                "W Service Bus queue {queue}: ActiveMessageCount={big}, DeadLetterMessageCount={n}",
                "W Hangfire: {big} jobs enqueued in queue '{queue}', {count} processing",
            ),
            "W Processor for {queue} is {bigms}ms behind (lock renewal failing)",
            "?I Message {uuid} completed in {n}ms",
        ),
    ),
    Family(
        "dotnet.http_429",
        "rate_limited",
        DOTNET,
        (
            "E HTTP {method} https://{ext}{path} responded 429 in {n}ms",
            (
                "|System.Net.Http.HttpRequestException: Response status code does not indicate success: 429 (Too Many "
                "Requests).",
                "|System.Threading.RateLimiting.RateLimiterRejectedException: The operation could not be executed "
                "because the rate limiter rejected it.",
            ),
            "|   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()",
        ),
    ),
    Family(
        "dotnet.name_resolution",
        "dns_resolution",
        DOTNET,
        (
            "E HTTP {method} http://{domain}{path} failed",
            (
                "|System.Net.Http.HttpRequestException: Name or service not known ({domain}:80)",
                "|System.Net.Http.HttpRequestException: Resource temporarily unavailable ({domain}:443)",
            ),
            "|---> System.Net.Sockets.SocketException (0xFFFDFFFE): Name or service not known",
            "|   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error)",
        ),
    ),
    Family(
        "dotnet.no_route",
        "network_connectivity",
        DOTNET,
        (
            "E HTTP {method} http://{ip}:{port}{path} failed",
            (
                "|System.Net.Http.HttpRequestException: No route to host ({ip}:{port})",
                "|System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer.",
            ),
            "|---> System.Net.Sockets.SocketException (113): No route to host",
        ),
    ),
)
