#!/usr/bin/env bash
# Sets everything up (idempotent), then runs the linters and every test: Python (pytest: services,
# gateway, CLI, integration, reliability, deploy validation) and the dashboard (Vitest, Playwright in
# Chromium against a real mesh). Exits non-zero on any failure, including "no tests ran" (pytest's
# exit code 5). Extra arguments go to pytest; SKIP_FRONTEND=1 skips the dashboard's tests.
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)
scripts/setup.sh
scripts/setup_deploy_tools.sh
# shellcheck disable=SC1091
. .venv/bin/activate

echo "== lint (ruff)"
ruff check .
ruff format --check .

echo "== python tests (pytest)"
python -m pytest "$@"

if [ "${SKIP_FRONTEND:-0}" != "1" ]; then
  echo "== dashboard tests"
  scripts/test_frontend.sh
fi
echo "== all tests passed in $(( $(date +%s) - started )) s"
