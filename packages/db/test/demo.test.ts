import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CategorySchema, CLOSED_STATES, REPORT_STATES, checkAnswers, type Question } from '@groundswell/core';
import { testDatabase } from '../src/vitest.ts';
import type { Database } from '../src/connect.ts';
import { loadDemo, type DemoSummary } from '../demo/index.ts';
import { categories } from '../src/schema.ts';

const NOW = new Date('2025-03-14T12:00:00.000Z');
/** Where everything must be: the carse, north of the Firth of Tay. */
const [W, S, E, N] = [-3.4, 56.378, -3.0, 56.49];

let database: Database;
let summary: DemoSummary;
let loadMs = 0;

beforeAll(async () => {
  database = await testDatabase();
  const started = performance.now();
  summary = await loadDemo(database, { now: NOW });
  loadMs = performance.now() - started;
  console.log(`demo loaded in ${Math.round(loadMs)} ms:`, summary);
});
afterAll(() => database?.close());

const count = async (query: ReturnType<typeof sql>) => Number((await database.rows<{ n: number | string }>(query))[0]!.n);

describe('demo data', () => {
  it('summarises what it loaded', async () => {
    expect(summary.teams).toBeGreaterThanOrEqual(4);
    expect(summary.categories).toBeGreaterThanOrEqual(6);
    expect(summary.areas).toBe(await count(sql`select count(*) as n from areas`));
    expect(summary.assets).toBe(await count(sql`select count(*) as n from assets`));
    expect(summary.reports).toBe(await count(sql`select count(*) as n from reports`));
    expect(summary.events).toBe(await count(sql`select count(*) as n from report_events`));
  });

  it('has the council teams, each with an email', async () => {
    const rows = await database.rows<{ name: string; email: string }>(sql`select name, email from teams`);
    const names = rows.map((r) => r.name);
    for (const t of ['Roads', 'Flooding and drainage', 'Waste and street cleaning', 'Street lighting']) expect(names).toContain(t);
    for (const r of rows) expect(r.email).toMatch(/^[a-z_]+@council\.example$/);
  });

  it('has categories with English and Polish text and forms using every question type', async () => {
    const rows = await database.db.select().from(categories);
    expect(rows.map((r) => r.code).sort()).toEqual(['blocked_ditch', 'flooding', 'fly_tipping', 'litter', 'pothole', 'street_light']);
    const types = new Set<string>();
    let showIf = 0;
    let required = 0;
    for (const row of rows) {
      expect(row.name.pl).toBeTruthy();
      expect(row.description?.pl).toBeTruthy();
      expect(row.defaultTeamId).not.toBeNull();
      CategorySchema.parse({ ...row, description: row.description ?? undefined, group: row.group ?? undefined });
      for (const q of row.questions) {
        types.add(q.type);
        if (q.showIf) showIf++;
        if (q.required) required++;
        if (q.type === 'number') expect(q.min).toBeDefined();
      }
    }
    expect([...types].sort()).toEqual(['date', 'multiple_choice', 'number', 'single_choice', 'text', 'yes_no']);
    expect(showIf).toBeGreaterThan(0);
    expect(required).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.color)).size).toBe(rows.length);
    const ditch = rows.find((r) => r.code === 'blocked_ditch')!;
    expect(ditch.geometryTypes).toContain('LineString');
  });

  it('tiles the demo area with valid community council areas that do not overlap', async () => {
    const [row] = await database.rows<{ n: number; valid: boolean; overlaps: number; union: number; box: number }>(sql`
      select count(*)::int as n, bool_and(ST_IsValid(geom)) as valid,
        (select count(*)::int from areas a join areas b on a.id < b.id and ST_Overlaps(a.geom, b.geom)) as overlaps,
        sum(ST_Area(geom)) as union,
        ST_Area(ST_Envelope(ST_Collect(geom))) as box
      from areas where kind = 'community_council'`);
    expect(row!.n).toBeGreaterThanOrEqual(4);
    expect(row!.valid).toBe(true);
    expect(row!.overlaps).toBe(0);
    expect(Math.abs(Number(row!.union) - Number(row!.box))).toBeLessThan(1e-9);
    const names = (await database.rows<{ name: string }>(sql`select name from areas`)).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Carse of Gowrie', 'Errol', 'Longforgan', 'Kinfauns', 'Invergowrie']));
  });

  it('maps a ditch network of plausible segments with a condition history', async () => {
    expect(await count(sql`select count(*) as n from assets where kind = 'ditch' and GeometryType(geom) = 'LINESTRING'`)).toBeGreaterThanOrEqual(40);
    expect(await count(sql`select count(*) as n from assets where kind = 'culvert'`)).toBeGreaterThan(0);
    const bad = await database.rows(sql`
      select code, ST_NPoints(geom) as vertices, ST_Length(geom::geography) as metres from assets
      where not ST_IsValid(geom) or not ST_IsSimple(geom) or area_id is null
        or ST_NPoints(geom) not between 3 and 8
        or ST_Length(geom::geography) not between 200 and 1500
        or not ST_Within(geom, ST_MakeEnvelope(${W}, ${S}, ${E}, ${N}, 4326))`);
    expect(bad).toEqual([]);
    const history = await database.rows(sql`
      select a.code from assets a
      where (select count(*) from asset_events e where e.asset_id = a.id and e.kind = 'inspected') not between 1 and 4
        or a.condition is distinct from (select e.condition from asset_events e where e.asset_id = a.id order by e.created_at desc limit 1)
        or a.condition_at is distinct from (select max(e.created_at) from asset_events e where e.asset_id = a.id)
        or exists (select 1 from asset_events e where e.asset_id = a.id and (e.created_at > ${NOW.toISOString()}::timestamptz
          or e.created_at < ${NOW.toISOString()}::timestamptz - interval '24 months'))`);
    expect(history).toEqual([]);
    const pows = (await database.rows<{ name: string }>(sql`select distinct name from assets where name like '%Pow%'`)).map((r) => r.name);
    expect(pows).toEqual(expect.arrayContaining(['Pow of Errol', 'Grange Pow', 'Huntly Pow']));
  });
});

