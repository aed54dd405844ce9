"""Generates the Python gRPC code for every contract under proto/ into generated/.

The one command that produces generated code: `python scripts/gen_protos.py [--force]`.
The output is never committed, so it cannot go stale in the repository; it is regenerated
whenever a contract or the grpcio-tools version changes.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from importlib import metadata as importlib_metadata
from importlib import resources
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
OUT_DIR = ROOT / "generated"


def _contracts_hash(protos: list[str]) -> str:
    digest = hashlib.sha256(protoc_version().encode())
    for name in protos:
        digest.update(name.encode())
        digest.update((PROTO_DIR / name).read_bytes())
    return digest.hexdigest()


def protoc_version() -> str:
    return importlib_metadata.version("grpcio-tools")


def main(argv: list[str]) -> int:
    protos = sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.rglob("*.proto"))
    if not protos:
        print("no .proto files under proto/", file=sys.stderr)
        return 1
    contracts_hash = _contracts_hash(protos)
    stamp = OUT_DIR / ".contracts-sha256"
    if "--force" not in argv and stamp.exists() and stamp.read_text() == contracts_hash:
        return 0
    # Generate into a fresh directory so a deleted contract leaves no orphan module behind.
    staging = OUT_DIR.with_name(OUT_DIR.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    well_known = str(resources.files("grpc_tools") / "_proto")
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_DIR}",
        f"-I{well_known}",
        f"--python_out={staging}",
        f"--pyi_out={staging}",
        f"--grpc_python_out={staging}",
        *protos,
    ]
    if protoc.main(args) != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return 1
    for directory in (d for d in staging.rglob("*") if d.is_dir()):
        (directory / "__init__.py").touch()
    (staging / ".contracts-sha256").write_text(contracts_hash)
    shutil.rmtree(OUT_DIR, ignore_errors=True)
    staging.rename(OUT_DIR)
    print(f"generated {len(protos)} contracts into {OUT_DIR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
