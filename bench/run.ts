/**
 * The scale benchmarks of issue 15: every row of its table, each API figure beside its limit
 * measured in the same run, repeated BENCH_REPEATS times (4) in turns (API then limit, limit
 * then API, …: an even count, so each goes first as often as the other), reported as the
 * median with the range; "met" compares the median with the goal, and the goals are the issue's:
 *
 *  bbox     S2  GET /api/reports?bbox= town boxes, limit 1000, vs pgbench of the same SQL: ≥ 0.9 ×
 *  tiles    S3  vector tiles z8–16 uncached vs pgbench of the same tile SQL: ≥ 0.9 ×; cached ≥ 10 × uncached
 *  export   S4  full GeoJSON export vs psql COPY of the same feature texts: ≤ 1.2 ×; server idle RSS
 *               < 120 MB and export peak < 150 MB (a fresh production server, node dist/server.mjs, each time)
 *  webmap       headless Chromium on the built web app: reports drawn or clustered per zoom, first draw < 2 s
 *  embedded     PGlite mode at 50,000 reports: RSS < 400 MB; GET /api/reports?bbox= ≥ 0.5 × PostgreSQL mode
 *  (post    S5  POST /api/reports, registered by bench/report-post.ts when present)
 *
 * BENCH_ONLY picks scenarios (comma-separated names above; all by default). Env: BENCH_DATABASE_URL
 * (required), BENCH_REPORTS (1000000), BENCH_CLIENTS (4), BENCH_SECONDS (20), BENCH_REPEATS (4),
 * BENCH_PORT (3990), BENCH_EMBEDDED_REPORTS (50000). The run's table is appended to bench/RESULTS.md
 * under a dated heading (BENCH_RESULTS names another file).
 */
import { appendFileSync, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { connect, exportFeaturesQuery, listPublicReportFeatures, postgisTileSql, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { buildServer, captureSql, inlineSql, inTurn, load, loadLikePgbench, pgbench, pgParts, ROOT, startServer, timed, type Server } from './lib.ts';
import { BIGGEST_TOWN, generate, generateEmbedded } from './generate.ts';
import { webMapScenario } from './web-map.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database for the benchmark (created if missing)');
const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 3990);
const EMBEDDED_COUNT = Number(process.env.BENCH_EMBEDDED_REPORTS ?? 50_000);
const WORK = join(ROOT, '.tmp', 'bench');
const pg = pgParts(url);

const log = (s: string) => process.stdout.write(`${s}\n`);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export interface Row {
  scenario: string;
  api: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** null: a figure shown beside a goal's row, with no goal of its own. */
  met: boolean | null;
}

/** Median and range of repeated figures, as "median (min–max)". */
export function spread(xs: number[], digits = 1, unit = ''): { median: number; text: string } {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  const f = (v: number) => v.toFixed(digits);
  return { median, text: s.length > 1 ? `${f(median)}${unit} (${f(s[0]!)}–${f(s[s.length - 1]!)})` : `${f(median)}${unit}` };
}

/** Streams a URL to a file with curl; returns seconds and bytes. */
async function download(u: string, file: string) {
  const r = await timed('curl', ['-sS', '--fail', '-o', file, u]);
  if (r.code !== 0) throw new Error(`curl failed: ${r.stderr}`);
  return { seconds: r.seconds, bytes: statSync(file).size };
}

/** psql COPY … TO STDOUT into a file. */
async function psqlCopy(query: string, file: string): Promise<{ seconds: number; bytes: number }> {
  const t0 = performance.now();
  const out = createWriteStream(file);
  const p = spawn('psql', ['-X', '-q', '-c', `copy (${query}) to stdout`], { env: { ...process.env, ...pg.env } });
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const written = new Promise<void>((resolve) => out.on('close', () => resolve()));
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
  p.stdout.pipe(out);
  const [code] = await Promise.all([exited, written]);
  if (code !== 0) throw new Error(err);
  return { seconds: (performance.now() - t0) / 1000, bytes: statSync(file).size };
}

