/**
 * OGC API Features Part 3: a CQL2 text `filter` on /ogc/collections/{id}/items, over seeded
 * reports and assets whose expected matches are known, through the real app and database;
 * and GDAL's OAPIF driver turning an `-where` into a server-side filter over real HTTP.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '@groundswell/core';
import { schema, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';
import { startTestServer, type TestServer } from './server.ts';

const run = promisify(execFile);
let ctx: Awaited<ReturnType<typeof testApp>>;

const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: [x, y] });
const at = (iso: string) => new Date(iso);

/** Six reports (one hidden) and two assets whose answers each test names. */
async function seed(database: Database) {
  const litter = await seedCategory(database, 'litter');
  const pothole = await seedCategory(database, 'pothole');
  await seedReport(database, litter.id, point(-4.25, 55.86), { publicId: 'rA', state: 'fixed', supportCount: 3, createdAt: at('2026-01-10T09:00:00Z') });
  await seedReport(database, litter.id, point(-4.2, 55.9), { publicId: 'rB', state: 'new', createdAt: at('2026-02-15T09:00:00Z') });
  await seedReport(
    database,
    pothole.id,
    {
      type: 'LineString',
      coordinates: [
        [-4.3, 55.8],
        [-4.29, 55.81],
      ],
    },
    { publicId: 'rC', state: 'fixed', createdAt: at('2026-03-01T09:00:00Z'), resolvedAt: at('2026-03-05T09:00:00Z') },
  );
  await seedReport(
    database,
    pothole.id,
    {
      type: 'Polygon',
      coordinates: [
        [
          [-4.11, 55.94],
          [-4.09, 55.94],
          [-4.09, 55.96],
          [-4.11, 55.96],
          [-4.11, 55.94],
        ],
      ],
    },
    { publicId: 'rD', state: 'in_progress', createdAt: at('2026-04-01T09:00:00Z') },
  );
  await seedReport(database, litter.id, point(-4.25, 55.86), { publicId: 'rE', state: 'hidden', supportCount: 9, createdAt: at('2026-01-10T09:00:00Z') });
  await seedReport(database, litter.id, point(-4.26, 55.87), { publicId: 'rF', state: 'fixed', supportCount: 5, createdAt: at('2026-05-01T09:00:00Z') });
  await database.db.insert(schema.assets).values([
    {
      code: 'D-1',
      kind: 'ditch',
      name: 'Mill lade',
      condition: 'good',
      conditionAt: at('2026-06-01T00:00:00Z'),
      geom: {
        type: 'LineString',
        coordinates: [
          [-4.25, 55.85],
          [-4.24, 55.86],
        ],
      },
      createdAt: at('2024-01-01T00:00:00Z'),
    },
    {
      code: 'C-1',
      kind: 'culvert',
      name: 'Under the road',
      condition: 'poor',
      geom: {
        type: 'LineString',
        coordinates: [
          [-4.0, 56.0],
          [-4.01, 56.01],
        ],
      },
      createdAt: at('2025-01-01T00:00:00Z'),
    },
  ]);
}

beforeAll(async () => {
  ctx = await testApp();
  await seed(ctx.database);
});
afterAll(() => ctx?.close());

const items = (collection: string, params: Record<string, string>) => ctx.app.request(`/ogc/collections/${collection}/items?${new URLSearchParams(params)}`);

