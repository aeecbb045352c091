/**
 * S5 of issue 15: POST /api/reports with 50 connections against pgbench running the same
 * statements with 50 clients, in turns (bench/lib.ts inTurn), BENCH_REPEATS times. A web
 * report as the app sends it: an Idempotency-Key, a name and an email (so contact details,
 * the reporter's follow and a confirmation mail), one of 16 points over the county's towns,
 * each post from its own client address (TRUST_PROXY=1 and X-Forwarded-For, so the
 * 60-an-hour limit counts a new bucket each time, as it does for real residents). The
 * reports it posted, both sides', are removed at the end (removePostedReports).
 *
 * pgbench runs, per transaction, the two statements one such post sends (captured from
 * the same repository functions, checkNewReport and writeNewReport, which queues the mail),
 * with a fresh random number standing in for every unique value (public id, tokens, key,
 * client address). The server's mail worker sends the queued
 * mails (as files here) while the load runs, work the API side does and pgbench does not;
 * what is still queued when a run ends is sent before the next figure is taken.
 *
 * In pgbench's turn it runs a second time with as many clients as the API has connections
 * (POOL_CONNECTIONS): the most the database alone gets through here, which by Little's law
 * bounds the mean latency 50 connections can see.
 *
 * Then both sides again at a fixed offered rate, half what pgbench reached (ratePostLoad and
 * pgbench -R), for the tail a post meets below the limit rather than the queue 50 busy
 * connections make.
 *
 * The round trips themselves (2 statements, the mail queued in the second) are counted at the
 * driver by apps/api/test/report-round-trips.test.ts, on both databases.
 *
 * Env as bench/run.ts; BENCH_POST_CLIENTS (50) and BENCH_POST_SECONDS (BENCH_SECONDS).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { checkNewReport, writeNewReport, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { reportConfirmationMail } from '../apps/api/src/reports/confirmation-mail.ts';
import { inlineSql, inTurn, percentile, pgbench, pgParts, ROOT, runWrk, startServer, useWrk } from './lib.ts';
import type { BenchContext, Row } from './run.ts';

const POST_CLIENTS = Number(process.env.BENCH_POST_CLIENTS ?? 50);
/** The API server's PostgreSQL connections: DATABASE_POOL_SIZE, which the bench's server inherits (10 by default). */
const POOL_CONNECTIONS = Number(process.env.DATABASE_POOL_SIZE ?? 10);
/** In the captured SQL, where pgbench puts its random number (`:r`). */
const MARK = 'QQRQQ';
const SCOPE = 'POST /api/reports';
/**
 * pgbench queues its mails in a queue of their own, with the mail queue's settings, that no
 * worker takes: in `mail` the API server's worker would send them during the next API run.
 */
const BENCH_QUEUE = 'bench_mail';

type Category = { code: string; id: number; defaultTeamId: number | null; responseDays: number; name: string };

/**
 * 16 points over the generated county's towns (bench/generate.ts), Perth weighted as it is
 * there: reports land in several zoom-12 cells, whose tile-version counters a report bumps
 * at commit, as a county's reports do (all in one cell would queue every commit on one row).
 */
export const POINTS: Array<[number, number]> = [
  [-3.437, 56.396],
  [-3.431, 56.401],
  [-3.445, 56.392],
  [-3.426, 56.389],
  [-3.452, 56.404],
  [-3.34, 56.591],
  [-3.838, 56.373],
  [-3.405, 56.42],
  [-3.73, 56.704],
  [-3.7, 56.296],
  [-3.42, 56.206],
  [-3.867, 56.62],
  [-3.268, 56.546],
  [-3.23, 56.622],
  [-3.586, 56.565],
  [-3.212, 56.392],
];

const bodyFor = (category: string, i: number) => ({
  category,
  geometry: { type: 'Point' as const, coordinates: POINTS[i % POINTS.length]! },
  description: 'Pothole about a hand deep on the bend, cars swerving round it.',
  answers: {},
  contact: { name: 'Alex Resident', email: 'alex.resident@example.org' },
  showName: false,
  locale: 'en' as const,
});

