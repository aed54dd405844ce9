#!/usr/bin/env bash
# Sets everything up (idempotent), then runs the linters and every test. Exits non-zero on any
# failure, including "no tests ran" (pytest's exit code 5). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate

echo "== lint (ruff)"
ruff check .
ruff format --check .

echo "== python tests (pytest)"
python -m pytest "$@"