/** The ids a filter selects, sorted. */
async function ids(filter: string, extra: Record<string, string> = {}, collection = 'reports'): Promise<string[]> {
  const res = await items(collection, { filter, 'filter-lang': 'cql2-text', limit: '100', ...extra });
  expect(res.status, `${filter}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(200);
  const body = await json(res);
  expect(body.numberMatched).toBe(body.features.length);
  return body.features.map((f: { id: string }) => f.id).sort();
}

async function refused(params: Record<string, string>, field = 'query.filter') {
  const res = await items('reports', params);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await json(res);
  expect(body.code).toBe('validation_failed');
  expect(body.errors[0].field).toBe(field);
  return body.errors[0].message as string;
}

describe('CQL2 text filter on reports', () => {
  it('AND, OR and NOT over properties, never a hidden report', async () => {
    expect(await ids("state = 'fixed' AND category = 'litter'")).toEqual(['rA', 'rF']);
    expect(await ids("category = 'pothole' OR supportCount >= 5")).toEqual(['rC', 'rD', 'rF']);
    expect(await ids("NOT (category = 'litter')")).toEqual(['rC', 'rD']);
    expect(await ids("not state = 'fixed' and (category = 'litter' or category = 'pothole')")).toEqual(['rB', 'rD']);
    expect(await ids("state <> 'fixed'")).toEqual(['rB', 'rD']);
    expect(await ids("status = 'open'")).toEqual(['rB', 'rD']);
    expect(await ids("geometryType = 'LineString'")).toEqual(['rC']);
    expect(await ids("FALSE OR category = 'pothole' AND TRUE")).toEqual(['rC', 'rD']);
  });

  it('each comparison on numbers and dates', async () => {
    expect(await ids('supportCount = 3')).toEqual(['rA']);
    expect(await ids('supportCount > 3')).toEqual(['rF']);
    expect(await ids('supportCount < 3')).toEqual(['rB', 'rC', 'rD']);
    expect(await ids('supportCount <= 3 AND supportCount >= 3')).toEqual(['rA']);
    expect(await ids("createdAt >= TIMESTAMP('2026-02-15T09:00:00Z')")).toEqual(['rB', 'rC', 'rD', 'rF']);
    expect(await ids("createdAt > TIMESTAMP('2026-02-15T09:00:00Z')")).toEqual(['rC', 'rD', 'rF']);
    expect(await ids("createdAt < DATE('2026-02-15')")).toEqual(['rA']);
    expect(await ids("createdAt = DATE('2026-03-01')")).toEqual(['rC']);
    expect(await ids("createdAt <= '2026-01-31T00:00:00Z'")).toEqual(['rA']);
    expect(await ids("resolvedAt > TIMESTAMP('2026-03-01T00:00:00Z')")).toEqual(['rC']);
  });

  it('LIKE, BETWEEN and IN', async () => {
    expect(await ids("category LIKE 'pot%'")).toEqual(['rC', 'rD']);
    expect(await ids("category NOT LIKE 'pot_ole'")).toEqual(['rA', 'rB', 'rF']);
    expect(await ids('supportCount BETWEEN 1 AND 5')).toEqual(['rA', 'rF']);
    expect(await ids("createdAt BETWEEN DATE('2026-02-01') AND DATE('2026-03-31')")).toEqual(['rB', 'rC']);
    expect(await ids("state IN ('new', 'in_progress', 'hidden')")).toEqual(['rB', 'rD']);
    expect(await ids("state NOT IN ('fixed')")).toEqual(['rB', 'rD']);
  });

  it('IS NULL and IS NOT NULL', async () => {
    expect(await ids('resolvedAt IS NOT NULL')).toEqual(['rC']);
    expect(await ids("resolvedAt IS NULL AND category = 'pothole'")).toEqual(['rD']);
  });

  it('S_INTERSECTS with a BBOX and with WKT points, lines and polygons', async () => {
    expect(await ids('S_INTERSECTS(geometry, BBOX(-4.27, 55.85, -4.24, 55.88))')).toEqual(['rA', 'rF']);
    expect(await ids('S_INTERSECTS(geometry,POLYGON((-4.12 55.93,-4.1 55.93,-4.1 55.945,-4.12 55.945,-4.12 55.93)))')).toEqual(['rD']);
    expect(await ids('S_INTERSECTS(geometry, LINESTRING(-4.295 55.7, -4.295 55.9))')).toEqual(['rC']);
    expect(await ids('S_INTERSECTS(geometry, POINT(-4.2 55.9))')).toEqual(['rB']);
    expect(await ids("S_INTERSECTS(geometry, BBOX(-5, 55, -4, 56)) AND state = 'fixed' AND NOT category = 'pothole'")).toEqual(['rA', 'rF']);
    // A self-crossing "bow tie" is still a region to test, not a server error.
    expect(await ids('S_INTERSECTS(geometry, POLYGON((-4.3 55.82, -4.2 55.89, -4.3 55.89, -4.2 55.82, -4.3 55.82)))')).toEqual(['rA', 'rF']);
  });

  it('applies with bbox, datetime and the simple name=value filters', async () => {
    expect(await ids("state = 'fixed'", { category: 'litter' })).toEqual(['rA', 'rF']);
    expect(await ids("state = 'fixed'", { bbox: '-4.27,55.85,-4.24,55.88', datetime: '2026-04-01T00:00:00Z/..' })).toEqual(['rF']);
    // An empty filter is no filter; filter-lang may be left out.
    expect(await ids('')).toEqual(['rA', 'rB', 'rC', 'rD', 'rF']);
    const res = await items('reports', { filter: "category = 'pothole'" });
    expect((await json(res)).numberMatched).toBe(2);
  });

  it('pages through the matches, the next link keeping the filter', async () => {
    let url: string | undefined = `/ogc/collections/reports/items?${new URLSearchParams({ filter: "category = 'litter'", 'filter-lang': 'cql2-text', limit: '1' })}`;
    const seen: string[] = [];
    while (url) {
      const body: { numberMatched: number; numberReturned: number; features: Array<{ id: string }>; links: Array<{ rel: string; href: string }> } = await json(await ctx.app.request(url));
      expect(body.numberMatched).toBe(3);
      expect(body.numberReturned).toBe(1);
      seen.push(...body.features.map((f) => f.id));
      const next = body.links.find((l) => l.rel === 'next');
      if (next) expect(new URL(next.href).searchParams.get('filter')).toBe("category = 'litter'");
      url = next ? next.href.replace('http://gs.test', '') : undefined;
      expect(seen.length).toBeLessThanOrEqual(3);
    }
    expect(seen.sort()).toEqual(['rA', 'rB', 'rF']);
  });
});

describe('CQL2 text filter on assets', () => {
  it('kind, condition, dates and S_INTERSECTS', async () => {
    expect(await ids("kind = 'ditch' AND S_INTERSECTS(geometry, BBOX(-4.3, 55.8, -4.2, 55.9))", {}, 'assets')).toEqual(['D-1']);
    expect(await ids('conditionAt IS NULL', {}, 'assets')).toEqual(['C-1']);
    expect(await ids("condition = 'poor' OR createdAt < DATE('2024-06-01')", {}, 'assets')).toEqual(['C-1', 'D-1']);
    expect(await ids("name = 'Mill lade'", {}, 'assets')).toEqual(['D-1']);
  });
});

describe('refused filters', () => {
  it('a filter-lang other than cql2-text, and a filter-crs other than CRS84', async () => {
    expect(await refused({ filter: "state = 'fixed'", 'filter-lang': 'cql2-json' }, 'query.filter-lang')).toMatch(/cql2-text/);
    expect(await refused({ filter: "state = 'fixed'", 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/27700' }, 'query.filter-crs')).toMatch(/CRS84/);
  });

  it('parse errors and unknown properties name the position and the token', async () => {
    expect(await refused({ filter: "state = 'fixed' AND" })).toMatch(/at character \d+ \("the end"\)/);
    expect(await refused({ filter: "owner_email = 'a@b.c'" })).toMatch(/at character 1 \("owner_email"\).*not a queryable/);
    expect(await refused({ filter: "description = 'x'" })).toMatch(/not a queryable/);
    expect(await refused({ filter: 'supportCount = 1 +' })).toMatch(/character 18/);
    expect(await refused({ filter: "supportCount = 'three'" })).toMatch(/a number/);
    expect(await refused({ filter: 'S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))' })).toMatch(/at least 4 positions/);
    expect(await refused({ filter: 'S_CROSSES(geometry, POINT(0 0))' })).toMatch(/S_INTERSECTS/);
  });

  it('injection attempts are refused or harmless', async () => {
    expect(await refused({ filter: "state = 'fixed'; drop table reports" })).toMatch(/";"/);
    expect(await refused({ filter: '"state; drop table reports --" = \'x\'' })).toMatch(/not a queryable/);
    expect(await refused({ filter: "state = 'fixed' -- comment" })).toMatch(/character/);
    expect(await refused({ filter: 'state = fixed' })).toMatch(/literal/);
    // Quotes inside a string are the string's own: they match nothing, and change nothing.
    expect(await ids("state = 'fixed'' OR ''1''=''1'")).toEqual([]);
    expect(await ids("category = 'x'') OR 1=1 --'")).toEqual([]);
    expect(await ids("state = 'fixed\\' OR 1=1'")).toEqual([]);
    const [n] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports`);
    expect(n!.n).toBe(6);
  });
});

