/**
 * The load one UK-wide Groundswell would see at its busiest hour, and how many times that
 * this machine carries (docs/scaling.md). Open loop: requests arrive at the model's rates
 * times a multiple (Poisson arrivals, whatever the answers' speed, as real residents do),
 * against the production server (node dist/server.mjs) on PostgreSQL, one process or
 * NATIONAL_PROCESSES behind nginx (bench/cluster.ts). Each multiple is run once per repeat,
 * alternating the multiples; reported as the median (range) of the repeats.
 *
 *   BENCH_DATABASE_URL=postgres://… [BENCH_REPORTS=100000] tsx bench/national.ts
 *
 * Env: NATIONAL_MULTIPLES (10,30,100), NATIONAL_SECONDS (30), BENCH_REPEATS (3),
 * NATIONAL_PROCESSES (1; 2 or more puts nginx in front), BENCH_PORT (4390).
 * Appends its table to bench/RESULTS.md (BENCH_RESULTS names another file).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { OPEN_STATES } from '@groundswell/core';
import { connect } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { generate } from './generate.ts';
import { buildServer, percentile, ROOT, startServer } from './lib.ts';
import { startCluster } from './cluster.ts';

/**
 * Every assumption of the model. FixMyStreet, the UK-wide service, takes about 160,000
 * reports a year. Reports follow the working week and the working day: Monday is the busiest
 * day (a weekend's problems reported), daytime hours carry most of a day, with a peak hour in
 * the morning. "Updates" are what follows a report in public: supports ("me too"), staff
 * state changes and the reporter's follow-ups; here as supports, the public write there is.
 * Reads are visits to the map: each visit draws a screen of vector tiles (a phone shows about
 * 12 at a zoom, most from the shared tile cache), asks the list beside the map once, and
 * opens one report's page.
 */
export const MODEL = {
  reportsPerYear: 160_000,
  /** Monday's share of a week's reports (an even week would be 1/7 = 0.143). */
  peakDayShareOfWeek: 0.17,
  /** The busiest hour's share of that day's reports (an even day would be 1/24 = 0.042). */
  peakHourShareOfDay: 0.09,
  /** Public writes after a report: supports, follow-ups. */
  updatesPerReport: 3,
  /** Visits to the map per report: the reporter checking back, neighbours, staff on the public site. */
  visitsPerReport: 20,
  tilesPerVisit: 12,
  listsPerVisit: 1,
  pagesPerVisit: 1,
};

/** Requests a second in the peak hour, by kind. */
export function peakRates(m = MODEL) {
  const reportsPerHour = (m.reportsPerYear / (365.25 / 7)) * m.peakDayShareOfWeek * m.peakHourShareOfDay;
  const perSecond = reportsPerHour / 3600;
  return {
    reportsPerHour,
    rates: {
      report: perSecond,
      support: perSecond * m.updatesPerReport,
      tile: perSecond * m.visitsPerReport * m.tilesPerVisit,
      list: perSecond * m.visitsPerReport * m.listsPerVisit,
      page: perSecond * m.visitsPerReport * m.pagesPerVisit,
    },
  };
}

