/**
 * Time to interactive on a slow phone connection, measured, not guessed:
 * `npx tsx apps/web/test/tti.ts` (from the repository root).
 *
 * Builds the web app if needed, starts the real API server (`apps/api/src/server.ts`, an
 * embedded database in a temporary DATA_DIR, demo data, no base map reachable), then loads
 * the home page in headless Chromium as a phone on "Slow 4G" (CDP
 * Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency), first
 * visit with an empty cache, and times how long until "Report a problem" can be tapped.
 * It repeats with a 4× slower CPU, and once more as a returning visitor (service worker and
 * HTTP cache warm). It also prints the gzip size of the JavaScript the home screen loads,
 * with and without MapLibre, and of the chunks loaded later.
 *
 * Not part of the test suite: a measurement, printed as a table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ensureBuilt } from './ensure-build.ts';
import { launchBrowser, phone, webDir } from './phone.ts';

const RUNS = 3;
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startApi(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-tti-'));
  const apiDir = join(webDir, '..', 'api');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'auto',
      LOG_LEVEL: 'warn',
      MAP_STYLE_URL: 'http://127.0.0.1:9/style.json',
      WEB_DIST: join(webDir, 'dist'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      stop();
      throw new Error('the API server did not start within 2 minutes');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Sample {
  ms: number;
  bytes: number;
}

/** One page load; returns ms from navigation start until "Report a problem" is actionable. */
async function measure(browser: Browser, url: string, cpuSlowdown: number, warm: boolean): Promise<Sample> {
  const context = await phone(browser);
  try {
    if (warm) {
      // A returning visitor: the service worker has precached the app.
      const first = await context.newPage();
      await first.goto(url);
      await first.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 30_000 });
      await first.close();
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'commit' });
    const button = page.getByRole('link', { name: 'Report a problem' });
    await button.click({ trial: true, timeout: 60_000 });
    const ms = await page.evaluate(() => performance.now());
    return { ms, bytes };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The JS the home screen loads (entry and its static imports) and the chunks loaded later, gzipped. */
function bundleSizes(): { initial: number; initialWithoutMapLibre: number; lazy: Record<string, number> } {
  const dist = join(webDir, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const all = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  let initial = 0;
  let initialWithoutMapLibre = 0;
  const lazy: Record<string, number> = {};
  for (const file of all) {
    const size = gz(file);
    if (initialFiles.has(file)) {
      initial += size;
      if (!file.includes('maplibre')) initialWithoutMapLibre += size;
    } else lazy[file] = size;
  }
  return { initial, initialWithoutMapLibre, lazy };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

async function main() {
  await ensureBuilt(webDir);
  const sizes = bundleSizes();
  console.log('JavaScript, gzip -9:');
  console.log(`  home screen, without MapLibre  ${kb(sizes.initialWithoutMapLibre)}`);
  console.log(`  home screen, with MapLibre     ${kb(sizes.initial)}`);
  for (const [file, size] of Object.entries(sizes.lazy)) console.log(`  later: ${file.padEnd(34)} ${kb(size)}`);

  console.log('\nStarting the API server (embedded database, demo data)…');
  const api = await startApi();
  const browser = await launchBrowser();
  try {
    const rows: [string, Sample[]][] = [];
    for (const [label, cpu, warm] of [
      ['Slow 4G, first visit', 1, false],
      ['Slow 4G, first visit, 4× slower CPU', 4, false],
      ['Slow 4G, returning (service worker)', 1, true],
    ] as const) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, api.url, cpu, warm));
      rows.push([label, samples]);
    }
    console.log(`\nTime until "Report a problem" can be tapped (median of ${RUNS}; 1.6 Mbit/s down, 150 ms latency):`);
    for (const [label, samples] of rows) {
      console.log(
        `  ${label.padEnd(40)} ${Math.round(median(samples.map((s) => s.ms)))} ms   (${samples.map((s) => Math.round(s.ms)).join(', ')}; ${kb(median(samples.map((s) => s.bytes)))} transferred)`,
      );
    }
  } finally {
    await browser.close();
    api.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
