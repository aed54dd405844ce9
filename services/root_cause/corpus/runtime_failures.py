"""Runtime failures said by more components: memory exhaustion, restart loops and failed image pulls.

The families elsewhere cover the best-known shapes of these three causes (the kernel OOM killer,
`java.lang.OutOfMemoryError`, kubelet CrashLoopBackOff, containerd/docker pull errors). A real
incident is as often reported by a database, a GPU framework, a PaaS router, a CI runner or a
`kubectl get pods` paste, so this module adds those shapes, each quoted the way its software
writes it, plus one case per cause where the first keyword points elsewhere.
"""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import GO, JAVA, NODE, PYTHON, Family

_PY_TB = "|Traceback (most recent call last):"

FAMILIES = (
    # --- out_of_memory
    Family(
        "rt.pg_out_of_memory",
        "out_of_memory",
        "postgres",
        (
            "?I could not fork new process for connection: Cannot allocate memory",
            "E out of memory",
            (
                'D Failed on request of size {big} in memory context "ExecutorState".',
                'D Failed on request of size {n} in memory context "HashBatchContext".',
            ),
            (
                "?|TopMemoryContext: 97664 total in 5 blocks; 12456 free (14 chunks); 85208 used",
                "?|TopMemoryContext: 154816 total in 7 blocks; 30144 free (11 chunks); 124672 used",
            ),
            "?|  ExecutorState: {bytes} total in {n} blocks; 7936 free (9 chunks); {bytes} used",
            # Hard case: clients then see "recovery mode" (looks like an outage); the backend was OOM-killed.
            "?I server process (PID {eport}) was terminated by signal 9: Killed",
            "?D Failed process was running: SELECT o.*, i.* FROM {table} o JOIN order_items i ON i.order_id = o.id ORDER BY o.created_at",
            "?I terminating any other active server processes",
            "?F the database system is in recovery mode",
        ),
    ),
    Family(
        "rt.php_memory_exhausted",
        "out_of_memory",
        "nginx_error",
        (
            (
                'E *{n} FastCGI sent in stderr: "PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate {big} bytes) in /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Eloquent/Collection.php on line {line}" while reading response header from upstream, client: {ip}, server: _, request: "{method} {path} HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "{svc}.acme.io"',
                'E *{n} FastCGI sent in stderr: "PHP message: PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate {big} bytes) in /var/www/src/Export/{jcls}.php on line {line}" while reading response header from upstream, client: {ip}, server: {svc}.acme.io, request: "{method} {path} HTTP/2.0", upstream: "fastcgi://127.0.0.1:9000", host: "{svc}.acme.io"',
                'E *{n} FastCGI sent in stderr: "PHP message: PHP Fatal error:  Out of memory (allocated 2097152) (tried to allocate {big} bytes) in /var/www/src/Report/{jcls}.php on line {line}" while reading upstream, client: {ip}, server: _, request: "{method} {path} HTTP/1.1", upstream: "fastcgi://unix:/run/php/php-fpm.sock:", host: "{svc}.acme.io"',
            ),
            '?W *{n} upstream prematurely closed FastCGI stdout while reading response header from upstream, client: {ip}, server: _, request: "{method} {path} HTTP/1.1", upstream: "fastcgi://unix:/run/php/php-fpm.sock:"',
            '?E *{n} FastCGI sent in stderr: "PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/vendor/symfony/http-foundation/Response.php on line {line2}" while reading response header from upstream, client: {ip2}, server: _, request: "GET {path} HTTP/1.1"',
        ),
    ),
    Family(
        "rt.clickhouse_memory_limit",
        "out_of_memory",
        GO,
        (
            (
                "E query {func} failed: code: 241, message: Memory limit (for query) exceeded: would use 9.32 GiB (attempt to allocate chunk of {big} bytes), maximum: 9.31 GiB: While executing AggregatingTransform",
                "E query {func} failed: code: 241, message: Memory limit (total) exceeded: would use 28.05 GiB (attempt to allocate chunk of {big} bytes), maximum: 28.04 GiB. OvercommitTracker decision: Query was selected to stop by OvercommitTracker.",
                "E clickhouse [execute]:: {n} code: 241, message: Memory limit (for user) exceeded: would use 14.90 GiB (attempt to allocate chunk of {big} bytes), maximum: 14.90 GiB",
            ),
            "?W report {func} for tenant {n} aborted after {dur}s",
            "?E {method} {path} 500: clickhouse exception: MEMORY_LIMIT_EXCEEDED",
        ),
    ),
    Family(
        "rt.spark_executor_memory",
        "out_of_memory",
        "kafka",
        (
            (
                "E YarnScheduler: Lost executor {count} on {host}: Container killed by YARN for exceeding physical memory limits. 11.2 GB of 11 GB physical memory used. Consider boosting spark.executor.memoryOverhead.",
                "E TaskSchedulerImpl: Lost executor {count} on {ip}: The executor with id {count} exited with exit code 137(SIGKILL, possible container OOM).",
                "W YarnAllocator: Container from a bad node: container_{big}_0042_01_0000{tid} on host: {host}. Exit status: 143. Diagnostics: Container killed on request. Exit code is 143. Container exited with a non-zero exit code 143. Killed by external signal. [{mb}MB of {mb}MB physical memory used]",
            ),
            "W TaskSetManager: Lost task {n}.0 in stage {tid}.0 (TID {big}) ({ip} executor {count}): ExecutorLostFailure (executor {count} exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits.",
            "?E TaskSetManager: Task {n} in stage {tid}.0 failed 4 times; aborting job",
            "?E FileFormatWriter: Aborting job {uuid}.",
        ),
    ),
    Family(
        "rt.gpu_framework_oom",
        "out_of_memory",
        PYTHON,
        (
            ("E Error processing inference batch {n}", "E Training step {big} failed"),
            _PY_TB,
            '|  File "/srv/{pyfile}", line {line}, in {func}',
            "|    outputs = model(**inputs)",
            '|  File "/usr/local/lib/python3.11/site-packages/torch/nn/modules/module.py", line 1518, in _wrapped_call_impl',
            (
                "|torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.77 GiB total capacity; 12.91 GiB already allocated; 1.38 GiB free; 13.35 GiB reserved in total by PyTorch) If reserved memory is >> allocated memory try setting max_split_size_mb to avoid fragmentation.  See documentation for Memory Management and PYTORCH_CUDA_ALLOC_CONF",
                "|torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 22.06 GiB of which 1.12 GiB is free. Process {pid} has 20.93 GiB memory in use. Of the allocated memory 19.80 GiB is allocated by PyTorch, and 812.45 MiB is reserved by PyTorch but unallocated.",
                "|tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when allocating tensor with shape[{count},512,768] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc",
            ),
            "?W GPU 0 memory: {n} MiB free of 16384 MiB after step {big}",
        ),
    ),
    Family(
        "rt.beam_eheap_alloc",
        "out_of_memory",
        "raw",
        (
            "?W [warning] alarm_handler: {{:set, {{:system_memory_high_watermark, []}}}}",
            "?W [warning] alarm_handler: {{:set, {{:process_memory_high_watermark, #PID<0.{n}.0>}}}}",
            (
                'E eheap_alloc: Cannot allocate {bytes} bytes of memory (of type "heap").',
                'E eheap_alloc: Cannot allocate {bytes} bytes of memory (of type "old_heap").',
                'E binary_alloc: Cannot allocate {bytes} bytes of memory (of type "binary").',
            ),
            "I Crash dump is being written to: erl_crash.dump...done",
        ),
    ),
    Family(
        "rt.puma_worker_killer",
        "out_of_memory",
        "ruby",
        (
            "?I PumaWorkerKiller: Consuming {big}.4 mb with master and {count} workers.",
            (
                "W PumaWorkerKiller: Out of memory. 4 workers consuming total: 2012.34765625 mb out of max: 1990.0 mb. Sending TERM to pid {pid} consuming 523.18359375 mb.",
                "W PumaWorkerKiller: Out of memory. 8 workers consuming total: 4133.1 mb out of max: 4096.0 mb. Sending TERM to pid {pid} consuming 711.6 mb.",
            ),
            "?E /usr/local/bundle/gems/activesupport-7.1.3/lib/active_support/core_ext/object/json.rb:{line}:in `to_json': failed to allocate memory (NoMemoryError)",
            "?|\tfrom /app/app/controllers/{func}_controller.rb:{line2}:in `index'",
            "I [{pid}] - Worker 2 (PID: {eport}) booted in 0.02s, phase: 0",
        ),
    ),
    Family(
        # Hard case: reads as a missing binary or an I/O problem; error=12 is ENOMEM when forking.
        "rt.jvm_fork_enomem",
        "out_of_memory",
        JAVA,
        (
            ("E Thumbnail generation failed for upload {uuid}", "E Scheduled task {func} failed"),
            (
                '|java.io.IOException: Cannot run program "/usr/bin/convert": error=12, Cannot allocate memory',
                '|java.io.IOException: Cannot run program "git" (in directory "/tmp/{svc}-{hex}"): error=12, Cannot allocate memory',
                '|java.io.IOException: Cannot run program "/bin/sh": error=12, Cannot allocate memory',
            ),
            "\tat java.base/java.lang.ProcessBuilder.start(ProcessBuilder.java:1143)",
            "\tat java.base/java.lang.ProcessBuilder.start(ProcessBuilder.java:1073)",
            "\tat {jpkg}.{jcls}.{func}({jcls}.java:{line})",
            "|Caused by: java.io.IOException: error=12, Cannot allocate memory",
            "\tat java.base/java.lang.ProcessImpl.forkAndExec(Native Method)",
            "?W @raw OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000007{commit}0, {big}, 0) failed; error='Not enough space' (errno=12)",
        ),
    ),
    Family(
        "rt.containerd_task_oom",
        "out_of_memory",
        "journald",
        (
            "W kernel: [{n}.{pid}] memory: usage {big}kB, limit {big}kB, failcnt {n}",
            "?W kernel: [{n}.{pid}] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-{hex}.scope,mems_allowed=0,oom_memcg=/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{hex}.slice,task_memcg=/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{hex}.slice/cri-containerd-{hex}.scope,task={container},pid={pid},uid=1000",
            'I containerd[{pid}]: time="{iso}" level=info msg="TaskOOM event &TaskOOM{{ContainerID:{sha},XXX_unrecognized:[],}}"',
            '?I containerd[{pid}]: time="{iso}" level=info msg="shim disconnected" id={sha} namespace=k8s.io',
            '?I kubelet[{pid}]: I{tid} kubelet.go:2457] "SyncLoop (PLEG): event for pod" pod="{ns}/{pod}" event={{"ID":"{uuid}","Type":"ContainerDied","Data":"{sha}"}}',
        ),
    ),
    Family(
        "rt.mongod_oom",
        "out_of_memory",
        "raw",
        (
            (
                'E {{"t":{{"$date":"{iso}"}},"s":"E","c":"WT","id":22435,"ctx":"conn{n}","msg":"WiredTiger error message","attr":{{"error":12,"message":"[{big}:{n}][1:0x7f{hex}], file:collection-{n}--{big}.wt, WT_CURSOR.search: __wt_realloc_func, 134: memory allocation of {big} bytes failed: Cannot allocate memory"}}}}',
                "E tcmalloc: large alloc {bytes} bytes == (nil) @  0x55{hex} 0x55{hex} 0x55{hex}",
            ),
            'F {{"t":{{"$date":"{iso}"}},"s":"F","c":"CONTROL","id":23079,"ctx":"conn{n}","msg":"out of memory, printing stack and exiting"}}',
            '?F {{"t":{{"$date":"{iso}"}},"s":"F","c":"-","id":23089,"ctx":"conn{n}","msg":"Fatal assertion","attr":{{"msgid":28559,"file":"src/mongo/util/allocator.cpp","line":{line}}}}}',
            '?I {{"t":{{"$date":"{iso}"}},"s":"I","c":"CONTROL","id":31380,"ctx":"conn{n}","msg":"BACKTRACE","attr":{{"bt":{{"backtrace":[{{"a":"55{hex}","b":"55{hex}","o":"{hex}"}}]}}}}}}',
        ),
    ),
    # --- crash_loop
    Family(
        "rt.kubectl_get_pods_crashloop",
        "crash_loop",
        "raw",
        (
            ("I $ kubectl get pods -n {ns}", "I $ kubectl get pods -n {ns} -l app={svc} -w"),
            "I NAME                                READY   STATUS             RESTARTS         AGE",
            (
                "I {pod}   0/1     CrashLoopBackOff   {restarts} ({age} ago)   {n}m",
                "I {pod}   1/2     CrashLoopBackOff   {restarts} ({age} ago)   {n}m",
            ),
            "?I {pod2}   1/1     Running            0                {n}d",
            "?I {pod}   0/1     Error              {restarts} ({age} ago)   {n}m",
            "?I {pod}   0/1     Running            {restarts} ({age} ago)   {n}m",
            "?I {pod}   0/1     CrashLoopBackOff   {restarts} ({age} ago)   {n}m",
        ),
    ),
    Family(
        "rt.docker_ps_restarting",
        "crash_loop",
        "raw",
        (
            "I $ docker ps -a --filter name={svc}",
            "I CONTAINER ID   IMAGE                               COMMAND                  CREATED          STATUS                          PORTS     NAMES",
            (
                'I {hex}   {image}:{tag}   "/docker-entrypoint.sh"   {n} minutes ago   Restarting ({exit}) {count} seconds ago             {svc}-{svc}-1',
                'I {hex}   {image}:{tag}   "./server --config /…"   {n} minutes ago   Restarting ({exit}) Less than a second ago             {svc}',
            ),
            "?I $ docker inspect -f '{{{{.RestartCount}}}} {{{{.State.ExitCode}}}}' {svc}\n{restarts} {exit}",
        ),
    ),
    Family(
        # Hard case: helm and kubectl report a timeout; the pods behind it keep crashing on start.
        "rt.helm_rollout_crashloop",
        "crash_loop",
        "raw",
        (
            "I $ helm upgrade --install {svc} ./charts/{svc} -n {ns} --wait --timeout 5m0s",
            "?I client.go:{line}: [debug] Deployment is not ready: {ns}/{svc}. 0 out of 3 expected pods are ready",
            (
                "I Error: UPGRADE FAILED: context deadline exceeded",
                "I Error: UPGRADE FAILED: timed out waiting for the condition",
                'I error: deployment "{svc}" exceeded its progress deadline',
            ),
            "I $ kubectl get pods -n {ns} -l app.kubernetes.io/name={svc}",
            (
                "I {pod}   0/1     CrashLoopBackOff   5 (52s ago)      6m",
                "I {pod}   0/1     Error              6 (3s ago)       6m",
            ),
            "?I {pod2}   1/1     Running            0                {n}d",
        ),
    ),
    Family(
        "rt.systemd_holdoff_restart",
        "crash_loop",
        "journald",
        (
            (
                "W systemd[1]: {unit}: main process exited, code=exited, status={exit}/FAILURE",
                "W systemd[1]: {unit}: main process exited, code=killed, status=6/ABRT",
            ),
            "W systemd[1]: Unit {unit} entered failed state.",
            "?W systemd[1]: {unit} failed.",
            (
                "I systemd[1]: {unit} holdoff time over, scheduling restart.",
                "I systemd[1]: {unit}: Service has no hold-off time (RestartSec=0), scheduling restart.",
                "I systemd[1]: {unit}: Service RestartSec=100ms expired, scheduling restart.",
            ),
            "?I systemd[1]: Started {svc} daemon.",
            "?E systemd[1]: start request repeated too quickly for {unit}",
        ),
    ),
    Family(
        "rt.otp_restart_intensity",
        "crash_loop",
        "raw",
        (
            "E [error] Child {jcls}.Worker of Supervisor {jcls}.Supervisor terminated",
            (
                "|** (exit) an exception was raised:\n    ** (MatchError) no match of right hand side value: {{:error, :econnrefused}}",
                "|** (exit) {{:timeout, {{GenServer, :call, [{jcls}.Pool, :checkout, 5000]}}}}",
            ),
            "|Pid: #PID<0.{n}.0>",
            "|Start Call: {jcls}.Worker.start_link([])",
            "|Restart: :permanent",
            "E [error] Child {jcls}.Worker of Supervisor {jcls}.Supervisor caused shutdown",
            "|** (exit) :reached_max_restart_intensity",
            "|Start Call: {jcls}.Worker.start_link([])",
            ("I [notice] Application {svc} exited: shutdown", "I [info] Application {svc} exited: shutdown"),
            "?F Kernel pid terminated (application_controller) ({{application_terminated,{svc},shutdown}})",
        ),
    ),
    Family(
        "rt.ecs_unable_to_start",
        "crash_loop",
        ("raw", "go_std"),
        (
            "I (service {svc}) has started 1 tasks: (task {traceid}).",
            "?I (service {svc}) has stopped 1 running tasks: (task {traceid}).",
            "W (service {svc}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
            "?I (service {svc}) has started 1 tasks: (task {traceid}).",
            "?E (service {svc}) deployment ecs-svc/{big} deployment failed: tasks failed to start.",
            "?I (service {svc}) rolling back to deployment ecs-svc/{big}.",
        ),
    ),
    Family(
        "rt.heroku_crashed",
        "crash_loop",
        "raw",
        (
            (
                "I {iso} heroku[web.1]: Starting process with command `bundle exec puma -C config/puma.rb`",
                "I {iso} heroku[web.1]: Starting process with command `npm start`",
                "I {iso} heroku[web.1]: Starting process with command `gunicorn app.wsgi --log-file -`",
            ),
            "I {iso} heroku[web.1]: Process exited with status {exit}",
            "I {iso} heroku[web.1]: State changed from starting to crashed",
            "?I {iso} heroku[web.1]: State changed from crashed to starting",
            'E {iso} heroku[router]: at=error code=H10 desc="App crashed" method={method} path="{path}" host={svc}.herokuapp.com request_id={uuid} fwd="{ip}" dyno= connect= service= status=503 bytes= protocol=https',
        ),
    ),
    Family(
        "rt.job_backoff_limit",
        "crash_loop",
        "k8s_events",
        (
            "I SuccessfulCreate       job/{svc}-nightly-{big}   Created pod: {svc}-nightly-{big}-{hex}",
            "W BackOff                pod/{svc}-nightly-{big}-{hex}   Back-off restarting failed container {container} in pod {svc}-nightly-{big}-{hex}_{ns}({uuid})",
            "?I SuccessfulDelete       job/{svc}-nightly-{big}   Deleted pod: {svc}-nightly-{big}-{hex}",
            "W BackoffLimitExceeded   job/{svc}-nightly-{big}   Job has reached the specified backoff limit",
            "?W SawCompletedJob        cronjob/{svc}-nightly   Saw completed job: {svc}-nightly-{big}, status: Failed",
        ),
    ),
    Family(
        "rt.node_cluster_respawn",
        "crash_loop",
        NODE,
        (
            "?I Primary {pid} is running",
            (
                "E worker {eport} died (exit code {exit}). restarting...",
                "E worker {eport} died (SIGABRT). restarting...",
                "W Worker {eport} exited with code {exit}, forking a new one",
            ),
            "I Worker {n} started",
            "E worker {n} died (exit code {exit}). restarting...",
            "?W {restarts} worker restarts in the last 60s",
        ),
    ),
    Family(
        "rt.windows_service_recovery",
        "crash_loop",
        "raw",
        (
            "?I {iso}  Application Error   1000  Error  Faulting application name: {svc}.exe, version: {version}.0, time stamp: 0x{commit}0\nFaulting module name: coreclr.dll, version: 8.0.224.6711\nException code: 0xe0434352",
            "?I {iso}  .NET Runtime        1026  Error  Application: {svc}.exe\nCoreCLR Version: 8.0.224.6711\nDescription: The process was terminated due to an unhandled exception.",
            (
                "E {iso}  Service Control Manager  7031  Error  The {svc} service terminated unexpectedly.  It has done this {restarts} time(s).  The following corrective action will be taken in 60000 milliseconds: Restart the service.",
                "E {iso}  Service Control Manager  7034  Error  The {svc} service terminated unexpectedly.  It has done this {restarts} time(s).",
            ),
            "?I {iso}  Service Control Manager  7036  Information  The {svc} service entered the running state.",
        ),
    ),
    # --- image_pull
    Family(
        # Hard case: the words are AWS auth errors, but what failed is fetching the image.
        "rt.ecs_registry_auth",
        "image_pull",
        ("raw", "go_std"),
        (
            (
                "E (service {svc}) task {traceid} stopped: ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/{traceid} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action",
                "E (service {svc}) task {traceid} stopped: CannotPullContainerError: Error response from daemon: pull access denied for 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{svc}, repository does not exist or may require 'docker login': denied: Your authorization token has expired. Reauthenticate and try again.",
                "E (service {svc}) task {traceid} stopped: CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/{svc}:{tag}: pulling from host 123456789012.dkr.ecr.eu-west-1.amazonaws.com failed with status code [manifests {tag}]: 403 Forbidden",
            ),
            "?I (service {svc}) has started 1 tasks: (task {traceid}).",
            "?W (service {svc}) is unable to consistently start tasks successfully.",
        ),
    ),
    Family(
        "rt.dockerd_layer_extract",
        "image_pull",
        "journald",
        (
            '?I dockerd[{pid}]: time="{iso}" level=info msg="Download failed, retrying (1/5): unexpected EOF"',
            (
                'E dockerd[{pid}]: time="{iso}" level=error msg="Not continuing with pull after error: failed to register layer: Error processing tar file(exit status 1): unexpected EOF"',
                'E dockerd[{pid}]: time="{iso}" level=error msg="Not continuing with pull after error: filesystem layer verification failed for digest sha256:{sha}"',
                'E dockerd[{pid}]: time="{iso}" level=error msg="Not continuing with pull after error: failed to register layer: Error processing tar file(exit status 1): archive/tar: invalid tar header"',
            ),
            '?I dockerd[{pid}]: time="{iso}" level=info msg="Attempting next endpoint for pull after error: failed to register layer: Error processing tar file(exit status 1): unexpected EOF"',
            "?E {container}[{pid}]: Error response from daemon: failed to register layer: Error processing tar file(exit status 1): unexpected EOF",
            "?W systemd[1]: {svc}.service: Control process exited, code=exited, status=125/n/a",
        ),
    ),
    Family(
        "rt.platform_no_match",
        "image_pull",
        "k8s_events",
        (
            "?I Scheduled              pod/{pod}   Successfully assigned {ns}/{pod} to {node}",
            'I Pulling                pod/{pod}   Pulling image "{image}:{tag}"',
            (
                'W Failed                 pod/{pod}   Failed to pull image "{image}:{tag}": rpc error: code = NotFound desc = failed to pull and unpack image "{image}:{tag}": no match for platform in manifest: not found',
                'W Failed                 pod/{pod}   Failed to pull image "{image}:{tag}": rpc error: code = Unknown desc = no matching manifest for linux/arm64/v8 in the manifest list entries',
            ),
            "W Failed                 pod/{pod}   Error: ErrImagePull",
            '?I BackOff                pod/{pod}   Back-off pulling image "{image}:{tag}"',
        ),
    ),
    Family(
        "rt.gitlab_runner_pull",
        "image_pull",
        "raw",
        (
            "?I Running with gitlab-runner 16.9.1 (782c6ecb)",
            '?I Preparing the "docker" executor',
            "I Using Docker executor with image {image}:{tag} ...",
            "I Pulling docker image {image}:{tag} ...",
            (
                'I WARNING: Failed to pull image with policy "always": Error response from daemon: manifest for {image}:{tag} not found: manifest unknown: manifest unknown (manager.go:250:0s)\nERROR: Job failed: failed to pull image "{image}:{tag}" with specified policies [always]: Error response from daemon: manifest for {image}:{tag} not found: manifest unknown: manifest unknown (manager.go:250:0s)',
                "I WARNING: Failed to pull image with policy \"always\": Error response from daemon: pull access denied for {image}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied (manager.go:250:0s)\nERROR: Job failed: failed to pull image \"{image}:{tag}\" with specified policies [always]: Error response from daemon: pull access denied for {image}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied (manager.go:250:0s)",
                'I WARNING: Failed to pull image with policy "if-not-present": Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit (manager.go:250:0s)\nERROR: Job failed: failed to pull image "{image}:{tag}" with specified policies [if-not-present]: Error response from daemon: toomanyrequests: You have reached your pull rate limit. (manager.go:250:0s)',
            ),
        ),
    ),
    Family(
        "rt.docker_run_unable_to_find",
        "image_pull",
        "raw",
        (
            "I $ docker run -d --name {svc} -p {port}:{port} {image}:{tag}",
            "I Unable to find image '{image}:{tag}' locally",
            "?I {tag}: Pulling from {svc}",
            (
                "I docker: Error response from daemon: manifest for {image}:{tag} not found: manifest unknown: manifest unknown.",
                "I docker: Error response from daemon: pull access denied for {image}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.",
                'I docker: Error response from daemon: Head "https://{image}/manifests/{tag}": unauthorized: authentication required.',
                'I docker: Error response from daemon: failed to resolve reference "{image}:{tag}": {image}:{tag}: not found.',
            ),
            "?I See 'docker run --help'.",
        ),
    ),
    Family(
        "rt.kubelet_pull_throttled_shortname",
        "image_pull",
        "kubelet",
        (
            (
                'E kuberuntime_image.go:55] "Failed to pull image" err="pull QPS exceeded" image="{image}:{tag}"',
                'E remote_image.go:180] "PullImage from image service failed" err="rpc error: code = Unknown desc = short-name \\"{svc}:{tag}\\" did not resolve to an alias and no unqualified-search registries are defined in \\"/etc/containers/registries.conf\\"" image="{svc}:{tag}"',
            ),
            'E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"{container}\\" with ErrImagePull" pod="{ns}/{pod}" podUID="{uuid}"',
            '?I event.go:307] "Event occurred" object="{ns}/{pod}" kind="Pod" apiVersion="v1" type="Warning" reason="Failed" message="Error: ErrImagePull"',
        ),
    ),
    Family(
        "rt.kubectl_get_pods_imagepull",
        "image_pull",
        "raw",
        (
            ("I $ kubectl get pods -n {ns}", "I $ kubectl get pods -n {ns} -l app={svc}"),
            "I NAME                                READY   STATUS                  RESTARTS   AGE",
            (
                "I {pod}   0/1     ImagePullBackOff        0          {n}m",
                "I {pod}   0/1     ErrImagePull            0          {n}m",
                "I {pod}   0/1     Init:ImagePullBackOff   0          {n}m",
            ),
            "?I {pod2}   1/1     Running                 0          {n}d",
            "?I $ kubectl get deploy {svc} -n {ns}\nNAME       READY   UP-TO-DATE   AVAILABLE   AGE\n{svc}   2/3     1            2           {n}d",
        ),
    ),
    Family(
        "rt.registry_server_errors",
        "image_pull",
        "raw",
        (
            (
                'E time="{iso}" level=error msg="response completed with error" err.code="manifest unknown" err.detail="unknown tag={tag}" err.message="manifest unknown" go.version=go1.20.8 http.request.host=registry.internal:5000 http.request.method=HEAD http.request.remoteaddr="{ip}:{eport}" http.request.uri="/v2/{team}/{svc}/manifests/{tag}" http.request.useragent="containerd/v1.7.13" http.response.status=404 vars.name="{team}/{svc}" vars.reference={tag}',
                'E time="{iso}" level=error msg="response completed with error" auth.user.name="{user}" err.code="denied" err.message="requested access to the resource is denied" go.version=go1.20.8 http.request.host=registry.internal:5000 http.request.method=GET http.request.remoteaddr="{ip}:{eport}" http.request.uri="/v2/{team}/{svc}/manifests/{tag}" http.response.status=403 vars.name="{team}/{svc}"',
                'E time="{iso}" level=error msg="response completed with error" err.code="blob unknown" err.detail=sha256:{sha} err.message="blob unknown to registry" http.request.method=GET http.request.uri="/v2/{team}/{svc}/blobs/sha256:{sha}" http.response.status=404 vars.name="{team}/{svc}"',
            ),
            'I {ip} - - [{clf}] "HEAD /v2/{team}/{svc}/manifests/{tag} HTTP/1.1" 404 96 "" "containerd/v1.7.13"',
            '?I {ip} - - [{clf}] "GET /v2/ HTTP/1.1" 200 2 "" "containerd/v1.7.13"',
        ),
    ),
    Family(
        # Hard case: "no progress" and "context canceled" read as a timeout; the pull itself is what stalls.
        "rt.containerd_pull_no_progress",
        "image_pull",
        "journald",
        (
            'I containerd[{pid}]: time="{iso}" level=info msg="PullImage \\"{image}:{tag}\\""',
            'E containerd[{pid}]: time="{iso}" level=error msg="cancel pulling image {image}:{tag} because of no progress in 1m0s"',
            '?I containerd[{pid}]: time="{iso}" level=info msg="stop pulling image {image}:{tag}: active requests=0, bytes read={bytes}"',
            'E containerd[{pid}]: time="{iso}" level=error msg="PullImage \\"{image}:{tag}\\" failed" error="rpc error: code = Canceled desc = failed to pull and unpack image \\"{image}:{tag}\\": failed to copy: httpReadSeeker: failed open: failed to do request: context canceled"',
            '?E kubelet[{pid}]: E{tid} pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"{container}\\" with ErrImagePull: \\"rpc error: code = Canceled desc = failed to pull and unpack image: context canceled\\"" pod="{ns}/{pod}"',
        ),
    ),
    Family(
        "rt.cloud_registry_denied",
        "image_pull",
        "raw",
        (
            "I Events:",
            (
                'I   Warning  Failed     {age}   kubelet  Failed to pull image "europe-west1-docker.pkg.dev/{team}-prod/containers/{svc}:{tag}": failed to pull and unpack image "europe-west1-docker.pkg.dev/{team}-prod/containers/{svc}:{tag}": failed to resolve reference "europe-west1-docker.pkg.dev/{team}-prod/containers/{svc}:{tag}": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://europe-west1-docker.pkg.dev/v2/token?scope=repository%3A{team}-prod%2Fcontainers%2F{svc}%3Apull&service=europe-west1-docker.pkg.dev: 403 Forbidden',
                'I   Warning  Failed     {age}   kubelet  Failed to pull image "{team}acr.azurecr.io/{svc}:{tag}": failed to pull and unpack image "{team}acr.azurecr.io/{svc}:{tag}": failed to resolve reference "{team}acr.azurecr.io/{svc}:{tag}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://{team}acr.azurecr.io/oauth2/token?scope=repository%3A{svc}%3Apull&service={team}acr.azurecr.io: 401 Unauthorized',
                'I   Warning  Failed     {age}   kubelet  Failed to pull image "europe-west1-docker.pkg.dev/{team}-prod/containers/{svc}:{tag}": rpc error: code = Unknown desc = Error response from daemon: denied: Permission "artifactregistry.repositories.downloadArtifacts" denied on resource "projects/{team}-prod/locations/europe-west1/repositories/containers" (or it may not exist)',
            ),
            "I   Warning  Failed     {age}   kubelet  Error: ErrImagePull",
            "?I   Normal   BackOff    {age}   kubelet  Back-off pulling image",
            "?I   Warning  Failed     {age}   kubelet  Error: ImagePullBackOff",
        ),
    ),
)
