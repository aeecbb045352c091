import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { buildDeps } from './start.ts';
import { notifyFollowers } from './subscriptions/notify.ts';
import { pruneExpired } from './housekeeping/prune-expired.ts';

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const deps = await buildDeps(config);
  const app = createApp(deps);
  await deps.jobs.start({ notify: () => notifyFollowers(deps).then(() => undefined), housekeeping: () => pruneExpired(deps) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    deps.logger.info({ url: `http://localhost:${info.port}`, ms: Math.round(performance.now() - started), database: deps.database.kind }, 'Groundswell is listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Past the grace period, give up on slow clients rather than hang a deploy.
    const force = setTimeout(() => {
      deps.logger.warn('grace period over, closing remaining connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await deps.jobs.stop();
      await deps.database.close();
      deps.logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Groundswell could not start:', err);
  }
  process.exit(1);
});
