#!/usr/bin/env bash
# The Dockerfile without Docker: CI has no registry to pull node:20-bookworm-slim from, so it runs
# the Dockerfile's RUN steps (all but those marked "container-only") in a scratch copy of the
# repository, then its CMD with only DATABASE_URL set, and checks the server answers as a
# container's would: ready on the database, the API and the built web app served.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to an empty PostgreSQL database with PostGIS}"
scratch=$(mktemp -d)
server=""
# On the way out, stop the server if it still runs (a failed check) and remove the copy; never a failure of its own.
trap 'if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$scratch"' EXIT
# What `COPY . .` copies: the committed tree, or with --worktree the files as they are now.
if [[ ${1:-} == --worktree ]]; then
  git ls-files -co --exclude-standard -z | tar --null -T - -c | tar -x -C "$scratch"
else
  git archive HEAD | tar -x -C "$scratch"
fi

skip=false
while IFS= read -r line; do
  if [[ $line == "# container-only"* ]]; then skip=true; continue; fi
  if [[ $line == RUN\ * ]]; then
    if $skip; then skip=false; continue; fi
    step=${line#RUN }
    # pnpm is installed globally in the image; here it is the pinned version through npx.
    step=${step//pnpm /npx -y pnpm@10.34.8 }
    echo "+ $step"
    (cd "$scratch" && CI=true bash -c "$step")
  fi
done < Dockerfile

port=$((20000 + RANDOM % 20000))
cmd=$(sed -n 's/^CMD \[\(.*\)\]$/\1/p' Dockerfile | tr -d '",')
(cd "$scratch/apps/api" && NODE_ENV=production PORT=$port HOST=127.0.0.1 DATA_DIR="$scratch/data" LOG_LEVEL=warn DEMO_DATA=off exec $cmd) &
server=$!
for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$port/health/ready" | grep -q '"ok"'
curl -fsS "http://127.0.0.1:$port/api/config" | grep -q '"siteName"'
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root"'
echo "container steps: the pruned install serves the API and the web app on PostgreSQL"
kill -TERM "$server"
wait "$server" || true
server=""
