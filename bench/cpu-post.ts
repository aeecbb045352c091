/**
 * Where the CPU of a report posted goes (S5's load, 50 connections, no pgbench beside it):
 * the production server's, PostgreSQL's (every postgres process: the pool's backends, the
 * mail worker's queue statements, the WAL writer, the checkpointer) and the whole machine's
 * user and system time, from /proc over each run, divided by the posts; the server's and
 * PostgreSQL's also with the mail the run queued sent. On two cores, 2,000 ms of CPU a second
 * divided by the machine's figure is the most posts a second this work allows. A tool for
 * taking S5 apart, not a figure of the table. Removes the reports it posted.
 *   BENCH_DATABASE_URL=postgres://… apps/api/node_modules/.bin/tsx bench/cpu-post.ts
 *   RUNS (2), SECS (15), NOBUILD=1 (the built server as it is), SERVERENV='{"K":"v"}', NODEARGS
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@groundswell/db';
import { buildServer, ROOT, startServer } from './lib.ts';
import { drainMail, pickCategory, postLoad, markReports } from './report-post.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('Set BENCH_DATABASE_URL');
const database = await connect({ databaseUrl: url, maxConnections: 2 });
if (!process.env.NOBUILD) await buildServer();
const category = await pickCategory(database);
const removeNewReports = await markReports(database);
/** utime + stime of a process, in clock ticks (10 ms here), and its name; 0 once it has gone. */
const stat = (pid: string) => {
  try {
    const [head, rest] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
    const f = rest!.split(' ');
    return { name: head!.split(' (')[1]!, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return { name: '', ticks: 0 };
  }
};
/** Ticks of every postgres process now (a backend that exits mid-run takes its ticks with it: the pool's stay). */
const postgresTicks = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(stat)
    .filter((p) => p.name === 'postgres')
    .reduce((s, p) => s + p.ticks, 0);
/** The machine's user (with nice) and system ticks, all cores. */
const machine = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  return { user: f[0]! + f[1]!, system: f[2]! + f[5]! + f[6]! };
};
const server = await startServer(url, 3906, (process.env.NODEARGS ?? '').split(' ').filter(Boolean), {
  TRUST_PROXY: '1',
  DATA_DIR: join(ROOT, '.tmp', 'cpu-data'),
  ...JSON.parse(process.env.SERVERENV ?? '{}'),
});
const api = () => stat(String(server.proc.pid)).ticks;
await postLoad(server.url, category.code, 50, 3);
await drainMail(database);
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
  const [a0, p0, m0] = [api(), postgresTicks(), machine()];
  const r = await postLoad(server.url, category.code, 50, Number(process.env.SECS ?? 15));
  const [a1, p1, m1] = [api(), postgresTicks(), machine()];
  const d = await drainMail(database);
  const [a2, p2] = [api(), postgresTicks()];
  const ms = (t: number) => ((t * 10) / r.requests).toFixed(2);
  console.log(
    `${r.perSecond.toFixed(0)} posts/s p50 ${r.p50.toFixed(0)} p99 ${r.p99.toFixed(0)} err ${r.errors}; ms of CPU a post during the load (with its mail sent): API ${ms(a1 - a0)} (${ms(a2 - a0)}), PostgreSQL ${ms(p1 - p0)} (${ms(p2 - p0)}), machine user ${ms(m1.user - m0.user)} + system ${ms(m1.system - m0.system)} (${d.queued} mails left at the end)`,
  );
}
await server.stop();
await removeNewReports();
await database.close();
