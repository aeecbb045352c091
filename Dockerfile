# Groundswell as a container: run it with only DATABASE_URL set (PostgreSQL 14+ with PostGIS 3),
# or with nothing set for the embedded database under /data (one process, a small pilot).
#
#   docker build -t groundswell .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e PUBLIC_URL=https://report.council.example groundswell
#
# CI has no registry to pull a base image from, so it runs this file's RUN steps and its CMD as a
# script instead (scripts/container-steps.sh): keep each step on one line.
FROM node:20-bookworm-slim

ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data CI=true MALLOC_ARENA_MAX=2
WORKDIR /app
COPY . .

# container-only: pnpm at the version the repository pins, and an account that is not root.
RUN npm install -g pnpm@10.34.8 && useradd --system --home /app --shell /usr/sbin/nologin groundswell && mkdir -p /data && chown groundswell /data
RUN pnpm install --frozen-lockfile
RUN pnpm build
# The web app and the API are built (apps/api/dist); their toolchains are not needed to run them.
RUN pnpm install --frozen-lockfile --prod --ignore-scripts

USER groundswell
VOLUME ["/data"]
EXPOSE 3000
# Liveness only: a database outage answers 503 on /health/ready and must not get the container restarted.
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
WORKDIR /app/apps/api
CMD ["node", "--expose-gc", "dist/server.mjs"]
