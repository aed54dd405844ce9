#!/usr/bin/env bash
# Sets everything up (first run: a few minutes) and runs the whole mesh until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
SKIP_CHROMIUM=1 scripts/setup_frontend.sh
if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi
# The gateway serves the dashboard's build at / (unless .env points elsewhere).
export GATEWAY_STATIC_DIR="${GATEWAY_STATIC_DIR:-$PWD/frontend/dist}"
exec .venv/bin/incidentmesh up "$@"
