"""Prints the requirements of the given pyproject extras, one per line, for `pip install -r`.

Images install only their component's dependencies (pinned by constraints.txt) without installing
the project itself, so the dependency layer is cached until pyproject.toml or the pins change.
Usage: python requirements.py pyproject.toml EXTRA [EXTRA ...]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path


def requirements(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    name = project["name"]
    self_reference = re.compile(rf"^{re.escape(name)}\[(?P<extras>[^\]]+)\]$")
    seen: dict[str, None] = dict.fromkeys(project.get("dependencies", []))
    pending = list(extras)
    visited: set[str] = set()
    while pending:
        extra = pending.pop(0)
        if extra in visited:
            continue
        if extra not in optional:
            raise SystemExit(f"unknown extra {extra!r}; pyproject.toml has {', '.join(sorted(optional))}")
        visited.add(extra)
        for requirement in optional[extra]:
            nested = self_reference.match(requirement.replace(" ", ""))
            if nested:
                pending.extend(nested.group("extras").split(","))
            else:
                seen.setdefault(requirement)
    return list(seen)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    print("\n".join(requirements(Path(sys.argv[1]), sys.argv[2:])))
