#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and starts Puente on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.build.json
exec node dist/src/main.js
