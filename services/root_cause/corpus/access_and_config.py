"""Access and configuration failures in components the rest of the corpus does not cover yet.

Credentials and settings go wrong in every datastore, cloud SDK, proxy and runtime, and each
one says so in its own words (MongoDB's ACCESS log, ORA-01017, SQL Server 18456, AADSTS codes,
Vault agent, Traefik, HAProxy [ALERT], Redis "FATAL CONFIG FILE ERROR", dockerd daemon.json...).
These families add those shapes so the model learns the causes, not one vendor's phrasing.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import DOTNET, GO, JAVA, NODE, PYTHON, Family

_TB = "|Traceback (most recent call last):"

_MONGO_DATE = '{{"t":{{"$date":"{iso}"}}'

FAMILIES = (
    # --- auth_failure
    Family(
        "ac.mongod_access_log",
        "auth_failure",
        "raw",
        (
            "?I "
            + _MONGO_DATE
            + ',"s":"I","c":"NETWORK","id":51800,"ctx":"conn{n}","msg":"client metadata","attr":{{"remote":"{ip}:{eport}","client":"conn{n}","doc":{{"driver":{{"name":"nodejs|Mongoose","version":"6.3.0"}},"platform":"Node.js v20.11.0, LE"}}}}}}',
            (
                "I "
                + _MONGO_DATE
                + ',"s":"I","c":"ACCESS","id":20249,"ctx":"conn{n}","msg":"Authentication failed","attr":{{"mechanism":"SCRAM-SHA-256","speculative":true,"principalName":"{dbuser}","authenticationDatabase":"admin","remote":"{ip}:{eport}","extraInfo":{{}},"error":"AuthenticationFailed: SCRAM authentication failed, storedKey mismatch"}}}}',
                "I "
                + _MONGO_DATE
                + ',"s":"I","c":"ACCESS","id":20249,"ctx":"conn{n}","msg":"Authentication failed","attr":{{"mechanism":"SCRAM-SHA-1","speculative":false,"principalName":"{dbuser}","authenticationDatabase":"{db}","remote":"{ip}:{eport}","extraInfo":{{}},"error":"UserNotFound: Could not find user \\"{dbuser}\\" for db \\"{db}\\""}}}}',
            ),
            "I "
            + _MONGO_DATE
            + ',"s":"I","c":"NETWORK","id":22944,"ctx":"conn{n}","msg":"Connection ended","attr":{{"remote":"{ip}:{eport}","uuid":{{"uuid":{{"$uuid":"{uuid}"}}}},"connectionId":{n},"connectionCount":{count}}}}}',
        ),
    ),
    Family(
        "ac.elasticsearch_security_exception",
        "auth_failure",
        NODE,
        (
            (
                "E ResponseError: security_exception\n\tRoot causes:\n\t\tsecurity_exception: unable to authenticate user [{svc}] for REST request [/_bulk]",
                "E ResponseError: security_exception: [security_exception] Reason: unable to authenticate user [{svc}] for REST request [/{table}/_search]",
                "E ResponseError: security_exception: [security_exception] Reason: action [indices:data/write/bulk[s]] is unauthorized for user [{svc}] with effective roles [{svc}_reader] on indices [{table}-2025.01], this action is granted by the index privileges [create_doc,create,index,write,all]",
            ),
            "|    at SniffingTransport.request (/app/node_modules/@elastic/transport/lib/Transport.js:{line}:23)",
            "|    at async Client.BulkApi [as bulk] (/app/node_modules/@elastic/elasticsearch/lib/api/api/bulk.js:{line2}:12)",
            "?W bulk index of {count} documents into {table} rejected (statusCode 401), will retry",
            "?I @raw [{iso}][WARN ][o.e.x.s.a.RealmsAuthenticator] [es-data-0] Authentication to realm native1 failed - Password authentication failed for {svc}",
        ),
    ),
    Family(
        "ac.sqlserver_login_failed",
        "auth_failure",
        DOTNET,
        (
            (
                "E An error occurred using the connection to database '{db}' on server 'tcp:{dbhost},1433'.",
                "F Application startup exception",
                "E Failed executing DbCommand for {jcls}Repository",
            ),
            (
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user '{dbuser}'.",
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot open database \"{db}\" requested by the login. The login failed.\nLogin failed for user '{dbuser}'.",
                "|Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user '<token-identified principal>'.",
            ),
            "|   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)",
            "|   at Microsoft.Data.SqlClient.TdsParser.TryRun(RunBehavior runBehavior, SqlCommand cmdHandler, SqlDataReader dataStream, BulkCopySimpleResultSet bulkCopyHandler, TdsParserStateObject stateObj, Boolean& dataReady)",
            "|ClientConnectionId:{uuid}",
            "|Error Number:18456,State:1,Class:14",
            "?W @raw Logon       Login failed for user '{dbuser}'. Reason: Password did not match that for the login provided. [CLIENT: {ip}]",
        ),
    ),
    Family(
        "ac.oracle_logon_denied",
        "auth_failure",
        JAVA,
        (
            "?W SQL Error: 1017, SQLState: 72000",
            (
                "E ORA-01017: invalid username/password; logon denied",
                "E Failed to initialize pool: ORA-01017: invalid username/password; logon denied",
                "E Unable to open JDBC Connection for DDL execution",
            ),
            "|java.sql.SQLException: ORA-01017: invalid username/password; logon denied",
            "\tat oracle.jdbc.driver.T4CTTIoer11.processError(T4CTTIoer11.java:{line})",
            "\tat oracle.jdbc.driver.T4CTTIoauthenticate.processError(T4CTTIoauthenticate.java:{line2})",
            "\tat oracle.jdbc.driver.T4CConnection.logon(T4CConnection.java:{line})",
            "?E java.sql.SQLException: ORA-28000: The account is locked.",
        ),
    ),
    Family(
        "ac.aws_sdk_go_v2_credentials",
        "auth_failure",
        GO,
        (
            (
                "E operation error S3: GetObject, https response error StatusCode: 403, RequestID: {hex}, HostID: {sha}, api error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                "E operation error SQS: ReceiveMessage, https response error StatusCode: 403, RequestID: {uuid}, api error InvalidClientTokenId: The security token included in the request is invalid.",
                "E operation error S3: PutObject, https response error StatusCode: 403, RequestID: {hex}, HostID: {sha}, api error InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.",
                "E operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: {uuid}, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity",
            ),
            "?W failed to refresh cached credentials, retrying in {sec}s",
            (
                "E {func}: giving up after 3 attempts: api error 403",
                "E export job for {svc} failed: access to bucket {svc}-exports denied",
            ),
        ),
    ),
    Family(
        "ac.azure_identity_secret",
        "auth_failure",
        PYTHON,
        (
            (
                "E ClientSecretCredential.get_token failed: Authentication failed: AADSTS7000222: The provided client secret keys for app '{uuid}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.",
                "E ClientSecretCredential.get_token failed: Authentication failed: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{uuid}'.",
                "E DefaultAzureCredential failed to retrieve a token from the included credentials.",
            ),
            "?" + _TB,
            '?|  File "/srv/{pyfile}", line {line}, in {func}',
            '?|  File "/usr/local/lib/python3.11/site-packages/azure/identity/_internal/get_token_mixin.py", line 93, in get_token',
            (
                "?|azure.core.exceptions.ClientAuthenticationError: Authentication failed: AADSTS7000215: Invalid client secret provided.",
                "?|azure.core.exceptions.ClientAuthenticationError: (InvalidAuthenticationInfo) Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
            ),
        ),
    ),
    Family(
        "ac.vault_agent_login",
        "auth_failure",
        "raw",
        (
            "?I {iso} [INFO]  agent.auth.handler: authenticating",
            "E {iso} [ERROR] agent.auth.handler: error authenticating:",
            "|  error=",
            "|  | Error making API request.",
            "|  | ",
            (
                "|  | URL: PUT https://vault.{team}.corp:8200/v1/auth/kubernetes/login",
                "|  | URL: PUT http://vault.vault.svc:8200/v1/auth/kubernetes/login",
            ),
            "|  | Code: 403. Errors:",
            "|  | ",
            (
                "|  | * permission denied",
                "|  | * service account name not authorized",
                '|  | * invalid role name "{svc}"',
            ),
            "|   backoff={dur}s",
            "?W {iso} [WARN]  agent.template.server: template server received new token, but none available for {svc}",
        ),
    ),
    Family(
        "ac.grpc_unauthenticated",
        "auth_failure",
        GO,
        (
            "?I [core] [Channel #{n}] Channel Connectivity change to READY",
            (
                "E rpc error: code = Unauthenticated desc = invalid authentication token",
                "E rpc error: code = Unauthenticated desc = Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                'E rpc error: code = Unauthenticated desc = transport: per-RPC creds failed due to error: oauth2: "invalid_grant" "Invalid JWT Signature."',
                "E rpc error: code = PermissionDenied desc = The caller does not have permission",
            ),
            (
                "E calling {svc2}.{jcls}/{func} failed: Unauthenticated",
                "W {svc2} client: request rejected, not retrying non-retryable code Unauthenticated",
            ),
        ),
    ),
    Family(
        "ac.istio_rbac_denied",
        "auth_failure",
        "envoy",
        (
            "?D [rbac] [source/extensions/filters/http/rbac/rbac_filter.cc:{line}] checking request: requestedServerName: outbound_.{port}_._.{svc}.{ns}.svc.cluster.local, sourceIP: {ip2}:{eport}, directRemoteIP: {ip2}:{eport}, remoteIP: {ip2}:{eport},localAddress: {ip}:{port}, ssl: uriSanPeerCertificate: spiffe://cluster.local/ns/{ns}/sa/{svc2}, dnsSanPeerCertificate: , subjectPeerCertificate: , headers: ':path', '{path}'",
            "D [rbac] [source/extensions/filters/http/rbac/rbac_filter.cc:{line}] enforced denied, matched policy none",
            'I @raw [{iso}] "{method} {path} HTTP/1.1" 403 - rbac_access_denied_matched_policy[none] - "-" 0 19 0 - "-" "{agent}" "{uuid}" "{svc}.{ns}.svc.cluster.local:{port}" "-" inbound|{port}|| - {ip}:{port} {ip2}:{eport} outbound_.{port}_._.{svc}.{ns}.svc.cluster.local default',
            "?W @raw {svc2}: request to http://{svc}.{ns}.svc.cluster.local:{port}{path} failed: 403 RBAC: access denied",
        ),
    ),
    Family(
        "ac.k8s_rbac_forbidden",
        "auth_failure",
        "kubelet",
        (
            "?I leaderelection.go:250] attempting to acquire leader lease {ns}/{svc}-leader...",
            (
                'W reflector.go:539] k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: failed to list *v1.ConfigMap: configmaps is forbidden: User "system:serviceaccount:{ns}:{svc}" cannot list resource "configmaps" in API group "" in the namespace "{ns}"',
                'W reflector.go:539] k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: failed to list *v1.Secret: secrets is forbidden: User "system:serviceaccount:{ns}:{svc}" cannot list resource "secrets" in API group "" at the cluster scope',
            ),
            (
                'E reflector.go:147] k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: Failed to watch *v1.Pod: failed to list *v1.Pod: pods is forbidden: User "system:serviceaccount:{ns}:{svc}" cannot list resource "pods" in API group "" in the namespace "{ns}"',
                'E leaderelection.go:332] error retrieving resource lock {ns}/{svc}-leader: leases.coordination.k8s.io "{svc}-leader" is forbidden: User "system:serviceaccount:{ns}:{svc}" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "{ns}"',
                "E reflector.go:147] k8s.io/client-go@v0.29.2/tools/cache/reflector.go:229: Failed to watch *v1.Endpoints: failed to list *v1.Endpoints: Unauthorized",
            ),
        ),
    ),
    Family(
        "ac.ruby_api_key_rejected",
        "auth_failure",
        "ruby",
        (
            (
                "E Stripe::AuthenticationError: (Status 401) (Request req_{hex}) Invalid API Key provided: sk_live_********************{n}",
                "E Stripe::PermissionError: (Status 403) (Request req_{hex}) The provided key 'rk_live_*****************{n}' does not have the required permissions for this endpoint on account 'acct_{hex}'.",
                "E Octokit::Unauthorized: GET https://api.github.com/repos/{team}/{svc}/pulls: 401 - Bad credentials // See: https://docs.github.com/rest",
            ),
            "|app/jobs/{func}_job.rb:{line}:in `perform'",
            "|/usr/local/bundle/gems/sidekiq-7.2.1/lib/sidekiq/processor.rb:202:in `execute_job'",
            "?W {jcls}Job JID-{hex} failed, scheduling retry {count} of 25",
        ),
    ),
    Family(
        "ac.r4j_open_after_401",
        "auth_failure",
        JAVA,
        (
            # Hard case: the breaker is what callers see, but every call it counted was a 401.
            (
                'W feign.FeignException$Unauthorized: [401 Unauthorized] during [POST] to [https://{ext}{path}] [{jcls}Client#send(Request)]: [{{"error":{{"type":"invalid_request_error","message":"Invalid API key provided"}}}}]',
                'W org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: "{{"error":"invalid_token","error_description":"Access token expired"}}"',
            ),
            "?W feign.FeignException$Unauthorized: [401 Unauthorized] during [POST] to [https://{ext}{path}] [{jcls}Client#send(Request)]",
            "I CircuitBreaker '{svc2}' changed state from CLOSED to OPEN",
            "E io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker '{svc2}' is OPEN and does not permit further calls",
            "\tat io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(CallNotPermittedException.java:48)",
            "\tat {jpkg}.clients.{jcls}Client.send({jcls}Client.java:{line})",
        ),
    ),
    Family(
        "ac.cassandra_bad_credentials",
        "auth_failure",
        PYTHON,
        (
            # Hard case: "Unable to connect to any servers" reads like an outage; the per-host error is auth.
            (
                "E Cannot connect to Cassandra cluster {db}-cassandra, retrying in {sec}s",
                "E Error creating Cassandra session for keyspace {db}",
            ),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            '|  File "cassandra/cluster.py", line 1703, in cassandra.cluster.Cluster.connect',
            (
                "|cassandra.cluster.NoHostAvailable: ('Unable to connect to any servers', {{'{ip}:9042': AuthenticationFailed('Failed to authenticate to {ip}:9042: Error from server: code=0100 [Bad credentials] message=\"Provided username {dbuser} and/or password are incorrect\"')}})",
                "|cassandra.cluster.NoHostAvailable: ('Unable to connect to any servers', {{'{ip}:9042': AuthenticationFailed('Failed to authenticate to {ip}:9042: Error from server: code=0100 [Bad credentials] message=\"Provided username {dbuser} and/or password are incorrect\"'), '{ip2}:9042': AuthenticationFailed('Failed to authenticate to {ip2}:9042: Error from server: code=0100 [Bad credentials] message=\"Provided username {dbuser} and/or password are incorrect\"')}})",
            ),
        ),
    ),
    # --- config_error
    Family(
        "ac.traefik_router_config",
        "config_error",
        "raw",
        (
            (
                'E time="{iso}" level=error msg="middleware \\"{svc}-auth@file\\" does not exist" entryPointName=websecure routerName={svc}@kubernetescrd',
                'E time="{iso}" level=error msg="the service \\"{svc2}-{port}@kubernetescrd\\" does not exist" entryPointName=web routerName={ns}-{svc}@kubernetescrd',
                'E time="{iso}" level=error msg="Cannot start the provider *file.Provider: field not found, node: rulee"',
                "E {iso} ERR error=\"error while adding rule Host(`{cn}`) && PathPrefix(`{path}`: error while adding rule PathPrefix: 1:{n}: expected ')', found 'EOF'\" entryPointName=websecure routerName={svc}@docker",
                "E {iso} ERR Router uses a nonexistent certificate resolver certificateResolver=letsencrypt routerName={svc}@docker",
            ),
            'I {ip} - - [{clf}] "{method} {path} HTTP/1.1" 404 19 "-" "-" {n} "-" "-" 0ms',
            '?I {ip2} - - [{clf}] "{method} {path} HTTP/1.1" 404 19 "-" "-" {n} "-" "-" 0ms',
        ),
    ),
    Family(
        "ac.haproxy_config_alert",
        "config_error",
        "journald",
        (
            (
                "E haproxy[{pid}]: [ALERT]    (1) : config : parsing [/etc/haproxy/haproxy.cfg:{line}] : unknown keyword 'timeout_connect' in 'defaults' section; did you mean 'timeout' maybe ?",
                "E haproxy[{pid}]: [ALERT]    (1) : config : parsing [/etc/haproxy/haproxy.cfg:{line}] : 'server {svc}-1' unknown keyword 'chek'.",
                "E haproxy[{pid}]: [ALERT]    (1) : config : Proxy 'fe_http': unable to find required default_backend: 'be_{svc}'.",
            ),
            "?E haproxy[{pid}]: [ALERT]    (1) : config : Error(s) found in configuration file : /etc/haproxy/haproxy.cfg",
            "E haproxy[{pid}]: [ALERT]    (1) : config : Fatal errors found in configuration.",
            (
                "E systemd[1]: haproxy.service: Control process exited, code=exited, status=1/FAILURE",
                "E systemd[1]: Reload failed for HAProxy Load Balancer.",
            ),
        ),
    ),
    Family(
        "ac.caddy_adapt_config",
        "config_error",
        "json_zap",
        (
            "?I using provided configuration",
            "?W Caddyfile input is not formatted; run 'caddy fmt --overwrite' to fix inconsistencies",
            (
                "E @raw Error: adapting config using caddyfile: /etc/caddy/Caddyfile:{line}: unrecognized directive: reverse_prxy",
                "E @raw Error: adapting config using caddyfile: ambiguous site definition: {cn}",
                "E @raw Error: loading initial config: loading new config: loading http app module: provision http: server srv0: setting up route handlers: route 0: loading handler modules: position 0: loading module 'reverse_proxy': provision http.handlers.reverse_proxy: parsing upstream '{svc2}:{port}x': invalid port",
            ),
        ),
    ),
    Family(
        "ac.hibernate_dialect",
        "config_error",
        JAVA,
        (
            "?W HHH90000026: PostgreSQL95Dialect has been deprecated; use org.hibernate.dialect.PostgreSQLDialect instead",
            (
                "W Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'entityManagerFactory' defined in class path resource [org/springframework/boot/autoconfigure/orm/jpa/HibernateJpaConfiguration.class]: Unable to build Hibernate SessionFactory",
                "E Application run failed",
            ),
            (
                "|org.hibernate.boot.registry.selector.spi.StrategySelectionException: Unable to resolve name [org.hibernate.dialect.PostgreSQL95Dialect] as strategy [org.hibernate.dialect.Dialect]",
                "|org.hibernate.HibernateException: Access to DialectResolutionInfo cannot be null when 'hibernate.dialect' not set",
            ),
            "\tat org.hibernate.engine.jdbc.dialect.internal.DialectFactoryImpl.determineDialect(DialectFactoryImpl.java:{line})",
            "\tat org.hibernate.engine.jdbc.dialect.internal.DialectFactoryImpl.buildDialect(DialectFactoryImpl.java:{line2})",
        ),
    ),
    Family(
        "ac.kafka_broker_config",
        "config_error",
        "kafka",
        (
            "?I KafkaConfig values: ",
            "?|\tadvertised.listeners = PLAINTEXT://{ip}:9092",
            "?|\tauto.create.topics.enable = false",
            "E Exiting Kafka due to fatal exception (kafka.Kafka$)",
            (
                '|org.apache.kafka.common.config.ConfigException: Missing required configuration "zookeeper.connect" which has no default value.',
                "|org.apache.kafka.common.config.ConfigException: Invalid value {sec}h for configuration log.retention.hours: Not a number of type INT",
                "|java.lang.IllegalArgumentException: requirement failed: controller.listener.names must contain at least one value appearing in the 'listeners' configuration when running the KRaft controller role",
                "|java.lang.IllegalArgumentException: requirement failed: inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are PLAINTEXT,CONTROLLER",
            ),
            "\tat kafka.server.KafkaConfig.<init>(KafkaConfig.scala:{line})",
            "\tat kafka.Kafka$.buildServer(Kafka.scala:{line2})",
        ),
    ),
    Family(
        "ac.postgres_conf_errors",
        "config_error",
        "postgres",
        (
            "?I received SIGHUP, reloading configuration files",
            (
                'I syntax error in file "/var/lib/postgresql/data/postgresql.conf" line {line}, near token "MB"',
                'I unrecognized configuration parameter "shared_buffer" in file "/var/lib/postgresql/data/postgresql.conf" line {line}',
                'I invalid value for parameter "work_mem": "64MBB"',
                'I parameter "max_wal_size" requires a numeric value',
            ),
            (
                'F configuration file "/var/lib/postgresql/data/postgresql.conf" contains errors',
                'I configuration file "/var/lib/postgresql/data/postgresql.conf" contains errors; no changes were applied',
                'I configuration file "/var/lib/postgresql/data/postgresql.conf" contains errors; unaffected changes were applied',
            ),
        ),
    ),
    Family(
        "ac.redis_fatal_config",
        "config_error",
        "redis",
        (
            "W oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
            "?W Redis version=7.2.4, bits=64, commit=00000000, modified=0, pid={pid}, just started",
            "E @raw *** FATAL CONFIG FILE ERROR (Redis 7.2.4) ***",
            "|Reading the configuration file, at line {line}",
            (
                "|>>> 'maxmemory-polcy allkeys-lru'",
                "|>>> 'requirepass'",
                "|>>> 'slaveof-read-only yes'",
                "|>>> 'save 900'",
            ),
            ("|Bad directive or wrong number of arguments", "|wrong number of arguments"),
        ),
    ),
    Family(
        "ac.jvm_bad_options",
        "config_error",
        "raw",
        (
            # Hard case: the words are "heap" and "OutOfMemory", the cause is a malformed JVM flag.
            "?I Picked up JAVA_TOOL_OPTIONS: -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError -XX:HeapDumpPath=/tmp",
            (
                "E Invalid maximum heap size: -Xmx4gb",
                "E Invalid initial heap size: -Xms{mb}MB",
                "E Unrecognized VM option 'UseConcMarkSweepGC'",
                "E Improperly specified VM option 'MaxRAMPercentage=75'",
            ),
            "E Error: Could not create the Java Virtual Machine.",
            "E Error: A fatal exception has occurred. Program will exit.",
        ),
    ),
    Family(
        "ac.sqlalchemy_url",
        "config_error",
        PYTHON,
        (
            "?I Waiting for application startup.",
            ("E Application startup failed. Exiting.", "E Error initialising database engine for {db}"),
            _TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            '|  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/engine/create.py", line 552, in create_engine',
            (
                "|sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres",
                "|sqlalchemy.exc.ArgumentError: Could not parse SQLAlchemy URL from string 'postgres//{dbuser}@{dbhost}/{db}'",
                "|sqlalchemy.exc.ArgumentError: Expected string or URL object, got None",
            ),
        ),
    ),
    Family(
        "ac.dockerd_daemon_json",
        "config_error",
        "journald",
        (
            (
                "E dockerd[{pid}]: unable to configure the Docker daemon with file /etc/docker/daemon.json: invalid character '}}' looking for beginning of object key string",
                "E dockerd[{pid}]: unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives don't match any configuration option: log-opt",
                "E dockerd[{pid}]: unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [fd://], from file: [tcp://0.0.0.0:2375])",
            ),
            "E systemd[1]: docker.service: Main process exited, code=exited, status=1/FAILURE",
            "?E systemd[1]: Failed to start Docker Application Container Engine.",
            "?W systemd[1]: docker.service: Start request repeated too quickly.",
        ),
    ),
    Family(
        "ac.node_config_undefined",
        "config_error",
        NODE,
        (
            "?W WARNING: NODE_ENV value of 'prod' did not match any deployment config file names.",
            "?W WARNING: See https://github.com/node-config/node-config/wiki/Strict-Mode",
            (
                'E Error: Configuration property "{db}.host" is not defined',
                'E Error: Configuration property "{svc2}.baseUrl" is not defined',
            ),
            "|    at Config.get (/app/node_modules/config/lib/config.js:{line}:11)",
            "|    at Object.<anonymous> (/app/src/{func}.js:{line2}:22)",
        ),
    ),
    Family(
        "ac.rails_boot_config",
        "config_error",
        "ruby",
        (
            "?I => Booting Puma",
            "?I => Rails 7.1.3 application starting in production",
            (
                "F The `production` database is not configured for the `production` environment. (ActiveRecord::AdapterNotSpecified)",
                "F Missing `secret_key_base` for 'production' environment, set this string with `bin/rails credentials:edit` (ArgumentError)",
                "F Missing encryption key to decrypt file with. Ask your team for your master key and write it to /app/config/master.key or put it in the ENV['RAILS_MASTER_KEY']. (ActiveSupport::EncryptedFile::MissingKeyError)",
            ),
            "|config/environment.rb:5:in `<main>'",
            "|bin/rails:4:in `<main>'",
            "?I Exiting",
        ),
    ),
    Family(
        "ac.dotnet_connection_string",
        "config_error",
        DOTNET,
        (
            "?I Hosting environment: Production",
            "?F Hosting failed to start",
            (
                "F @raw Unhandled exception. System.InvalidOperationException: No database provider has been configured for this DbContext. A provider can be configured by overriding the 'DbContext.OnConfiguring' method or by using 'AddDbContext' on the application service provider. If 'AddDbContext' is used, then also ensure that your DbContext type accepts a DbContextOptions<TContext> object in its constructor and passes it to the base constructor for DbContext.",
                "F @raw Unhandled exception. System.ArgumentException: Format of the initialization string does not conform to specification starting at index 0.",
                "F @raw Unhandled exception. System.ArgumentException: Keyword not supported: 'server name'.",
            ),
            "|   at Program.<Main>$(String[] args) in /src/Program.cs:line {line}",
        ),
    ),
)
