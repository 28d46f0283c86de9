#!/usr/bin/env bash
# PostgreSQL server binaries (postgres, initdb, pg_ctl) for the merchant-express tests, which start their own
# throwaway cluster on a free loopback port (the package's own cluster is not used): the directory $ETKIT_PG_BIN if
# set, else Debian's /usr/lib/postgresql/<version>/bin, installed here. Without apt-get it installs nothing and says
# what to install. The tests read the same variable (tools/runtime-harness/src/system-binaries.ts).
set -euo pipefail
# shellcheck source=lib/apt.bash
source "$(dirname "$0")/lib/apt.bash"
debian_postgresql="$SYSTEM_ROOT/usr/lib/postgresql"

explain() {
  cat >&2 <<'TEXT'
  Install the PostgreSQL server yourself and point the tests at its bin directory (postgres, initdb, pg_ctl):
    macOS:   brew install postgresql@17             then ETKIT_PG_BIN="$(brew --prefix postgresql@17)/bin"
    Fedora:  sudo dnf install postgresql-server     then ETKIT_PG_BIN=/usr/bin
    Arch:    sudo pacman -S postgresql              then ETKIT_PG_BIN=/usr/bin
    Alpine:  sudo apk add postgresql                then ETKIT_PG_BIN=/usr/bin
  export ETKIT_PG_BIN=<that directory> and run the tests again.
TEXT
}

# has_server_binaries DIR: postgres, initdb and pg_ctl are all executable there.
has_server_binaries() {
  local program
  for program in postgres initdb pg_ctl; do
    [ -x "$1/$program" ] || return 1
  done
}

if [ -n "${ETKIT_PG_BIN:-}" ]; then
  if has_server_binaries "$ETKIT_PG_BIN"; then
    echo "postgresql: $ETKIT_PG_BIN (ETKIT_PG_BIN)"
    exit 0
  fi
  echo "postgresql: ETKIT_PG_BIN=$ETKIT_PG_BIN does not hold executable postgres, initdb and pg_ctl." >&2
  explain
  exit 1
fi

debian_bin() {
  local dir
  for dir in "$debian_postgresql"/*/bin; do
    if has_server_binaries "$dir"; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! have_apt; then
  if dir=$(debian_bin); then
    echo "postgresql: $dir"
    exit 0
  fi
  echo "postgresql: no server binaries under $debian_postgresql/*/bin, and this system has no apt-get to install" \
    "Debian's package." >&2
  explain
  exit 1
fi

apt_install_missing postgresql
debian_bin >/dev/null || {
  echo "postgresql installed but no $debian_postgresql/*/bin with postgres, initdb and pg_ctl" >&2
  exit 1
}