/** A point-report category every generated county has, asking nothing that must be answered. */
export async function pickCategory(database: Database): Promise<Category> {
  const [row] = await database.rows<Category & { name: { en: string } }>(sql`
    select code, id, default_team_id as "defaultTeamId", response_days as "responseDays", name from categories
    where active and 'Point' = any(geometry_types) and not jsonb_path_exists(questions, '$[*] ? (@.required == true)')
    order by sort_order, id limit 1`);
  if (!row) throw new Error('no active point category without required questions in the bench data');
  return { ...row, name: row.name.en };
}

/** The statements one post sends, as pgbench script text with `:r` for every unique value. */
export async function capturedScript(database: Database, category: Category, point: number, publicUrl: string): Promise<string> {
  const captured: ReturnType<typeof sql>[] = [];
  const fake = {
    kind: 'postgres',
    rows: async (q: ReturnType<typeof sql>) => {
      captured.push(q);
      return captured.length === 1 ? [{ facts: { idempotent: null } }] : [{ id: 1, area_id: null }];
    },
  } as unknown as Database;
  const input = bodyFor(category.code, point);
  const key = `key-${MARK}`;
  const publicId = `b${MARK}`;
  const token = `tok-${MARK}`;
  const createdAt = new Date();
  await checkNewReport(fake, { category: category.code, geometry: input.geometry, idempotency: { scope: SCOPE, key }, rateLimit: { bucket: `create-report:10.${MARK}`, windowStart: createdAt } });
  const created = {
    id: publicId,
    url: `${publicUrl}/api/reports/${publicId}`,
    pageUrl: `${publicUrl}/#/reports/${publicId}`,
    state: 'new',
    category: category.code,
    responseDays: category.responseDays,
    createdAt: createdAt.toISOString(),
    uploadToken: `up-${MARK}`,
  };
  // The confirmation, queued by the write's own statement as createReport queues it (into pgbench's own queue).
  const mail = reportConfirmationMail({
    to: input.contact.email,
    locale: 'en',
    publicId,
    category: category.name,
    responseDays: category.responseDays,
    createdAt,
    pageUrl: created.pageUrl,
    unsubscribeUrl: `${publicUrl}/api/subscriptions/unsubscribe?token=${token}`,
  });
  await writeNewReport(fake, {
    publicId,
    categoryId: category.id,
    teamId: category.defaultTeamId,
    geometry: input.geometry,
    description: input.description,
    answers: {},
    contact: input.contact,
    showName: false,
    locale: 'en',
    channel: 'web',
    createdAt,
    uploadTokenHash: createHash('sha256').update(randomBytes(24)).digest('hex'),
    reporterUnsubscribeToken: token,
    actor: { type: 'resident' },
    jobs: [{ queue: BENCH_QUEUE, data: mail }],
    idempotency: { scope: SCOPE, key, fingerprint: createHash('sha256').update(JSON.stringify(input)).digest('hex'), response: { status: 201, headers: { location: created.url }, body: created } },
  });
  const statements = captured.map((q) => inlineSql(database, q)).map((s) => `${s.replace(/\s+/g, ' ').trim().replaceAll(MARK, ':r')};`);
  return ['\\set r random(1, 9000000000000000)', ...statements].join('\n');
}

