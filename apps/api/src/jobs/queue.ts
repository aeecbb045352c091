import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { HANDOFF_MAX_ATTEMPTS, HANDOFF_RETRY_DELAY_SECONDS, MAIL_FETCH_BATCH, MAIL_SEND_CONCURRENCY } from '@groundswell/core';
import type { Database, QueuedJob } from '@groundswell/db';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { pgliteBossDb } from './pglite-boss-db.ts';

const MAIL = 'mail';
const NOTIFY = 'notify';
const HOUSEKEEPING = 'housekeeping';
const HOUSEKEEPING_SECONDS = 3600;
const HANDOFF = 'handoff';
const HANDOFF_TICK = 'handoff-tick';
const LISTEN = 'listen';
/** The queues a timer feeds, whose waiting jobs carry no data (see settleTickPolicy). */
const TICKS = new Set([NOTIFY, HOUSEKEEPING, HANDOFF_TICK]);
/** How often due listening sources are looked for; each source still waits its own interval. */
const LISTEN_TICK_SECONDS = 60;

export interface Jobs {
  /** Queue an email; a failed send is retried with backoff. */
  sendMail(message: MailMessage): Promise<void>;
  /**
   * An email for a write to queue in its own statement (job-queue.ts in packages/db): sent,
   * and retried, as `sendMail`'s, and queued only if that write commits.
   */
  mailJob(message: MailMessage): Promise<QueuedJob>;
  /** Queue one try of a hand-off send (issue 14); a failed try is retried with backoff. */
  sendHandoff(sendId: number): Promise<void>;
  /** `housekeeping` runs hourly, one pass at a time across every process. */
  start(workers: { notify: () => Promise<void>; housekeeping?: () => Promise<unknown>; handoff?: HandoffWorkers; listen?: ListenWorkers }): Promise<void>;
  stop(): Promise<void>;
}

/** The hand-off: one send per job, and a tick that finds new reports to send and polls the targets due. */
/** Listening (issue 13): which sources are due, and one poll of one source. */
export interface ListenWorkers {
  due(): Promise<number[]>;
  poll(sourceId: number): Promise<unknown>;
}

export interface HandoffWorkers {
  send(sendId: number): Promise<unknown>;
  tick(): Promise<unknown>;
}

/**
 * Background work on pg-boss, in the same database as everything else: over PGlite through
 * its custom `db` adapter, over PostgreSQL with its own small pool. Requests only enqueue;
 * a slow mail server never slows a request, and mail goes out a few messages at a time.
 */