describe('advertised', () => {
  it('conformance classes, queryables as JSON Schema, and the filter parameters in the OpenAPI', async () => {
    const conf = await json(await ctx.app.request('/ogc/conformance'));
    expect(conf.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
        'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
        'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
        'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
        'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
      ]),
    );
    const res = await ctx.app.request('/ogc/collections/reports/queryables');
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    const q = await json(res);
    expect(q.properties).toMatchObject({
      category: { type: 'string' },
      status: { type: 'string', enum: ['open', 'closed'] },
      supportCount: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      geometry: { format: 'geometry-any' },
    });
    // Residents' words and personal data are never queryable.
    expect(Object.keys(q.properties)).not.toContain('description');
    const assets = await json(await ctx.app.request('/ogc/collections/assets/queryables'));
    expect(Object.keys(assets.properties)).toEqual(expect.arrayContaining(['kind', 'condition', 'conditionAt', 'geometry']));
    const api = await json(await ctx.app.request('/ogc/api'));
    const names = api.paths['/collections/reports/items'].get.parameters.map((p: { $ref?: string; name?: string }) => p.$ref?.split('/').pop() ?? p.name);
    expect(names).toEqual(expect.arrayContaining(['filter', 'filter-lang', 'filter-crs']));
    expect(api.components.parameters['filter-lang'].schema.enum).toContain('cql2-text');
  });
});

