import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssets, listPublicReports, nearbyOpenReports, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { toFeature } from '../src/reports/present.ts';
import { seedCategory, seedReport, testApp } from './helpers.ts';

/**
 * GET /api/reports and /api/reports/nearby write Feature texts built by PostgreSQL straight
 * into the response (no JSON.parse and JSON.stringify per feature in Node). Their bytes must be
 * what the earlier path made: rows of PUBLIC_COLUMNS through toFeature and JSON.stringify. The
 * reports here carry what is hard to get byte-equal: answers of every question type (arrays,
 * numbers, booleans, text with commas, colons, quotes, backslashes, control characters and
 * Polish letters, answers to a removed question), photos (one hidden), areas, a shown name,
 * lines and polygons, every time column, and a category named in Polish.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  const category = await seedCategory(ctx.database, 'blocked_ditch');
  const other = await seedCategory(ctx.database, 'litter');
  const questions = [
    { id: 'what_is_blocking', type: 'text', label: { en: 'What' }, required: false, maxLength: 200 },
    { id: 'depth_cm', type: 'number', label: { en: 'Depth' }, required: false },
    { id: 'kinds', type: 'multiple_choice', label: { en: 'Kinds' }, required: false, choices: [{ value: 'a', label: { en: 'A' } }] },
    { id: 'smell', type: 'yes_no', label: { en: 'Smell' }, required: false },
    { id: 'seen_on', type: 'date', label: { en: 'Seen' }, required: false },
  ];
  await ctx.database.db
    .update(schema.categories)
    .set({ questions: questions as never })
    .where(sql`id = ${category.id}`);
  const [area] = await ctx.database.db
    .insert(schema.areas)
    .values({
      code: 'w1',
      name: 'Ward Łąka "One"',
      kind: 'ward',
      geom: {
        type: 'Polygon',
        coordinates: [
          [
            [-4, 56],
            [-3, 56],
            [-3, 57],
            [-4, 57],
            [-4, 56],
          ],
        ],
      } as never,
    })
    .returning();
  const tricky = 'branches, "mud": and \\ a tab\there\nłódź ☃ \u0001 </script>';
  const a = await seedReport(
    ctx.database,
    category.id,
    { type: 'Point', coordinates: [-3.4371234, 56.3961] },
    {
      publicId: 'text0001',
      description: tricky,
      publicName: 'Zoë "Z" Ń',
      areaId: area!.id,
      state: 'acknowledged',
      supportCount: 3,
      answers: { removed_q: { nested: [1, 'x, y'], ok: true } as never, smell: true, kinds: ['a', 'b, c', 'd: e'], depth_cm: 12.5, what_is_blocking: tricky, seen_on: '2026-10-30' },
      acknowledgedAt: new Date('2026-10-31T08:00:00.123Z'),
      expectedAt: new Date('2026-11-05T17:00:00Z'),
      updatedAt: new Date('2026-11-01T09:00:00Z'),
    },
  );
  await seedReport(
    ctx.database,
    category.id,
    {
      type: 'LineString',
      coordinates: [
        [-3.43, 56.39],
        [-3.4312345, 56.3912345],
      ],
    },
    { publicId: 'text0002', state: 'fixed', resolvedAt: new Date('2026-10-20T10:00:00Z'), updatedAt: new Date('2026-10-20T10:00:00Z'), answers: { depth_cm: -7, kinds: [] } },
  );
  await seedReport(
    ctx.database,
    other.id,
    {
      type: 'Polygon',
      coordinates: [
        [
          [-3.44, 56.4],
          [-3.439, 56.4],
          [-3.439, 56.401],
          [-3.44, 56.4],
        ],
      ],
    },
    { publicId: 'text0003', updatedAt: new Date('2026-10-25T10:00:00Z') },
  );
  await seedReport(ctx.database, other.id, { type: 'Point', coordinates: [-3.438, 56.397] }, { publicId: 'hidden01', state: 'hidden' });
  // The mapped network: a segment in the area with an inspection and an attached open report,
  // one with a name full of quotes and no area, and a retired one.
  const [seg] = await ctx.database.db
    .insert(schema.assets)
    .values([
      { code: 'D-1', kind: 'ditch', name: 'Mill "lade", north', condition: 'poor', conditionAt: new Date('2026-10-01T10:00:00Z'), areaId: area!.id, geom: line(-3.43, 56.39) },
      { code: 'D-2', kind: 'culvert', name: null, geom: line(-3.44, 56.4) },
      { code: 'D-0', kind: 'ditch', name: 'Old', geom: line(-3.45, 56.41), retiredAt: new Date('2026-09-01T00:00:00Z') },
    ])
    .returning();
  await ctx.database.db.insert(schema.assetEvents).values({ assetId: seg!.id, kind: 'inspected', condition: 'poor', actorType: 'staff', createdAt: new Date('2026-10-01T10:00:00.456Z') });
  await ctx.database.db.update(schema.reports).set({ assetId: seg!.id }).where(sql`public_id = 'text0002'`);
  await ctx.database.db.update(schema.reports).set({ assetId: seg!.id }).where(sql`public_id = 'text0001'`);
  const photo = (reportId: number, position: number, hidden = false) => ({ reportId, storageKey: `k${position}`, contentType: 'image/jpeg', width: 1, height: 1, bytes: 1, position, hidden });
  await ctx.database.db.insert(schema.photos).values([photo(a.id, 1), photo(a.id, 0), photo(a.id, 2, true)]);
});
afterAll(() => ctx?.close());

/** What the route wrote before: the row through toFeature, serialised by JSON.stringify. */
async function before(query: { limit: number; bbox?: [number, number, number, number]; categories?: string[] }, locale: string) {
  const { rows, truncated } = await listPublicReports(ctx.database, query);
  const features = rows.map((r) => toFeature(r, locale, ctx.config.publicUrl));
  return JSON.stringify({ type: 'FeatureCollection', features, numberReturned: features.length, truncated });
}