interface PostResult {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

let address = 0;

/**
 * `clients` keep-alive connections POSTing reports for `seconds`, each post from a new
 * address and with its own Idempotency-Key. Driven by wrk (C, as pgbench is) when it is
 * installed, so the load generator's own CPU on this 2-core machine is about pgbench's; a
 * Node client (BENCH_POST_CLIENT=node, or no wrk) spends about as much CPU per request as
 * the server it measures.
 */
export async function postLoad(baseUrl: string, category: string, clients: number, seconds: number): Promise<PostResult> {
  return (await useWrk(process.env.BENCH_POST_CLIENT)) ? wrkPostLoad(baseUrl, category, clients, seconds) : nodePostLoad(baseUrl, category, clients, seconds);
}

/** Addresses one wrk run may use (far more posts than a run makes), so runs never share a rate-limit bucket. */
const WRK_ADDRESSES_PER_THREAD = 400_000;
const WRK_THREADS = 2;

async function wrkPostLoad(baseUrl: string, category: string, clients: number, seconds: number): Promise<PostResult> {
  const bodies = POINTS.map((_, i) => JSON.stringify(bodyFor(category, i)));
  const lua = `-- written by bench/report-post.ts: one report per request, each with its own key and client address
local bodies = { ${bodies.map((b) => `[==[${b}]==]`).join(',\n  ')} }
local n = 0
function init(args)
  base = tonumber(args[1]) + tid * ${WRK_ADDRESSES_PER_THREAD}
  math.randomseed(os.time() + tid)
  prefix = string.format("%x-%x-%d", os.time(), math.random(0, 16777215), tid)
end
function request()
  n = n + 1
  local a = base + n
  local headers = {
    ["content-type"] = "application/json",
    ["idempotency-key"] = prefix .. "-" .. n,
    ["x-forwarded-for"] = string.format("10.%d.%d.%d", math.floor(a / 65536) % 256, math.floor(a / 256) % 256, a % 256),
  }
  return wrk.format("POST", "/api/reports", headers, bodies[(n % #bodies) + 1])
end`;
  const offset = address;
  address += WRK_ADDRESSES_PER_THREAD * WRK_THREADS;
  const {
    requests,
    seconds: duration,
    p50,
    p99,
    status,
    socket,
    timeouts,
  } = await runWrk(baseUrl, 'post', lua, {
    threads: WRK_THREADS,
    clients,
    seconds,
    timeoutSeconds: 10,
    args: [String(offset)],
  });
  const errors = status + socket + timeouts;
  if (errors) process.stdout.write(`  (wrk: ${status} non-2xx answers, ${socket} socket errors, ${timeouts} timeouts)\n`);
  return { perSecond: requests / duration, p50, p99, errors, requests };
}

/**
 * One report POSTed through `agent` from the next client address, with its own key; settles
 * with the answer's status (0 when the request failed) and its body's start when not 201.
 */
function postOnce(agent: http.Agent, baseUrl: string, category: string, i: number): Promise<{ status: number; detail: string }> {
  address += 1;
  const body = JSON.stringify(bodyFor(category, i));
  return new Promise((resolve) => {
    const req = http.request(
      `${baseUrl}/api/reports`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': randomUUID(),
          'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, detail: res.statusCode === 201 ? '' : Buffer.concat(chunks).toString().slice(0, 200) }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, detail: e.message }));
    req.end(body);
  });
}

/** Percentiles and counts of a load's latencies (ms). */
function postResult(latencies: number[], seconds: number, errors: number, firstFailure: string): PostResult {
  if (firstFailure) process.stdout.write(`  (first failed post: ${firstFailure})\n`);
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors, requests: latencies.length };
}

/** The same load from Node's http client (see postLoad). */
async function nodePostLoad(baseUrl: string, category: string, clients: number, seconds: number): Promise<PostResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let firstFailure = '';
  let i = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const r = await postOnce(agent, baseUrl, category, i++);
        if (r.status) latencies.push(performance.now() - t0);
        if (r.status !== 201) {
          errors++;
          firstFailure ||= `${r.status} ${r.detail}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return postResult(latencies, elapsed, errors, firstFailure);
}

/**
 * Posts at a fixed offered rate (an open loop, as pgbench -R): arrivals spaced as a Poisson
 * process of `rate` a second, as pgbench schedules them, over at most `clients` connections
 * (a post that finds them all busy waits for one, as a pgbench client does). Each latency
 * counts from the post's scheduled start, so time spent waiting for a connection, or for
 * this process to get round to sending it, is in the figure, as pgbench's schedule lag is.
 * A closed loop's p99 at 50 connections is mostly the queue those connections make (by
 * Little's law its mean is 50 ÷ the rate); at a fixed rate below the limit, it is the
 * request's own time and whatever stalls it. Posts scheduled in the first `skipSeconds` are
 * sent but not counted, as pgbench's are not (its skipSeconds).
 */
async function ratePostLoad(baseUrl: string, category: string, rate: number, clients: number, seconds: number, skipSeconds: number): Promise<PostResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const posts: Promise<void>[] = [];
  let errors = 0;
  let firstFailure = '';
  let i = 0;
  const started = performance.now();
  const counted = started + skipSeconds * 1000;
  const end = counted + seconds * 1000;
  let next = started;
  while (next < end) {
    const now = performance.now();
    for (; next <= now && next < end; next += (-Math.log(1 - Math.random()) / rate) * 1000) {
      const scheduled = next;
      posts.push(
        postOnce(agent, baseUrl, category, i++).then((r) => {
          if (scheduled < counted) return;
          if (r.status) latencies.push(performance.now() - scheduled);
          if (r.status !== 201) {
            errors++;
            firstFailure ||= `${r.status} ${r.detail}`;
          }
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(posts);
  agent.destroy();
  return postResult(latencies, seconds, errors, firstFailure);
}

/**
 * Seconds each fixed-rate run posts before its latencies count, on both sides (pgbench's
 * skipSeconds). pgbench's 50 new backends took ~5 s to work off their start on 1 December (its
 * schedule lagging by up to 3.7 s, and posts scheduled just after 5 s still waiting ~1 s), which
 * an API's warm pool does not pay.
 */
const RATE_SKIP_SECONDS = 10;

/** The scenario, as bench/run.ts registers it (`post`). */
export async function reportPostScenario(ctx: BenchContext): Promise<Row[]> {
  const { database, log, spread } = ctx;
  const seconds = Number(process.env.BENCH_POST_SECONDS ?? ctx.seconds);
  log(`\n== S5. POST /api/reports, ${POST_CLIENTS} connections, vs pgbench of the same statements, ${POST_CLIENTS} clients`);
  const category = await pickCategory(database);
  const port = Number(new URL(ctx.server.url).port) + 5;
  const dataDir = join(ROOT, '.tmp', 'bench', 'post-data');
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startServer(ctx.url, port, [], { TRUST_PROXY: '1', DATA_DIR: dataDir });
  const pg = pgParts(ctx.url);
  const removeNewReports = await markReports(database);
  try {
    const scripts: string[] = [];
    for (let p = 0; p < POINTS.length; p++) scripts.push(await capturedScript(database, category, p, server.url));
    await prepareBenchQueue(database);
    const [before] = await database.rows<{ n: number }>(sql`select count(*)::int n from reports`);
    log(`  category ${category.code}; ${before!.n.toLocaleString('en')} reports before; warming up`);
    await postLoad(server.url, category.code, POST_CLIENTS, 5);
    // The warm-up's confirmations too are sent before the first figure: run 1 paid for them.
    await drainMail(database);
    const api: PostResult[] = [];
    const bench: Array<{ tps: number; latencyMs: number; p99Ms: number }> = [];
    const pool: Array<{ tps: number; p99Ms: number }> = [];
    for (let i = 0; i < ctx.repeats; i++) {
      let left = { queued: 0, seconds: 0 };
      const [a, b] = await inTurn(
        i,
        async () => {
          await checkpoint(database);
          const a = await postLoad(server.url, category.code, POST_CLIENTS, seconds);
          // The confirmations of that run are sent before the next figure is taken, so no run pays for another's mail.
          left = await drainMail(database);
          return a;
        },
        async () => {
          await checkpoint(database);
          const b = await pgbench('post', scripts, POST_CLIENTS, seconds, pg.env);
          await prepareBenchQueue(database);
          // The database alone again, with as many clients as the API has connections: PostgreSQL's
          // best on this machine (fewer backends, less contention), with no API beside it.
          await checkpoint(database);
          pool.push(await pgbench('post-pool', scripts, POOL_CONNECTIONS, seconds, pg.env));
          await prepareBenchQueue(database);
          return b;
        },
      );
      api.push(a);
      bench.push(b);
      log(
        `  run ${i + 1}: API ${a.perSecond.toFixed(1)} reports/s (p50 ${a.p50.toFixed(0)} ms, p99 ${a.p99.toFixed(0)} ms, ${a.errors} errors; ${left.queued} mails still queued at its end, sent in ${left.seconds.toFixed(0)} s); pgbench ${b.tps.toFixed(1)} tx/s (latency average ${b.latencyMs.toFixed(1)} ms, p99 ${b.p99Ms.toFixed(0)} ms); at ${POOL_CONNECTIONS} clients ${pool.at(-1)!.tps.toFixed(1)} tx/s`,
      );
    }
    // The same work at a fixed offered rate, half what pgbench reached above, each latency
    // from the post's scheduled start (ratePostLoad): the tail a post meets below the limit.
    const rate = Math.round(spread(bench.map((b) => b.tps)).median / 2);
    const apiAtRate: PostResult[] = [];
    const benchAtRate: Array<{ p50Ms: number; p99Ms: number }> = [];
    for (let i = 0; i < ctx.repeats; i++) {
      let left = { queued: 0, seconds: 0 };
      const [a, b] = await inTurn(
        i,
        async () => {
          await checkpoint(database);
          const a = await ratePostLoad(server.url, category.code, rate, POST_CLIENTS, seconds, RATE_SKIP_SECONDS);
          left = await drainMail(database);
          return a;
        },
        async () => {
          await checkpoint(database);
          const b = await pgbench('post-rate', scripts, POST_CLIENTS, seconds, pg.env, { rate, skipSeconds: RATE_SKIP_SECONDS });
          await prepareBenchQueue(database);
          return b;
        },
      );
      apiAtRate.push(a);
      benchAtRate.push(b);
      log(
        `  at ${rate}/s, run ${i + 1}: API ${a.perSecond.toFixed(1)} reports/s (p50 ${a.p50.toFixed(0)} ms, p99 ${a.p99.toFixed(0)} ms, ${a.errors} errors; ${left.queued} mails queued at its end); pgbench p50 ${b.p50Ms.toFixed(0)} ms, p99 ${b.p99Ms.toFixed(0)} ms`,
      );
    }
    const ms = (xs: number[]) => spread(xs, 0, ' ms').text;
    const errors = [...api, ...apiAtRate].reduce((s, a) => s + a.errors, 0);
    const ratio = spread(
      api.map((a, i) => a.perSecond / bench[i]!.tps),
      2,
      ' ×',
    );
    const p99 = spread(
      api.map((a) => a.p99),
      0,
      ' ms',
    );
    // pgbench's own p99 on the same machine: what a p99 at 50 connections can be here at all.
    const benchP99 = spread(
      bench.map((b) => b.p99Ms),
      0,
      ' ms',
    );
    const p50 = spread(
      api.map((a) => a.p50),
      0,
      ' ms',
    );
    return [
      {
        scenario: `S5 POST /api/reports (key, name and email: report, contact, follow, event, key, mail queued), ${POST_CLIENTS} connections`,
        api: `${spread(api.map((a) => a.perSecond)).text} reports/s`,
        baseline: `pgbench of the same 2 statements, ${POST_CLIENTS} clients: ${spread(bench.map((b) => b.tps)).text} tx/s`,
        ratio: ratio.text,
        goal: '≥ 0.7 × pgbench',
        met: ratio.median >= 0.7 && errors === 0,
      },
      {
        scenario: `S5 POST /api/reports p99 latency, ${POST_CLIENTS} connections`,
        api: p99.text,
        baseline: `pgbench of the same statements, ${POST_CLIENTS} clients: p99 ${benchP99.text}; API p50 ${p50.text}`,
        ratio: '—',
        goal: '< 100 ms',
        met: p99.median < 100 && errors === 0,
      },
      {
        scenario: `S5 the database alone at its best: pgbench of the same statements with ${POOL_CONNECTIONS} clients (the API's pool), no API running`,
        api: '—',
        baseline: `${spread(pool.map((b) => b.tps)).text} tx/s, p99 ${ms(pool.map((b) => b.p99Ms))}`,
        ratio: '—',
        // Little's law: N requests always in flight at X a second wait N ÷ X on average, and a p99 is above the mean.
        goal: `at that rate ${POST_CLIENTS} connections wait ${ms(pool.map((b) => (POST_CLIENTS / b.tps) * 1000))} on average, before the API's own work on the same cores`,
        met: null,
      },
      {
        scenario: `S5 POST /api/reports p99 at a fixed ${rate} posts/s (half pgbench's rate above), from each post's scheduled start, up to ${POST_CLIENTS} connections`,
        api: `${ms(apiAtRate.map((a) => a.p99))}; p50 ${ms(apiAtRate.map((a) => a.p50))}`,
        baseline: `pgbench -R ${rate}: p99 ${ms(benchAtRate.map((b) => b.p99Ms))}; p50 ${ms(benchAtRate.map((b) => b.p50Ms))}`,
        ratio: '—',
        goal: 'shown beside the p99 goal above',
        met: null,
      },
    ];
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    const removed = await removeNewReports();
    log(`  removed the ${removed.toLocaleString('en')} reports this scenario posted (API and pgbench), so later scenarios and runs read the generated data`);
  }
}

