/**
 * One API process against two behind nginx on this 2-core machine (deploy/nginx/groundswell.conf,
 * deploy/multi/start-processes.sh; docs/scaling.md): the same read mix (vector tiles, the
 * bbox list, a report's page) and the same POST /api/reports, each beside pgbench of the same
 * SQL in the same run. Alternated 1, 2, 1, 2 … BENCH_REPEATS times; median (range).
 *
 *   BENCH_DATABASE_URL=postgres://… [BENCH_REPORTS=100000] tsx bench/multi-process.ts
 *
 * Reads: 16 town boxes (limit 200), 16 report pages (report and public timeline), 16 tiles at
 * z12 to z16 made uncached by a `since` before every report (each request its own cache key),
 * taken in turn by MULTI_READ_CLIENTS (8) connections; pgbench runs the same statements with
 * as many clients. Posts: bench/report-post.ts's web report and its pgbench script, 50
 * connections and clients. Needs nginx (apt-get install -y nginx) and pgbench.
 * Env: BENCH_SECONDS (20), BENCH_REPEATS (3), BENCH_PORT (4490), MULTI_READ_CLIENTS (8).
 */
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connect, getPublicReport, getPublicTimeline, listPublicReportFeatures, postgisTileSql, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { startCluster } from './cluster.ts';
import { generate } from './generate.ts';
import { buildServer, inlineSql, pgbench, pgParts, ROOT } from './lib.ts';
import { capturedScript, drainMail, pickCategory, POINTS, postLoad, prepareBenchQueue } from './report-post.ts';

const url = process.env.BENCH_DATABASE_URL;
const COUNT = Number(process.env.BENCH_REPORTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4490);
const READ_CLIENTS = Number(process.env.MULTI_READ_CLIENTS ?? 8);
const POST_CLIENTS = 50;
const log = (s: string) => process.stdout.write(`${s}\n`);

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** Every statement a function sends, inlined for pgbench. */
async function captureAll(database: Database, fn: (db: Database) => Promise<unknown>): Promise<string[]> {
  const captured: ReturnType<typeof sql>[] = [];
  const fake = {
    kind: 'postgres',
    rows: async (q: ReturnType<typeof sql>) => {
      captured.push(q);
      return [];
    },
  } as unknown as Database;
  await fn(fake);
  return captured.map((q) => inlineSql(database, q).replace(/\s+/g, ' '));
}

/** Closed-loop GETs over keep-alive connections, the paths taken in turn; `unique` makes each tile path its own cache key. */
async function readLoad(base: string, paths: string[], clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  let n = 0;
  let variant = 0;
  // A second in 2000 (before every report) never asked before in this run: a new cache key, the same tile.
  const variantBase = Math.floor(Math.random() * 100_000_000);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        let path = paths[n++ % paths.length]!;
        if (path.startsWith('/tiles/')) path += `?since=${new Date(946684800000 + (variantBase + variant++) * 1000).toISOString()}`;
        await new Promise<void>((resolve) => {
          http
            .get(`${base}${path}`, { agent }, (res) => {
              res.resume();
              res.on('end', () => {
                if (res.statusCode !== 200) errors++;
                done++;
                resolve();
              });
            })
            .on('error', () => {
              errors++;
              resolve();
            });
        });
      }
    }),
  );
  agent.destroy();
  return { perSecond: done / ((performance.now() - started) / 1000), errors };
}

function spread(xs: number[], d = 1) {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median, text: `${median.toFixed(d)} (${s[0]!.toFixed(d)}–${s.at(-1)!.toFixed(d)})` };
}

