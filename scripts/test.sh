#!/usr/bin/env bash
# `npm test`: installs what is missing, then typecheck, lint and every jest suite.
# The PostgreSQL suites need TEST_DATABASE_URL; when it is not set, a throwaway PostgreSQL cluster is
# started here (scripts/test-postgres.sh, installing the server binaries if needed) and removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint .
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "== postgres (throwaway cluster)"
  pg_dir="$(bash scripts/test-postgres.sh start)"
  trap 'bash scripts/test-postgres.sh stop "$pg_dir"' EXIT
  trap 'exit 130' INT TERM
  TEST_DATABASE_URL="$(bash scripts/test-postgres.sh url "$pg_dir")"
  export TEST_DATABASE_URL
fi
echo "== tests"; npx jest --ci "$@"
