#!/usr/bin/env bash
# Starts N compiled Groundswell API processes on consecutive ports (3000, 3001, …) on one
# machine, for nginx to balance (deploy/nginx/groundswell.conf; docs/scaling.md). Each is
# `node --expose-gc dist/server.mjs` (build once first: node apps/api/scripts/build.mjs), on PostgreSQL:
# the embedded database belongs to one process and cannot be shared.
#
#   DATABASE_URL=postgres://… PUBLIC_URL=https://report.council.example deploy/multi/start-processes.sh 2
#
# Env: PROCESSES (or the first argument; default: the number of cores), BASE_PORT (3000).
# Each process opens at most 10 database connections and its job queue 2 more, so N
# processes need N × 12 below PostgreSQL's max_connections. Logs go to
# $LOG_DIR/api-<port>.log (default ./logs); pids to $LOG_DIR/api-<port>.pid.
# SIGTERM or Ctrl-C stops them all cleanly (each finishes its requests in flight).
# In production, prefer one systemd unit per port (groundswell@.service, see docs/scaling.md).
set -euo pipefail
cd "$(dirname "$0")/../../apps/api"
: "${DATABASE_URL:?Set DATABASE_URL: several processes share one PostgreSQL database}"
N="${1:-${PROCESSES:-$(nproc)}}"
BASE_PORT="${BASE_PORT:-3000}"
LOG_DIR="${LOG_DIR:-$PWD/logs}"
mkdir -p "$LOG_DIR"
[ -f dist/server.mjs ] || { echo "dist/server.mjs is missing: run node apps/api/scripts/build.mjs first" >&2; exit 1; }
# Behind nginx, the one proxy in front.
export TRUST_PROXY="${TRUST_PROXY:-1}" HOST="${HOST:-127.0.0.1}" NODE_ENV="${NODE_ENV:-production}"
pids=()
stop() {
  trap - INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
  exit 0
}
trap stop INT TERM
start_one() {
  local port=$((BASE_PORT + $1))
  PORT="$port" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" node --expose-gc dist/server.mjs >>"$LOG_DIR/api-$port.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$LOG_DIR/api-$port.pid"
}
wait_up() {
  local port=$((BASE_PORT + $1))
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then echo "process on port $port is up (pid ${pids[$1]})"; return; fi
    if ! kill -0 "${pids[$1]}" 2>/dev/null; then echo "process on port $port exited; see $LOG_DIR/api-$port.log" >&2; stop; fi
    sleep 0.2
  done
  echo "process on port $port did not answer within 60 s; see $LOG_DIR/api-$port.log" >&2
  stop
}
# The first alone: it migrates the database (two migrating at once is not safe), then the rest together.
start_one 0
wait_up 0
for ((i = 1; i < N; i++)); do start_one "$i"; done
for ((i = 1; i < N; i++)); do wait_up "$i"; done
wait
