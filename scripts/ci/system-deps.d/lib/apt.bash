# Shared helpers for the system-deps.d scripts (sourced, not run: scripts/ci/system-deps.sh only runs ./*.sh).
# Installs Debian packages that are missing, quietly, running `apt-get update` at most once per hour across
# all scripts, and not at all when everything is installed, so a machine that has them is a no-op.

# Where the Debian default locations live: / (tests point it at an empty folder to play a system without them).
SYSTEM_ROOT="${ETKIT_SYSTEM_ROOT:-}"

# True on a Debian-like system: the scripts can install packages with apt-get.
have_apt() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
}

# Runs "$@" as root: directly when root, else through sudo (with the one variable apt needs), else fails.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  else
    echo "need root to run: $* (run this script as root, or install sudo)" >&2
    return 1
  fi
}

# Prints the names among "$@" that dpkg does not report as installed.
missing_packages() {
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$package"
    fi
  done
}

# The stamp file says "updated by one of these scripts within the hour" (apt itself may leave the lists' mtimes
# alone when nothing changed upstream).
APT_STAMP="${TMPDIR:-/tmp}/etkit-apt-update.stamp"

apt_update_once() {
  if [ -n "$(find "$APT_STAMP" -mmin -60 -print 2>/dev/null)" ]; then
    return 0
  fi
  as_root apt-get update -qq >/dev/null
  touch "$APT_STAMP" 2>/dev/null || true
}

# apt_install_missing PACKAGE...: installs those not yet installed; fast when all are.
apt_install_missing() {
  local missing
  missing=$(missing_packages "$@")
  if [ -z "$missing" ]; then
    echo "already installed: $*"
    return 0
  fi
  apt_update_once
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
    # The lists may be stale (a mirror moved on): refresh them and try once more, showing errors this time.
    as_root apt-get update -qq >/dev/null
    touch "$APT_STAMP" 2>/dev/null || true
    # shellcheck disable=SC2086
    as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  echo "installed: $(echo $missing)"
}