describe('demo data', () => {
  it('has a year of reports in every category and every state', async () => {
    expect(await count(sql`select count(*) as n from reports`)).toBeGreaterThanOrEqual(160);
    const rows = await database.rows<{ code: string; state: string; n: number }>(sql`
      select c.code, r.state, count(*)::int as n from reports r join categories c on c.id = r.category_id group by 1, 2`);
    for (const state of REPORT_STATES) {
      expect(
        rows.filter((r) => r.state === state).reduce((s, r) => s + r.n, 0),
        state,
      ).toBeGreaterThanOrEqual(3);
      for (const code of ['blocked_ditch', 'flooding', 'litter', 'fly_tipping', 'pothole', 'street_light'])
        expect(
          rows.some((r) => r.code === code && r.state === state),
          `${code} ${state}`,
        ).toBe(true);
    }
    const [span] = await database.rows<{ oldest: string; newest: string }>(sql`select min(created_at) as oldest, max(created_at) as newest from reports`);
    expect(new Date(span!.newest).getTime()).toBeLessThan(NOW.getTime());
    expect(new Date(span!.oldest).getTime()).toBeGreaterThan(NOW.getTime() - 366 * 86_400_000);
  });

  it('draws points, lines and areas, all valid and on the carse', async () => {
    const types = await database.rows<{ geom_type: string; n: number }>(sql`select geom_type, count(*)::int as n from reports group by 1`);
    expect(types.map((t) => t.geom_type).sort()).toEqual(['LineString', 'Point', 'Polygon']);
    const bad = await database.rows(sql`
      select public_id, geom_type, ST_AsText(geom) from reports
      where not ST_IsValid(geom) or not ST_IsSimple(geom)
        or 'ST_' || geom_type <> ST_GeometryType(geom)
        or not ST_Within(geom, ST_MakeEnvelope(${W}, ${S}, ${E}, ${N}, 4326))
        or not ST_DWithin(point, geom, 1e-9)
        or area_id is null`);
    expect(bad).toEqual([]);
    // Residents' ditch lines follow a mapped ditch.
    const astray = await database.rows(sql`
      select r.public_id from reports r join categories c on c.id = r.category_id
      where c.code = 'blocked_ditch' and r.geom_type = 'LineString'
        and not exists (select 1 from assets a where ST_DWithin(a.geom::geography, r.geom::geography, 25))`);
    expect(astray).toEqual([]);
    expect(await count(sql`select count(*) as n from reports r join categories c on c.id = r.category_id where c.code = 'blocked_ditch' and r.geom_type = 'LineString'`)).toBeGreaterThan(10);
  });

  it('answers every category form correctly', async () => {
    const rows = await database.rows<{ public_id: string; questions: Question[]; answers: Record<string, never> }>(sql`
      select r.public_id, c.questions, r.answers from reports r join categories c on c.id = r.category_id`);
    for (const r of rows) expect(checkAnswers(r.questions, r.answers).errors, r.public_id).toEqual([]);
    expect(await count(sql`select count(*) as n from reports where locale = 'pl'`)).toBeGreaterThanOrEqual(3);
  });

  it('gives every report a consistent timeline', async () => {
    const bad = await database.rows(sql`
      select r.public_id, r.state from reports r
      where r.area_id is null or r.team_id is null
        or (select e.kind from report_events e where e.report_id = r.id order by e.created_at, e.id limit 1) is distinct from 'created'
        or (select min(e.created_at) from report_events e where e.report_id = r.id) <> r.created_at
        or (select max(e.created_at) from report_events e where e.report_id = r.id) <> r.updated_at
        or r.updated_at > ${NOW.toISOString()}::timestamptz
        or (r.state = 'new') <> (r.acknowledged_at is null)
        or (r.state in ${[...CLOSED_STATES]}) <> (r.resolved_at is not null)
        or r.acknowledged_at < r.created_at or r.resolved_at < r.acknowledged_at
        or (r.state in ('action_scheduled', 'in_progress') and r.expected_at is null)
        or r.support_count <> (select count(*) from report_supports s where s.report_id = r.id)
        or r.support_count <> (select count(*) from report_events e where e.report_id = r.id and e.kind = 'supported')
        or (r.state <> 'new' and (select (e.payload->>'to') from report_events e where e.report_id = r.id and e.kind = 'state_changed' order by e.created_at desc, e.id desc limit 1) <> r.state)
        or not exists (select 1 from report_contacts rc where rc.report_id = r.id)`);
    expect(bad).toEqual([]);
    // Event ids follow time within each report.
    expect(
      await count(sql`
        select count(*) as n from report_events a join report_events b on a.report_id = b.report_id and a.id < b.id and a.created_at >= b.created_at`),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from reports where state in ('action_scheduled', 'in_progress') and expected_at > ${NOW.toISOString()}::timestamptz`)).toBeGreaterThan(0);
  });

  it('answers residents publicly and keeps staff notes and moderation private', async () => {
    expect(await count(sql`select count(*) as n from report_events where kind = 'public_answer' and public and payload->>'message' <> ''`)).toBeGreaterThan(100);
    expect(await count(sql`select count(*) as n from report_events where kind in ('internal_note', 'assigned', 'hidden', 'merged') and public`)).toBe(0);
    expect(await count(sql`select count(*) as n from report_events where kind = 'expected_date_set' and payload ? 'expectedAt'`)).toBeGreaterThan(10);
    expect(await count(sql`select count(*) as n from report_events where kind = 'internal_note'`)).toBeGreaterThan(5);
    expect(await count(sql`select count(*) as n from report_events where actor_type = 'staff' and actor_label is null`)).toBe(0);
    const hidden = await database.rows(sql`
      select r.public_id from reports r where r.state = 'hidden'
        and not exists (select 1 from report_events e where e.report_id = r.id and e.kind = 'hidden' and not e.public and e.payload ? 'reason')`);
    expect(hidden).toEqual([]);
  });
});

describe('demo data', () => {
  it('merges duplicates into an earlier report of the same category nearby', async () => {
    const bad = await database.rows(sql`
      select r.public_id from reports r
      left join reports t on t.id = r.merged_into_id
      where (r.state = 'duplicate') <> (r.merged_into_id is not null)
        or (r.merged_into_id is not null and (t.category_id <> r.category_id or t.created_at >= r.created_at
          or not ST_DWithin(r.geom::geography, t.geom::geography, 100)
          or not exists (select 1 from report_events e where e.report_id = r.id and e.kind = 'merged_into' and e.payload->>'publicId' = t.public_id)))`);
    expect(bad).toEqual([]);
  });

  it('keeps contact details plausible and invented', async () => {
    const rows = await database.rows<{ name: string | null; email: string | null; phone: string | null }>(sql`select name, email, phone from report_contacts`);
    for (const r of rows) {
      if (r.email) expect(r.email).toMatch(/^[a-z0-9.]+@example\.(org|com)$/);
      if (r.phone) expect(r.phone).toMatch(/^07700 900\d{3}$/);
    }
    const named = await database.rows<{ ok: boolean }>(sql`
      select bool_and(r.public_name = rc.name) as ok from reports r join report_contacts rc on rc.report_id = r.id where r.show_name`);
    expect(named[0]!.ok).toBe(true);
    const share = await count(sql`select round(100.0 * count(*) filter (where show_name) / count(*)) as n from reports`);
    expect(share).toBeGreaterThanOrEqual(10);
    expect(share).toBeLessThanOrEqual(30);
  });

  it('shows the channel shift from phone to web', async () => {
    const [row] = await database.rows<{ old_phone: number; new_phone: number; old_web: number; new_web: number }>(sql`
      select
        avg((channel = 'phone')::int) filter (where created_at < ${NOW.toISOString()}::timestamptz - interval '6 months') as old_phone,
        avg((channel = 'phone')::int) filter (where created_at >= ${NOW.toISOString()}::timestamptz - interval '6 months') as new_phone,
        avg((channel = 'web')::int) filter (where created_at < ${NOW.toISOString()}::timestamptz - interval '6 months') as old_web,
        avg((channel = 'web')::int) filter (where created_at >= ${NOW.toISOString()}::timestamptz - interval '6 months') as new_web
      from reports`);
    expect(Number(row!.old_phone)).toBeGreaterThan(Number(row!.new_phone));
    expect(Number(row!.new_web)).toBeGreaterThan(Number(row!.old_web));
    expect(await count(sql`select count(distinct channel) as n from reports`)).toBe(6);
  });

  it('loads only once', async () => {
    const again = await loadDemo(database, { now: new Date(NOW.getTime() + 86_400_000), seed: 7 });
    expect(again).toEqual(summary);
    expect(await count(sql`select count(*) as n from reports`)).toBe(summary.reports);
    expect(await count(sql`select count(*) as n from categories`)).toBe(summary.categories);
    expect(await count(sql`select count(*) as n from assets`)).toBe(summary.assets);
  });

  it('gives the same data for the same seed and clock', async () => {
    const other = await testDatabase();
    try {
      await loadDemo(other, { now: NOW });
      const [a, b] = await Promise.all([fingerprint(database), fingerprint(other)]);
      expect(b).toBe(a);
    } finally {
      await other.close();
    }
    const third = await testDatabase();
    try {
      await loadDemo(third, { now: NOW, seed: 42 });
      expect(await fingerprint(third)).not.toBe(await fingerprint(database));
    } finally {
      await third.close();
    }
  });
});

async function fingerprint(db: Database): Promise<string> {
  const rows = await db.rows(sql`
    select r.public_id, r.state, ST_AsText(r.geom) as geom, r.description, r.answers::text, r.created_at, r.updated_at,
      (select string_agg(e.kind || e.created_at || e.payload::text, '|' order by e.id) from report_events e where e.report_id = r.id) as events
    from reports r order by r.public_id`);
  const assets = await db.rows(sql`select code, ST_AsText(geom) as geom, condition from assets order by code`);
  return createHash('sha256')
    .update(JSON.stringify([rows, assets]))
    .digest('hex');
}
