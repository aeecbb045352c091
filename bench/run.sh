#!/usr/bin/env bash
# The open-data benchmarks (not part of the test suite): generates the data set once, then
# runs every scenario beside its baseline and writes bench/RESULTS.md.
#   BENCH_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/groundswell_bench bash bench/run.sh
# BENCH_ONLY=bbox,tiles,export,webmap,embedded (any of them; all by default) picks the scenarios;
# BENCH_REPEATS (4) runs each, the API and its limit in turns; the other settings are listed at the top of bench/run.ts.
# Needs PostgreSQL + PostGIS (the role may create databases and, for S5, run CHECKPOINT), psql, pgbench, ogr2ogr and curl.
#   bash bench/run.sh geoparse   (the geoparser alone, no database: writes bench/GEOPARSE.md)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = geoparse ]; then exec node bench/geoparse.mjs; fi
: "${BENCH_DATABASE_URL:?Set BENCH_DATABASE_URL to a PostgreSQL database for the benchmark (created if missing)}"
for tool in psql pgbench ogr2ogr curl; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install postgresql-client gdal-bin curl)" >&2; exit 1; }
done
exec apps/api/node_modules/.bin/tsx bench/run.ts