/** Notes where the reports end now; the function it returns removes every report posted since (removePostedReports). */
export async function markReports(database: Database): Promise<() => Promise<number>> {
  const [mark] = await database.rows<{ id: string; at: string }>(sql`select coalesce(max(id), 0)::text id, now()::text at from reports`);
  return () => removePostedReports(database, mark!.id, mark!.at);
}

/**
 * Deletes every report above `lastId` with what hangs off it, and the keys, limits and mail
 * jobs written since `since`. S5 adds thousands of reports at 16 fixed points each run:
 * left in place they grew the S2 town box from 111,000 reports to 240,000 in one day, so
 * runs stopped being comparable.
 */
export async function removePostedReports(database: Database, lastId: string, since: string): Promise<number> {
  const children = ['report_events', 'report_supports', 'subscriptions', 'photos', 'mentions', 'asset_events', 'handoff_sends'];
  for (const table of children) {
    await database.rows(sql`delete from ${sql.raw(table)} where report_id > ${lastId}::bigint`);
  }
  const [gone] = await database.rows<{ n: number }>(sql`with d as (delete from reports where id > ${lastId}::bigint returning 1) select count(*)::int n from d`);
  await database.rows(sql`delete from idempotency_keys where scope = ${SCOPE} and created_at >= ${since}::timestamptz`);
  await database.rows(sql`delete from rate_limits where bucket like 'create-report:%' and window_start >= date_trunc('hour', ${since}::timestamptz)`);
  await database.rows(sql`delete from pgboss.job where name in ('mail', ${BENCH_QUEUE}) and created_on >= ${since}::timestamptz`);
  // Every table the deletes (and the posts' counter bumps) left dead rows in, so the next set's first run
  // does not step over them: the rate-limit buckets' and the job queue's were part of why PostgreSQL spent
  // ~3.6 ms a post in a set's first run against ~2.3 in the next (bench/RESULTS.md, 1 December 21:03).
  const tables = ['reports', ...children, 'report_contacts', 'idempotency_keys', 'rate_limits', 'tile_versions', 'pgboss.job'];
  await database.rows(sql`vacuum analyze ${sql.raw(tables.join(', '))}`);
  return gone!.n;
}

