#!/usr/bin/env node
/**
 * Lighthouse performance of the resident's home screen and of a public report page, mobile
 * preset (Lighthouse's default: Moto G Power sized screen, simulated Slow 4G and a 4× slower
 * CPU), three cold runs each, the pages alternating run by run, median; and the home screen in
 * the desktop preset, where the interactive map starts at once (ADR 0004). The machine's load
 * average is noted beside each run. Not run by CI: a measurement, written to bench/LIGHTHOUSE.md.
 *
 *   node bench/lighthouse.mjs            (from the repository root; Debian's Chromium)
 *   RUNS=5 node bench/lighthouse.mjs     (more runs)
 *
 * It builds the web app into a scratch folder (so it never races a test's build of
 * apps/web/dist), starts the real API server on a free port with an embedded database and
 * the demo data in a scratch DATA_DIR, and points the base map at an unreachable address
 * (no network here; the app falls back to its plain style at once, as with no signal).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 3);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = join(ROOT, 'node_modules/.bin/lighthouse');
const OUT = join(ROOT, 'bench/LIGHTHOUSE.md');
const NOTES = '<!-- notes: kept by bench/lighthouse.mjs -->';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function buildWeb(outDir) {
  const vite = spawnSync('npx', ['-y', 'pnpm@10.34.8', '--filter', '@groundswell/web', 'exec', 'vite', 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (vite.status !== 0) throw new Error('vite build failed');
}

async function startApi(dist, dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(ROOT, 'apps/api'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'auto',
      LOG_LEVEL: 'warn',
      MAP_STYLE_URL: 'http://127.0.0.1:9/style.json',
      WEB_DIST: dist,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) {
      child.kill('SIGTERM');
      throw new Error('the API server did not start within 3 minutes');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One cold Lighthouse run (a new Chromium profile each time): performance score and the metrics behind it. */
function lighthouse(url, scratch, n, extra = [], attempt = 1) {
  const load = loadavg()[0];
  const json = join(scratch, `lh-${n}.json`);
  const flags = ['--only-categories=performance', '--output=json', `--output-path=${json}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu', ...extra];
  const run = spawnSync(LIGHTHOUSE, [url, ...flags], {
    env: { ...process.env, CHROME_PATH },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Lighthouse sometimes loses the trace on a busy machine (NO_NAVSTART): try that run again.
  if (run.status !== 0) {
    if (attempt < 3) return lighthouse(url, scratch, n, extra, attempt + 1);
    throw new Error(`lighthouse failed on ${url} three times`);
  }
  const lhr = JSON.parse(readFileSync(json, 'utf8'));
  const a = lhr.audits;
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    tbt: Math.round(a['total-blocking-time'].numericValue),
    fcp: Math.round(a['first-contentful-paint'].numericValue),
    lcp: Math.round(a['largest-contentful-paint'].numericValue),
    si: Math.round(a['speed-index'].numericValue),
    cls: Math.round(a['cumulative-layout-shift'].numericValue * 1000) / 1000,
    // Whether the page asked for the map library while Lighthouse watched (ADR 0004: not on a phone).
    maplibre: (a['network-requests']?.details?.items ?? []).some((item) => /\/assets\/maplibre-[^/]+\.js$/.test(item.url)),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    load,
    cpuSlowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier,
    method: lhr.configSettings.throttlingMethod,
    version: lhr.lighthouseVersion,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'gs-lighthouse-'));
  const dist = join(scratch, 'dist');
  let server;
  try {
    console.log('building the web app…');
    buildWeb(dist);
    console.log('starting the API with demo data…');
    server = await startApi(dist, join(scratch, 'data'));
    const reports = await (await fetch(`${server.url}/api/reports?limit=1`)).json();
    const reportId = reports.features?.[0]?.properties?.id;
    if (!reportId) throw new Error('no demo report to open');
    const pages = [
      { name: 'home', path: '/' },
      { name: 'report page', path: `/#/reports/${reportId}` },
      // A desktop starts MapLibre right after the first paint (ADR 0004): what the map itself costs.
      { name: 'home, desktop preset', path: '/', extra: ['--preset=desktop'] },
    ];
    const results = pages.map((page) => ({ page, runs: [] }));
    // Alternating (home, report page, desktop, home, …): a busy spell on the machine falls on every page alike.
    for (let i = 0; i < RUNS; i++) {
      for (const { page, runs } of results) {
        const r = lighthouse(server.url + page.path, scratch, `${page.name.replace(/\W+/g, '-')}-${i}`, page.extra);
        console.log(
          `${page.name} run ${i + 1}: performance ${r.score}, TBT ${r.tbt} ms, FCP ${r.fcp} ms, LCP ${r.lcp} ms, CLS ${r.cls}, MapLibre ${r.maplibre ? 'yes' : 'no'}, load ${r.load.toFixed(1)}`,
        );
        runs.push(r);
      }
    }
    // The notes under NOTES are written by hand about the figures: kept across runs.
    const notes = existsSync(OUT) ? readFileSync(OUT, 'utf8').split(NOTES)[1] : undefined;
    writeFileSync(OUT, `${report(results)}\n${NOTES}${notes ?? '\n'}`);
    console.log(`written to ${OUT}`);
  } finally {
    server?.child.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
}

function report(results) {
  const first = results[0].runs[0];
  const range = (xs) => `${Math.min(...xs)}-${Math.max(...xs)}`;
  const rows = results.flatMap(({ page, runs }) => [
    ...runs.map((r, i) => `| ${page.name} | ${i + 1} | ${r.score} | ${r.tbt} | ${r.fcp} | ${r.lcp} | ${r.si} | ${r.cls} | ${r.maplibre ? 'yes' : 'no'} | ${r.load.toFixed(1)} | ${r.benchmarkIndex} |`),
    `| **${page.name}** | **median (range)** | **${median(runs.map((r) => r.score))}** (${range(runs.map((r) => r.score))}) | **${median(runs.map((r) => r.tbt))}** (${range(runs.map((r) => r.tbt))}) | ${median(runs.map((r) => r.fcp))} | ${median(runs.map((r) => r.lcp))} | ${median(runs.map((r) => r.si))} | ${median(runs.map((r) => r.cls))} | | | |`,
  ]);
  return `# Lighthouse

Measured by \`node bench/lighthouse.mjs\` (not part of CI) on ${new Date().toISOString().slice(0, 10)}: Lighthouse
${first.version}, mobile preset (throttling method \`${first.method}\`: simulated Slow 4G and a ${first.cpuSlowdown}× CPU
slowdown) for "home" and "report page", and the desktop preset for "home, desktop preset"; Debian's Chromium
headless, ${RUNS} cold runs per page, the pages alternating run by run, against the built app served by the API
(embedded database, demo data; the configured base map is unreachable, as in a field without signal).
Targets (issue 12): performance ≥ 90 and total blocking time < 200 ms on the home screen and a report page,
mobile preset.

The machine: ${cpus().length} cores shared with other work. "load" is the 1-minute load average as each run
started; "MapLibre loaded" says whether the page asked for the map library while Lighthouse watched; "index" is Lighthouse's benchmark index (its measure of this machine's speed then). Lighthouse applies
its CPU slowdown on top of whatever speed the machine had, without calibrating it, so a busier machine scores lower.

| page | run | performance | TBT (ms) | FCP (ms) | LCP (ms) | Speed Index (ms) | CLS | MapLibre loaded | load | index |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

await main();
