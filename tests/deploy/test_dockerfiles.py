"""Static checks of the images: lint, shape, and what each one installs."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.dockerfile import parse
from tests.deploy.images import COMPONENTS, DOCKER_DIR, ROOT, dockerfile, final_stage, prepare_stage
from tests.deploy.tools import run, tool

# deploy/ is not a Python package: the helper is a script the images run during the build.
_spec = importlib.util.spec_from_file_location("image_requirements", DOCKER_DIR / "requirements.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
requirements = _module.requirements


@pytest.mark.parametrize("component", COMPONENTS)
def test_hadolint_accepts_the_dockerfile(component):
    result = run(tool("hadolint"), "--no-color", str(dockerfile(component)))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("component", COMPONENTS)
def test_final_stage_is_slim_non_root_unbuffered_and_health_checked(component):
    stages = parse(dockerfile(component))
    final = stages[-1]
    assert len(stages) >= 3, "multi-stage: code generation and dependencies stay in builder stages"
    assert "slim" in final.base, final.base
    assert (
        final.user is not None and final.user.split(":")[0].isdigit() and final.user.split(":")[0] != "0"
    ), "a numeric non-root USER lets Kubernetes verify runAsNonRoot"
    assert final.env.get("PYTHONUNBUFFERED") == "1"
    assert final.healthcheck, "HEALTHCHECK missing"
    assert final.command[:2] == ["python", "-m"], final.command
    assert not any("grpcio-tools" in run_line or "gen_protos" in run_line for run_line in final.runs)


@pytest.mark.parametrize("component", [c for c in COMPONENTS if c != "gateway"])
def test_service_image_listens_on_all_interfaces_on_its_default_ports(component):
    final = final_stage(component)
    prefix = component.upper().replace("-", "_")
    assert final.env[f"{prefix}_HOST"] == "0.0.0.0"
    assert {int(final.env[f"{prefix}_PORT"]), int(final.env[f"{prefix}_METRICS_PORT"])} == set(final.exposed)
    assert final.healthcheck is not None and f"${{{prefix}_PORT}}" in " ".join(final.healthcheck)
    assert final.command == ["python", "-m", f"services.{component.replace('-', '_')}"]


def test_gateway_image_builds_the_dashboard_in_a_node_stage():
    stages = parse(dockerfile("gateway"))
    node = [s for s in stages if s.base.startswith("node:")]
    assert (
        node and any("npm ci" in r for r in node[0].runs) and any("npm run build" in r for r in node[0].runs)
    )
    final = stages[-1]
    static = [c for c in final.copies if c.from_stage == node[0].name]
    assert static and final.env["GATEWAY_STATIC_DIR"] == f"{final.workdir}/{static[0].destination}"
    assert "/health" in " ".join(final.healthcheck or [])


def test_only_the_knowledge_base_image_carries_torch():
    for component in COMPONENTS:
        text = dockerfile(component).read_text()
        extra = re.search(r"requirements\.py pyproject\.toml ([\w-]+)", text).group(1)
        assert extra == component, f"{component} installs the {extra!r} extra"
        wanted = requirements(ROOT / "pyproject.toml", [extra])
        carries_torch = "torch" in text or any(r.startswith("sentence-transformers") for r in wanted)
        assert carries_torch == (component == "knowledge-base"), component
    kb = dockerfile("knowledge-base").read_text()
    assert "download.pytorch.org/whl/cpu" in kb
    assert final_stage("knowledge-base").env.get("HF_HUB_OFFLINE") == "1"


def test_requirements_helper_resolves_nested_extras():
    everything = requirements(ROOT / "pyproject.toml", ["all"])
    gateway = requirements(ROOT / "pyproject.toml", ["gateway"])
    assert "litestar" in gateway and "drain3" not in gateway
    assert {"litestar", "drain3", "faiss-cpu", "jira", "grpcio"} <= set(everything)
    assert not any(r.startswith("incident-mesh") for r in everything)


def test_every_dockerfile_has_the_shared_build_context_filter():
    shared = (DOCKER_DIR / "dockerignore").read_text()
    for component in COMPONENTS:
        ignore = DOCKER_DIR / f"{component}.Dockerfile.dockerignore"
        assert ignore.read_text() == shared, f"{ignore.name} differs from deploy/docker/dockerignore"
    for needed in ("**/.venv", "**/node_modules", "**/tests", ".env"):
        assert needed in shared.splitlines()


def _run_briefly(stage, tmp_path) -> tuple[int | None, str]:
    process = prepare_stage(
        "root-cause",
        stage,
        tmp_path,
        {"ROOT_CAUSE_HOST": "127.0.0.1", "ROOT_CAUSE_PORT": "0", "ROOT_CAUSE_METRICS_PORT": "0"},
    )
    process.start()
    try:
        code = process.process.wait(60)
    finally:
        process.stop(timeout=10)
    return code, process.log_tail()


def test_runner_catches_a_typo_in_cmd(tmp_path):
    stage = final_stage("root-cause")
    stage.cmd = ["python", "-m", "services.root_cuase"]
    code, log = _run_briefly(stage, tmp_path)
    assert code != 0 and "No module named services.root_cuase" in log


def test_runner_catches_a_module_the_image_does_not_copy(tmp_path):
    """The test venv's editable install must not stand in for a forgotten COPY."""
    stage = final_stage("root-cause")
    stage.copies = [c for c in stage.copies if c.sources != ["services/kit"]]
    code, log = _run_briefly(stage, tmp_path)
    assert code != 0 and "No module named 'services.kit'" in log


