"""Runs an image's command as a local process, with the image's environment and file layout.

The final stage's COPY instructions are replayed into a temporary directory that stands for the
container's `/`, so a CMD naming a module the image does not copy fails here as it would in the
container. What other stages build is stood in for: the test run's virtual environment for
/opt/venv, the repository's generated/ for the codegen output, the built dashboard (or a minimal
page when it is not built) for the frontend stage.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tests.deploy.dockerfile import Stage, parse

ROOT = Path(__file__).resolve().parents[2]
DOCKER_DIR = ROOT / "deploy" / "docker"
COMPONENTS = (
    "log-analyzer",
    "root-cause",
    "knowledge-base",
    "action-recommender",
    "incident-integrator",
    "gateway",
)
# Paths the running image writes to; they become directories under the stand-in root.
WRITABLE = ("/data", "/tmp")
# Matches the build context filter (deploy/docker/dockerignore).
IGNORED = shutil.ignore_patterns("tests", "__pycache__", "*.pyc", ".pytest_cache")


def dockerfile(component: str) -> Path:
    return DOCKER_DIR / f"{component}.Dockerfile"


def final_stage(component: str) -> Stage:
    return parse(dockerfile(component))[-1]


def _frontend_build(scratch: Path) -> Path:
    built = ROOT / "frontend" / "dist"
    if (built / "index.html").is_file():
        return built
    stand_in = scratch / "frontend-dist"
    stand_in.mkdir(parents=True, exist_ok=True)
    (stand_in / "index.html").write_text("<!doctype html><title>Incident Mesh</title>\n")
    return stand_in


def stage_outputs(scratch: Path) -> dict[str, Path | None]:
    """What stands in for each path copied from a build stage (None: provided by the test's venv)."""
    return {
        "/opt/venv": None,
        "/src/generated": ROOT / "generated",
        "/src/frontend/dist": _frontend_build(scratch),
    }


def lay_out(stage: Stage, fs_root: Path, scratch: Path) -> None:
    """Replays the stage's COPY instructions under fs_root (which stands for the container's /)."""
    outputs = stage_outputs(scratch)
    for copy in stage.copies:
        for source in copy.sources:
            if copy.from_stage is not None:
                if source not in outputs:
                    raise AssertionError(f"no stand-in for {source} from stage {copy.from_stage}")
                local = outputs[source]
                if local is None:
                    continue
            else:
                local = ROOT / source
            if not local.exists():
                raise AssertionError(f"COPY source {source} does not exist ({local})")
            destination = PurePosixPath(stage.workdir, copy.destination)
            if copy.destination.endswith("/"):
                destination = destination / local.name
            target = fs_root / str(destination).lstrip("/")
            if local.is_dir():
                shutil.copytree(local, target, ignore=IGNORED, dirs_exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(local, target)
    for path in WRITABLE:
        (fs_root / path.lstrip("/")).mkdir(parents=True, exist_ok=True)


def _translate(value: str, fs_root: Path) -> str:
    """Container absolute paths -> the same paths under fs_root (':'-separated lists too)."""
    parts = []
    for part in value.split(":"):
        if part.startswith("/") and (fs_root / part.lstrip("/")).exists():
            parts.append(str(fs_root / part.lstrip("/")))
        elif part.startswith(WRITABLE):
            parts.append(str(fs_root / part.lstrip("/")))
        else:
            parts.append(part)
    return ":".join(parts)


# The test's venv has the project installed in editable mode, which would quietly supply any
# module the image forgot to COPY. Imported at interpreter start (site imports `sitecustomize`),
# this takes the editable-install finders out, so only the laid-out files and third-party
# packages can be imported -- as in the image, whose venv holds no project code.
_ISOLATION = """
import sys

def _editable(obj):
    return (getattr(obj, "__module__", "") or "").startswith("__editable__")

sys.meta_path[:] = [finder for finder in sys.meta_path if not _editable(finder)]
sys.path_hooks[:] = [hook for hook in sys.path_hooks if not _editable(hook)]
sys.path_importer_cache.clear()
"""


def _isolation_dir(scratch: Path) -> Path:
    directory = scratch / "image-isolation"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(_ISOLATION)
    return directory


def image_environment(stage: Stage, fs_root: Path, overrides: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The developer's own settings must not leak into the image's.
        if not key.startswith(("MESH_", "GATEWAY_", "PYTHON"))
        and not any(key.startswith(prefix) for prefix in _component_prefixes())
    }
    for key, value in stage.env.items():
        env[key] = _translate(value, fs_root)
    # /opt/venv/bin stands for the test run's interpreter, so `python` in CMD is this venv's.
    env["PATH"] = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env.update(overrides)
    return env


def _component_prefixes() -> tuple[str, ...]:
    return tuple(c.upper().replace("-", "_") + "_" for c in COMPONENTS)


@dataclass
class ImageProcess:
    component: str
    stage: Stage
    fs_root: Path
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None
    terminated: bool = False

    @property
    def workdir(self) -> Path:
        return self.fs_root / self.stage.workdir.lstrip("/")

    def start(self) -> None:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.stage.command,
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def healthcheck(self, timeout: float = 30.0) -> subprocess.CompletedProcess:
        """Runs the image's HEALTHCHECK command as Docker would (same environment and directory)."""
        assert self.stage.healthcheck is not None, f"{self.component} has no HEALTHCHECK"
        return subprocess.run(
            self.stage.healthcheck,
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def log_tail(self, characters: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-characters:]
        except OSError:
            return ""

    def terminate(self) -> None:
        """Sends SIGTERM once, as `docker stop` and Kubernetes do; `stop` then waits.

        Once: a second SIGTERM during a graceful shutdown would meet the default handler and kill
        the process, hiding whether the shutdown itself was clean.
        """
        if self.process is not None and self.process.poll() is None and not self.terminated:
            self.process.terminate()
            self.terminated = True

    def stop(self, timeout: float) -> int | None:
        """SIGTERM (unless already sent), wait up to `timeout`, then SIGKILL; returns the exit status."""
        if self.process is None:
            return None
        self.terminate()
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            return None


def prepare(component: str, scratch: Path, overrides: dict[str, str]) -> ImageProcess:
    return prepare_stage(component, final_stage(component), scratch, overrides)


def prepare_stage(component: str, stage: Stage, scratch: Path, overrides: dict[str, str]) -> ImageProcess:
    fs_root = scratch / component
    lay_out(stage, fs_root, scratch)
    env = image_environment(stage, fs_root, overrides)
    env["PYTHONPATH"] = ":".join(filter(None, [str(_isolation_dir(scratch)), env.get("PYTHONPATH")]))
    return ImageProcess(component, stage, fs_root, env, scratch / f"{component}.log")
