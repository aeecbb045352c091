/**
 * Where the API's time goes under S5 (POST /api/reports, 50 connections): starts the
 * production server with V8's CPU profiler, posts for BENCH_POST_SECONDS (20), stops it and
 * prints the functions with the most self time, grouped by package. A tool for reading S5's
 * gap to pgbench, not a figure: profiling slows the server.
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/profile-post.ts
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@groundswell/db';
import { buildServer, ROOT, startServer } from './lib.ts';
import { drainMail, pickCategory, postLoad, markReports } from './report-post.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('Set BENCH_DATABASE_URL');
const seconds = Number(process.env.BENCH_POST_SECONDS ?? 20);
const dir = join(ROOT, '.tmp', 'prof');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const database = await connect({ databaseUrl: url, maxConnections: 2 });
await buildServer();
const category = await pickCategory(database);
const removeNewReports = await markReports(database);
const server = await startServer(url, 3905, [`--cpu-prof`, `--cpu-prof-dir=${dir}`], { TRUST_PROXY: '1', DATA_DIR: join(dir, 'data') });
await postLoad(server.url, category.code, 50, 3);
const r = await postLoad(server.url, category.code, 50, seconds);
console.log(`${r.perSecond.toFixed(1)} reports/s under the profiler (p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors)`);
await drainMail(database);
await server.stop();
await removeNewReports();
await database.close();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (u: string) => {
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(u);
  return m ? m[1]! : u.startsWith('node:') ? 'node' : u.includes('/dist/') ? 'app' : u || '(native)';
};
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const pkg = n.callFrame.url ? where(n.callFrame.url) : n.callFrame.functionName;
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
// Inclusive: each sample counts once for every package on its stack (what work, wherever it starts).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
const inclusiveFn = new Map<string, number>();
for (const [id, t] of self) {
  const pkgs = new Set<string>();
  const fns = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!;
    if (n.callFrame.url) {
      pkgs.add(where(n.callFrame.url));
      fns.add(`${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber}`);
    }
  }
  for (const p of pkgs) inclusive.set(p, (inclusive.get(p) ?? 0) + t);
  for (const f of fns) inclusiveFn.set(f, (inclusiveFn.get(f) ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
console.log(
  `\nself time by package (${(total / 1e6).toFixed(1)} s sampled):\n${top(byPkg, 25)}\n\nby function:\n${top(byFn, 40)}\n\ninclusive by package:\n${top(inclusive, 25)}\n\ninclusive by function:\n${top(inclusiveFn, 60)}`,
);
