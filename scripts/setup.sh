#!/usr/bin/env bash
# Idempotent set-up shared by ./start.sh and ./run_all_tests.sh: virtual environment,
# Python packages, generated gRPC code. Fast when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

quiet_pip() {
  # This machine's pip config lists local mirrors that may be absent; their warnings are noise.
  "$@" 2>&1 | { grep -v "^WARNING: Location" || true; }
  return "${PIPESTATUS[0]}"
}

python_bin=""
for candidate in "${PYTHON:-}" python3.11 python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python_bin=$candidate
    break
  fi
done
if [ -z "$python_bin" ]; then
  echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $python_bin..."
  "$python_bin" -m venv .venv
fi

# Reinstall when the dependency pins or the set of top-level packages change (the editable
# install maps each top-level package when it is installed).
stamp=".venv/.setup-$(cat pyproject.toml constraints.txt <(ls -d -- */__init__.py) | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages (the first run takes a few minutes)..."
  # CPU-only PyTorch first: a plain `torch` requirement resolves to a multi-GB CUDA build.
  # Elsewhere, point TORCH_INDEX_URL at PyTorch's CPU wheel index (see README).
  quiet_pip .venv/bin/pip install --quiet -c constraints.txt "torch==2.13.0" \
    ${TORCH_INDEX_URL:+--extra-index-url "$TORCH_INDEX_URL"}
  # The contracts are generated before the editable install, which maps the generated package.
  quiet_pip .venv/bin/pip install --quiet -c constraints.txt grpcio-tools
  .venv/bin/python scripts/gen_protos.py
  quiet_pip .venv/bin/pip install --quiet -c constraints.txt -e ".[all,dev]"
  rm -f .venv/.setup-*
  touch "$stamp"
fi

.venv/bin/python scripts/gen_protos.py
