#!/usr/bin/env bash
# The database-outage drill (Hardening, defect 13), on a real PostgreSQL: start the API on a
# scratch database, stop the PostgreSQL cluster under it, check that reads, writes and
# /health answer 503 with Retry-After within a bounded time, start the cluster again and
# check that the same server recovers by itself. Needs root and Debian's pg_ctlcluster (CI).
# Usage: DATABASE_URL=postgres://user:pass@127.0.0.1:5432/any scripts/outage-drill.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL server the drill stops and starts}"
CLUSTER="${PG_CLUSTER:-15 main}"
PORT="${DRILL_PORT:-3457}"
DRILL_DB="groundswell_outage_drill"
ADMIN_URL="$DATABASE_URL"
DRILL_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$ADMIN_URL" "$DRILL_DB")"
WORK="$(mktemp -d)"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill -- "-$SERVER_PID" 2>/dev/null || true
  pg_ctlcluster $CLUSTER start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  psql "$ADMIN_URL" -qAtc "drop database if exists \"$DRILL_DB\" with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "OUTAGE DRILL FAILED: $*" >&2; tail -20 "$WORK/server.log" >&2 || true; exit 1; }

# status, retry-after and seconds taken for one request
probe() { curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code} %{time_total}\n' --max-time 30 "$@" || echo "000 30"; }

curl -s "$BASE/health" >/dev/null 2>&1 && { echo "OUTAGE DRILL FAILED: something already listens on port $PORT" >&2; exit 1; }
psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qAtc "drop database if exists \"$DRILL_DB\" with (force)"
psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qAtc "create database \"$DRILL_DB\""
# The compiled server, as production runs it (`pnpm test` and `pnpm build` write apps/api/dist);
# in a session of its own, so stopping it stops everything it started.
(cd apps/api && DATABASE_URL="$DRILL_URL" PORT="$PORT" HOST=127.0.0.1 DATA_DIR="$WORK/data" DEMO_DATA=off LOG_LEVEL=warn exec setsid node --expose-gc dist/server.mjs >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 1; done
curl -sf "$BASE/health" >/dev/null || fail "the server did not start"
read -r status seconds < <(probe "$BASE/api/reports?bbox=-3.4,56.38,-3.0,56.48")
echo "-- up: GET /api/reports -> $status"
[ "$status" = 200 ] || fail "the server answered $status before the outage"

echo "-- stopping PostgreSQL ($CLUSTER)"
pg_ctlcluster $CLUSTER stop -m fast
for path in "/health" "/api/reports?bbox=-3.4,56.38,-3.0,56.48" "/api/categories"; do
  read -r status seconds < <(probe "$BASE$path")
  retry="$(grep -i '^retry-after:' "$WORK/headers" | tr -d '\r' | cut -d' ' -f2)"
  echo "   GET $path -> $status in ${seconds}s, Retry-After: ${retry:-none}"
  [ "$status" = 503 ] || fail "GET $path answered $status, not 503"
  [ -n "$retry" ] || fail "GET $path answered without Retry-After"
  grep -q '"code":"unavailable"' "$WORK/body" || fail "GET $path: not an 'unavailable' problem"
  awk -v s="$seconds" 'BEGIN { exit !(s < 10) }' || fail "GET $path took ${seconds}s"
done
read -r status seconds < <(probe -X POST -H 'content-type: application/json' --data '{"category":"litter","geometry":{"type":"Point","coordinates":[-3.1,56.43]},"description":"Cans"}' "$BASE/api/reports")
echo "   POST /api/reports -> $status in ${seconds}s"
[ "$status" = 503 ] || fail "POST /api/reports answered $status, not 503"

echo "-- starting PostgreSQL again"
pg_ctlcluster $CLUSTER start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
recovered=""
for _ in $(seq 1 30); do
  read -r status seconds < <(probe "$BASE/api/reports?bbox=-3.4,56.38,-3.0,56.48")
  [ "$status" = 200 ] && { recovered=yes; break; }
  sleep 1
done
[ -n "$recovered" ] || fail "the server did not recover after PostgreSQL came back"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server process died during the outage"
echo "-- recovered by itself: GET /api/reports -> 200"
