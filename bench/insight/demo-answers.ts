/**
 * The planner's four questions, answered from the insight API over the demo data:
 *   where are the litter hot spots this quarter compared with last;
 *   which ditch segments are blocked or unseen for six months;
 *   how fast each team answers, against its promise;
 *   how many reports now arrive by web rather than phone.
 *
 *   npx tsx bench/insight/demo-answers.ts            # embedded PGlite, in memory
 *   DATABASE_URL=postgres://…/empty_db npx tsx bench/insight/demo-answers.ts
 *
 * Builds the app with the same createApp the server uses and asks it over HTTP semantics
 * (app.request), so the answers are exactly what the pages show.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachExistingReports, connect } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { createApp } from '../../apps/api/src/app.ts';
import { testConfig } from '../../apps/api/src/config.ts';
import { createLogger } from '../../apps/api/src/start.ts';
import { DiskStorage } from '../../apps/api/src/storage/storage.ts';
import { createMailer } from '../../apps/api/src/mail/mailer.ts';
import { createJobs } from '../../apps/api/src/jobs/queue.ts';

const now = new Date(process.env.DEMO_NOW ?? new Date().toISOString());
const database = await connect(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
await database.migrate();
const summary = await loadDemo(database, { now });
// The demo loader writes reports directly; attach its line reports to the ditches they follow.
const attached = process.env.ATTACH === '0' ? 0 : await attachExistingReports(database);
const dataDir = mkdtempSync(join(tmpdir(), 'gs-answers-'));
const mailer = createMailer({ dataDir, from: 'x@groundswell.invalid' });
const config = testConfig({ dataDir, publicUrl: 'http://gs.local' });
const logger = createLogger(config);
const app = createApp({
  database,
  config,
  logger,
  clock: { now: () => now },
  storage: new DiskStorage(dataDir),
  mailer,
  jobs: createJobs(database, mailer, logger, { pollSeconds: 60 }),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const get = async (path: string): Promise<any> => {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

console.log(`Demo at ${now.toISOString()}: ${summary.reports} reports, ${summary.assets} segments; ${attached} line reports attached to segments.\n`);

// 1. Litter hot spots, this quarter against last.
const hex = await get('/api/insight/hexagons?category=litter&size=750');
console.log(`1. Litter hot spots: ${hex.period.from}..${hex.period.to} against ${hex.comparePeriod.from}..${hex.comparePeriod.to}`);
console.log(`   ${hex.total} litter reports this quarter, ${hex.compareTotal} last quarter, in ${hex.features.length} hexagons of ${hex.sizeMeters} m`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const centre = (h: any) => {
  const ring: [number, number][] = h.geometry.coordinates[0].slice(0, -1);
  return ring
    .reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0])
    .map((v) => v.toFixed(4))
    .join(', ');
};
const villages = await database.rows<{ name: string; lon: number; lat: number }>((await import('@groundswell/db/testing')).sql`select name, ST_X(geom) as lon, ST_Y(geom) as lat from places`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const nearest = (h: any) => {
  const [lon, lat] = centre(h).split(', ').map(Number) as [number, number];
  let best = { name: '?', d: Infinity };
  for (const v of villages) {
    const d = Math.hypot((Number(v.lon) - lon) * Math.cos((lat * Math.PI) / 180), Number(v.lat) - lat) * 111.32;
    if (d < best.d) best = { name: v.name, d };
  }
  return `${best.name} (${best.d.toFixed(1)} km)`;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byCount = [...hex.features].sort((a: any, b: any) => b.properties.count - a.properties.count || b.properties.difference - a.properties.difference);
for (const h of byCount.slice(0, 5)) {
  console.log(`   hexagon ${h.id} near ${nearest(h)}: ${h.properties.count} now, ${h.properties.compareCount} before (${h.properties.difference >= 0 ? '+' : ''}${h.properties.difference})`);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const growing = [...hex.features].sort((a: any, b: any) => b.properties.difference - a.properties.difference)[0];
if (growing) console.log(`   biggest rise: ${growing.id} near ${nearest(growing)} (${growing.properties.difference >= 0 ? '+' : ''}${growing.properties.difference})`);

// 2. Ditch segments blocked, collapsed or unseen for six months.
const risk = await get('/api/assets/at-risk?months=6');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const segs: any[] = risk.segments;
const bad = segs.filter((s) => s.reasons.includes('condition'));
const unseen = segs.filter((s) => s.reasons.includes('not_inspected'));
console.log(`\n2. Segments at risk: ${segs.length} of ${summary.assets} (${bad.length} blocked or collapsed, ${unseen.length} not seen by an inspection for 6 months)`);
for (const s of segs.slice(0, 12)) {
  console.log(
    `   ${s.code} ${s.kind} ${s.name ?? ''} (${s.area ?? 'no area'}): ${s.condition}, last inspected ${s.lastInspectedAt?.slice(0, 10) ?? 'never'}${s.daysSinceInspection !== null ? ` (${s.daysSinceInspection} days)` : ''}, ${s.openReports} open reports`,
  );
}
if (segs.length > 12) console.log(`   … and ${segs.length - 12} more`);

// 3. Response times by team against the promise.
const teams = await get('/api/staff/insight/response-times?by=team').catch(() => undefined);
const timing = teams ?? (await get('/api/insight/response-times?by=team'));
console.log(`\n3. Response times by team, ${timing.period.from}..${timing.period.to} (calendar days; median / 90th percentile)`);
for (const r of timing.rows) {
  const promise = r.promiseDaysMin === r.promiseDaysMax ? `${r.promiseDaysMin}` : `${r.promiseDaysMin}-${r.promiseDaysMax}`;
  const label = typeof r.label === 'string' ? r.label : r.label.en;
  console.log(
    `   ${label.padEnd(28)} promise ${promise.padStart(4)} d | acknowledge ${r.acknowledgeMedianDays} / ${r.acknowledgeP90Days} d | resolve ${r.resolveMedianDays} / ${r.resolveP90Days} d | within promise ${r.withinPromise}/${r.due} = ${r.shareWithinPromise === null ? 'n/a' : `${Math.round(r.shareWithinPromise * 100)}%`} (${r.reports} reports)`,
  );
}

// 4. Channel shift: web against phone, month by month.
const channels = await get('/api/insight/volume?by=channel');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const series = (k: string) => channels.series.find((s: any) => s.key === k)?.counts ?? channels.months.map(() => 0);
const web = series('web');
const phone = series('phone');
console.log(`\n4. Channel mix, ${channels.period.from}..${channels.period.to}: ${channels.total} reports`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
for (const s of channels.series) console.log(`   ${s.key.padEnd(13)} ${String(s.total).padStart(4)} (${Math.round((100 * s.total) / channels.total)}%)`);
const q = (arr: number[], from: number, to: number) => arr.slice(from, to).reduce((a, b) => a + b, 0);
const n = channels.months.length;
const first = { web: q(web, 0, 3), phone: q(phone, 0, 3), all: q(channels.totals, 0, 3) };
const last = { web: q(web, n - 3, n), phone: q(phone, n - 3, n), all: q(channels.totals, n - 3, n) };
console.log(
  `   first three months (${channels.months[0]}..${channels.months[2]}): web ${first.web}/${first.all} = ${Math.round((100 * first.web) / first.all)}%, phone ${first.phone} = ${Math.round((100 * first.phone) / first.all)}%`,
);
console.log(
  `   last three months (${channels.months[n - 3]}..${channels.months[n - 1]}): web ${last.web}/${last.all} = ${Math.round((100 * last.web) / last.all)}%, phone ${last.phone} = ${Math.round((100 * last.phone) / last.all)}%`,
);
for (let i = 0; i < n; i++) console.log(`   ${channels.months[i]}: web ${web[i]}, phone ${phone[i]}, all ${channels.totals[i]}`);

await database.close();
process.exit(0);
