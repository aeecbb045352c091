/**
 * The API's own CPU per report posted (S5's load, 50 connections, no pgbench beside it): the
 * production server's user and system ticks from /proc over each run, divided by the posts,
 * during the load and with the mail it queued sent. A tool for taking S5 apart, not a figure
 * of the table. Removes the reports it posted.
 *   BENCH_DATABASE_URL=postgres://… apps/api/node_modules/.bin/tsx bench/cpu-post.ts
 *   RUNS (2), SECS (15), NOBUILD=1 (the built server as it is), SERVERENV='{"K":"v"}', NODEARGS
 */
import { readFileSync } from 'node:fs';
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
/** utime + stime of a process, in clock ticks (10 ms here). */
const ticks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]);
};
const server = await startServer(url, 3906, (process.env.NODEARGS ?? '').split(' ').filter(Boolean), {
  TRUST_PROXY: '1',
  DATA_DIR: join(ROOT, '.tmp', 'cpu-data'),
  ...JSON.parse(process.env.SERVERENV ?? '{}'),
});
await postLoad(server.url, category.code, 50, 3);
await drainMail(database);
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
  const t0 = ticks(server.proc.pid!);
  const r = await postLoad(server.url, category.code, 50, Number(process.env.SECS ?? 15));
  const t1 = ticks(server.proc.pid!);
  const d = await drainMail(database);
  const t2 = ticks(server.proc.pid!);
  console.log(
    `${r.perSecond.toFixed(0)} posts/s p50 ${r.p50.toFixed(0)} p99 ${r.p99.toFixed(0)} err ${r.errors}; CPU/post during load ${(((t1 - t0) * 10) / r.requests).toFixed(2)} ms, incl. drain ${(((t2 - t0) * 10) / r.requests).toFixed(2)} ms (${d.queued} left)`,
  );
}
await server.stop();
await removeNewReports();
await database.close();