/** S4: the full export against psql COPY, and the memory of a fresh production server doing it. */
async function exportScenario(database: Database): Promise<Row[]> {
  log('\n== S4. full GeoJSON export (a fresh server each time) vs psql COPY of the same feature texts');
  const [n] = await database.rows<{ n: number }>(sql`select count(*)::int n from reports where state <> 'hidden'`);
  const rows = Number(n!.n);
  const api: number[] = [];
  const copy: number[] = [];
  const idle: number[] = [];
  const peak: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REPEATS; i++) {
    const server = await startServer(url!, PORT + 1);
    try {
      // Idle: started, then a first request answered, then a moment to settle.
      await (await fetch(`${server.url}/api/categories`)).arrayBuffer();
      await new Promise((r) => setTimeout(r, 2000));
      idle.push(server.rssMb());
      const copyQuery = inlineSql(database, exportFeaturesQuery({}, server.url)).replace(/\s+/g, ' ');
      const [a, c] = await inTurn(
        i,
        async () => {
          let sampled = 0;
          const sampler = setInterval(() => (sampled = Math.max(sampled, server.rssMb())), 50);
          const a = await download(`${server.url}/export/reports.geojson`, join(WORK, 'api.geojson'));
          clearInterval(sampler);
          peak.push(Math.max(server.peakRssMb(), sampled));
          return a;
        },
        () => psqlCopy(copyQuery, join(WORK, 'copy.txt')),
      );
      api.push(a.seconds);
      bytes = a.bytes;
      copy.push(c.seconds);
      log(
        `  run ${i + 1}: API ${a.seconds.toFixed(1)} s (${mb(a.bytes)} MB), idle ${idle.at(-1)!.toFixed(0)} MB, peak ${peak.at(-1)!.toFixed(0)} MB; COPY ${c.seconds.toFixed(1)} s (${mb(c.bytes)} MB)`,
      );
    } finally {
      await server.stop();
      for (const f of ['api.geojson', 'copy.txt']) rmSync(join(WORK, f), { force: true });
    }
  }
  const ratio = spread(
    api.map((a, i) => a / copy[i]!),
    2,
    ' ×',
  );
  const idleS = spread(idle, 0, ' MB');
  const peakS = spread(peak, 0, ' MB');
  return [
    {
      scenario: `S4 GeoJSON export of ${rows.toLocaleString('en')} reports (${mb(bytes)} MB): wall time`,
      api: spread(api, 1, ' s').text,
      baseline: `psql COPY ${spread(copy, 1, ' s').text}`,
      ratio: ratio.text,
      goal: '≤ 1.2 × COPY',
      met: ratio.median <= 1.2,
    },
    { scenario: 'S4 server idle RSS (node dist/server.mjs, PostgreSQL mode)', api: idleS.text, baseline: '—', ratio: '—', goal: '< 120 MB', met: idleS.median < 120 },
    { scenario: 'S4 server peak RSS during the export', api: peakS.text, baseline: '—', ratio: '—', goal: '< 150 MB', met: peakS.median < 150 },
  ];
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** S3: uncached tiles against pgbench of the same SQL, and cached against uncached. */
async function tileScenario(database: Database, server: Server): Promise<Row[]> {
  log('\n== S3. vector tiles, zoom 8 to 16');
  await database.rows(sql`select setseed(0.7)`);
  const points = await database.rows<{ x: number; y: number }>(sql`select ST_X(point) x, ST_Y(point) y from reports where state <> 'hidden' order by random() limit 2000`);
  // Where people look: tiles around reports, 14 per zoom (all of them at zoom 8), at most 127 in all (pgbench's script limit).
  const tiles: Array<[number, number, number]> = [];
  for (let z = 8; z <= 16; z++) {
    const seen = new Set<string>();
    for (const p of points) {
      const key = `${z}/${lon2x(Number(p.x), z)}/${lat2y(Number(p.y), z)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tiles.push(key.split('/').map(Number) as [number, number, number]);
      if (seen.size >= 14) break;
    }
  }
  const paths = tiles.map(([z, x, y]) => `/tiles/reports/${z}/${x}/${y}.mvt`);
  let maxBytes = 0;
  let maxTile = '';
  for (const p of paths) {
    const bytes = (await (await fetch(`${server.url}${p}`)).arrayBuffer()).byteLength;
    if (bytes > maxBytes) [maxBytes, maxTile] = [bytes, p];
  }
  log(`  ${tiles.length} tiles; largest ${(maxBytes / 1024).toFixed(0)} KB (${maxTile})`);
  // The same SQL as the uncached API requests, whose `since` (before every report) makes each a new cache key.
  const scripts = tiles.map(([z, x, y]) => inlineSql(database, postgisTileSql(z, x, y, { since: '2000-01-01T00:00:00.000Z' })));
  const uncached: number[] = [];
  const bench: number[] = [];
  const cached: number[] = [];
  let errors = 0;
  let variant = 0;
  for (let i = 0; i < REPEATS; i++) {
    // Uncached: a `since` before every report changes no tile but makes every request its own
    // cache key (never repeated in the run), so each pays the miss: version lookup, render, store.
    await database.rows(sql`delete from tile_cache`);
    const uncachedPaths: string[] = [];
    for (let v = 0; v < 200; v++, variant++) for (const p of paths) uncachedPaths.push(`${p}?since=${new Date(946684800000 + variant * 1000).toISOString()}`);
    // Tiles differ a hundredfold in cost (zoom 8 aggregates the county): twice as long, for a steadier mix.
    const [u, b] = await inTurn(
      i,
      () => loadLikePgbench(server.url, uncachedPaths, CLIENTS, SECONDS * 2),
      async () => (await pgbench('tiles', scripts, CLIENTS, SECONDS * 2, pg.env)).tps,
    );
    const c = await loadLikePgbench(server.url, paths, CLIENTS, SECONDS);
    errors += u.errors + c.errors + (u.requests >= uncachedPaths.length ? 1 : 0);
    if (u.errors || c.errors) log(`  failures by status: uncached ${JSON.stringify(u.failures)}, cached ${JSON.stringify(c.failures)}`);
    uncached.push(u.perSecond);
    bench.push(b);
    cached.push(c.perSecond);
    log(`  run ${i + 1}: API uncached ${u.perSecond.toFixed(1)} tiles/s (p95 ${u.p95.toFixed(0)} ms); pgbench ${b.toFixed(1)}; API cached ${c.perSecond.toFixed(1)} (p95 ${c.p95.toFixed(0)} ms)`);
  }
  const ratio = spread(
    uncached.map((u, i) => u / bench[i]!),
    2,
    ' ×',
  );
  const cachedRatio = spread(
    cached.map((c, i) => c / uncached[i]!),
    1,
    ' ×',
  );
  return [
    {
      scenario: `S3 vector tiles uncached, ${tiles.length} tiles z8–16, ${CLIENTS} clients`,
      api: `${spread(uncached).text} tiles/s`,
      baseline: `pgbench ${spread(bench).text} tiles/s`,
      ratio: ratio.text,
      goal: '≥ 0.9 × pgbench',
      met: ratio.median >= 0.9 && errors === 0,
    },
    {
      scenario: `S3 the same tiles from the shared cache, ${CLIENTS} clients`,
      api: `${spread(cached).text} tiles/s`,
      baseline: `uncached ${spread(uncached).text} tiles/s`,
      ratio: cachedRatio.text,
      goal: '≥ 10 × uncached',
      met: cachedRatio.median >= 10 && errors === 0,
    },
    { scenario: 'S3 largest tile', api: `${(maxBytes / 1024).toFixed(0)} KB`, baseline: '—', ratio: '—', goal: '< 500 KB', met: maxBytes < 500 * 1024 },
  ];
}

/** 3 km × 3 km boxes around the centre of the biggest town, shifted a little each time. */
function townBoxes(): Array<[number, number, number, number]> {
  const [, lon, lat] = BIGGEST_TOWN;
  const boxes: Array<[number, number, number, number]> = [];
  for (let i = 0; i < 16; i++) {
    const dx = ((i % 4) - 1.5) * 0.006;
    const dy = (Math.floor(i / 4) - 1.5) * 0.004;
    const w = Number((lon + dx - 0.0243).toFixed(5));
    const s = Number((lat + dy - 0.0135).toFixed(5));
    boxes.push([w, s, Number((w + 0.0486).toFixed(5)), Number((s + 0.027).toFixed(5))]);
  }
  return boxes;
}

/** S2: GET /api/reports?bbox= against pgbench of the SQL that request runs. */
async function bboxScenario(database: Database, server: Server): Promise<Row[]> {
  log('\n== S2. GET /api/reports?bbox= (town-sized boxes, limit 1000)');
  const boxes = townBoxes();
  const [inBox] = await database.rows<{ n: number }>(sql`select count(*)::int n from reports where geom && ST_MakeEnvelope(${boxes[5]![0]}, ${boxes[5]![1]}, ${boxes[5]![2]}, ${boxes[5]![3]}, 4326)`);
  log(`  a box holds about ${inBox!.n} reports; the API returns the newest 1000`);
  const scripts: string[] = [];
  for (const bbox of boxes) scripts.push(await captureSql(database, (db) => listPublicReportFeatures(db, { bbox, limit: 1000 }, { locale: 'en', baseUrl: server.url })));
  const paths = boxes.map((b) => `/api/reports?bbox=${b.join(',')}&limit=1000`);
  let kb = 0;
  for (const p of paths) kb = Math.max(kb, (await (await fetch(`${server.url}${p}`)).arrayBuffer()).byteLength / 1024);
  const api: number[] = [];
  const bench: number[] = [];
  let errors = 0;
  // At ~5 answers a second, 20 s is ~100 answers, and wrk leaves the 4 in flight when time is
  // up uncounted (2% of a run): twice as long halves both the counting noise and that loss.
  for (let i = 0; i < REPEATS; i++) {
    const [a, b] = await inTurn(
      i,
      () => loadLikePgbench(server.url, paths, CLIENTS, SECONDS * 2),
      async () => (await pgbench('bbox', scripts, CLIENTS, SECONDS * 2, pg.env)).tps,
    );
    errors += a.errors;
    if (a.errors) log(`  failures by status: ${JSON.stringify(a.failures)}`);
    api.push(a.perSecond);
    bench.push(b);
    log(`  run ${i + 1}: API ${a.perSecond.toFixed(1)} req/s (p50 ${a.p50.toFixed(0)} ms, p95 ${a.p95.toFixed(0)} ms); pgbench ${b.toFixed(1)} q/s`);
  }
  const ratio = spread(
    api.map((a, i) => a / bench[i]!),
    2,
    ' ×',
  );
  return [
    {
      scenario: `S2 GET /api/reports?bbox= 3 km boxes (~${inBox!.n} reports each, 1000 returned, ${kb.toFixed(0)} KB), ${CLIENTS} clients`,
      api: `${spread(api).text} req/s`,
      baseline: `pgbench ${spread(bench).text} q/s`,
      ratio: ratio.text,
      goal: '≥ 0.9 × pgbench',
      met: ratio.median >= 0.9 && errors === 0,
    },
  ];
}

/**
 * Embedded mode at EMBEDDED_COUNT reports: a PGlite server's memory at start and at its peak
 * under the S2 load, and its throughput against a PostgreSQL-mode server over the same
 * generated reports (in turns, as the other figures).
 */
async function embeddedScenario(): Promise<Row[]> {
  log(`\n== embedded (PGlite) at ${EMBEDDED_COUNT.toLocaleString('en')} reports vs PostgreSQL mode`);
  const dataDir = join(WORK, `embedded-${EMBEDDED_COUNT}`);
  const gen = await generateEmbedded(dataDir, EMBEDDED_COUNT);
  log(gen.generated ? `  embedded data generated in ${gen.seconds.toFixed(0)} s` : '  embedded data already generated');
  const pgUrl = `${url!.replace(/\/[^/]*$/, '')}/${pg.dbname}_${EMBEDDED_COUNT}`;
  const pgGen = await generate(pgUrl, EMBEDDED_COUNT);
  log(pgGen.generated ? `  PostgreSQL copy generated in ${pgGen.seconds.toFixed(0)} s` : '  PostgreSQL copy already generated');
  const paths = townBoxes().map((b) => `/api/reports?bbox=${b.join(',')}&limit=1000`);
  const embedded: number[] = [];
  const postgres: number[] = [];
  const start: number[] = [];
  const peak: number[] = [];
  let errors = 0;
  for (let i = 0; i < REPEATS; i++) {
    const runEmbedded = async () => {
      const e = await startServer(undefined, PORT + 2, [], { DATA_DIR: dataDir });
      try {
        await (await fetch(`${e.url}/api/categories`)).arrayBuffer();
        await new Promise((r) => setTimeout(r, 2000));
        start.push(e.rssMb());
        const r = await load(e.url, paths, CLIENTS, SECONDS);
        errors += r.errors;
        if (r.errors) log(`  embedded server failures by status: ${JSON.stringify(r.failures)}`);
        embedded.push(r.perSecond);
        peak.push(e.peakRssMb());
        log(`  run ${i + 1}: embedded ${r.perSecond.toFixed(1)} req/s (p95 ${r.p95.toFixed(0)} ms), RSS at start ${start.at(-1)!.toFixed(0)} MB, peak ${peak.at(-1)!.toFixed(0)} MB`);
      } finally {
        await e.stop();
      }
    };
    const runPostgres = async () => {
      const p = await startServer(pgUrl, PORT + 3);
      try {
        const r = await load(p.url, paths, CLIENTS, SECONDS);
        errors += r.errors;
        if (r.errors) log(`  PostgreSQL-mode server failures by status: ${JSON.stringify(r.failures)}`);
        postgres.push(r.perSecond);
        log(`  run ${i + 1}: PostgreSQL mode ${r.perSecond.toFixed(1)} req/s (p95 ${r.p95.toFixed(0)} ms)`);
      } finally {
        await p.stop();
      }
    };
    await inTurn(i, runEmbedded, runPostgres);
  }
  const ratio = spread(
    embedded.map((e, i) => e / postgres[i]!),
    2,
    ' ×',
  );
  const peakS = spread(peak, 0, ' MB');
  return [
    {
      scenario: `Embedded (PGlite) at ${EMBEDDED_COUNT.toLocaleString('en')} reports: RSS at start`,
      api: spread(start, 0, ' MB').text,
      baseline: '—',
      ratio: '—',
      goal: '< 400 MB',
      met: spread(start).median < 400,
    },
    { scenario: 'Embedded: peak RSS under the S2 load', api: peakS.text, baseline: '—', ratio: '—', goal: '< 400 MB', met: peakS.median < 400 },
    {
      scenario: `Embedded: GET /api/reports?bbox= town boxes, ${CLIENTS} clients`,
      api: `${spread(embedded).text} req/s`,
      baseline: `PostgreSQL mode ${spread(postgres).text} req/s`,
      ratio: ratio.text,
      goal: '≥ 0.5 × PostgreSQL mode',
      met: ratio.median >= 0.5 && errors === 0,
    },
  ];
}

export interface BenchContext {
  database: Database;
  server: Server;
  url: string;
  clients: number;
  seconds: number;
  repeats: number;
  log: (s: string) => void;
  spread: typeof spread;
}

/** Every scenario by its BENCH_ONLY name, in the order they run. */
const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<Row[]>> = {
  bbox: (c) => bboxScenario(c.database, c.server),
  tiles: (c) => tileScenario(c.database, c.server),
  export: (c) => exportScenario(c.database),
  webmap: (c) => webMapScenario(c.database, c.server.url, log),
  embedded: () => embeddedScenario(),
  post: async (c) => (await import('./report-post.ts')).reportPostScenario(c),
};

async function main() {
  mkdirSync(WORK, { recursive: true });
  const only = (process.env.BENCH_ONLY ?? Object.keys(SCENARIOS).join(',')).split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !SCENARIOS[s]);
  if (unknown.length) throw new Error(`BENCH_ONLY: no scenario ${unknown.join(', ')} (there are ${Object.keys(SCENARIOS).join(', ')})`);
  log('== building the API (node dist/server.mjs, as in production)');
  await buildServer();
  log(`== data: ${COUNT.toLocaleString('en')} reports in ${pg.dbname}`);
  const gen = await generate(url!, COUNT);
  log(gen.generated ? `generated in ${gen.seconds.toFixed(0)} s` : 'already generated');
  const database = await connect({ databaseUrl: url!, maxConnections: 2 });
  const server = await startServer(url!, PORT);
  const rows: Row[] = [];
  const started = new Date();
  try {
    const ctx: BenchContext = { database, server, url: url!, clients: CLIENTS, seconds: SECONDS, repeats: REPEATS, log, spread };
    for (const name of only) rows.push(...(await SCENARIOS[name]!(ctx)));
  } finally {
    await server.stop();
    await database.close();
  }
  const versions = await Promise.all([timed('psql', ['-XtAc', 'select version()'], pg.env), timed('psql', ['-XtAc', 'select postgis_lib_version()'], pg.env)]);
  const md = [
    '',
    `## bench/run.sh, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC (BENCH_ONLY=${only.join(',')})`,
    '',
    `- data: ${COUNT.toLocaleString('en')} generated reports (bench/generate.ts) in PostgreSQL`,
    `- machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB; Node ${process.version}; ${versions[0].stdout.trim().split(' on ')[0]}, PostGIS ${versions[1].stdout.trim()}`,
    `- each figure: median (range) of ${REPEATS} runs, the API and its limit in turns (API first in runs 1, 3, …; its limit first in 2, 4, …); ${CLIENTS} clients, ${SECONDS} s per load run (town boxes and tiles ${SECONDS * 2} s); "met" compares the median with the goal`,
    '',
    '| scenario | API | limit (same run) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.api} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
    '',
  ].join('\n');
  const out = resolve(ROOT, 'bench', process.env.BENCH_RESULTS ?? 'RESULTS.md');
  appendFileSync(out, md);
  log(`\n${md}\nappended to ${out}`);
}

await main();
