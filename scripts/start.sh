#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and starts Puente on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.build.json
# The Node flags Puente runs with (src/config/runtime.ts).
read -r -a node_flags <<<"$(node -p "require('./dist/src/config/runtime.js').NODE_FLAGS.join(' ')")"
exec node "${node_flags[@]}" dist/src/main.js
