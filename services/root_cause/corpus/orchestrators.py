"""Container platforms seen from their CLIs and agents: kubectl describe, docker, containerd, Nomad, ECS."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

FAMILIES = (
    Family(
        "describe.image_pull_backoff",
        "image_pull",
        "raw",
        (
            "I Name:             {pod}",
            "I Namespace:        {ns}",
            "I     Image:          {image}:{tag}",
            "I     State:          Waiting",
            (
                "I       Reason:       ImagePullBackOff",
                "I       Reason:       ErrImagePull",
                "I       Reason:       InvalidImageName",
            ),
            "I     Ready:          False",
            "I     Restart Count:  0",
            "I Events:",
            (
                'I   Warning  Failed     {age}   kubelet  Failed to pull image "{image}:{tag}": reading manifest {tag} in '
                "{image}: manifest unknown",
                'I   Warning  InspectFailed  {age}  kubelet  Failed to apply default image tag "{image}:{tag}:": couldn\'t '
                'parse image reference "{image}:{tag}:": invalid reference format',
            ),
            '?I   Normal   BackOff    {age}   kubelet  Back-off pulling image "{image}:{tag}"',
        ),
    ),
    Family(
        "describe.crash_loop",
        "crash_loop",
        "raw",
        (
            "I Name:             {pod}",
            "I     Image:          {image}:{tag}",
            "I     State:          Waiting",
            "I       Reason:       CrashLoopBackOff",
            "I     Last State:     Terminated",
            ("I       Reason:       Error", "I       Reason:       Completed"),
            "I       Exit Code:    {exit}",
            "I     Restart Count:  {restarts}",
            "?I   Warning  Unhealthy  {age}  kubelet  Startup probe failed: HTTP probe failed with statuscode: 503",
            "I   Warning  BackOff    {age}  kubelet  Back-off restarting failed container {container} in pod {pod}",
        ),
    ),
    Family(
        "containerd.pull_failed",
        "image_pull",
        "journald",
        (
            (
                'E containerd[{pid}]: time="{iso}" level=error msg="PullImage \\"{image}:{tag}\\" failed" '
                'error="failed to pull and unpack image \\"{image}:{tag}\\": failed to copy: httpReadSeeker: failed open: '
                'unexpected status code https://{image}/manifests/{tag}: 403 Forbidden"',
                'E containerd[{pid}]: time="{iso}" level=error msg="PullImage \\"{image}:{tag}\\" failed" '
                'error="rpc error: code = Canceled desc = failed to pull and unpack image: context canceled"',
            ),
            '?I containerd[{pid}]: time="{iso}" level=info msg="PullImage \\"{image}:{tag}\\""',
            '?E kubelet[{pid}]: E{n} remote_image.go:180] "PullImage from image service failed" image="{image}:{tag}"',
        ),
    ),
    Family(
        "docker.pull_denied",
        "image_pull",
        "journald",
        (
            (
                'E dockerd[{pid}]: time="{iso}" level=error msg="Handler for POST /v1.43/images/create returned error: '
                "pull access denied for {image}, repository does not exist or may require 'docker login': denied: "
                'requested access to the resource is denied"',
                'E dockerd[{pid}]: time="{iso}" level=error msg="Not continuing with pull after error: manifest '
                'unknown: manifest unknown"',
                'E dockerd[{pid}]: time="{iso}" level=error msg="Handler for POST /v1.43/images/create returned error: '
                'Get \\"https://{image}/v2/\\": net/http: request canceled while waiting for connection '
                '(Client.Timeout exceeded while awaiting headers)"',
            ),
            "?W {container}[{pid}]: Error response from daemon: manifest for {image}:{tag} not found: manifest unknown",
            "?I systemd[1]: Started {svc} container.",
        ),
    ),
    Family(
        "nomad.driver_failure",
        "image_pull",
        "go_std",
        (
            (
                "E [ERROR] client.driver_mgr.docker: failed pulling container: driver=docker image_ref={image}:{tag} "
                'error="API error (404): manifest for {image}:{tag} not found: manifest unknown"',
                "E ECS task {hex} stopped: CannotPullContainerError: Error response from daemon: pull access denied for "
                "{image}",
            ),
            "?E [ERROR] client.alloc_runner.task_runner: running driver failed: alloc_id={uuid} task={svc} "
            'error="Failed to pull `{image}:{tag}`"',
            '?I [INFO]  client.alloc_runner.task_runner: restarting task: task={svc} reason="Restart within policy"',
        ),
    ),
    Family(
        "nomad.restart_exceeded",
        "crash_loop",
        "go_std",
        (
            (
                "W [WARN]  client.alloc_runner.task_runner: Task {svc} failed: exit code {exit}",
                "W ECS service {svc}: task {hex} stopped: Essential container in task exited (exit code {exit})",
            ),
            'I [INFO]  client.alloc_runner.task_runner: restarting task: task={svc} reason="Restart within policy" '
            "delay={sec}s",
            "?W [WARN]  client.alloc_runner.task_runner: Task {svc} failed: exit code {exit}",
            'E [ERROR] client.alloc_runner.task_runner: not restarting task: task={svc} reason="Exceeded allowed '
            'attempts 2 in interval 30m0s and mode is \\"fail\\""',
        ),
    ),
    Family(
        "kubelet.client_throttling",
        "rate_limited",
        "kubelet",
        (
            "I request.go:697] Waited for {dur}s due to client-side throttling, not priority and fairness, request: "
            "GET:https://10.96.0.1:443/api/v1/namespaces/{ns}/pods?limit=500",
            (
                "W reflector.go:539] failed to list *v1.ConfigMap: the server has received too many requests and has "
                "asked us to try again later (get configmaps)",
                'E controller.go:{n}] "Unhandled Error" err="apiserver responded 429: Too many requests, please try '
                'again later."',
            ),
            "?I request.go:697] Waited for {dur}s due to client-side throttling, not priority and fairness",
        ),
    ),
)
