#!/usr/bin/env bash
# PostgreSQL server binaries (initdb, pg_ctl) for the merchant-express tests, which start their own
# throwaway cluster on a free loopback port; the Debian package's own cluster is not used.
set -euo pipefail
# shellcheck source=lib/apt.bash
source "$(dirname "$0")/lib/apt.bash"

apt_install_missing postgresql
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || {
  echo "postgresql installed but no /usr/lib/postgresql/*/bin/initdb" >&2
  exit 1
}
