/**
 * A real HTTP server over a fresh test database, for browser tests: the same createApp
 * the production server uses, listening on a free loopback port.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Database } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { testDatabase } from '@groundswell/db/vitest';
import { createApp } from '../src/app.ts';
import { listen } from '../src/http/listen.ts';
import { loadDemoStaff } from '../src/staff/demo-staff.ts';
import { askIfFixed } from '../src/questionnaires/ask-if-fixed.ts';
import { NOTIFY_SETTLE_SECONDS, notifyFollowers } from '../src/subscriptions/notify.ts';
import { testConfig, type Config } from '../src/config.ts';
import { systemClock } from '../src/deps.ts';
import { DiskStorage } from '../src/storage/storage.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { pollSource } from '../src/listening/poll-source.ts';
import { createJobs } from '../src/jobs/queue.ts';

export interface TestServer {
  url: string;
  database: Database;
  dataDir: string;
  /** Runs the hourly "Is it fixed?" pass now, through the real job queue; the number of reporters asked. */
  askIfFixed(): Promise<number>;
  /** Reads one listening source now, as the job queue's poller does when it is due. */
  pollListening(sourceId: number): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * `demoNow` pins the clock the demo data is generated against: the demo is deterministic for
 * a seed and a clock, so a test that names what the demo holds ("its one new litter report")
 * passes whatever day it runs.
 */
export async function startTestServer(options: { demo?: boolean; demoNow?: Date; config?: Partial<Config> } = {}): Promise<TestServer> {
  const database = await testDatabase();
  if (options.demo) {
    await loadDemo(database, { now: options.demoNow ?? systemClock.now() });
    await loadDemoStaff(database);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-e2e-'));
  const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  let url = '';
  const config = () => testConfig({ dataDir, webDist, publicUrl: url, mapStyleUrl: 'http://127.0.0.1:9/style.json', ...options.config });
  const logger = pino({ level: 'silent' });
  const mailer = createMailer({ dataDir, from: 'test@groundswell.invalid' });
  const jobs = createJobs(database, mailer, logger, { pollSeconds: 0.5 });
  const deps = { database, config: config(), logger, clock: systemClock, storage: new DiskStorage(dataDir), mailer, jobs };
  // The production server's own connection handling (keep-alive, closing), as e2e tests meet it.
  const server = await new Promise<ReturnType<typeof listen>>((resolve) => {
    const s = listen(
      (req) => app.fetch(req),
      { port: 0, hostname: '127.0.0.1', keepAliveMs: deps.config.keepAliveMs },
      () => resolve(s),
    );
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps.config = config();
  const app = createApp(deps);
  await jobs.start({ notify: () => notifyFollowers(deps, { settleSeconds: NOTIFY_SETTLE_SECONDS }).then(() => undefined) });
  return {
    url,
    database,
    dataDir,
    askIfFixed: () => askIfFixed(deps),
    pollListening: (sourceId: number) => pollSource(deps, sourceId),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.stop();
      await database.close();
    },
  };
}