describe('public GeoJSON lists as text built in PostgreSQL', () => {
  it('GET /api/reports is byte for byte what the parse-and-reshape path wrote, in both languages, truncated or not', async () => {
    const cases: Array<[string, Parameters<typeof before>[0], string]> = [
      ['/api/reports', { limit: 1000 }, 'en'],
      ['/api/reports?limit=2', { limit: 2 }, 'en'],
      ['/api/reports?limit=1000', { limit: 1000 }, 'pl'],
      ['/api/reports?bbox=-3.5,56.3,-3.4,56.5&category=blocked_ditch', { limit: 1000, bbox: [-3.5, 56.3, -3.4, 56.5], categories: ['blocked_ditch'] }, 'en'],
    ];
    for (const [path, query, locale] of cases) {
      const res = await ctx.app.request(path, { headers: { 'accept-language': locale } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('application/geo+json');
      const text = await res.text();
      expect(text, path).toBe(await before(query, locale));
    }
    const all = JSON.parse(await (await ctx.app.request('/api/reports')).text());
    expect(all.features.map((f: { id: string }) => f.id)).toEqual(['text0001', 'text0003', 'text0002']);
    const first = all.features[0].properties;
    expect(first.photos).toHaveLength(2);
    expect(Object.keys(first.answers)).toEqual(['depth_cm', 'kinds', 'smell', 'seen_on', 'what_is_blocking', 'removed_q'].sort((x, y) => order(x) - order(y)));
    expect(first.answers.kinds).toEqual(['a', 'b, c', 'd: e']);
    expect(first.areas).toEqual(['Ward Łąka "One"']);
    const pl = JSON.parse(await (await ctx.app.request('/api/reports', { headers: { 'accept-language': 'pl' } })).text());
    expect(pl.features[0].properties.categoryName).toBe('pl blocked_ditch');
  });

  it('GET /api/reports/nearby is byte for byte what it was, distance last', async () => {
    const at = { lon: -3.4375, lat: 56.3965 };
    const res = await ctx.app.request(`/api/reports/nearby?lon=${at.lon}&lat=${at.lat}`);
    expect(res.status).toBe(200);
    const rows = await nearbyOpenReports(ctx.database, at, { meters: ctx.config.nearbyMeters, limit: 5 });
    const old = JSON.stringify({ type: 'FeatureCollection', features: rows.map((r) => ({ ...toFeature(r, 'en', ctx.config.publicUrl), distanceMeters: r.distanceMeters })) });
    const text = await res.text();
    expect(text).toBe(old);
    const ids = JSON.parse(text).features.map((f: { id: string }) => f.id);
    // Open reports only: the fixed line and the hidden report are near but never offered.
    expect(ids).toContain('text0001');
    expect(ids).not.toContain('text0002');
    expect(ids).not.toContain('hidden01');
  });
});

describe('the GeoJSON export, whose feature texts come through as bytes on PostgreSQL', () => {
  it('carries every character of the texts intact (quotes, backslashes, control characters, Polish letters)', async () => {
    const res = await ctx.app.request('/export/reports.geojson');
    expect(res.status).toBe(200);
    const body = JSON.parse(await res.text());
    const f = body.features.find((x: { id: string }) => x.id === 'text0001');
    expect(f.properties.description).toBe('branches, "mud": and \\ a tab\there\nłódź ☃ \u0001 </script>');
    expect(f.properties.answers.kinds).toEqual(['a', 'b, c', 'd: e']);
    expect(body.features.map((x: { id: string }) => x.id).sort()).toEqual(['text0001', 'text0002', 'text0003']);
  });
});

describe('the network list as text built in PostgreSQL', () => {
  it('GET /api/assets is byte for byte what listAssets and JSON.stringify made, live and retired', async () => {
    for (const [path, filter] of [
      ['/api/assets', {}],
      ['/api/assets?retired=true', { retired: true }],
      ['/api/assets?kind=ditch&bbox=-3.5,56.3,-3.4,56.5', { kind: 'ditch' as const, bbox: [-3.5, 56.3, -3.4, 56.5] as [number, number, number, number] }],
    ] as const) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('application/geo+json');
      const old = JSON.stringify({ type: 'FeatureCollection', features: await listAssets(ctx.database, filter) });
      expect(await res.text(), path).toBe(old);
    }
    const live = JSON.parse(await (await ctx.app.request('/api/assets')).text());
    expect(live.features.map((f: { id: string }) => f.id)).toEqual(['D-1', 'D-2']);
    expect(live.features[0].properties).toMatchObject({ reports: 2, openReports: 1, area: 'Ward Łąka "One"', lastInspectedAt: '2026-10-01T10:00:00Z' });
  });
});

function line(lon: number, lat: number) {
  return {
    type: 'LineString',
    coordinates: [
      [lon, lat],
      [lon + 0.0012345, lat + 0.0006789],
    ],
  } as never;
}

const FORM = ['what_is_blocking', 'depth_cm', 'kinds', 'smell', 'seen_on'];
const order = (k: string) => (FORM.includes(k) ? FORM.indexOf(k) : 99);