FIRST_PARTY = {"services", "gateway", "incidentmesh", "meshcli", "__future__"}
# Components whose compose/Kubernetes settings hand them a postgresql+psycopg:// URL.
POSTGRES_COMPONENTS = {"root-cause", "knowledge-base", "action-recommender", "incident-integrator", "gateway"}


def _installed_closure(requirement_lines: list[str]) -> set[str]:
    """Distributions pip installs for these requirements, from the metadata of this venv."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    pending = [Requirement(line) for line in requirement_lines]
    while pending:
        requirement = pending.pop()
        key = (canonicalize_name(requirement.name), tuple(sorted(requirement.extras)))
        if key in seen:
            continue
        seen.add(key)
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue
        for raw in distribution.requires or []:
            nested = Requirement(raw)
            extras = requirement.extras or {""}
            if nested.marker is None or any(nested.marker.evaluate({"extra": e}) for e in extras):
                pending.append(nested)
    return {name for name, _ in seen}


def _imported_top_level_modules(component: str) -> set[str]:
    modules: set[str] = set()
    for copy in final_stage(component).copies:
        if copy.from_stage is not None:
            continue
        for source in copy.sources:
            path = ROOT / source
            files = [path] if path.is_file() else [f for f in path.rglob("*.py") if "tests" not in f.parts]
            for file in (f for f in files if f.suffix == ".py"):
                for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                    if isinstance(node, ast.Import):
                        modules.update(alias.name.split(".")[0] for alias in node.names)
                    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                        modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in FIRST_PARTY and m not in sys.stdlib_module_names}


@pytest.mark.parametrize("component", COMPONENTS)
def test_image_installs_every_package_its_code_imports(component):
    """The image runs only its own extra; the test venv has them all and would hide a gap."""
    installed = _installed_closure(requirements(ROOT / "pyproject.toml", [component]))
    providers = metadata.packages_distributions()
    missing = {
        module: sorted(providers.get(module, []))
        for module in _imported_top_level_modules(component)
        if not {canonicalize_name(d) for d in providers.get(module, [])} & installed
    }
    assert not missing, f"add to the {component!r} extra in pyproject.toml: {missing}"
    if component in POSTGRES_COMPONENTS:
        assert "psycopg" in installed, f"{component} is given a PostgreSQL URL but installs no driver"
