#!/usr/bin/env bash
# Headless Chromium for the merchant-express end-to-end test (driven by playwright-core at /usr/bin/chromium),
# plus fonts so its screenshots show Latin and Chinese text (fee types carry Chinese labels).
set -euo pipefail
# shellcheck source=lib/apt.bash
source "$(dirname "$0")/lib/apt.bash"

apt_install_missing chromium fonts-liberation fonts-wqy-microhei
test -x /usr/bin/chromium || { echo "chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
