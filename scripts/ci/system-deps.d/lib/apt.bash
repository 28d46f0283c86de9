# Shared helpers for the system-deps.d scripts (sourced, not run: scripts/ci/system-deps.sh only runs ./*.sh).
# Installs Debian packages that are missing, quietly, running `apt-get update` at most once per hour across
# all scripts, and not at all when everything is installed, so a machine that has them is a no-op.

export DEBIAN_FRONTEND=noninteractive

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
  apt-get update -qq >/dev/null
  touch "$APT_STAMP"
}

# apt_install_missing PACKAGE...: installs those not yet installed; fast when all are.
apt_install_missing() {
  local missing
  missing=$(missing_packages "$@")
  if [ -z "$missing" ]; then
    echo "already installed: $*"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: $missing (run this script as root to install them)" >&2
    return 1
  fi
  apt_update_once
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
    # The lists may be stale (a mirror moved on): refresh them and try once more, showing errors this time.
    apt-get update -qq >/dev/null
    touch "$APT_STAMP"
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  echo "installed: $(echo $missing)"
}
