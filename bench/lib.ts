/** Shared pieces of the benchmarks: SQL as plain text, the API server, a bounded load generator. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '@groundswell/db';
import type { sql } from '@groundswell/db/testing';

type SQL = ReturnType<typeof sql>;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A drizzle SQL object as one self-contained statement (for psql, pgbench, ogr2ogr). */
export function inlineSql(database: Database, query: SQL): string {
  const dialect = (database.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : `${v}::float8`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** The SQL a query function would run, captured instead of run. */
export async function captureSql(database: Database, fn: (db: Database) => Promise<unknown>): Promise<string> {
  let captured: SQL | undefined;
  const fake = {
    kind: 'postgres',
    rows: async (q: SQL) => {
      captured ??= q;
      return [];
    },
  } as unknown as Database;
  await fn(fake);
  if (!captured) throw new Error('no SQL captured');
  return inlineSql(database, captured);
}

export interface Server {
  url: string;
  proc: ChildProcess;
  /** Peak resident memory of the server process so far, in MB (VmHWM). */
  peakRssMb(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Compiles the API once (apps/api/scripts/build.mjs; quick when nothing changed), and the web app when it was never built, for startServer. */
export async function buildServer(): Promise<void> {
  const r = await timed(process.execPath, [`${ROOT}apps/api/scripts/build.mjs`]);
  if (r.code !== 0) throw new Error(`building the API failed: ${r.stderr}`);
  // The server serves the web app from apps/web/dist (the web map scenario drives it): built once, as `pnpm build` does.
  if (!existsSync(`${ROOT}apps/web/dist/index.html`)) {
    const web = await timed('npx', ['-y', 'pnpm@10.34.8', '--filter', '@groundswell/web', 'build']);
    if (web.code !== 0) throw new Error(`building the web app failed: ${web.stdout.slice(-2000)} ${web.stderr.slice(-2000)}`);
  }
}

/**
 * Starts the production server (apps/api/dist/server.mjs, plain node, as `pnpm start` does;
 * buildServer first) as its own process: on PostgreSQL at `databaseUrl`, or embedded (PGlite
 * in DATA_DIR) when it is undefined.
 */
export async function startServer(databaseUrl: string | undefined, port: number, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Server> {
  const { DATABASE_URL: _, ...inherited } = process.env;
  // --expose-gc and MALLOC_ARENA_MAX=2 as every shipped start (package.json, deploy/, the Dockerfile; docs/operations.md).
  const proc = spawn(process.execPath, ['--expose-gc', ...nodeArgs, 'dist/server.mjs'], {
    cwd: `${ROOT}apps/api`,
    env: {
      ...inherited,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MALLOC_ARENA_MAX: '2',
      DEMO_DATA: 'off',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1500; i++) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 200));
  }
  const status = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return {
    url,
    proc,
    peakRssMb: () => status('VmHWM'),
    rssMb: () => status('VmRSS'),
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  maxBytes: number;
  errors: number;
  /** Status codes other than 200 (0: no answer), with how often. */
  failures: Record<number, number>;
}

/**
 * A bounded load generator on loopback: `concurrency` keep-alive connections taking the
 * paths in turn (round robin, so every path is asked equally often), for `seconds`
 * seconds. Stops by itself.
 */
export async function load(baseUrl: string, paths: string[], concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let maxBytes = 0;
  let errors = 0;
  const failures: Record<number, number> = {};
  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(`${baseUrl}${path}`, { agent }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            errors++;
            failures[res.statusCode ?? 0] = (failures[res.statusCode ?? 0] ?? 0) + 1;
          }
          maxBytes = Math.max(maxBytes, bytes);
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        failures[0] = (failures[0] ?? 0) + 1;
        resolve();
      });
    });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one(paths[next++ % paths.length]!);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), maxBytes, errors, failures };
}

/** The `p` quantile (0–1) of figures sorted ascending, by the nearest rank below; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** What one wrk run measured: its answers, its time, latency percentiles (ms) and failures by kind. */
export interface WrkResult {
  requests: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  status: number;
  socket: number;
  timeouts: number;
}

