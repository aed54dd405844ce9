"""A small Dockerfile reader: enough of the syntax to run an image's command outside a container.

Handles line continuations, comments, `FROM ... AS name` stages, ENV (key=value and legacy
`key value`), WORKDIR, COPY (with --from/--chown), USER, EXPOSE, HEALTHCHECK and CMD/ENTRYPOINT in
exec (JSON) or shell form. Anything else is kept as a raw instruction.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

_ENV_REFERENCE = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


@dataclass
class Copy:
    sources: list[str]
    destination: str
    from_stage: str | None


@dataclass
class Stage:
    base: str
    name: str | None
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    copies: list[Copy] = field(default_factory=list)
    user: str | None = None
    exposed: list[int] = field(default_factory=list)
    healthcheck: list[str] | None = None
    healthcheck_options: dict[str, str] = field(default_factory=dict)
    cmd: list[str] | None = None
    entrypoint: list[str] | None = None
    runs: list[str] = field(default_factory=list)

    @property
    def command(self) -> list[str]:
        """ENTRYPOINT followed by CMD, as Docker combines them."""
        return [*(self.entrypoint or []), *(self.cmd or [])]


def _instructions(text: str) -> list[tuple[str, str]]:
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    if pending.strip():
        logical.append(pending)
    result = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def _command(argument: str) -> list[str]:
    if argument.startswith("["):
        return list(json.loads(argument))
    return ["/bin/sh", "-c", argument]


def _expand(value: str, env: dict[str, str]) -> str:
    """Expands $VAR and ${VAR} known at this point; unknown ones (e.g. the base image's PATH) stay."""
    return _ENV_REFERENCE.sub(lambda m: env.get(m.group(1) or m.group(2), m.group(0)), value)


def parse(path: Path) -> list[Stage]:
    stages: list[Stage] = []
    args: dict[str, str] = {}
    for keyword, argument in _instructions(path.read_text(encoding="utf-8")):
        if keyword == "ARG" and not stages:
            name, _, default = argument.partition("=")
            args[name] = default
            continue
        if keyword == "FROM":
            words = argument.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=_expand(words[0], args), name=name))
            continue
        if not stages:
            raise ValueError(f"{path}: {keyword} before FROM")
        stage = stages[-1]
        if keyword == "ENV":
            words = shlex.split(argument)
            if words and "=" not in words[0]:
                stage.env[words[0]] = " ".join(words[1:])
            else:
                for word in words:
                    key, _, value = word.partition("=")
                    stage.env[key] = _expand(value, stage.env)
        elif keyword == "WORKDIR":
            stage.workdir = str(PurePosixPath(stage.workdir, argument))
        elif keyword in ("COPY", "ADD"):
            words = shlex.split(argument)
            options = {w[2:].split("=", 1)[0]: w.split("=", 1)[-1] for w in words if w.startswith("--")}
            paths = [w for w in words if not w.startswith("--")]
            stage.copies.append(Copy(paths[:-1], paths[-1], options.get("from")))
        elif keyword == "USER":
            stage.user = argument
        elif keyword == "EXPOSE":
            stage.exposed.extend(int(port.split("/")[0]) for port in argument.split())
        elif keyword == "HEALTHCHECK":
            options = {}
            rest = argument
            while match := re.match(r"--([\w-]+)=(\S+)\s+", rest):
                options[match.group(1)] = match.group(2)
                rest = rest[match.end() :]
            if rest.upper().startswith("CMD "):
                stage.healthcheck = _command(rest[4:].strip())
            stage.healthcheck_options = options
        elif keyword == "CMD":
            stage.cmd = _command(argument)
        elif keyword == "ENTRYPOINT":
            stage.entrypoint = _command(argument)
        elif keyword == "RUN":
            stage.runs.append(argument)
    return stages
