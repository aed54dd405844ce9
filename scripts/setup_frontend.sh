#!/usr/bin/env bash
# Idempotent dashboard set-up, called by ./start.sh and ./run_all_tests.sh: Debian's Chromium for the
# browser tests (Playwright's own browser download does not work here), the npm packages exactly as
# locked, and the production build in frontend/dist that the gateway serves at /.
# Fast when nothing changed. SKIP_CHROMIUM=1 skips the browser (start.sh does not need it).
set -euo pipefail
cd "$(dirname "$0")/../frontend"

if [ "${SKIP_CHROMIUM:-0}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  # The package lists are refreshed only when an install is needed.
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm (Node 20.19+) is required for the dashboard." >&2
  exit 1
fi

# Reinstall when the lock file differs from the one the installed packages came from.
lock_sum=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
  echo "Installing dashboard packages (npm ci)..."
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.installed-lock
fi

# Rebuild when any source is newer than the build.
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package-lock.json vite.config.ts tsconfig.json -newer dist/index.html -print -quit)" ]; then
  echo "Building the dashboard (frontend/dist)..."
  if ! output=$(npm run --silent build 2>&1); then
    echo "$output" >&2
    echo "The dashboard build failed." >&2
    exit 1
  fi
fi