/**
 * Runs wrk (C, as pgbench is) with `lua`, a script defining `request()` (and `init(args)` if it
 * needs `args`) that may read the global `tid`, its thread's number from 0. The counting,
 * timing and failures are wrk's own, printed by the `done` written here.
 */
export async function runWrk(baseUrl: string, name: string, lua: string, options: { threads: number; clients: number; seconds: number; timeoutSeconds: number; args?: string[] }): Promise<WrkResult> {
  const dir = join(ROOT, '.tmp', 'bench', 'wrk');
  mkdirSync(dir, { recursive: true });
  const script = join(dir, `${name}.lua`);
  writeFileSync(
    script,
    `${lua}
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function done(summary, latency, requests)
  io.write(string.format("GSRESULT %d %.3f %.3f %.3f %.3f %d %d %d\\n", summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
`,
  );
  const args = ['-t', String(options.threads), '-c', String(options.clients), '-d', `${options.seconds}s`, '--timeout', `${options.timeoutSeconds}s`, '-s', script, baseUrl];
  const r = await timed('wrk', options.args ? [...args, '--', ...options.args] : args);
  const m = /GSRESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) throw new Error(`wrk failed: ${r.stdout.slice(-1000)} ${r.stderr.slice(-1000)}`);
  const [requests, seconds, p50, p95, p99, status, socket, timeouts] = m.slice(1).map(Number) as [number, number, number, number, number, number, number, number];
  return { requests, seconds, p50, p95, p99, status, socket, timeouts };
}

/** Whether a load runs through wrk: `choice` ('wrk' or 'node', from the environment), else whether wrk is installed. */
export async function useWrk(choice: string | undefined): Promise<boolean> {
  return (choice ?? ((await timed('sh', ['-c', 'command -v wrk'])).code === 0 ? 'wrk' : 'node')) === 'wrk';
}

/**
 * `load` driven by wrk (runWrk), where an API figure is set beside pgbench's: the load
 * generator's own CPU on this 2-core machine is then about pgbench's, as S5's is
 * (report-post.ts). Node's client parsing a town's 600 KB answers took CPU that pgbench's
 * client does not. Each wrk thread takes every `threads`-th path in turn, so no path is asked
 * twice before all have been (the uncached tiles rely on it). Without wrk, or with
 * BENCH_LOAD_CLIENT=node, it is `load` itself.
 */
export async function loadLikePgbench(baseUrl: string, paths: string[], concurrency: number, seconds: number): Promise<LoadResult> {
  if (!(await useWrk(process.env.BENCH_LOAD_CLIENT))) return load(baseUrl, paths, concurrency, seconds);
  const threads = Math.min(2, concurrency);
  const lua = `-- written by bench/lib.ts loadLikePgbench: the paths in turn, each thread every ${threads}th
local paths = { ${paths.map((p) => `[==[${p}]==]`).join(',\n  ')} }
local n = 0
function request()
  local path = paths[((n * ${threads} + tid) % #paths) + 1]
  n = n + 1
  return wrk.format("GET", path)
end`;
  const r = await runWrk(baseUrl, 'get', lua, { threads, clients: concurrency, seconds, timeoutSeconds: 30 });
  const failures: Record<number, number> = {};
  if (r.status) failures[-1] = r.status;
  if (r.socket + r.timeouts) failures[0] = r.socket + r.timeouts;
  return { requests: r.requests, seconds: r.seconds, perSecond: r.requests / r.seconds, p50: r.p50, p95: r.p95, maxBytes: 0, errors: r.status + r.socket + r.timeouts, failures };
}

/** Runs a command, returning its wall time in seconds and its output. */
export function timed(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ seconds: (performance.now() - t0) / 1000, stdout, stderr, code: code ?? -1 }));
  });
}

