#!/usr/bin/env bash
# Sets everything up (first run: a few minutes) and runs the whole mesh until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi
exec .venv/bin/incidentmesh up "$@"
