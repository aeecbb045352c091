/**
 * The open-data benchmarks, each against its baseline on the same machine in the same run:
 *
 *  1. Full GeoJSON export through the API vs `ogr2ogr -f GeoJSON` and `psql` COPY of the same
 *     rows; goal: no slower than ogr2ogr, API peak RSS under 200 MB.
 *  2. Vector tiles (zoom 8–16, around where reports are) through the API, uncached (every
 *     request a different cache key, so each one renders and stores), vs the same tile SQL
 *     through pgbench; goal: at least 0.9 of pgbench's throughput, no tile over 500 KB. Then
 *     the same tiles from the shared tile cache; goal: at least 10 times the uncached rate.
 *  4. The web map (bench/web-map.ts, headless Chromium): every report drawn or counted in a
 *     cluster at each zoom, and the first draw of the town view; goal < 2 s.
 *  3. GET /api/reports?bbox= for town-sized boxes vs the same SQL through pgbench; goal ≥ 0.7.
 *
 * Env: BENCH_DATABASE_URL (required), BENCH_REPORTS (1000000), BENCH_CLIENTS (4),
 * BENCH_SECONDS (20), BENCH_PORT (3990). Results go to bench/RESULTS.md.
 */
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { connect, exportFeaturesQuery, listPublicReports, postgisTileSql, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { captureSql, inlineSql, load, pgParts, ROOT, startServer, timed, type LoadResult, type Server } from './lib.ts';
import { BIGGEST_TOWN, generate } from './generate.ts';
import { webMapScenario } from './web-map.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database for the benchmark (created if missing)');
const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3990);
const WORK = join(ROOT, '.tmp', 'bench');
const pg = pgParts(url);

const log = (s: string) => process.stdout.write(`${s}\n`);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Row {
  scenario: string;
  api: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean;
}

async function pgbench(scripts: string[], name: string, seconds = SECONDS): Promise<{ tps: number; raw: string }> {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ['-n', '-c', String(CLIENTS), '-j', String(Math.min(CLIENTS, cpus().length)), '-T', String(seconds)];
  scripts.forEach((s, i) => {
    const file = join(dir, `q${i}.sql`);
    writeFileSync(file, `${s.trim()};\n`);
    args.push('-f', `${file}@1`);
  });
  const r = await timed('pgbench', args, pg.env);
  if (r.code !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1] ?? /tps = ([\d.]+)/.exec(r.stdout)?.[1]);
  return { tps, raw: r.stdout };
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

async function cappedExport(flag: string): Promise<Row> {
  const server = await startServer(url!, PORT + 1, [flag]);
  try {
    const before = server.rssMb();
    const api = await download(`${server.url}/export/reports.geojson`, join(WORK, 'capped.geojson'));
    rmSync(join(WORK, 'capped.geojson'), { force: true });
    const peak = server.peakRssMb();
    log(`API with ${flag}: ${api.seconds.toFixed(1)} s, RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
    return {
      scenario: `GeoJSON export, server started with \`${flag}\``,
      api: `${api.seconds.toFixed(1)} s; peak RSS ${peak.toFixed(0)} MB (${before.toFixed(0)} MB idle, +${(peak - before).toFixed(0)} MB)`,
      baseline: '—',
      ratio: '—',
      goal: '< 200 MB',
      met: peak < 200,
    };
  } finally {
    await server.stop();
  }
}

