#!/usr/bin/env bash
# Headless Chromium for the browser tests (driven by playwright-core): $ETKIT_CHROMIUM if set, else Debian's
# /usr/bin/chromium, installed here with fonts so screenshots show Latin and Chinese text (fee types carry Chinese
# labels). Without apt-get it installs nothing and says what to install. The tests read the same variable
# (tools/runtime-harness/src/system-binaries.ts).
set -euo pipefail
# shellcheck source=lib/apt.bash
source "$(dirname "$0")/lib/apt.bash"
debian_chromium="$SYSTEM_ROOT/usr/bin/chromium"

explain() {
  cat >&2 <<'TEXT'
  Install Chromium (or Google Chrome) yourself and point the tests at it:
    macOS:   brew install --cask chromium    then ETKIT_CHROMIUM="/Applications/Chromium.app/Contents/MacOS/Chromium"
    Fedora:  sudo dnf install chromium       then ETKIT_CHROMIUM=/usr/bin/chromium-browser
    Arch:    sudo pacman -S chromium         then ETKIT_CHROMIUM=/usr/bin/chromium
    Alpine:  sudo apk add chromium           then ETKIT_CHROMIUM=/usr/bin/chromium-browser
  export ETKIT_CHROMIUM=<path to the executable> and run the tests again.
TEXT
}

if [ -n "${ETKIT_CHROMIUM:-}" ]; then
  if [ -f "$ETKIT_CHROMIUM" ] && [ -x "$ETKIT_CHROMIUM" ]; then
    echo "chromium: $ETKIT_CHROMIUM (ETKIT_CHROMIUM)"
    exit 0
  fi
  echo "chromium: ETKIT_CHROMIUM=$ETKIT_CHROMIUM is not an executable file." >&2
  explain
  exit 1
fi

if ! have_apt; then
  if [ -x "$debian_chromium" ]; then
    echo "chromium: $debian_chromium"
    exit 0
  fi
  echo "chromium: not found at $debian_chromium, and this system has no apt-get to install Debian's package." >&2
  explain
  exit 1
fi

apt_install_missing chromium fonts-liberation fonts-wqy-microhei
test -x "$debian_chromium" || { echo "chromium installed but $debian_chromium is missing" >&2; exit 1; }
