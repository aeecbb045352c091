import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIssues } from '@placemarkio/check-geojson';
import { schema, streamRows } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const NOW = new Date('2026-11-01T12:00:00Z');

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: NOW });
  const [litter] = await ctx.database.db.select().from(schema.categories).where(sql`code = 'litter'`);
  await seedReport(
    ctx.database,
    litter!.id,
    { type: 'Point', coordinates: [-3.2, 56.41] },
    {
      publicId: 'formula01',
      description: '=HYPERLINK("http://evil.example","click")',
      answers: {},
    },
  );
  await seedReport(ctx.database, litter!.id, { type: 'Point', coordinates: [-3.21, 56.41] }, { publicId: 'formula02', description: '@SUM(A1:A9), "quoted"\nsecond line' });
  await seedReport(ctx.database, litter!.id, { type: 'Point', coordinates: [-3.22, 56.41] }, { publicId: 'hiddenx1', state: 'hidden', description: 'hidden report' });
});
afterAll(() => ctx?.close());

const get = (path: string) => ctx.app.request(path);
const count = async (where: string) =>
  Number(
    (
      await ctx.database.rows<{ n: number }>(
        sql.raw(`select count(*)::int as n from reports r join categories c on c.id = r.category_id left join areas a on a.id = r.area_id where r.state <> 'hidden' and ${where}`),
      )
    )[0]!.n,
  );

async function geojson(query = '') {
  const res = await get(`/export/reports.geojson${query}`);
  expect(res.status).toBe(200);
  return { res, text: await res.text() };
}

describe('GET /export/reports.geojson', () => {
  it('is one RFC 7946 FeatureCollection of every public report, as a download with its licence', async () => {
    const { res, text } = await geojson();
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reports-\d{8}\.geojson"$/);
    expect(getIssues(text)).toEqual([]);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ type: 'FeatureCollection', name: 'reports', license: 'ODbL-1.0', attribution: 'Groundswell contributors' });
    expect(body).not.toHaveProperty('crs');
    expect(body.features).toHaveLength(await count('true'));
    expect(body.features.some((f: { id: string }) => f.id === 'hiddenx1')).toBe(false);
    const ids = new Set(body.features.map((f: { id: string }) => f.id));
    expect(ids.size).toBe(body.features.length);
    const kinds = new Set(body.features.map((f: { geometry: { type: string } }) => f.geometry.type));
    expect(kinds).toEqual(new Set(['Point', 'LineString', 'Polygon']));
    const f = body.features.find((x: { properties: { acknowledgedAt: string | null } }) => x.properties.acknowledgedAt);
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['id', 'category', 'state', 'status', 'createdAt', 'acknowledgedAt', 'resolvedAt', 'supportCount', 'areas', 'url']));
    expect(f.properties.url).toBe(`http://gs.test/#/reports/${f.id}`);
    expect(f.properties.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('writes longitude first, at most 6 decimals, exterior rings counter-clockwise', async () => {
    const body = JSON.parse((await geojson()).text);
    for (const f of body.features) {
      const numbers = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?/g)!;
      for (const n of numbers) expect(n.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(6);
      const [lon, lat] = numbers.map(Number);
      expect(lon).toBeGreaterThan(-4);
      expect(lon).toBeLessThan(-2.5);
      expect(lat).toBeGreaterThan(56);
      if (f.geometry.type === 'Polygon') {
        const ring: [number, number][] = f.geometry.coordinates[0];
        let area2 = 0;
        for (let i = 0; i < ring.length - 1; i++) area2 += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
        expect(area2).toBeGreaterThan(0);
      }
    }
  });

  it('filters by bbox, category, state, area, since and until', async () => {
    const [area] = await ctx.database.rows<{ code: string; id: number }>(sql`select a.code, a.id from areas a join reports r on r.area_id = a.id group by a.id order by count(*) desc limit 1`);
    const cases: Array<[string, string]> = [
      ['?category=blocked_ditch', "c.code = 'blocked_ditch'"],
      ['?category=litter,pothole&state=fixed,closed', "c.code in ('litter','pothole') and r.state in ('fixed','closed')"],
      [`?area=${area!.code}`, `r.area_id = ${area!.id}`],
      ['?bbox=-3.3,56.38,-3.15,56.45', 'r.geom && ST_MakeEnvelope(-3.3,56.38,-3.15,56.45,4326)'],
      ['?since=2026-09-01', "r.updated_at >= '2026-09-01'"],
      ['?until=2026-06-01T00:00:00Z', "r.created_at <= '2026-06-01T00:00:00Z'"],
    ];
    for (const [query, where] of cases) {
      const expected = await count(where);
      expect(expected, query).toBeGreaterThan(0);
      expect(JSON.parse((await geojson(query)).text).features, query).toHaveLength(expected);
    }
  });

  it.each([
    ['bbox=1,2,3', 'query.bbox'],
    ['bbox=-3,95,-2,96', 'query.bbox'],
    ['state=hidden', 'query.state'],
    ['category=a%20b', 'query.category'],
    ['area=;drop', 'query.area'],
    ['since=yesterday', 'query.since'],
    ['until=2026-13-45', 'query.until'],
  ])('rejects %s with a 400 problem naming %s', async (query, field) => {
    const res = await get(`/export/reports.geojson?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json(res);
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('GET /export/reports.csv', () => {
  it('has a BOM, a header, one row per report, a point and WKT', async () => {
    const res = await get('/export/reports.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reports-\d{8}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,category,category_name,state,status,description,answers,geometry_type,support_count,areas,created_at,updated_at,acknowledged_at,resolved_at,expected_at,longitude,latitude,wkt,url,street_name,street_usrn',
    );
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(await count('true'));
    for (const r of rows) {
      expect(r).toHaveLength(21);
      expect(Number(r[15])).toBeLessThan(-2.5);
      expect(Number(r[16])).toBeGreaterThan(56);
      expect(r[17]).toMatch(/^(POINT|LINESTRING|POLYGON)\(/);
    }
  });

  it('neutralises formulas in untrusted text and quotes what needs quoting', async () => {
    const rows = parseCsv(await (await get('/export/reports.csv?category=litter')).text());
    const f1 = rows.find((r) => r[0] === 'formula01')!;
    expect(f1[5]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    const f2 = rows.find((r) => r[0] === 'formula02')!;
    expect(f2[5]).toBe(`'@SUM(A1:A9), "quoted"\nsecond line`);
    // Negative longitudes stay numbers.
    expect(f1[15]).toBe('-3.2');
  });

  it('applies the same filters and errors as the GeoJSON export', async () => {
    const rows = parseCsv(await (await get('/export/reports.csv?category=blocked_ditch')).text()).slice(1);
    expect(rows).toHaveLength(await count("c.code = 'blocked_ditch'"));
    expect((await get('/export/reports.csv?bbox=x')).status).toBe(400);
  });
});

