#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and starts Puente on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.build.json
# The Node flags and malloc settings Puente runs with (src/config/runtime.ts).
read -r -a node_flags <<<"$(node -p "require('./dist/src/config/runtime.js').NODE_FLAGS.join(' ')")"
read -r -a runtime_env <<<"$(node -p "Object.entries(require('./dist/src/config/runtime.js').RUNTIME_ENV).map(([k, v]) => k + '=' + v).join(' ')")"
exec env "${runtime_env[@]}" node "${node_flags[@]}" dist/src/main.js