/**
 * Each S5 run starts just after a checkpoint, so none has one start in its middle. After a
 * checkpoint the first change to each page writes the whole page to the WAL, and the posts
 * wait on their WAL flushes: on 1 December both sides of a set's first repeat ran inside a
 * timed checkpoint (14:38:38–14:40:46 in PostgreSQL's log), the API at 241 posts/s and
 * pgbench at 578 tx/s (p99 701 ms), against 385–476 and 710–754 in the other repeats.
 */
async function checkpoint(database: Database): Promise<void> {
  await database.rows(sql`checkpoint`);
}

/** Waits (up to ten minutes) until the server's worker has sent every queued mail; how many were queued and how long it took. */
export async function drainMail(database: Database): Promise<{ queued: number; seconds: number }> {
  const t0 = performance.now();
  const count = async () => Number((await database.rows<{ n: number }>(sql`select count(*)::int n from pgboss.job where name = 'mail' and state in ('created', 'retry')`))[0]!.n);
  const queued = await count();
  for (let left = queued; left > 0 && performance.now() - t0 < 600_000; left = await count()) await new Promise((r) => setTimeout(r, 500));
  return { queued, seconds: (performance.now() - t0) / 1000 };
}

/** pgbench's own mail queue (see BENCH_QUEUE), created once and emptied before each run. */
export async function prepareBenchQueue(database: Database): Promise<void> {
  await database.rows(sql`select pgboss.create_queue(${BENCH_QUEUE}, '{"policy":"standard","retryLimit":8,"retryDelay":30,"retryBackoff":true}'::json)
    where not exists (select 1 from pgboss.queue where name = ${BENCH_QUEUE})`);
  await database.rows(sql`delete from pgboss.job where name = ${BENCH_QUEUE}`);
}
