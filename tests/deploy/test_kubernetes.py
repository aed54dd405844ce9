"""deploy/k8s: schema-valid, probed, limited, locked down, and consistent with the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.deploy.images import COMPONENTS, ROOT, final_stage
from tests.deploy.tools import run, tool

K8S = ROOT / "deploy" / "k8s"
SERVICES = [c for c in COMPONENTS if c != "gateway"]
# The oldest Kubernetes release the manifests promise to work on, and the newest schema at hand.
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")
# CPU-bound work: the gateway's fan-out, template mining, the classifier, query embedding.
AUTOSCALED = {"gateway", "log-analyzer", "root-cause", "knowledge-base"}


def _documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def _resources() -> list[Path]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return [K8S / name for name in kustomization["resources"]]


def _find(component: str, kind: str, name: str | None = None) -> dict:
    matches = [
        d
        for d in _documents(K8S / f"{component}.yaml")
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]
    assert len(matches) == 1, f"{component}.yaml: expected one {kind} {name or ''}"
    return matches[0]


def _config() -> dict[str, str]:
    return _documents(K8S / "configmap.yaml")[0]["data"]


def test_kustomization_lists_every_manifest():
    listed = {p.name for p in _resources()}
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present
    images = {i["name"] for i in yaml.safe_load((K8S / "kustomization.yaml").read_text())["images"]}
    assert images == {f"incident-mesh/{c}" for c in COMPONENTS}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_manifests_validate_against_the_kubernetes_schemas(version):
    result = run(tool("kubernetes-validate"), "--strict", "--quiet", "-k", version, *map(str, _resources()))
    assert result.returncode == 0, result.stdout + result.stderr


def _probe_port(probe: dict, container: dict) -> int:
    port = (probe.get("grpc") or probe.get("httpGet"))["port"]
    if isinstance(port, str):
        (port,) = [p["containerPort"] for p in container["ports"] if p["name"] == port]
    return port


@pytest.mark.parametrize("component", COMPONENTS)
def test_deployment_is_probed_limited_and_locked_down(component):
    deployment = _find(component, "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    prefix = component.upper().replace("-", "_")
    serving_port = int(_config()[f"{prefix}_PORT"])
    for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
        probe = container[kind]
        if component == "gateway":
            assert probe["httpGet"]["path"] == "/health"
        else:
            assert "grpc" in probe, f"{kind} must be a native gRPC probe"
        assert _probe_port(probe, container) == serving_port
    limits, requests = container["resources"]["limits"], container["resources"]["requests"]
    assert {"cpu", "memory"} <= set(limits) and {"cpu", "memory"} <= set(requests)
    pod_security, security = pod["securityContext"], container["securityContext"]
    assert pod_security["runAsNonRoot"] is True and pod_security["runAsUser"] != 0
    assert str(pod_security["runAsUser"]) == final_stage(component).user.split(":")[0]
    assert pod_security["seccompProfile"]["type"] == "RuntimeDefault"
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]
    assert pod["automountServiceAccountToken"] is False
    assert pod["serviceAccountName"] == _find(component, "ServiceAccount")["metadata"]["name"]
    # The image writes only under /data and /tmp; with a read-only root both must be volumes.
    assert {m["mountPath"] for m in container["volumeMounts"]} >= {"/data", "/tmp"}


@pytest.mark.parametrize("component", SERVICES)
def test_termination_grace_outlasts_the_kits_shutdown(component):
    config = _config()
    prefix = component.upper().replace("-", "_")
    needed = float(config[f"{prefix}_GRACE_SECONDS"]) + float(config[f"{prefix}_SHUTDOWN_DELAY_SECONDS"])
    pod = _find(component, "Deployment")["spec"]["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] > needed
    assert float(config[f"{prefix}_SHUTDOWN_DELAY_SECONDS"]) > 0, "probes need time to see NOT_SERVING"


@pytest.mark.parametrize("component", COMPONENTS)
def test_pods_are_annotated_for_prometheus_on_their_metrics_port(component):
    pod = _find(component, "Deployment")["spec"]["template"]
    annotations = pod["metadata"]["annotations"]
    prefix = component.upper().replace("-", "_")
    port = _config()["GATEWAY_PORT" if component == "gateway" else f"{prefix}_METRICS_PORT"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == port
    (container,) = pod["spec"]["containers"]
    assert int(port) in {p["containerPort"] for p in container["ports"]}


@pytest.mark.parametrize("component", COMPONENTS)
def test_headless_service_selects_the_pods(component):
    deployment = _find(component, "Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    for name in (component, f"{component}-headless"):
        service = _find(component, "Service", name)
        assert service["spec"]["selector"].items() <= labels.items()
    assert _find(component, "Service", f"{component}-headless")["spec"]["clusterIP"] == "None"


def test_gateway_balances_over_every_replica_through_headless_services():
    config = _config()
    for component in SERVICES:
        prefix = component.upper().replace("-", "_")
        service = _find(component, "Service", f"{component}-headless")
        grpc_port = next(p["port"] for p in service["spec"]["ports"] if p["name"] == "grpc")
        assert config[f"GATEWAY_{prefix}_ADDR"] == f"dns:///{component}-headless:{grpc_port}"
        assert config[f"{prefix}_HOST"] == "0.0.0.0"


def test_autoscalers_cover_the_gateway_and_cpu_heavy_services():
    for component in COMPONENTS:
        hpas = [d for d in _documents(K8S / f"{component}.yaml") if d["kind"] == "HorizontalPodAutoscaler"]
        assert bool(hpas) == (component in AUTOSCALED), component
        for hpa in hpas:
            assert hpa["spec"]["scaleTargetRef"]["name"] == component
            assert hpa["spec"]["minReplicas"] >= 2


def test_configmap_mirrors_env_example():
    names = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    names -= {"INCIDENTMESH_URL"}  # the CLI's setting, not a server's
    names -= set(_documents(K8S / "secret.yaml")[0]["stringData"])  # credentials: the Secret
    missing = names - set(_config())
    assert not missing, f"add these .env.example variables to deploy/k8s/configmap.yaml: {sorted(missing)}"


def test_secrets_are_referenced_not_configured():
    secret = _documents(K8S / "secret.yaml")[0]
    keys = set(secret["stringData"])
    config = _config()
    assert not keys & set(config), "a secret also set in the ConfigMap"
    referenced = set()
    for component in COMPONENTS:
        (container,) = _find(component, "Deployment")["spec"]["template"]["spec"]["containers"]
        for variable in container.get("env", []):
            reference = variable["valueFrom"]["secretKeyRef"]
            assert reference["name"] == secret["metadata"]["name"] and reference["key"] in keys
            referenced.add(reference["key"])
    assert referenced == keys
    assert {k for k in keys if k.endswith("_DATABASE_URL")} == {
        "GATEWAY_DATABASE_URL",
        "ROOT_CAUSE_DATABASE_URL",
        "KNOWLEDGE_BASE_DATABASE_URL",
        "ACTION_RECOMMENDER_DATABASE_URL",
        "INCIDENT_INTEGRATOR_DATABASE_URL",
    }


@pytest.mark.parametrize("component", COMPONENTS)
def test_pods_run_the_image_built_from_the_components_dockerfile_on_its_ports(component):
    (container,) = _find(component, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert container["image"].split(":")[0] == f"incident-mesh/{component}"
    image = final_stage(component)
    assert {p["containerPort"] for p in container["ports"]} == set(image.exposed)
    prefix = component.upper().replace("-", "_")
    assert _config()[f"{prefix}_PORT"] == image.env[f"{prefix}_PORT"]


def test_kustomization_renders_into_the_namespace_and_validates(tmp_path):
    """`kubectl apply -k` input, rendered by kubectl's kustomize (part of this machine image; not in
    Debian's archive, so only this check depends on it being present)."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed; the rendered kustomization is not checked")
    rendered = run(kubectl, "kustomize", str(K8S))
    assert rendered.returncode == 0, rendered.stderr
    documents = [d for d in yaml.safe_load_all(rendered.stdout) if d]
    assert len(documents) == sum(len(_documents(p)) for p in _resources())
    for document in documents:
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "incident-mesh", document["metadata"]["name"]
        assert document["metadata"]["labels"]["app.kubernetes.io/part-of"] == "incident-mesh"
    output = tmp_path / "rendered.yaml"
    output.write_text(rendered.stdout)
    result = run(tool("kubernetes-validate"), "--strict", "--quiet", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
