#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (Chromium for the browser end-to-end test, PostgreSQL for
# the real-database run) by running each script of system-deps.d in order. Quick no-op when all are present;
# needs root (or sudo) only when something is missing.
set -euo pipefail
here=$(dirname "$0")
for script in "$here"/system-deps.d/*.sh; do
  [ -e "$script" ] || continue
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo bash "$script"
  else
    bash "$script"
  fi
done
