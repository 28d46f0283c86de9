#!/usr/bin/env bash
# Makes sure the programs the test suite drives are present: Chromium (browser tests) and the PostgreSQL server
# binaries (the real-database runs), by running each script of system-deps.d. On Debian or Ubuntu the scripts
# install what is missing (apt-get, as root or through sudo) and are a quick no-op otherwise. On any other system
# they install nothing: they accept ETKIT_CHROMIUM / ETKIT_PG_BIN pointing at your own install, or say what to
# install. Every script runs, so one run lists everything that is missing.
set -uo pipefail
here=$(dirname "$0")
failed=()
for script in "$here"/system-deps.d/*.sh; do
  [ -e "$script" ] || continue
  bash "$script" || failed+=("$(basename "$script")")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "system-deps: not ready (${failed[*]}); see the messages above." >&2
  exit 1
fi
