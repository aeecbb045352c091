#!/usr/bin/env bash
# The restore drill of docs/operations.md, on PostgreSQL: demo data and photos in a scratch
# database next to $DATABASE_URL's, `pnpm cli backup`, drop and recreate the database and
# delete the photos, `pnpm cli restore`, then compare the counts and contents of reports,
# events and photos, and the sha256 of every photo file, before and after. Any difference
# fails the drill. Needs psql, pg_dump and pg_restore (CI installs postgresql-15).
# Usage: DATABASE_URL=postgres://user:pass@host:5432/any scripts/restore-drill.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server; the drill works in a scratch database beside it}"
PNPM="${PNPM:-npx -y pnpm@10.34.8}"
ADMIN_URL="$DATABASE_URL"
DRILL_DB="${DRILL_DB:-groundswell_restore_drill}"
DRILL_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$ADMIN_URL" "$DRILL_DB")"
WORK="$(mktemp -d)"
export DATABASE_URL="$DRILL_URL" DATA_DIR="$WORK/data" LOG_LEVEL=warn DEMO_DATA=off

admin() { psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qAtc "$1"; }
cleanup() {
  admin "drop database if exists \"$DRILL_DB\" with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# What must survive: counts and a digest of every row of the three tables, and every photo file's sha256.
snapshot() {
  psql "$DRILL_URL" -v ON_ERROR_STOP=1 -qAt <<'SQL'
select 'reports ' || count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '-') from reports t;
select 'events ' || count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '-') from report_events t;
select 'photos ' || count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '-') from photos t;
SQL
  echo "photo files $(find "$DATA_DIR/photos" -type f 2>/dev/null | wc -l)"
  (cd "$DATA_DIR" && find photos -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64)
}

echo "-- a scratch database with the demo and some photos: $DRILL_DB"
admin "drop database if exists \"$DRILL_DB\" with (force)"
admin "create database \"$DRILL_DB\""
$PNPM cli demo >/dev/null
$PNPM --filter @groundswell/api exec tsx "$PWD/scripts/restore-drill-photos.ts" 8
snapshot >"$WORK/before.txt"
cat "$WORK/before.txt"
grep -q '^photos 0 ' "$WORK/before.txt" && { echo "DRILL FAILED: no photos to back up" >&2; exit 1; }

echo "-- backup"
$PNPM cli backup --out "$WORK/drill.tar"
$PNPM cli backup verify "$WORK/drill.tar"

echo "-- wipe: drop and recreate the database, delete the photos"
admin "drop database \"$DRILL_DB\" with (force)"
admin "create database \"$DRILL_DB\""
rm -rf "$DATA_DIR/photos"

echo "-- restore"
$PNPM cli restore "$WORK/drill.tar"
snapshot >"$WORK/after.txt"

if ! diff -u "$WORK/before.txt" "$WORK/after.txt"; then
  echo "DRILL FAILED: the restored database or photos differ from the backed-up ones (diff above)" >&2
  exit 1
fi
echo "-- restore drill passed: reports, events, photos and photo files are identical after backup, wipe and restore"
