#!/usr/bin/env bash
# `npm test`: installs what is missing, then typecheck, lint, the dependency audit and every jest suite.
# The PostgreSQL suites need TEST_DATABASE_URL; when it is not set, a throwaway PostgreSQL cluster is
# started here (scripts/test-postgres.sh, installing the server binaries if needed) and removed on exit.
# The browser suites need chromium: installed with apt-get below when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint .
# Exact pins, the lockfile, and no unexplained high/critical advisory in production dependencies
# (reported loudly as NOT CHECKED when the advisory service is unreachable: docs/decisions/008).
echo "== audit"; node scripts/audit.cjs
source scripts/test-postgres.sh
# The browser suites (test/browser) drive Debian's chromium through playwright-core, never a
# downloaded browser: install it with apt-get when it is missing (as root, or with sudo -n).
# Without it those suites are skipped with a message, or fail when CI is set.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH=/usr/bin/chromium
  if [ ! -x "$CHROMIUM_PATH" ]; then
    sudo=()
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); fi
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ ${#sudo[@]} -gt 0 ]; }; then
      echo "== chromium (apt-get install -y --no-install-recommends chromium)"
      { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; } ||
        echo "test.sh: installing chromium failed; the browser tests will be skipped (or fail with CI set)" >&2
    else
      echo "test.sh: no chromium at $CHROMIUM_PATH and no way to install it (apt-get as root or with sudo -n); run 'sudo apt-get install chromium' or set CHROMIUM_PATH" >&2
    fi
  fi
fi
export CHROMIUM_PATH
echo "== tests"; npx jest --ci "$@"
