#!/usr/bin/env bash
# Everything the dashboard needs checked, in one command (CI calls it from ./run_all_tests.sh):
# set-up and build, the typed API client against the gateway's current OpenAPI schema, the Vitest
# component tests, and the Playwright tests in Debian's Chromium against a real mesh that the tests
# start on free ports (screenshots land in frontend/e2e-artifacts/). Non-zero on any failure.
# Extra arguments go to Playwright (e.g. --grep viewer).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup_frontend.sh
cd frontend

echo "== dashboard: API client against the gateway schema"
npm run --silent api:check

echo "== dashboard: component tests (vitest)"
npx vitest run

echo "== dashboard: browser tests (playwright + chromium, real mesh)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test "$@"