async function main() {
  if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database (bench/generate.ts fills it)');
  const pg = pgParts(url);
  await buildServer();
  await generate(url, COUNT);
  const database = await connect({ databaseUrl: url, maxConnections: 2 });
  const category = await pickCategory(database);
  await database.rows(sql`select setseed(0.5)`);
  const sampled = await database.rows<{ id: string; x: number; y: number }>(sql`
    select public_id as id, ST_X(point) as x, ST_Y(point) as y from reports where state <> 'hidden' and public_id ~ '^[a-z0-9]{4,32}$' and ST_X(point) between -3.5 and -3.37 and ST_Y(point) between 56.36 and 56.43
    order by random() limit 16`);
  const boxes = sampled.map((p) => [Number(p.x) - 0.012, Number(p.y) - 0.007, Number(p.x) + 0.012, Number(p.y) + 0.007].map((v) => Number(v.toFixed(4))) as [number, number, number, number]);
  const tiles = sampled.map((p, i) => {
    const z = 12 + (i % 5);
    return [z, lon2x(Number(p.x), z), lat2y(Number(p.y), z)] as const;
  });
  const paths = sampled.flatMap((p, i) => [`/api/reports?bbox=${boxes[i]!.join(',')}&limit=200`, `/api/reports/${p.id}`, `/tiles/reports/${tiles[i]!.join('/')}.mvt`]);
  const readScripts: string[] = [];
  for (let i = 0; i < sampled.length; i++) {
    readScripts.push((await captureAll(database, (db) => listPublicReportFeatures(db, { bbox: boxes[i]!, limit: 200 }, { locale: 'en', baseUrl: 'http://127.0.0.1' })))[0]!);
    readScripts.push((await captureAll(database, async (db) => [await getPublicReport(db, sampled[i]!.id), await getPublicTimeline(db, sampled[i]!.id)])).join(';\n'));
    const [z, x, y] = tiles[i]!;
    readScripts.push(inlineSql(database, postgisTileSql(z, x, y, { since: '2000-01-01T00:00:00.000Z' })));
  }
  const postScripts: string[] = [];
  for (let p = 0; p < POINTS.length; p++) postScripts.push(await capturedScript(database, category, p, `http://127.0.0.1:${PORT}`));
  await prepareBenchQueue(database);

  const figures: Record<number, { read: number[]; readBench: number[]; post: number[]; postBench: number[]; p99: number[] }> = {};
  for (let r = 0; r < REPEATS; r++) {
    for (const n of r % 2 ? [2, 1] : [1, 2]) {
      const cluster = await startCluster(url, PORT, n, { DATA_DIR: join(ROOT, '.tmp', 'bench', `multi-data-${n}`) });
      try {
        await readLoad(cluster.url, paths, READ_CLIENTS, 3);
        const read = await readLoad(cluster.url, paths, READ_CLIENTS, SECONDS);
        const readBench = (await pgbench('multi-read', readScripts, READ_CLIENTS, SECONDS, pg.env)).tps;
        const post = await postLoad(cluster.url, category.code, POST_CLIENTS, SECONDS);
        await drainMail(database);
        const postBench = (await pgbench('multi-post', postScripts, POST_CLIENTS, SECONDS, pg.env)).tps;
        await prepareBenchQueue(database);
        figures[n] ??= { read: [], readBench: [], post: [], postBench: [], p99: [] };
        const f = figures[n];
        f.read.push(read.perSecond);
        f.readBench.push(readBench);
        f.post.push(post.perSecond);
        f.postBench.push(postBench);
        f.p99.push(post.p99);
        log(
          `  run ${r + 1}, ${n} process${n > 1 ? 'es' : ''}: reads ${read.perSecond.toFixed(1)}/s (${read.errors} errors) vs pgbench ${readBench.toFixed(1)}/s; posts ${post.perSecond.toFixed(1)}/s (p99 ${post.p99.toFixed(0)} ms, ${post.errors} errors) vs pgbench ${postBench.toFixed(1)}/s`,
        );
      } finally {
        await cluster.stop();
      }
    }
  }
  await database.close();
  const row = (n: number) => {
    const f = figures[n]!;
    return `| ${n} | ${spread(f.read).text} | ${spread(f.readBench).text} | ${
      spread(
        f.read.map((a, i) => a / f.readBench[i]!),
        2,
      ).text
    } × | ${spread(f.post).text} | ${spread(f.postBench).text} | ${
      spread(
        f.post.map((a, i) => a / f.postBench[i]!),
        2,
      ).text
    } × | ${spread(f.p99, 0).text} |`;
  };
  const md = [
    '',
    `## Issue 15: API processes behind nginx (bench/multi-process.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- ${COUNT.toLocaleString('en')} generated reports in PostgreSQL; nginx (deploy/nginx/groundswell.conf, least_conn, keepalive) in front of node dist/server.mjs processes; ${cpus().length} cores shared by nginx, the processes, PostgreSQL and the load generator (and this session other helpers' work)`,
    `- reads: town boxes (limit 200), report pages, uncached tiles z12–16 in turn, ${READ_CLIENTS} connections; posts: web reports with key, name and email, ${POST_CLIENTS} connections; pgbench with as many clients runs the same statements; ${SECONDS} s a run, ${REPEATS} runs alternated`,
    '',
    '| processes | reads/s | pgbench reads/s | ratio | posts/s | pgbench posts/s | ratio | post p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row(1),
    row(2),
    '',
  ].join('\n');
  const out = join(ROOT, 'bench', process.env.BENCH_RESULTS ?? 'RESULTS.md');
  appendFileSync(out, md);
  log(`${md}\nappended to ${out}`);
}

await main();
