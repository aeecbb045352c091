/**
 * Loads BENCH_REPORTS (default 1,000,000) synthetic reports into the PostgreSQL database
 * named by BENCH_DATABASE_URL, creating and migrating it first. Reports cluster around the
 * towns and villages of a county (Perth and Kinross, roughly) with a rural scatter: about
 * 70% points, 20% lines (ditches), 10% areas, each with a timeline (created, acknowledged,
 * resolved events), states weighted towards closed for older reports, and contact details
 * for some. All in SQL (generate_series), in chunks of 100,000. Deterministic (setseed).
 *
 *   BENCH_DATABASE_URL=postgres://… BENCH_REPORTS=100000 tsx bench/generate.ts
 */
import { connect, type Database } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { pgParts, timed } from './lib.ts';

const W = -4.4;
const E = -3.0;
const S = 56.15;
const N = 56.85;
const CHUNK = 100_000;
const MARKER = 'bench_generated';

/** name, lon, lat, weight, spread in degrees of longitude. Weight 0 lon/lat = rural scatter over the county. */
const TOWNS: Array<[string, number, number, number, number]> = [
  ['rural', 0, 0, 10, 0],
  ['Perth', -3.437, 56.396, 30, 0.03],
  ['Blairgowrie', -3.34, 56.591, 8, 0.015],
  ['Crieff', -3.838, 56.373, 7, 0.012],
  ['Scone', -3.405, 56.42, 4, 0.01],
  ['Pitlochry', -3.73, 56.704, 5, 0.01],
  ['Auchterarder', -3.7, 56.296, 5, 0.01],
  ['Kinross', -3.42, 56.206, 5, 0.01],
  ['Aberfeldy', -3.867, 56.62, 3, 0.008],
  ['Coupar Angus', -3.268, 56.546, 3, 0.008],
  ['Alyth', -3.23, 56.622, 3, 0.008],
  ['Dunkeld', -3.586, 56.565, 2, 0.006],
  ['Comrie', -3.987, 56.376, 2, 0.006],
  ['Errol', -3.212, 56.392, 2, 0.006],
  ['Bridge of Earn', -3.405, 56.35, 2, 0.006],
  ['Stanley', -3.45, 56.486, 1.5, 0.005],
  ['Methven', -3.575, 56.416, 1.5, 0.005],
  ['Milnathort', -3.419, 56.226, 1.5, 0.005],
  ['Killin', -4.318, 56.467, 1, 0.005],
  ['Inchture', -3.145, 56.447, 1, 0.004],
];

export const BIGGEST_TOWN = TOWNS[1]!;

const DESCRIPTIONS = [
  'Overflowing bin by the bus stop, rubbish blowing into the road.',
  'Ditch blocked with reeds and silt, water backing up onto the field.',
  'Mattress and bags dumped in the lay-by.',
  'Pothole about a hand deep on the bend, cars swerving round it.',
  'Street light out for a week, the path is pitch dark.',
  'Water lying across the road after rain, deep enough to splash the pavement.',
  'Broken glass all over the play park.',
  'Culvert grating clogged with branches.',
  'Builders rubble tipped at the field gate.',
  'Dog waste bags hung on the fence by the school path.',
];

async function ensureDatabase(url: string) {
  const p = pgParts(url);
  const exists = await timed('psql', ['-d', 'postgres', '-tAc', `select 1 from pg_database where datname = '${p.dbname}'`], p.env);
  if (exists.code !== 0) throw new Error(`psql failed: ${exists.stderr}`);
  if (exists.stdout.trim() !== '1') {
    const made = await timed('psql', ['-d', 'postgres', '-c', `create database "${p.dbname}"`], p.env);
    if (made.code !== 0) throw new Error(made.stderr);
  }
}

