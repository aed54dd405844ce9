"""Kubernetes: `kubectl get events` rows and kubelet (klog) lines."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

FAMILIES = (
    Family(
        "k8s.oomkilled_events",
        "out_of_memory",
        "k8s_events",
        (
            "?W Evicted              pod/{pod}   The node was low on resource: memory. Threshold quantity: 100Mi, "
            "available: {n}Ki. Container {container} was using {big}Ki, request is {mb}Mi",
            (
                "W OOMKilling           node/{node}   Memory cgroup out of memory: Killed process {pid} ({container}) "
                "total-vm:{big}kB, anon-rss:{big}kB, file-rss:0kB",
                "W BackOff              pod/{pod}   Back-off restarting failed container {container} in pod {pod}_{ns}"
                "({uuid}) -- last state: Terminated, reason: OOMKilled, exit code 137",
            ),
            "?I Killing              pod/{pod}   Container {container} exceeded its memory limit ({mb}Mi)",
            "?W SystemOOM            node/{node}   System OOM encountered, victim process: {container}, pid: {pid}",
            'I Pulled               pod/{pod}   Container image "{image}:{tag}" already present on machine',
        ),
    ),
    Family(
        "k8s.crashloop_events",
        "crash_loop",
        "k8s_events",
        (
            "I Started              pod/{pod}   Started container {container}",
            "W BackOff              pod/{pod}   Back-off restarting failed container {container} in pod "
            "{pod}_{ns}({uuid})",
            '?W Unhealthy            pod/{pod}   Liveness probe failed: Get "http://{ip}:{port}/healthz": dial tcp '
            "{ip}:{port}: connect: connection refused",
            "?I Killing              pod/{pod}   Container {container} failed liveness probe, will be restarted",
            "W BackOff              pod/{pod}   Back-off restarting failed container {container} in pod "
            "{pod}_{ns}({uuid})",
        ),
    ),
    Family(
        "k8s.image_pull_events",
        "image_pull",
        "k8s_events",
        (
            'I Pulling              pod/{pod}   Pulling image "{image}:{tag}"',
            (
                'W Failed               pod/{pod}   Failed to pull image "{image}:{tag}": rpc error: code = NotFound '
                'desc = failed to pull and unpack image "{image}:{tag}": failed to resolve reference '
                '"{image}:{tag}": {image}:{tag}: not found',
                'W Failed               pod/{pod}   Failed to pull image "{image}:{tag}": rpc error: code = Unknown '
                "desc = Error response from daemon: manifest for {image}:{tag} not found: manifest unknown",
                # Hard case: "access denied" here is a registry secret problem, reported as an image pull failure.
                'W Failed               pod/{pod}   Failed to pull image "{image}:{tag}": pull access denied for '
                "{image}, repository does not exist or may require 'docker login'",
                # Hard case: Docker Hub's pull rate limit.
                'W Failed               pod/{pod}   Failed to pull image "{image}:{tag}": toomanyrequests: You have '
                "reached your pull rate limit. You may increase the limit by authenticating and upgrading",
            ),
            "W Failed               pod/{pod}   Error: ErrImagePull",
            '?I BackOff              pod/{pod}   Back-off pulling image "{image}:{tag}"',
            "?W Failed               pod/{pod}   Error: ImagePullBackOff",
        ),
    ),
    Family(
        "k8s.failed_scheduling",
        "resource_saturation",
        "k8s_events",
        (
            (
                "W FailedScheduling     pod/{pod}   0/{count} nodes are available: {count} Insufficient cpu. "
                "preemption: 0/{count} nodes are available: {count} No preemption victims found for incoming pod.",
                "W FailedScheduling     pod/{pod}   0/{count} nodes are available: {count} Insufficient memory, "
                "{count} node(s) had untolerated taint {{node.kubernetes.io/unreachable: }}.",
            ),
            "?W FailedGetResourceMetric horizontalpodautoscaler/{svc}   failed to get cpu utilization",
            "?I NotTriggerScaleUp    pod/{pod}   pod didn't trigger scale-up: {count} max node group size reached",
            "?W ScalingLimited       horizontalpodautoscaler/{svc}   the desired replica count is more than the "
            "maximum replica count",
        ),
    ),
    Family(
        "k8s.config_error_events",
        "config_error",
        "k8s_events",
        (
            (
                'W Failed               pod/{pod}   Error: configmap "{svc}-config" not found',
                'W Failed               pod/{pod}   Error: secret "{svc}-env" not found',
                "W Failed               pod/{pod}   Error: couldn't find key DATABASE_URL in Secret {ns}/{svc}-db",
                'W FailedMount          pod/{pod}   MountVolume.SetUp failed for volume "config" : configmap '
                '"{svc}-config" not found',
            ),
            "?W Failed               pod/{pod}   Error: CreateContainerConfigError",
            "?I SandboxChanged       pod/{pod}   Pod sandbox changed, it will be killed and re-created.",
        ),
    ),
    Family(
        "k8s.disk_pressure_events",
        "disk_full",
        "k8s_events",
        (
            (
                "W EvictionThresholdMet node/{node}   Attempting to reclaim ephemeral-storage",
                "W FreeDiskSpaceFailed  node/{node}   Failed to garbage collect required amount of images. Attempted to "
                "free {big} bytes, but only found 0 bytes eligible to free.",
            ),
            "?I NodeHasDiskPressure  node/{node}   Node {node} status is now: NodeHasDiskPressure",
            "W Evicted              pod/{pod}   The node was low on resource: ephemeral-storage. Threshold quantity: "
            "{big}, available: {big}Ki.",
            "?W FailedMount          pod/{pod}   Unable to write to volume: no space left on device",
        ),
    ),
    Family(
        "k8s.cni_network",
        "network_connectivity",
        "k8s_events",
        (
            (
                "W FailedCreatePodSandBox pod/{pod}   Failed to create pod sandbox: rpc error: code = Unknown desc = "
                'failed to setup network for sandbox "{sha}": plugin type="calico" failed (add): error getting '
                "ClusterInformation: connection is unauthorized",
                "W NodeNotReady         node/{node}   Node {node} status is now: NodeNotReady",
                "W NetworkNotReady      pod/{pod}   network is not ready: container runtime network not ready: "
                "NetworkReady=false reason:NetworkPluginNotReady",
            ),
            '?W Unhealthy            pod/{pod}   Readiness probe failed: Get "http://{ip}:{port}/ready": dial tcp '
            "{ip}:{port}: connect: no route to host",
            "?W NodeNotReady         pod/{pod2}   Node is not ready",
        ),
    ),
    Family(
        "kubelet.crashloop",
        "crash_loop",
        "kubelet",
        (
            'E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for '
            '\\"{container}\\" with CrashLoopBackOff: \\"back-off {sec}s restarting failed container={container} '
            'pod={pod}_{ns}({uuid})\\"" pod="{ns}/{pod}"',
            '?I kuberuntime_container.go:770] "Killing container with a grace period" pod="{ns}/{pod}" '
            'containerName="{container}" gracePeriod=30',
            '?I prober.go:107] "Probe failed" probeType="Liveness" pod="{ns}/{pod}" containerName="{container}"'
            ' probeResult="failure" output="HTTP probe failed with statuscode: 500"',
            'E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for '
            '\\"{container}\\" with CrashLoopBackOff" pod="{ns}/{pod}"',
        ),
    ),
    Family(
        "kubelet.image_pull",
        "image_pull",
        "kubelet",
        (
            (
                'E remote_image.go:180] "PullImage from image service failed" err="rpc error: code = Unknown desc = '
                'failed to pull and unpack image \\"{image}:{tag}\\": failed to resolve reference: unexpected status '
                'from HEAD request: 401 Unauthorized" image="{image}:{tag}"',
                'E remote_image.go:180] "PullImage from image service failed" err="rpc error: code = DeadlineExceeded '
                'desc = failed to pull image: context deadline exceeded" image="{image}:{tag}"',
            ),
            'E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for '
            '\\"{container}\\" with ImagePullBackOff: \\"Back-off pulling image {image}:{tag}\\"" pod="{ns}/{pod}"',
            "?E kuberuntime_manager.go:1256] container &Container{{Name:{container},Image:{image}:{tag}}} start failed "
            "in pod {pod}: ErrImagePull",
        ),
    ),
    Family(
        "kubelet.eviction_disk",
        "disk_full",
        "kubelet",
        (
            # Hard case: image pulls fail, but because the node disk is full.
            (
                'W eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"',
                'E kuberuntime_manager.go:1256] "Failed to pull image" err="failed to pull and unpack image '
                '\\"{image}:{tag}\\": failed to extract layer sha256:{sha}: write /var/lib/containerd/io.containerd.'
                'snapshotter.v1.overlayfs/snapshots/{n}/fs/usr/lib/libssl.so.3: no space left on device"',
            ),
            '?I image_gc_manager.go:391] "Disk usage on image filesystem is over the high threshold, trying to free '
            'bytes down to the low threshold" usage={pct} highThreshold=85',
            'E eviction_manager.go:590] "Eviction manager: pod failed to evict" err="timeout waiting to kill pod"',
            '?W eviction_manager.go:357] "Eviction manager: must evict pod(s) to reclaim" resourceName='
            '"ephemeral-storage"',
        ),
    ),
    Family(
        "kubelet.oom_cgroup",
        "out_of_memory",
        "kubelet",
        (
            'I kubelet.go:2470] "SyncLoop (PLEG): event for pod" pod="{ns}/{pod}" event={{"Type":"ContainerDied"}}',
            (
                'I kuberuntime_manager.go:1029] "Container exited" containerName="{container}" exitCode=137 '
                'reason="OOMKilled"',
                'W oomwatcher.go:60] "System OOM encountered" victim="{container}" pid={pid}',
            ),
            '?E pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" with '
            'CrashLoopBackOff" pod="{ns}/{pod}"',
        ),
    ),
    Family(
        "kubelet.pleg_cpu",
        "resource_saturation",
        "kubelet",
        (
            (
                'W kubelet.go:2394] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen '
                'active {sec}m0s ago; threshold is 3m0s"',
                'W eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="pid"',
            ),
            '?W cpu_manager.go:453] "CPU throttling high" pod="{ns}/{pod}" throttledPercent={pct}',
            '?E kubelet.go:2390] "Housekeeping took longer than expected" expected="1s" actual="{dur}s"',
            '?W pod_container_manager.go:210] "Pod exceeded pids limit" pod="{ns}/{pod}"',
        ),
    ),
)