async function exportScenario(database: Database, server: Server): Promise<Row[]> {
  log('\n== 1. full GeoJSON export');
  const [n] = await database.rows<{ n: number }>(sql`select count(*)::int n from reports where state <> 'hidden'`);
  const rows = Number(n!.n);
  const before = server.rssMb();
  let sampledPeak = before;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, server.rssMb())), 50);
  const api = await download(`${server.url}/export/reports.geojson`, join(WORK, 'api.geojson'));
  clearInterval(sampler);
  const peak = Math.max(server.peakRssMb(), sampledPeak);
  const lines = Number((await timed('wc', ['-l', join(WORK, 'api.geojson')])).stdout.trim().split(' ')[0]) + 1;
  log(`API: ${api.seconds.toFixed(1)} s, ${mb(api.bytes)} MB, ${lines - 3} features (expected ${rows}), RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);

  const ogrSql = `select r.public_id as id, c.code as category, c.name->>'en' as "categoryName", r.state,
      case when r.state in ('new','acknowledged','in_progress','action_scheduled') then 'open' else 'closed' end as status,
      r.description, r.answers, r.geom_type as "geometryType", r.support_count as "supportCount", a.name as areas,
      r.created_at as "createdAt", r.updated_at as "updatedAt", r.acknowledged_at as "acknowledgedAt", r.resolved_at as "resolvedAt",
      r.expected_at as "expectedAt", 'http://127.0.0.1:${PORT}/#/reports/' || r.public_id as url, r.geom
    from reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id
    where r.state <> 'hidden' order by r.id`.replace(/\s+/g, ' ');
  rmSync(join(WORK, 'ogr.geojson'), { force: true });
  const ogr = await timed('ogr2ogr', ['-f', 'GeoJSON', join(WORK, 'ogr.geojson'), pg.ogr, '-sql', ogrSql, '-nln', 'reports', '-lco', 'RFC7946=YES', '-lco', 'COORDINATE_PRECISION=6']);
  if (ogr.code !== 0) throw new Error(`ogr2ogr failed: ${ogr.stderr}`);
  const ogrBytes = statSync(join(WORK, 'ogr.geojson')).size;
  log(`ogr2ogr: ${ogr.seconds.toFixed(1)} s, ${mb(ogrBytes)} MB`);
  const copy = await psqlCopy(inlineSql(database, exportFeaturesQuery({}, server.url)).replace(/\s+/g, ' '), join(WORK, 'copy.txt'));
  log(`psql COPY of the same feature rows: ${copy.seconds.toFixed(1)} s, ${mb(copy.bytes)} MB`);
  for (const f of ['api.geojson', 'ogr.geojson', 'copy.txt']) rmSync(join(WORK, f), { force: true });
  return [
    {
      scenario: `GeoJSON export of ${rows.toLocaleString('en')} reports: wall time`,
      api: `${api.seconds.toFixed(1)} s (${mb(api.bytes)} MB)`,
      baseline: `ogr2ogr ${ogr.seconds.toFixed(1)} s (${mb(ogrBytes)} MB); psql COPY ${copy.seconds.toFixed(1)} s (${mb(copy.bytes)} MB)`,
      ratio: `${(api.seconds / ogr.seconds).toFixed(2)} × ogr2ogr, ${(api.seconds / copy.seconds).toFixed(2)} × COPY`,
      goal: '≤ 1 × ogr2ogr',
      met: api.seconds <= ogr.seconds,
    },
    {
      scenario: 'GeoJSON export: API process peak RSS (default Node flags)',
      api: `${peak.toFixed(0)} MB (${before.toFixed(0)} MB idle, +${(peak - before).toFixed(0)} MB)`,
      baseline: '—',
      ratio: '—',
      goal: '< 200 MB',
      met: peak < 200,
    },
  ];
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

async function tileScenario(database: Database, server: Server): Promise<Row[]> {
  log('\n== 2. vector tiles, zoom 8 to 16');
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
  // Warm both sides once, and measure every tile's size.
  let maxBytes = 0;
  let maxTile = '';
  const perZoom: Record<number, number> = {};
  for (const p of paths) {
    const res = await fetch(`${server.url}${p}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    const z = Number(p.split('/')[3]);
    perZoom[z] = Math.max(perZoom[z] ?? 0, bytes);
    if (bytes > maxBytes) [maxBytes, maxTile] = [bytes, p];
  }
  log(
    `${tiles.length} tiles; largest ${(maxBytes / 1024).toFixed(0)} KB (${maxTile}); largest per zoom ${Object.entries(perZoom)
      .map(([z, b]) => `z${z} ${(b / 1024).toFixed(0)} KB`)
      .join(', ')}`,
  );
  // The same SQL as the uncached API requests below, whose \`since\` (before every report) makes each a new cache key.
  const scripts = tiles.map(([z, x, y]) => inlineSql(database, postgisTileSql(z, x, y, { since: '2000-01-01T00:00:00.000Z' })));
  // Tiles differ a hundredfold in cost (zoom 8 aggregates the whole county): twice as long, for a steadier mix.
  const bench = await pgbench(scripts, 'tiles', SECONDS * 2);
  log(`pgbench: ${bench.tps.toFixed(1)} tiles/s`);
  // Uncached: a `since` before every report changes no tile but makes every request its own
  // cache key, so each one pays the miss (version lookup, render, store). Enough variants that
  // none repeats within the run.
  // And nothing left from an earlier run of these same keys.
  await database.rows(sql`delete from tile_cache`);
  const uncachedPaths: string[] = [];
  for (let v = 0; v < 400; v++) for (const p of paths) uncachedPaths.push(`${p}?since=${new Date(946684800000 + uncachedPaths.length * 1000).toISOString()}`);
  const api = await load(server.url, uncachedPaths, CLIENTS, SECONDS * 2);
  log(`API uncached: ${api.perSecond.toFixed(1)} tiles/s (p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms, ${api.errors} errors, ${api.requests} of ${uncachedPaths.length} keys)`);
  const cached = await load(server.url, paths, CLIENTS, SECONDS);
  log(`API cached: ${cached.perSecond.toFixed(1)} tiles/s (p50 ${cached.p50.toFixed(1)} ms, p95 ${cached.p95.toFixed(1)} ms, ${cached.errors} errors)`);
  return [
    {
      scenario: `Vector tiles uncached, ${tiles.length} tiles z8–16, ${CLIENTS} clients`,
      api: `${api.perSecond.toFixed(1)} tiles/s (p95 ${api.p95.toFixed(0)} ms)`,
      baseline: `pgbench ${bench.tps.toFixed(1)} tiles/s`,
      ratio: (api.perSecond / bench.tps).toFixed(2),
      goal: '≥ 0.9',
      met: api.perSecond / bench.tps >= 0.9 && api.errors === 0 && api.requests <= uncachedPaths.length,
    },
    {
      scenario: `Vector tiles from the shared cache, same tiles, ${CLIENTS} clients`,
      api: `${cached.perSecond.toFixed(1)} tiles/s (p95 ${cached.p95.toFixed(0)} ms)`,
      baseline: `uncached ${api.perSecond.toFixed(1)} tiles/s`,
      ratio: (cached.perSecond / api.perSecond).toFixed(1),
      goal: '≥ 10',
      met: cached.perSecond / api.perSecond >= 10 && cached.errors === 0,
    },
    { scenario: 'Largest tile', api: `${(maxBytes / 1024).toFixed(0)} KB`, baseline: '—', ratio: '—', goal: '< 500 KB', met: maxBytes < 500 * 1024 },
  ];
}