export function createJobs(database: Database, mailer: Mailer, logger: Logger, options: { pollSeconds?: number; handoffRetryDelaySeconds?: number } = {}): Jobs {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: pgliteBossDb(database.pglite!) as PgBoss.Db, schedule: false, supervise: true })
      : new PgBoss({ connectionString: database.url!, max: 2, schedule: false });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  let started: Promise<void> | undefined;
  const pollingIntervalSeconds = options.pollSeconds ?? 2;

  const ready = async () => {
    started ??= (async () => {
      await boss.start();
      const retryDelay = options.handoffRetryDelaySeconds ?? HANDOFF_RETRY_DELAY_SECONDS;
      const queues: Array<[string, PgBoss.Queue]> = [
        [MAIL, { name: MAIL, retryLimit: 8, retryDelay: 30, retryBackoff: true }],
        // Ticks, sent on a timer by every process: stately keeps one running and at most one
        // waiting. Singleton (one running, any number waiting) let them pile up: a worker takes
        // one per poll, so with two processes, or one slow pass, the backlog grew without end
        // (1,357 waiting notify passes in the bench database after two hours).
        [NOTIFY, { name: NOTIFY, policy: 'stately' }],
        [HOUSEKEEPING, { name: HOUSEKEEPING, policy: 'stately' }],
        // stately: per send (singletonKey) at most one job waiting and one running, so a resend
        // while a retry waits never runs two tries of one send at once.
        [HANDOFF, { name: HANDOFF, policy: 'stately', retryLimit: HANDOFF_MAX_ATTEMPTS - 1, retryDelay, retryBackoff: true }],
        [HANDOFF_TICK, { name: HANDOFF_TICK, policy: 'stately' }],
        // stately: per source (singletonKey) one poll queued and one running, never two at once.
        [LISTEN, { name: LISTEN, policy: 'stately' }],
      ];
      for (const [name, queue] of queues) {
        await createQueueOnce(boss, name, queue);
        if (TICKS.has(name)) await settleTickPolicy(boss, queue);
      }
    })();
    return started;
  };

  const timers: NodeJS.Timeout[] = [];
  return {
    async sendMail(message) {
      await ready();
      await boss.send(MAIL, message);
    },
    async mailJob(message) {
      // Its queue must exist before a statement writes to it; after the first call this waits for nothing.
      await ready();
      return { queue: MAIL, data: message };
    },
    async sendHandoff(sendId) {
      await ready();
      await boss.send(HANDOFF, { sendId }, { singletonKey: String(sendId) });
    },
    async start(workers) {
      await ready();
      // Up to MAIL_FETCH_BATCH messages are taken in one statement (and completed in one),
      // and sent MAIL_SEND_CONCURRENCY at a time. Taking four at a time cost the database two
      // statements per four mails, as much as a report's own writes under a burst of reports
      // (bench/RESULTS.md, issue 15). A failed send fails only its own job (retried with
      // backoff); pg-boss then completes the others, which are still active. A full batch
      // means more are waiting: fetch again without the pause.
      let mailWorker: string | undefined;
      mailWorker = await boss.work<MailMessage>(MAIL, { pollingIntervalSeconds, batchSize: MAIL_FETCH_BATCH }, async (jobs) => {
        const results = await settleEach(jobs, MAIL_SEND_CONCURRENCY, (job) => mailer.send(job.data));
        await Promise.all(
          results.map(async (r, i) => {
            if (r.status === 'rejected') {
              logger.warn({ err: r.reason }, 'mail send failed; will retry');
              await boss.fail(MAIL, jobs[i]!.id, { message: String((r.reason as Error)?.message ?? r.reason) });
            }
          }),
        );
        if (mailWorker && jobs.length === MAIL_FETCH_BATCH) boss.notifyWorker(mailWorker);
      });
      await boss.work(NOTIFY, { pollingIntervalSeconds }, async () => workers.notify());
      // New public events are found by polling the timeline past a cursor, so no request
      // has to remember to notify; the stately queue keeps at most one pass waiting.
      const timer = setInterval(() => void boss.send(NOTIFY, {}).catch((err) => logger.warn({ err }, 'notify enqueue failed')), pollingIntervalSeconds * 1000);
      timer.unref();
      timers.push(timer);
      if (workers.housekeeping) {
        const housekeeping = workers.housekeeping;
        await boss.work(HOUSEKEEPING, { pollingIntervalSeconds }, async () => void (await housekeeping()));
        const enqueue = () => void boss.send(HOUSEKEEPING, {}).catch((err) => logger.warn({ err }, 'housekeeping enqueue failed'));
        enqueue();
        const hourly = setInterval(enqueue, HOUSEKEEPING_SECONDS * 1000);
        hourly.unref();
        timers.push(hourly);
      }
      if (workers.handoff) {
        const handoff = workers.handoff;
        await boss.work<{ sendId: number }>(HANDOFF, { pollingIntervalSeconds }, async ([job]) => void (await handoff.send(job!.data.sendId)));
        await boss.work(HANDOFF_TICK, { pollingIntervalSeconds }, async () => void (await handoff.tick()));
        const tick = setInterval(() => void boss.send(HANDOFF_TICK, {}).catch((err) => logger.warn({ err }, 'hand-off tick enqueue failed')), pollingIntervalSeconds * 1000);
        tick.unref();
        timers.push(tick);
      }
      if (workers.listen) {
        const listen = workers.listen;
        await boss.work<{ sourceId: number }>(LISTEN, { pollingIntervalSeconds }, async ([job]) => void (await listen.poll(job!.data.sourceId)));
        const enqueue = async () => {
          for (const sourceId of await listen.due()) await boss.send(LISTEN, { sourceId }, { singletonKey: String(sourceId) });
        };
        const tick = setInterval(() => void enqueue().catch((err) => logger.warn({ err }, 'listening enqueue failed')), Math.min(LISTEN_TICK_SECONDS, pollingIntervalSeconds * 30) * 1000);
        tick.unref();
        timers.push(tick);
        void enqueue().catch((err) => logger.warn({ err }, 'listening enqueue failed'));
      }
    },
    async stop() {
      // Before pg-boss closes its connections: a tick firing while they close would find no
      // database under pg-boss and log a failed enqueue.
      for (const t of timers.splice(0)) clearInterval(t);
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      mailer.close?.();
    },
  };
}

/**
 * Several processes started at once on a new database all create the queues, and pg-boss
 * 10's create_queue can deadlock with itself (one inserts the queue row while another
 * creates its partition): the loser is rolled back, and once the winner has committed the
 * queue exists, so trying again is all it takes.
 */
async function createQueueOnce(boss: PgBoss, name: string, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, queue);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

/**
 * A queue made before its policy changed keeps the old one (pg-boss creates a queue once):
 * set the queue's policy and drop the ticks waiting under the old one. A tick carries no data
 * (each pass finds its work itself), so the next timer's tick does all they would have.
 */
async function settleTickPolicy(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  const current = await boss.getQueue(queue.name);
  if (!current || current.policy === queue.policy) return;
  await boss.updateQueue(queue.name, queue);
  await boss.purgeQueue(queue.name);
}

/** `fn` over every item, at most `concurrency` at once; each item's outcome, in order. */
async function settleEach<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await fn(items[i]!).then(
        () => ({ status: 'fulfilled', value: undefined }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
