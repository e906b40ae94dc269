# Sourced by scripts/test.sh and scripts/soak.sh: when TEST_DATABASE_URL is not set, starts a
# throwaway PostgreSQL cluster on loopback (scripts/test-postgres.sh), exports its URL, and removes
# it when the calling script exits.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "== postgres (throwaway cluster)"
  pg_dir="$(bash scripts/test-postgres.sh start)"
  trap 'bash scripts/test-postgres.sh stop "$pg_dir"' EXIT
  trap 'exit 130' INT TERM
  TEST_DATABASE_URL="$(bash scripts/test-postgres.sh url "$pg_dir")"
  export TEST_DATABASE_URL
fi
