#!/usr/bin/env bash
# `npm run soak`: the long robustness runs (issue 8), then a summary of cases, failures and memory.
#   - endpoint fuzzing: 10,000 hostile requests to /api/messages and 10,000 to the web chat API
#   - typed-text fuzzing: 5,000 messages at every question, with the per-call time bound
#   - load: 200 concurrent intakes x 3 rounds, embedded store and PostgreSQL, memory before/after
#   - crash: 200 conversations with 10 SIGKILLs, embedded store and PostgreSQL, webhook checked
# Loopback only; every loop is bounded and stops by itself. SOAK_SEED=<n> changes the seed (the
# summary prints it). PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster started here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
source scripts/test-postgres.sh
rm -rf test-artifacts/soak
echo "== soak (this takes a while: about 20-40 minutes on two cores)"
status=0
# --expose-gc: the in-process parts compare memory after forced garbage collections.
node --expose-gc node_modules/jest/bin/jest.js --config jest.soak.config.js --runInBand "$@" || status=$?
node scripts/soak-summary.cjs test-artifacts/soak || status=$?
exit "$status"