export async function generate(url: string, count: number): Promise<{ generated: boolean; seconds: number }> {
  await ensureDatabase(url);
  const database = await connect({ databaseUrl: url, maxConnections: 2 });
  try {
    await database.migrate();
    const [marker] = await database.rows<{ value: { reports: number } }>(sql`select value from settings where key = ${MARKER}`);
    if (marker?.value.reports === count) return { generated: false, seconds: 0 };
    if (marker) throw new Error(`${url} already holds ${marker.value.reports} generated reports; drop it or use another database for ${count}`);
    const t0 = performance.now();
    await loadDemo(database, { now: new Date('2026-11-01T12:00:00Z') });
    await loadReports(database, count);
    await database.rows(sql`insert into settings (key, value) values (${MARKER}, ${JSON.stringify({ reports: count })}::jsonb)`);
    return { generated: true, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}

/** The generated reports (and their wards) into an already migrated database with the demo categories. */
export async function loadReports(database: Database, count: number) {
  const total = TOWNS.reduce((s, t) => s + t[3], 0);
  let acc = 0;
  const towns = TOWNS.map(([name, lon, lat, w, spread], i) => {
    const lo = acc / total;
    acc += w;
    return sql`(${i}::int, ${name}::text, ${lon}::float8, ${lat}::float8, ${spread}::float8, ${lo}::float8, ${acc / total}::float8)`;
  });
  // Wards: a 7 × 7 grid of areas over the county, so every report has an area.
  const cw = (E - W) / 7;
  const ch = (N - S) / 7;
  await database.rows(sql`
    insert into areas (code, name, kind, geom)
    select 'ward_' || cx || '_' || cy, 'Ward ' || chr(65 + cx) || (cy + 1), 'ward',
           ST_MakeEnvelope(${W}::float8 + cx * ${cw}::float8, ${S}::float8 + cy * ${ch}::float8,
                           ${W}::float8 + (cx + 1) * ${cw}::float8, ${S}::float8 + (cy + 1) * ${ch}::float8, 4326)
    from generate_series(0, 6) cx, generate_series(0, 6) cy
    on conflict (code) do nothing`);
  const cats = await database.rows<{ code: string; id: number; team: number | null }>(sql`select code, id, default_team_id as team from categories`);
  const id = (code: string) => cats.find((c) => c.code === code)!.id;
  const pointCats = [id('litter'), id('litter'), id('pothole'), id('pothole'), id('street_light'), id('fly_tipping'), id('flooding'), id('blocked_ditch')];
  const areaCats = [id('fly_tipping'), id('litter'), id('flooding')];
  const arr = (xs: number[]) => sql.raw(`array[${xs.join(',')}]`);
  const descs = sql.raw(`array[${DESCRIPTIONS.map((d) => `'${d.replaceAll("'", "''")}'`).join(',')}]`);
  await database.rows(sql`select setseed(0.42)`);

  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    const t0 = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`
        with towns(i, name, lon, lat, spread, lo, hi) as (values ${sql.join(towns, sql`, `)}),
        r as (
          select g, random() + g * 0 as rt, random() as rk, random() as rs, random() as rc,
                 (random() + random() + random() - 1.5) * 2 as nx, (random() + random() + random() - 1.5) * 2 as ny,
                 random() as ux, random() as uy, random() as age, random() as d1, random() as d2, random() as d3, random() as d4
          from generate_series(${from}::int, ${to}::int) g
        ),
        placed as (
          select r.*, case when t.i = 0 then ${W}::float8 + r.ux * ${E - W}::float8 else t.lon + t.spread * r.nx end as lon,
                      case when t.i = 0 then ${S}::float8 + r.uy * ${N - S}::float8 else t.lat + t.spread * 0.56 * r.ny end as lat
          from r join towns t on r.rt >= t.lo and r.rt < t.hi
        ),
        shaped as (
          select p.*,
            case when rk < 0.7 then 'Point' when rk < 0.9 then 'LineString' else 'Polygon' end as kind,
            case when rs < 0.12 then 'new' when rs < 0.2 then 'acknowledged' when rs < 0.27 then 'in_progress'
                 when rs < 0.31 then 'action_scheduled' when rs < 0.66 then 'fixed' when rs < 0.93 then 'closed'
                 when rs < 0.96 then 'duplicate' when rs < 0.99 then 'referred' else 'hidden' end as state,
            timestamptz '2026-11-01T12:00:00Z' - (power(age, 0.7) * interval '1095 days') as created
          from placed p
        ),
        geo as (
          select s.*,
            case kind
              when 'Point' then ST_SetSRID(ST_MakePoint(lon, lat), 4326)
              when 'LineString' then ST_SetSRID(ST_MakeLine(array[
                ST_MakePoint(lon, lat),
                ST_MakePoint(lon + (d1 - 0.5) * 0.006, lat + (d2 - 0.5) * 0.003),
                ST_MakePoint(lon + (d1 - 0.5) * 0.006 + (d3 - 0.5) * 0.004, lat + (d2 - 0.5) * 0.003 + (d4 - 0.5) * 0.002)]), 4326)
              else ST_ForcePolygonCCW(ST_SetSRID(ST_Buffer(ST_MakePoint(lon, lat), 0.0004 + d1 * 0.0008, 'quad_segs=2'), 4326))
            end as geom,
            case kind
              when 'Point' then (${arr(pointCats)})[1 + floor(rc * ${pointCats.length})::int]
              when 'LineString' then ${id('blocked_ditch')}
              else (${arr(areaCats)})[1 + floor(rc * ${areaCats.length})::int]
            end as category_id,
            case when state <> 'new' then created + d2 * interval '3 days' end as acked,
            case when state in ('fixed', 'closed', 'duplicate', 'referred') then created + (1 + d3 * 40) * interval '1 day' end as resolved
          from shaped s
        )
        insert into reports (public_id, category_id, state, geom, point, geom_type, description, answers, channel, locale,
                             area_id, team_id, support_count, created_at, updated_at, acknowledged_at, resolved_at)
        select 'b' || lpad(to_hex(g), 7, '0'), category_id, state, geom, ST_PointOnSurface(geom), kind,
               (${descs})[1 + floor(d4 * ${DESCRIPTIONS.length})::int], '{}'::jsonb, 'web', 'en',
               (select a.id from areas a where a.code = 'ward_' || least(6, greatest(0, floor((lon - ${W}::float8) / ${cw}::float8)))::int
                                                   || '_' || least(6, greatest(0, floor((lat - ${S}::float8) / ${ch}::float8)))::int),
               (select default_team_id from categories c where c.id = category_id),
               floor(power(d1, 4) * 30)::int, created, greatest(created, acked, resolved), acked, resolved
        from geo`);
      const range = sql`r.public_id between ${`b${from.toString(16).padStart(7, '0')}`} and ${`b${to.toString(16).padStart(7, '0')}`}`;
      await tx.execute(sql`
        insert into report_events (report_id, kind, actor_type, actor_label, public, payload, created_at)
        select r.id, 'created', 'resident', null, true, '{"channel":"web"}'::jsonb, r.created_at from reports r where ${range}
        union all
        select r.id, 'state_changed', 'staff', 'Council', true, '{"from":"new","to":"acknowledged"}'::jsonb, r.acknowledged_at from reports r where ${range} and r.acknowledged_at is not null
        union all
        select r.id, 'state_changed', 'staff', 'Council', true, jsonb_build_object('from', 'acknowledged', 'to', r.state), r.resolved_at from reports r where ${range} and r.resolved_at is not null`);
      await tx.execute(sql`
        insert into report_contacts (report_id, email, created_at)
        select r.id, 'resident' || r.id || '@example.org', r.created_at from reports r where ${range} and r.id % 5 < 2`);
    });
    process.stdout.write(`  reports ${from}–${to} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  await database.rows(sql`analyze`);
}

/**
 * The same reports in an embedded (PGlite) data directory, as a server started with
 * DATA_DIR=dir and no DATABASE_URL opens it; done once per directory and count.
 */
export async function generateEmbedded(dataDir: string, count: number): Promise<{ generated: boolean; seconds: number }> {
  const database = await connect({ dataDir });
  try {
    await database.migrate();
    const [marker] = await database.rows<{ value: { reports: number } }>(sql`select value from settings where key = ${MARKER}`);
    if (marker?.value.reports === count) return { generated: false, seconds: 0 };
    if (marker) throw new Error(`${dataDir} already holds ${marker.value.reports} generated reports; remove it for ${count}`);
    const t0 = performance.now();
    await loadDemo(database, { now: new Date('2026-11-01T12:00:00Z') });
    await loadReports(database, count);
    await database.rows(sql`insert into settings (key, value) values (${MARKER}, ${JSON.stringify({ reports: count })}::jsonb)`);
    return { generated: true, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database for the benchmark (it is created if missing)');
  const count = Number(process.env.BENCH_REPORTS ?? 1_000_000);
  const r = await generate(url, count);
  console.log(r.generated ? `generated ${count} reports in ${r.seconds.toFixed(0)} s` : `already generated: ${count} reports`);
}
