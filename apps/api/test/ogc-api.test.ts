/** OGC API – Features – Part 1: Core 1.0.1, the MUST points of standards.md sheet B as tests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let publicCount = 0;
const BASE = 'http://gs.test/ogc';

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  publicCount = Number((await ctx.database.rows<{ n: number }>(sql`select count(*)::int n from reports where state <> 'hidden'`))[0]!.n);
});
afterAll(() => ctx?.close());

const get = (path: string, init?: RequestInit) => ctx.app.request(`/ogc${path}`, init);
async function ok(path: string) {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return { res, body: await json(res) };
}
const n = async (where: string) =>
  Number((await ctx.database.rows<{ n: number }>(sql.raw(`select count(*)::int n from reports r join categories c on c.id = r.category_id where r.state <> 'hidden' and ${where}`)))[0]!.n);
type Link = { href: string; rel: string; type?: string };
const link = (links: Link[], rel: string) => links.find((l) => l.rel === rel);

describe('B.0 conformance', () => {
  it('B.0 /conformance lists the /conf/ URIs of Core, GeoJSON and OpenAPI 3.0', async () => {
    const { body } = await ok('/conformance');
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      ]),
    );
    expect(body.conformsTo.every((u: string) => u.includes('/conf/'))).toBe(true);
  });
});

describe('B.1 resources', () => {
  it('B.1 /req/core/root-success: the landing page links the API definition, conformance and data', async () => {
    for (const path of ['', '/']) {
      const { res, body } = await ok(path);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(link(body.links, 'service-desc')).toMatchObject({ href: `${BASE}/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
      expect(link(body.links, 'service-doc')).toMatchObject({ type: 'text/html' });
      expect(link(body.links, 'conformance')!.href).toBe(`${BASE}/conformance`);
      expect(link(body.links, 'data')!.href).toBe(`${BASE}/collections`);
      expect(link(body.links, 'self')).toBeTruthy();
    }
  });

  it('B.1 /req/core/api-definition-success: the API definition answers in the media type of its link', async () => {
    const res = await get('/api', { headers: { accept: 'application/vnd.oai.openapi+json;version=3.0' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    const doc = await json(res);
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect((await get('/api.html')).status).toBe(200);
  });

  it('B.1 /req/core/fc-md-success: /collections has self, every link a rel and a type, one entry per collection', async () => {
    const { body } = await ok('/collections');
    expect(link(body.links, 'self')!.type).toBe('application/json');
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(['reports', 'assets', 'areas']);
    for (const c of body.collections) {
      for (const l of [...body.links, ...c.links]) {
        expect(l.rel).toBeTruthy();
        expect(l.type).toBeTruthy();
      }
      expect(c.links.filter((l: Link) => l.rel === 'items')).toEqual([expect.objectContaining({ type: 'application/geo+json', href: `${BASE}/collections/${c.id}/items` })]);
      expect(c.itemType).toBe('feature');
      expect(Array.isArray(c.extent.spatial.bbox[0])).toBe(true);
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
    }
    const reports = body.collections[0];
    expect(reports.extent.temporal.interval[0]).toHaveLength(2);
  });

  it('B.1 /req/core/sfc-md-success: /collections/{id} is identical to its entry; unknown ids are 404', async () => {
    const { body } = await ok('/collections');
    for (const entry of body.collections) expect((await ok(`/collections/${entry.id}`)).body).toEqual(entry);
    const res = await get('/collections/nope');
    expect(res.status).toBe(404);
    expect((await get('/collections/nope/items')).status).toBe(404);
    expect((await get('/collections/nope/items/x')).status).toBe(404);
  });

  it('B.1 /req/core/fc-response: items is a GeoJSON FeatureCollection with self and typed links', async () => {
    const { res, body } = await ok('/collections/reports/items');
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    expect(body.type).toBe('FeatureCollection');
    expect(link(body.links, 'self')).toMatchObject({ type: 'application/geo+json' });
    for (const l of body.links) expect(l.type).toBeTruthy();
    expect(body).not.toHaveProperty('crs');
  });

  it('B.1 /req/core/f-success: a feature has self and collection links and the id of its path; unknown is 404', async () => {
    const first = (await ok('/collections/reports/items?limit=1')).body.features[0];
    const { res, body } = await ok(`/collections/reports/items/${first.id}`);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(body.type).toBe('Feature');
    expect(body.id).toBe(first.id);
    expect(link(body.links, 'self')!.href).toBe(`${BASE}/collections/reports/items/${first.id}`);
    expect(link(body.links, 'collection')).toMatchObject({ href: `${BASE}/collections/reports`, type: 'application/json' });
    expect((await get('/collections/reports/items/nosuchid')).status).toBe(404);
    const [hidden] = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state = 'hidden' limit 1`);
    if (hidden) expect((await get(`/collections/reports/items/${hidden.id}`)).status).toBe(404);
    const asset = (await ok('/collections/assets/items?limit=1')).body.features[0];
    expect((await ok(`/collections/assets/items/${asset.id}`)).body.properties.condition).toBeTruthy();
  });
});

describe('B.2 query parameters', () => {
  it('B.2 limit: the default is 10, above the maximum is clamped, not an error', async () => {
    expect((await ok('/collections/reports/items')).body.features).toHaveLength(10);
    const big = await ok('/collections/reports/items?limit=999999');
    expect(big.body.numberReturned).toBe(publicCount);
    for (const bad of ['0', '-1', 'abc', '1.5']) expect((await get(`/collections/reports/items?limit=${bad}`)).status, bad).toBe(400);
  });

  it('B.2 bbox selects what intersects the box; 6 numbers are accepted; bad boxes are 400', async () => {
    const box = '-3.3,56.38,-3.15,56.45';
    const expected = await n('r.geom && ST_MakeEnvelope(-3.3,56.38,-3.15,56.45,4326)');
    expect((await ok(`/collections/reports/items?bbox=${box}&limit=10000`)).body.numberMatched).toBe(expected);
    expect((await ok('/collections/reports/items?bbox=-3.3,56.38,0,-3.15,56.45,100')).body.numberMatched).toBe(expected);
    // Across the antimeridian: nothing of ours is there.
    expect((await ok('/collections/reports/items?bbox=170,-50,-170,-40')).body.numberMatched).toBe(0);
    for (const bad of ['1,2,3', '-3,160,-2,161', 'a,b,c,d', '-3,56.5,-2,56.4']) {
      const res = await get(`/collections/reports/items?bbox=${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).errors[0].field).toBe('query.bbox');
    }
  });

  it('B.2 datetime: instants, intervals and half-bounded intervals with .. or nothing', async () => {
    const expected = await n("r.created_at >= '2026-03-01T00:00:00Z' and r.created_at <= '2026-06-01T00:00:00Z'");
    expect((await ok('/collections/reports/items?datetime=2026-03-01T00:00:00Z/2026-06-01T00:00:00Z')).body.numberMatched).toBe(expected);
    const after = await n("r.created_at >= '2026-06-01T00:00:00Z'");
    expect((await ok('/collections/reports/items?datetime=2026-06-01T00:00:00Z/..')).body.numberMatched).toBe(after);
    expect((await ok('/collections/reports/items?datetime=2026-06-01T00:00:00Z/')).body.numberMatched).toBe(after);
    const before = await n("r.created_at <= '2026-06-01T00:00:00Z'");
    expect((await ok('/collections/reports/items?datetime=../2026-06-01T00:00:00Z')).body.numberMatched).toBe(before);
    const [one] = await ctx.database.rows<{ t: string }>(sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') t from reports where state <> 'hidden' limit 1`);
    expect((await ok(`/collections/reports/items?datetime=${one!.t}`)).body.numberMatched).toBeGreaterThanOrEqual(1);
    // Areas have no time: they all match.
    expect((await ok('/collections/areas/items?datetime=2026-06-01T00:00:00Z/..')).body.numberMatched).toBeGreaterThan(0);
    for (const bad of ['yesterday', '2026-06-01T00:00:00Z/2026-01-01T00:00:00Z', '../..', '2026-13-01T00:00:00Z']) {
      expect((await get(`/collections/reports/items?datetime=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    }
  });

  it('B.2 property filters are ANDed with bbox and datetime', async () => {
    expect((await ok('/collections/reports/items?category=litter')).body.numberMatched).toBe(await n("c.code = 'litter'"));
    expect((await ok('/collections/reports/items?status=closed&category=pothole')).body.numberMatched).toBe(await n("c.code = 'pothole' and r.state in ('fixed','closed','duplicate','referred')"));
    const both = await n("c.code = 'litter' and r.geom && ST_MakeEnvelope(-3.3,56.38,-3.15,56.45,4326) and r.created_at >= '2026-01-01T00:00:00Z'");
    expect((await ok('/collections/reports/items?category=litter&bbox=-3.3,56.38,-3.15,56.45&datetime=2026-01-01T00:00:00Z/..')).body.numberMatched).toBe(both);
    expect((await ok('/collections/assets/items?condition=poor')).body.features.every((f: { properties: { condition: string } }) => f.properties.condition === 'poor')).toBe(true);
  });

  it('B.2 /req/core/query-param-unknown: an unknown parameter is 400; f=json is declared and accepted', async () => {
    const res = await get('/collections/reports/items?colour=red');
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].field).toBe('query.colour');
    expect((await get('/collections?foo=1')).status).toBe(400);
    expect((await get('/collections/reports/items?f=json')).status).toBe(200);
    expect((await get('/collections/reports/items?f=html')).status).toBe(400);
  });
});

describe('B.3 response members and paging', () => {
  it('B.3 numberMatched, numberReturned and timeStamp are right; following next returns every feature once', async () => {
    let url: string | undefined = '/collections/reports/items?limit=50&category=litter';
    const seen: string[] = [];
    let prevSeen = false;
    const total = await n("c.code = 'litter'");
    while (url) {
      const { body }: { body: { features: { id: string }[]; numberMatched: number; numberReturned: number; timeStamp: string; links: Link[] } } = await ok(url);
      expect(body.numberMatched).toBe(total);
      expect(body.numberReturned).toBe(body.features.length);
      expect(Number.isNaN(Date.parse(body.timeStamp))).toBe(false);
      seen.push(...body.features.map((f) => f.id));
      if (link(body.links, 'prev')) prevSeen = true;
      const next = link(body.links, 'next');
      url = next ? next.href.replace(BASE, '') : undefined;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(prevSeen).toBe(total > 50);
  });

  it('B.3 /req/geojson/content: features have type, geometry, properties and a string id', async () => {
    for (const id of ['reports', 'assets', 'areas']) {
      const { body } = await ok(`/collections/${id}/items?limit=100`);
      for (const f of body.features) {
        expect(f.type).toBe('Feature');
        expect(f.geometry).toBeTruthy();
        expect(typeof f.properties).toBe('object');
        expect(typeof f.id).toBe('string');
      }
    }
  });

  it('B.3 /req/oas30: the definition declares limit (by $ref, with maximum and default), f, the property filters and the status codes', async () => {
    const doc = await json(await get('/api'));
    const items = doc.paths['/collections/reports/items'].get;
    const refs = items.parameters.filter((p: { $ref?: string }) => p.$ref).map((p: { $ref: string }) => p.$ref);
    expect(refs).toContain('#/components/parameters/limit');
    expect(refs).toContain('#/components/parameters/f');
    expect(doc.components.parameters.limit.schema).toMatchObject({ maximum: 10000, default: 10 });
    const names = items.parameters.filter((p: { name?: string }) => p.name).map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['category', 'state', 'status']));
    expect(Object.keys(items.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    for (const path of ['/', '/conformance', '/collections', '/collections/assets/items/{featureId}', '/collections/areas/queryables']) expect(doc.paths).toHaveProperty([path]);
  });

  it('B.5 queryables are a JSON Schema with $id and type object, linked from the collection', async () => {
    const res = await get('/collections/reports/queryables');
    expect(res.headers.get('content-type')).toBe('application/schema+json');
    const q = await json(res);
    expect(q).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `${BASE}/collections/reports/queryables`, type: 'object' });
    expect(Object.keys(q.properties)).toEqual(expect.arrayContaining(['category', 'state', 'status']));
    const c = (await ok('/collections/reports')).body;
    expect(c.links.some((l: Link) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables')).toBe(true);
  });
});