describe('export concurrency', () => {
  it('runs at most 4 exports at once; a fifth is told to retry, and a finished or abandoned one frees its place', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => get('/export/reports.geojson')));
    expect(open.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const fifth = await get('/export/reports.csv');
    expect(fifth.status).toBe(503);
    expect(fifth.headers.get('retry-after')).toBe('30');
    expect((await json(fifth)).code).toBe('unavailable');
    await open[0]!.text();
    for (const r of open.slice(1)) await r.body!.cancel();
    const again = await get('/export/reports.geojson');
    expect(again.status).toBe(200);
    expect(JSON.parse(await again.text()).features.length).toBe(await count('true'));
    // The database is still fine for everything else.
    expect((await get('/api/reports?limit=1')).status).toBe(200);
  });
});

describe('the cursor behind the exports', () => {
  it('reads in batches, and an early stop closes the cursor and leaves the database usable', async () => {
    const all: number[] = [];
    for await (const batch of streamRows<{ id: number }>(ctx.database, sql`select id::int from reports order by id`, { batchSize: 7 })) {
      expect(batch.length).toBeLessThanOrEqual(7);
      all.push(...batch.map((r) => r.id));
    }
    expect(all.length).toBe(Number((await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports`))[0]!.n));
    let seen = 0;
    for await (const batch of streamRows(ctx.database, sql`select id from reports`, { batchSize: 5 })) {
      seen += batch.length;
      if (seen >= 10) break;
    }
    expect(seen).toBe(10);
    expect((await ctx.database.rows<{ one: number }>(sql`select 1 as one`))[0]!.one).toBe(1);
  });
});

/** A small RFC 4180 reader for the assertions (quoted cells may hold commas and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
