import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { listen } from './http/listen.ts';
import { buildDeps } from './start.ts';
import { NOTIFY_SETTLE_SECONDS, notifyFollowers } from './subscriptions/notify.ts';
import { pruneExpired } from './housekeeping/prune-expired.ts';
import { dueSources, pollSource } from './listening/poll-source.ts';
import { pruneListening } from './listening/prune-listening.ts';
import { applyRetention } from './housekeeping/apply-retention.ts';
import { askIfFixed } from './questionnaires/ask-if-fixed.ts';
import { sendHandoff } from './handoff/send-handoff.ts';
import { queueHandoffs } from './handoff/queue-handoffs.ts';
import { pollHandoffUpdates } from './handoff/poll-updates.ts';

/**
 * Ctrl-C (SIGINT) and a deploy's SIGTERM both stop the server cleanly and exit 0, so neither
 * `pnpm start` nor a process manager reports a failure. A signal that arrives while starting is
 * kept and acted on once start-up is done: exiting mid-migration could leave PGlite's files half written.
 */
let stopRequested: string | undefined;
let onStop: ((signal: string) => void) | undefined;
const requestStop = (signal: string) => {
  if (onStop) return onStop(signal);
  if (stopRequested) return;
  stopRequested = signal;
  // But a start that hangs (a database that never answers) must not make Ctrl-C useless.
  setTimeout(() => {
    console.error(`Groundswell was still starting 10 s after ${signal}: stopping without a clean shutdown`);
    process.exit(1);
  }, 10_000).unref();
};
process.on('SIGTERM', () => requestStop('SIGTERM'));
process.on('SIGINT', () => requestStop('SIGINT'));

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const deps = await buildDeps(config);
  const app = createApp(deps);
  // The hourly pass also asks "Is it fixed?" of the reporters now due the question.
  const housekeeping = async () => ({ pruned: await pruneExpired(deps), erased: await applyRetention(deps), asked: await askIfFixed(deps), mentions: await pruneListening(deps) });
  // Hand-off (issue 14): new reports found on the timeline are sent; Open311 targets are polled when due.
  const handoff = { send: (id: number) => sendHandoff(deps, id), tick: async () => [await queueHandoffs(deps), await pollHandoffUpdates(deps)] };
  // Listening (issue 13): each enabled source polled on its own interval, one job per source.
  const listening = { due: () => dueSources(deps), poll: (id: number) => pollSource(deps, id) };
  await deps.jobs.start({ notify: () => notifyFollowers(deps, { settleSeconds: NOTIFY_SETTLE_SECONDS }).then(() => undefined), housekeeping, handoff, listen: listening });
  const server = listen(app.fetch, { port: config.port, hostname: config.host, keepAliveMs: config.keepAliveMs }, (port) => {
    deps.logger.info({ url: `http://localhost:${port}`, ms: Math.round(performance.now() - started), database: deps.database.kind, replicas: deps.replicas?.size ?? 0 }, 'Groundswell is listening');
  });

  let stopping = false;
  // A repeated signal is ignored rather than forcing an exit: launchers (npm, pnpm, tsx) pass
  // the terminal's Ctrl-C on to their child, so one key press can arrive more than once.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Past the grace period, give up on slow clients rather than hang a deploy.
    const force = setTimeout(() => {
      deps.logger.warn('grace period over, closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    force.unref();
    server.close(async () => {
      await deps.jobs.stop();
      await deps.replicas?.close();
      await deps.database.close();
      deps.logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  onStop = stop;
  if (stopRequested) stop(stopRequested);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Groundswell could not start:', err);
  }
  process.exit(1);
});