async function bboxScenario(database: Database, server: Server): Promise<Row[]> {
  log('\n== 3. GET /api/reports?bbox= (town-sized boxes)');
  // 3 km × 3 km boxes around the centre of the biggest town, shifted a little each time.
  const [, lon, lat] = BIGGEST_TOWN;
  const boxes: Array<[number, number, number, number]> = [];
  for (let i = 0; i < 16; i++) {
    const dx = ((i % 4) - 1.5) * 0.006;
    const dy = (Math.floor(i / 4) - 1.5) * 0.004;
    const w = Number((lon + dx - 0.0243).toFixed(5));
    const s = Number((lat + dy - 0.0135).toFixed(5));
    boxes.push([w, s, Number((w + 0.0486).toFixed(5)), Number((s + 0.027).toFixed(5))]);
  }
  const [inBox] = await database.rows<{ n: number }>(sql`select count(*)::int n from reports where geom && ST_MakeEnvelope(${boxes[5]![0]}, ${boxes[5]![1]}, ${boxes[5]![2]}, ${boxes[5]![3]}, 4326)`);
  log(`a box holds about ${inBox!.n} reports; the API returns the newest 1000`);
  const scripts = [];
  for (const bbox of boxes) scripts.push(await captureSql(database, (db) => listPublicReports(db, { bbox, limit: 1000 })));
  const paths = boxes.map((b) => `/api/reports?bbox=${b.join(',')}`);
  for (const p of paths) await (await fetch(`${server.url}${p}`)).arrayBuffer();
  const bench = await pgbench(scripts, 'bbox');
  log(`pgbench: ${bench.tps.toFixed(1)} queries/s`);
  const api: LoadResult = await load(server.url, paths, CLIENTS, SECONDS);
  log(`API: ${api.perSecond.toFixed(1)} requests/s (p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms, ${(api.maxBytes / 1024).toFixed(0)} KB, ${api.errors} errors)`);
  return [
    {
      scenario: `GET /api/reports?bbox= 3 km boxes (~${inBox!.n} reports each, 1000 returned), ${CLIENTS} clients`,
      api: `${api.perSecond.toFixed(1)} req/s (p95 ${api.p95.toFixed(0)} ms)`,
      baseline: `pgbench ${bench.tps.toFixed(1)} q/s`,
      ratio: (api.perSecond / bench.tps).toFixed(2),
      goal: '≥ 0.7',
      met: api.perSecond / bench.tps >= 0.7 && api.errors === 0,
    },
  ];
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  log(`== data: ${COUNT.toLocaleString('en')} reports in ${pg.dbname}`);
  const gen = await generate(url!, COUNT);
  log(gen.generated ? `generated in ${gen.seconds.toFixed(0)} s` : 'already generated');
  const database = await connect({ databaseUrl: url!, maxConnections: 2 });
  const server = await startServer(url!, PORT);
  const rows: Row[] = [];
  try {
    const only = (process.env.BENCH_ONLY ?? 'export,tiles,bbox,webmap').split(',');
    if (only.includes('export')) rows.push(...(await exportScenario(database, server)));
    if (only.includes('tiles')) rows.push(...(await tileScenario(database, server)));
    if (only.includes('bbox')) rows.push(...(await bboxScenario(database, server)));
    if (only.includes('webmap')) rows.push(...(await webMapScenario(database, server.url, log)));
  } finally {
    await server.stop();
  }
  try {
    if ((process.env.BENCH_ONLY ?? 'export').includes('export')) {
      for (const flag of ['--max-old-space-size=96', '--optimize-for-size']) rows.push(await cappedExport(flag));
    }
  } finally {
    await database.close();
  }
  const versions = await Promise.all([timed('psql', ['-XtAc', 'select version()'], pg.env), timed('ogr2ogr', ['--version']), timed('psql', ['-XtAc', 'select postgis_lib_version()'], pg.env)]);
  const md = [
    '# Benchmark results',
    '',
    `Written by \`bench/run.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Each figure is measured against its baseline on the same machine in the same run.`,
    '',
    `- data: ${COUNT.toLocaleString('en')} generated reports (bench/generate.ts: towns and villages of a county, 70% points, 20% lines, 10% areas, with timelines)`,
    `- machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB; Node ${process.version}`,
    `- ${versions[0].stdout.trim().split(' on ')[0]}, PostGIS ${versions[2].stdout.trim()}, ${versions[1].stdout.trim()}`,
    `- load: ${CLIENTS} concurrent clients for ${SECONDS} s on loopback, pgbench with the same number of clients running the same SQL`,
    '',
    '| scenario | API | baseline | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.api} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`),
    '',
    'Reading the memory rows: "idle" is what the server process holds before the export (Node with the tsx loader, every module',
    'of the app, and the PGlite module that @groundswell/db imports even on PostgreSQL); the runs with a capped V8 heap show how',
    'much the export itself adds. Without a cap V8 lets garbage pile up before collecting it, so the default peak is not data held.',
    '',
  ].join('\n');
  const out = join(ROOT, 'bench', process.env.BENCH_RESULTS ?? 'RESULTS.md');
  writeFileSync(out, md);
  log(`\n${md}\nwritten to ${out}`);
}

await main();