describe('GDAL', () => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    // GDAL is part of what this test proves, so its absence fails it, as Chromium's does the browser tests.
    await run('ogrinfo', ['--version']).catch(() => {
      throw new Error("ogrinfo is not installed: GDAL's command line tools are needed (apt-get install gdal-bin)");
    });
    server = await startTestServer();
    await seed(server.database);
  });
  afterAll(() => server?.close());

  it('ogrinfo -where is sent to the server as a filter and answered there', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ["state = 'fixed' AND category = 'litter'", 2, /state = 'fixed'.*AND.*category = 'litter'/],
      ["category = 'pothole' OR state = 'new'", 3, /category = 'pothole'.*OR.*state = 'new'/],
      ["NOT (category LIKE 'pot%')", 3, /NOT.*category LIKE 'pot%'/],
    ];
    for (const [where, count, sent] of cases) {
      const { stdout, stderr } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${server!.url}/ogc`, 'reports', '-where', where], {
        timeout: 120_000,
        env: { ...process.env, CPL_DEBUG: 'ON' },
      });
      expect(/Feature Count: (\d+)/.exec(stdout)?.[1], where).toBe(String(count));
      expect(stderr, where).not.toMatch(/^(ERROR|Warning) \d/m);
      // GDAL's debug log names each URL it fetched: the filter went to the server, not evaluated by GDAL alone.
      const fetched = [...stderr.matchAll(/HTTP: Fetch\((\S+)\)/g)].map((m) => m[1]!);
      const filtered = fetched.find((u) => u.includes('filter='));
      expect(filtered, stderr).toBeTruthy();
      expect(new URL(filtered!).searchParams.get('filter'), where).toMatch(sent);
    }
  });
});