type Kind = keyof ReturnType<typeof peakRates>['rates'];

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database (bench/generate.ts fills it)');
  const count = Number(process.env.BENCH_REPORTS ?? 100_000);
  const multiples = (process.env.NATIONAL_MULTIPLES ?? '10,30,100').split(',').map(Number);
  const seconds = Number(process.env.NATIONAL_SECONDS ?? 30);
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const processes = Number(process.env.NATIONAL_PROCESSES ?? 1);
  const port = Number(process.env.BENCH_PORT ?? 4390);
  const log = (s: string) => process.stdout.write(`${s}\n`);

  const { reportsPerHour, rates } = peakRates();
  const total = Object.values(rates).reduce((a, b) => a + b, 0);
  log(`== national model: ${reportsPerHour.toFixed(0)} reports in the peak hour; ${total.toFixed(2)} requests/s in all`);
  for (const [k, v] of Object.entries(rates)) log(`   ${k.padEnd(8)} ${v.toFixed(3)}/s`);

  await buildServer();
  await generate(url, count);
  const database = await connect({ databaseUrl: url, maxConnections: 2 });
  await database.rows(sql`select setseed(0.3)`);
  const sampled = await database.rows<{ id: string; x: number; y: number; open: boolean }>(sql`
    select public_id as id, ST_X(point) as x, ST_Y(point) as y, state = any(${`{${OPEN_STATES.join(',')}}`}::text[]) as open
    from reports where state <> 'hidden' and public_id ~ '^[a-z0-9]{4,32}$' order by random() limit 2000`);
  // Residents support what is still open: a closed report answers 409 (make a new one), which is not the load modelled.
  const open = sampled.filter((p) => p.open);
  const [cat] = await database.rows<{ code: string }>(sql`
    select code from categories where active and 'Point' = any(geometry_types) and not jsonb_path_exists(questions, '$[*] ? (@.required == true)') order by sort_order, id limit 1`);
  await database.close();
  if (!cat || !sampled.length) throw new Error('the bench database has no reports or no point category');

  const target = processes > 1 ? await startCluster(url, port, processes) : await startServer(url, port, [], { TRUST_PROXY: '1' });
  const base = target.url;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let address = 0;
  const pick = () => sampled[Math.floor(Math.random() * sampled.length)]!;

  function request(kind: Kind): Promise<Sample> {
    const p = kind === 'support' ? open[Math.floor(Math.random() * open.length)]! : pick();
    address += 1;
    const ip = `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
    let method = 'GET';
    let path: string;
    let body: string | undefined;
    if (kind === 'report') {
      method = 'POST';
      path = '/api/reports';
      body = JSON.stringify({
        category: cat!.code,
        geometry: { type: 'Point', coordinates: [Number(p.x) + 0.0001, Number(p.y)] },
        description: 'Pothole about a hand deep on the bend.',
        contact: { name: 'Alex Resident', email: 'alex.resident@example.org' },
      });
    } else if (kind === 'support') {
      method = 'POST';
      path = `/api/reports/${p.id}/supports`;
      body = JSON.stringify({ deviceId: randomUUID() });
    } else if (kind === 'tile') {
      const z = 12 + Math.floor(Math.random() * 5);
      path = `/tiles/reports/${z}/${lon2x(Number(p.x), z)}/${lat2y(Number(p.y), z)}.mvt`;
    } else if (kind === 'list') {
      const [x, y] = [Number(p.x), Number(p.y)];
      path = `/api/reports?bbox=${(x - 0.012).toFixed(4)},${(y - 0.007).toFixed(4)},${(x + 0.012).toFixed(4)},${(y + 0.007).toFixed(4)}&limit=200`;
    } else {
      path = `/api/reports/${p.id}`;
    }
    return new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        `${base}${path}`,
        { method, agent, headers: { 'x-forwarded-for': ip, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': randomUUID() } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ kind, ms: performance.now() - t0, ok: (res.statusCode ?? 500) < 300, status: res.statusCode ?? 0 }));
        },
      );
      req.on('error', () => resolve({ kind, ms: performance.now() - t0, ok: false, status: 0 }));
      req.end(body);
    });
  }

  /** Poisson arrivals at `multiple` × the peak-hour rates for `seconds`. */
  async function openLoop(multiple: number): Promise<{ offered: number; achieved: number; p50: number; p95: number; p99: number; writeP95: number; failed: number }> {
    const kinds = Object.keys(rates) as Kind[];
    const weights = kinds.map((k) => rates[k] / total);
    const lambda = total * multiple;
    const pending: Array<Promise<Sample>> = [];
    const start = performance.now();
    let next = start;
    while (performance.now() - start < seconds * 1000) {
      next += (-Math.log(1 - Math.random()) / lambda) * 1000;
      const wait = next - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      let u = Math.random();
      let kind = kinds[kinds.length - 1]!;
      for (let i = 0; i < kinds.length; i++) {
        u -= weights[i]!;
        if (u <= 0) {
          kind = kinds[i]!;
          break;
        }
      }
      pending.push(request(kind));
    }
    const offered = pending.length / seconds;
    const samples = await Promise.all(pending);
    const elapsed = (performance.now() - start) / 1000;
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const writes = samples
      .filter((s) => s.kind === 'report' || s.kind === 'support')
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const failures = samples.filter((s) => !s.ok);
    const failed = failures.length;
    if (failed) {
      const by = new Map<string, number>();
      for (const f of failures) by.set(`${f.kind} ${f.status || 'no answer'}`, (by.get(`${f.kind} ${f.status || 'no answer'}`) ?? 0) + 1);
      log(`    failed: ${[...by].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    }
    return { offered, achieved: (samples.length - failed) / elapsed, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), p99: percentile(ms, 0.99), writeP95: percentile(writes, 0.95), failed };
  }

  const results = new Map<number, Array<Awaited<ReturnType<typeof openLoop>>>>();
  try {
    // Warm: the tile cache and prepared statements, as a running service has them.
    await openLoop(multiples[0]!);
    for (let r = 0; r < repeats; r++) {
      for (const m of r % 2 ? [...multiples].reverse() : multiples) {
        const x = await openLoop(m);
        results.set(m, [...(results.get(m) ?? []), x]);
        log(
          `  run ${r + 1}, ${m}× peak: offered ${x.offered.toFixed(1)}/s, answered ${x.achieved.toFixed(1)}/s, p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms, writes p95 ${x.writeP95.toFixed(0)} ms, ${x.failed} failed`,
        );
      }
    }
  } finally {
    agent.destroy();
    await target.stop();
  }
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const range = (xs: number[], d = 0) => `${med(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
  const carried = (xs: Array<Awaited<ReturnType<typeof openLoop>>>) => med(xs.map((x) => x.achieved / x.offered)) >= 0.97 && med(xs.map((x) => x.p95)) < 250 && xs.every((x) => x.failed === 0);
  const md = [
    '',
    `## Issue 15: national simulation (bench/national.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- model: ${MODEL.reportsPerYear.toLocaleString('en')} reports a year; peak day ${MODEL.peakDayShareOfWeek} of a week, peak hour ${MODEL.peakHourShareOfDay} of that day → ${reportsPerHour.toFixed(0)} reports in the peak hour; per report ${MODEL.updatesPerReport} public updates, ${MODEL.visitsPerReport} visits of ${MODEL.tilesPerVisit} tiles, ${MODEL.listsPerVisit} list and ${MODEL.pagesPerVisit} report page → ${total.toFixed(2)} requests/s at 1×`,
    `- target: ${processes > 1 ? `${processes} API processes behind nginx` : 'one API process'} (node dist/server.mjs) on PostgreSQL with ${count.toLocaleString('en')} generated reports; ${cpus().length} cores shared with the database and the load generator (and, this session, other work: see the spread)`,
    `- open loop (Poisson arrivals), ${seconds} s a run, ${repeats} runs per multiple alternated; "carried" = answered ≥ 97% of offered, median p95 < 250 ms, nothing failed`,
    '',
    '| multiple of the peak hour | offered req/s | answered req/s | p50 ms | p95 ms | p99 ms | writes p95 ms | failed | carried |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...multiples.map((m) => {
      const xs = results.get(m)!;
      return `| ${m}× | ${range(
        xs.map((x) => x.offered),
        1,
      )} | ${range(
        xs.map((x) => x.achieved),
        1,
      )} | ${range(xs.map((x) => x.p50))} | ${range(xs.map((x) => x.p95))} | ${range(xs.map((x) => x.p99))} | ${range(xs.map((x) => x.writeP95))} | ${xs.reduce((s, x) => s + x.failed, 0)} | ${carried(xs) ? 'yes' : '**no**'} |`;
    }),
    '',
  ].join('\n');
  const out = join(ROOT, 'bench', process.env.BENCH_RESULTS ?? 'RESULTS.md');
  appendFileSync(out, md);
  log(`${md}\nappended to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
