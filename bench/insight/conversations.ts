/**
 * How long the conversation map takes (issue 13) on PostgreSQL for 10,000 and 50,000
 * mentions in the default twelve months, against the dashboard's goal (every figure under
 * 1 s at the median), with the SQL alone (conversationCounts) beside the whole use-case
 * (SQL, area outlines, aggregation in core). Runs alternate sizes and measures; prints a
 * Markdown table with the median and range. Not part of the test suite.
 *
 *   BENCH_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres \
 *     apps/api/node_modules/.bin/tsx bench/insight/conversations.ts
 *   apps/api/node_modules/.bin/tsx bench/insight/conversations.ts     # embedded PGlite
 */
import { cpus, loadavg } from 'node:os';
import { conversationCounts } from '@groundswell/db';
import { openTestDatabase, prepareTemplate, sql } from '@groundswell/db/testing';
import { mapConversations } from '../../apps/api/src/insight/map-conversations.ts';

const url = process.env.BENCH_DATABASE_URL;
// Without a URL: embedded PGlite, the default database.
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [10_000, 50_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL_MS = 1000;

const template = await prepareTemplate(url);
const dbs = new Map<number, Awaited<ReturnType<typeof openTestDatabase>>>();
for (const n of SIZES) {
  const db = await openTestDatabase(template, url);
  await db.rows(sql`insert into categories (code, name, geometry_types, response_days, contact_required, questions)
    values ('blocked_drain', '{"en":"Blocked drain"}', array['Point'], 5, '{"name":false,"email":true,"phone":false}', '[]')`);
  // Twenty areas in a 5 × 4 grid over the Carse of Gowrie.
  await db.rows(sql`insert into areas (code, name, kind, geom)
    select 'a' || i || '_' || j, 'Area ' || i || '-' || j, 'ward', ST_MakeEnvelope(-3.3 + i * 0.08, 56.3 + j * 0.05, -3.22 + i * 0.08, 56.35 + j * 0.05, 4326)
    from generate_series(0, 4) i, generate_series(0, 3) j`);
  await db.rows(sql`insert into listening_sources (kind, name, config)
    values ('mastodon', 'Mastodon', '{"instanceUrl":"https://council.social"}'), ('bluesky', 'Bluesky', '{}'), ('feed', 'Forum', '{}'), ('email', 'Mailbox', '{}'), ('sms', 'Texts', '{}')`);
  await db.rows(sql`insert into keyword_rules (name, language, keywords) values ('Drains', 'en', array['drain'])`);
  // Authors: 3,000 people on 40 servers; 50 hashtags; points spread over the areas and a little beyond; a tenth unlocated.
  await db.rows(sql`insert into mentions (source_id, external_id, author, author_hash, text, posted_at, received_at, geom, matched_rule_ids, suggested_category_id)
    select s.id, 'b' || g,
           case s.kind when 'mastodon' then '@user' || (g % 3000) || '@server' || (g % 40) || '.example' when 'bluesky' then '@user' || (g % 3000) || '.host' || (g % 40) || '.example' else 'person' || (g % 3000) end,
           md5('a' || (g % 3000)), 'Blocked drain again #tag' || (g % 50) || ' by the school ' || g,
           now() - ((g % 360) * interval '1 day'), now() - ((g % 360) * interval '1 day'),
           case when g % 10 = 0 then null else ST_SetSRID(ST_MakePoint(-3.32 + random() * 0.44, 56.29 + random() * 0.22), 4326) end,
           array[(select min(id) from keyword_rules)], (select id from categories limit 1)
    from generate_series(1, ${n}) g join listening_sources s on s.id = (select min(id) from listening_sources) + g % 5`);
  await db.rows(sql`analyze`);
  dbs.set(n, db);
}

const now = new Date();
const period = { from: new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
const load0 = loadavg()[0]!;
const times = new Map<string, number[]>();
const time = async (key: string, fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  times.set(key, [...(times.get(key) ?? []), ms]);
};
for (const n of SIZES) await mapConversations({ database: dbs.get(n)! }, period, false); // warm-up
for (let r = 0; r < RUNS; r++) {
  for (const n of r % 2 ? [...SIZES].reverse() : SIZES) {
    const database = dbs.get(n)!;
    await time(`${n} sql`, () => conversationCounts(database, period));
    await time(`${n} map`, () => mapConversations({ database }, period, false));
  }
}
const check = await mapConversations({ database: dbs.get(SIZES[SIZES.length - 1]!)! }, period, false);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};
const fmt = (ms: number) => `${Math.round(ms)} ms`;
const [pgVersion] = await dbs.get(SIZES[0]!)!.rows<{ v: string }>(sql`select version() as v`);
console.log(
  `Conversation map on ${pgVersion!.v.split(',')[0]}; ${cpus().length} cores; load ${load0.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after; ${RUNS} alternating runs after a warm-up; period ${period.from} to ${period.to}`,
);
console.log(`Check (${SIZES[SIZES.length - 1]}): total ${check.total}, places ${check.places.length}, withheld ${check.withheld.places}, unlocated ${check.unlocated}`);
console.log('| mentions | SQL alone: median (range) | whole map: median (range) | goal | under goal |');
console.log('| --- | --- | --- | --- | --- |');
for (const n of SIZES) {
  const s = times.get(`${n} sql`)!;
  const m = times.get(`${n} map`)!;
  console.log(
    `| ${n.toLocaleString('en-GB')} | ${fmt(median(s))} (${fmt(Math.min(...s))}–${fmt(Math.max(...s))}) | ${fmt(median(m))} (${fmt(Math.min(...m))}–${fmt(Math.max(...m))}) | ${fmt(GOAL_MS)} | ${median(m) < GOAL_MS ? 'yes' : '**no**'} |`,
  );
}
if (process.env.BENCH_KEEP) console.log('kept:', [...dbs.keys()].join(', '));
else for (const db of dbs.values()) await db.close();
