#!/usr/bin/env bash
# A real streaming replica of the local PostgreSQL 15 cluster "main" (port 5432), as a second
# Debian cluster "replica" on port 5433: pg_basebackup -R (which writes primary_conninfo and
# standby.signal) into the new cluster's data directory, started, and waited for until it
# streams. Run as root on the machine of the primary (CI and local runs; docs/operations.md).
# Idempotent: an existing "replica" cluster is dropped and made again from the primary.
# The primary needs wal_level=replica (PostgreSQL's default) and a free WAL sender; Debian's
# pg_hba.conf already lets local connections replicate.
set -euo pipefail
VERSION="${PG_VERSION:-15}"
PRIMARY_CLUSTER="${PRIMARY_CLUSTER:-main}"
NAME="${REPLICA_CLUSTER:-replica}"
PORT="${REPLICA_PORT:-5433}"
DATA="/var/lib/postgresql/$VERSION/$NAME"

primary_port="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$PRIMARY_CLUSTER" '$1 == v && $2 == c { print $3 }')"
[ -n "$primary_port" ] || { echo "replica-setup: no cluster $VERSION $PRIMARY_CLUSTER" >&2; exit 1; }
ask() { su postgres -c "psql -p $1 -qAtc \"$2\""; }
[ "$(ask "$primary_port" 'show wal_level')" != minimal ] || { echo "replica-setup: the primary has wal_level=minimal; set replica and restart it" >&2; exit 1; }

if pg_lsclusters -h | awk -v v="$VERSION" -v c="$NAME" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  pg_dropcluster --stop "$VERSION" "$NAME"
fi
pg_createcluster "$VERSION" "$NAME" -p "$PORT" >/dev/null
rm -rf "$DATA"
su postgres -c "pg_basebackup -p $primary_port -D $DATA -R -X stream -c fast"

# A hot standby refuses to start with fewer of these than its primary has.
for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
  pg_conftool "$VERSION" "$NAME" set "$setting" "$(ask "$primary_port" "show $setting")"
done
# Long exports read from the replica: tell the primary which rows they still see, so
# replay does not cancel them ("conflict with recovery").
pg_conftool "$VERSION" "$NAME" set hot_standby_feedback on
pg_conftool "$VERSION" "$NAME" set port "$PORT"

pg_ctlcluster "$VERSION" "$NAME" start
for _ in $(seq 1 60); do
  [ "$(ask "$PORT" "select status from pg_stat_wal_receiver" 2>/dev/null)" = streaming ] && break
  sleep 1
done
status="$(ask "$PORT" "select status from pg_stat_wal_receiver" 2>/dev/null || true)"
[ "$status" = streaming ] || { echo "replica-setup: the replica on port $PORT is not streaming (${status:-no WAL receiver})" >&2; tail -20 "/var/log/postgresql/postgresql-$VERSION-$NAME.log" >&2; exit 1; }
echo "replica-setup: cluster $VERSION $NAME on port $PORT streams from $VERSION $PRIMARY_CLUSTER (port $primary_port); in recovery: $(ask "$PORT" 'select pg_is_in_recovery()')"
