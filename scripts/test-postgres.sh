#!/usr/bin/env bash
# The one throwaway PostgreSQL of the tests, the soak and the benchmark: its own cluster in a
# temporary folder, listening on 127.0.0.1 only (trust auth, loopback only), a free port, fsync off
# unless --durable. Nothing outside that folder is touched, except that the server binaries are
# installed with apt-get when none are found.
#
#   scripts/test-postgres.sh start [DIR] [--durable]
#                                         creates and starts a cluster; prints DIR on stdout
#                                         (DIR defaults to a new ${TMPDIR:-/tmp}/puente-pg-XXXXXX);
#                                         --durable: fsync, synchronous_commit and full_page_writes
#                                         on, as in production (the benchmark's)
#   scripts/test-postgres.sh url DIR      prints postgresql://postgres@127.0.0.1:<port>/puente_test
#   scripts/test-postgres.sh stop DIR     stops the server and removes DIR
#   scripts/test-postgres.sh pause DIR    stops the server, keeps the data (store-failure tests)
#   scripts/test-postgres.sh resume DIR   starts a paused server again on the same port
#   source scripts/test-postgres.sh       (scripts/test.sh, scripts/soak.sh) when TEST_DATABASE_URL
#                                         is not set: starts a cluster, exports TEST_DATABASE_URL,
#                                         and removes the cluster when the sourcing script exits
#
# Every command is idempotent. Progress goes to stderr; stdout carries only the DIR or the URL.
# Works as root (the cluster then belongs to the `postgres` OS user: initdb refuses root) and as a
# normal user (the cluster belongs to that user). From TypeScript: tools/throwawayPostgres.ts.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  if [ -z "${TEST_DATABASE_URL:-}" ]; then
    echo "== postgres (throwaway cluster)"
    pg_script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/$(basename "${BASH_SOURCE[0]}")"
    pg_dir="$(bash "$pg_script" start)"
    trap 'bash "$pg_script" stop "$pg_dir"' EXIT
    trap 'exit 130' INT TERM
    TEST_DATABASE_URL="$(bash "$pg_script" url "$pg_dir")"
    export TEST_DATABASE_URL
  fi
  return 0
fi
set -euo pipefail

log() { echo "test-postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

cmd="${1:-}"
dir=""
durable=""
for arg in "${@:2}"; do
  case "$arg" in
    --durable) durable=1 ;;
    *) dir="$arg" ;;
  esac
done

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the cluster's owner.
as_owner() {
  if is_root; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/bash postgres -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

find_bin() {
  local d
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

install_server() {
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL server binaries found and no apt-get; install PostgreSQL (or set PG_BIN) or set TEST_DATABASE_URL"
  local sudo=()
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      die "no PostgreSQL server binaries found; run 'sudo apt-get install postgresql' (or set TEST_DATABASE_URL)"
    fi
  fi
  log "no PostgreSQL server binaries found: installing them with apt-get (apt-get update && apt-get install -y --no-install-recommends postgresql)"
  # Only the binaries are wanted: ask Debian's postgresql-common not to create and start its own
  # 'main' cluster (only when postgresql-common is not installed yet, i.e. on a fresh machine).
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    log "writing /etc/postgresql-common/createcluster.d/puente-tests.conf (create_main_cluster = false)"
    "${sudo[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | "${sudo[@]}" tee /etc/postgresql-common/createcluster.d/puente-tests.conf >/dev/null
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

need_dir() { [ -n "$dir" ] || die "usage: $0 $cmd DIR"; }

running() { [ -f "$dir/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

start_server() {
  # -w: wait until the server accepts connections (at most 60 s).
  as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null
}

url_of() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/puente_test"; }

case "$cmd" in
  start)
    BIN="$(find_bin || { install_server; find_bin; })" || die "PostgreSQL server binaries still missing after install"
    if [ -z "$dir" ]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/puente-pg-XXXXXX")"; fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd -P)"
    cd "$dir" # the owner's commands run from here (the caller's folder may be closed to it)
    if [ -f "$dir/ready" ]; then
      running || start_server
      log "already running: $(url_of)"
      echo "$dir"
      exit 0
    fi
    t0=$(date +%s%N)
    if is_root; then
      id postgres >/dev/null 2>&1 || { log "creating the 'postgres' system user"; useradd --system --no-create-home --shell /usr/sbin/nologin postgres; }
      chown postgres: "$dir"
      chmod 700 "$dir"
      as_owner test -w "$dir" || die "user postgres cannot write to $dir (set TMPDIR to a folder it can reach)"
    fi
    rm -rf "$dir/data" "$dir/socket"
    as_owner mkdir -p "$dir/socket"
    log "initdb in $dir/data ($BIN)"
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    # Loopback only, trusted: a throwaway cluster for tests on this machine. (These files exist
    # already, so writing them keeps their owner.)
    cat >"$dir/data/pg_hba.conf" <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
    sync=off
    [ -z "$durable" ] || sync=on
    cat >>"$dir/data/postgresql.conf" <<EOF
# puente test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/socket'
max_connections = 200
shared_buffers = 32MB
fsync = $sync
synchronous_commit = $sync
full_page_writes = $sync
EOF
    started=""
    for attempt in 1 2 3 4 5; do
      port="$(free_port)"
      echo "$port" >"$dir/port"
      echo "port = $port" >>"$dir/data/postgresql.conf" # the last setting wins
      if start_server; then started=1; break; fi
      log "start on port $port failed (attempt $attempt), trying another port"
    done
    [ -n "$started" ] || { tail -n 30 "$dir/data/server.log" >&2 || true; die "could not start PostgreSQL"; }
    "$BIN/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres puente_test
    touch "$dir/ready"
    log "started in $(( ($(date +%s%N) - t0) / 1000000 )) ms: $(url_of)"
    echo "$dir"
    ;;
  url)
    need_dir
    [ -f "$dir/ready" ] || die "no cluster in $dir"
    url_of
    ;;
  stop)
    need_dir
    [ -d "$dir" ] || exit 0
    if [ -f "$dir/data/postmaster.pid" ] && BIN="$(find_bin)"; then
      (cd "$dir" && as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    cd /
    rm -rf "$dir"
    log "stopped and removed $dir"
    ;;
  pause)
    need_dir
    [ -f "$dir/ready" ] || die "no cluster in $dir"
    BIN="$(find_bin)"
    cd "$dir"
    if running; then as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    log "paused $dir"
    ;;
  resume)
    need_dir
    [ -f "$dir/ready" ] || die "no cluster in $dir"
    BIN="$(find_bin)"
    cd "$dir"
    running || start_server
    log "resumed: $(url_of)"
    ;;
  *)
    die "usage: $0 start [DIR] [--durable] | url DIR | stop DIR | pause DIR | resume DIR"
    ;;
esac
