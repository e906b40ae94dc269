#!/usr/bin/env bash
# `npm test`: installs what is missing, then typecheck, lint and every jest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint .
echo "== tests"; npx jest --ci "$@"