/** libpq-style connection parts of a postgres:// URL, for psql, pgbench and ogr2ogr. */
export function pgParts(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '5432',
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    dbname: u.pathname.slice(1),
    env: { PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: u.pathname.slice(1) },
    ogr: `PG:host=${u.hostname} port=${u.port || '5432'} user=${decodeURIComponent(u.username)} password=${decodeURIComponent(u.password)} dbname=${u.pathname.slice(1)}`,
  };
}

/**
 * pgbench, the limit each API figure is measured against: `clients` clients running the
 * scripts (each one statement, or `\\set` lines and statements) in turn for `seconds`.
 * Transactions per second and the average latency. The simple protocol (pgbench's default):
 * each statement parsed and planned as it arrives. The API prepares its repeated statements
 * (packages/db connect.ts), which saves it that planning, so a ratio above 1 is possible and
 * means the API's own overhead is smaller than the planning it saves. `-M prepared` cannot
 * run these scripts: their inlined values hold `:MI:SS` (to_char formats), which pgbench
 * would take for variables.
 */
export async function pgbench(
  name: string,
  scripts: string[],
  clients: number,
  seconds: number,
  env: Record<string, string>,
  options: {
    /** Transactions a second to schedule (pgbench -R): each latency then counts from its scheduled start. */
    rate?: number;
    /**
     * Seconds run first and left out of the percentiles: pgbench opens new backends each run,
     * and their first transactions (catalog caches, PostGIS loaded) took seconds on 1 December,
     * which an API's warm pool does not pay.
     */
    skipSeconds?: number;
  } = {},
): Promise<{ tps: number; latencyMs: number; p50Ms: number; p99Ms: number }> {
  const dir = join(ROOT, '.tmp', 'bench', `pgbench-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // -l logs every transaction's latency, for percentiles to set beside the API's.
  const skip = options.skipSeconds ?? 0;
  const args = ['-n', '-c', String(clients), '-j', String(Math.min(clients, cpus().length)), '-T', String(seconds + skip), '-l', `--log-prefix=${join(dir, 'tx')}`];
  if (options.rate) args.push('-R', String(options.rate));
  scripts.forEach((s, i) => {
    const file = join(dir, `q${i}.sql`);
    writeFileSync(file, s.includes('\\set') ? `${s}\n` : `${s.trim()};\n`);
    args.push('-f', `${file}@1`);
  });
  const r = await timed('pgbench', args, env);
  if (r.code !== 0 || /aborted/.test(r.stdout + r.stderr)) throw new Error(`pgbench failed: ${r.stderr.slice(-2000)}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1] ?? /tps = ([\d.]+)/.exec(r.stdout)?.[1]);
  // Each log line: client, transaction, latency (µs; with -R from the scheduled start, lag included), script, epoch, µs (its end).
  const done = readdirSync(dir)
    .filter((f) => f.startsWith('tx.'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => {
      const f = line.split(' ').map(Number);
      return { latencyMs: f[2]! / 1000, startMs: f[4]! * 1000 + f[5]! / 1000 - f[2]! / 1000 };
    });
  const first = done.reduce((m, t) => Math.min(m, t.startMs), Number.POSITIVE_INFINITY);
  const latencies = done
    .filter((t) => t.startMs >= first + skip * 1000)
    .map((t) => t.latencyMs)
    .sort((a, b) => a - b);
  return { tps, latencyMs: Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1]), p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/**
 * One repeat of an API figure and its limit, in turns: the API first in even repeats, the
 * limit first in odd ones (A B, B A, A B). Run always in one order, whichever ran second met a
 * cache the first had warmed: S2's pgbench rose 4.5, 5.4, 6.4 q/s across one run's repeats
 * while the API ran before it each time.
 */
export async function inTurn<A, B>(repeat: number, api: () => Promise<A>, limit: () => Promise<B>): Promise<[A, B]> {
  if (repeat % 2 === 0) {
    const a = await api();
    return [a, await limit()];
  }
  const b = await limit();
  return [await api(), b];
}
