/**
 * The MUST points of standards.md for what the open-data outputs promise: sheet C (RFC 7946
 * GeoJSON, checked on the export and the OGC items) and sheet A's general rules (Open311).
 * OGC API Features (sheet B) is in ogc-api.test.ts, the Open311 endpoints in open311-georeport.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIssues } from '@placemarkio/check-geojson';
import { loadDemo } from '@groundswell/db/demo';
import { testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let exportText = '';
let ogcText = '';
type Geometry = { type: string; coordinates: unknown };
type Feature = { type: string; id: unknown; geometry: Geometry | null; properties: Record<string, unknown> | null } & Record<string, unknown>;
let features: Feature[] = [];

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  exportText = await (await ctx.app.request('/export/reports.geojson')).text();
  ogcText = await (await ctx.app.request('/ogc/collections/reports/items?limit=10000')).text();
  features = [...JSON.parse(exportText).features, ...JSON.parse(ogcText).features];
  for (const c of ['assets', 'areas']) features.push(...JSON.parse(await (await ctx.app.request(`/ogc/collections/${c}/items?limit=10000`)).text()).features);
});
afterAll(() => ctx?.close());

const positions = (g: Geometry): number[][] => {
  const out: number[][] = [];
  const walk = (c: unknown) => (Array.isArray(c) && typeof c[0] === 'number' ? out.push(c as number[]) : Array.isArray(c) && c.forEach(walk));
  walk(g.coordinates);
  return out;
};
const rings = (g: Geometry): number[][][][] => (g.type === 'Polygon' ? [g.coordinates as number[][][]] : g.type === 'MultiPolygon' ? (g.coordinates as number[][][][]) : []);
const signedArea = (ring: number[][]) => ring.slice(0, -1).reduce((s, p, i) => s + p[0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * p[1]!, 0) / 2;

describe('sheet C: RFC 7946 GeoJSON', () => {
  it('is valid GeoJSON by a validator (check-geojson)', () => {
    expect(getIssues(exportText)).toEqual([]);
    expect(getIssues(ogcText)).toEqual([]);
  });

  it('C1 positions are [longitude, latitude] decimal numbers with at least 2 elements; C2 no more than 3', () => {
    for (const f of features) {
      for (const p of positions(f.geometry!)) {
        expect(p.length).toBeGreaterThanOrEqual(2);
        expect(p.length).toBeLessThanOrEqual(3);
        // The demo is in Scotland: longitude about -3, latitude about 56.
        expect(p[0]).toBeGreaterThan(-4);
        expect(p[0]).toBeLessThan(-2.5);
        expect(p[1]).toBeGreaterThan(56);
        expect(p[1]).toBeLessThan(57);
      }
    }
  });

  it('C3 no crs member anywhere', () => {
    expect(exportText).not.toMatch(/"crs"\s*:/);
    expect(ogcText).not.toMatch(/"crs"\s*:/);
  });

  it('C4 at most 7 decimals (we write 6)', () => {
    const decimals = (exportText.match(/-?\d+\.\d+(?=[,\]])/g) ?? []).map((n) => n.split('.')[1]!.length);
    expect(Math.max(...decimals)).toBeLessThanOrEqual(6);
  });

  it('C5 rings are closed with at least 4 positions; C6 exterior rings counter-clockwise, holes clockwise; C7 ring 0 is the exterior', () => {
    let polygons = 0;
    for (const f of features) {
      for (const poly of rings(f.geometry!)) {
        polygons++;
        poly.forEach((ring, i) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          if (i === 0) expect(signedArea(ring)).toBeGreaterThan(0);
          else expect(signedArea(ring)).toBeLessThan(0);
        });
      }
    }
    expect(polygons).toBeGreaterThan(5);
  });

  it('C8 a LineString has at least 2 positions', () => {
    const lines = features.filter((f) => f.geometry?.type === 'LineString');
    expect(lines.length).toBeGreaterThan(0);
    for (const f of lines) expect((f.geometry!.coordinates as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('C12 every Feature has geometry and properties members; C13 its id is a string', () => {
    for (const f of features) {
      expect(f.type).toBe('Feature');
      expect(f).toHaveProperty('geometry');
      expect(f).toHaveProperty('properties');
      expect(typeof f.id).toBe('string');
    }
  });

  it('C15 no members moved between types', () => {
    const collection = JSON.parse(exportText);
    for (const k of ['coordinates', 'geometries', 'geometry', 'properties']) expect(collection).not.toHaveProperty(k);
    for (const f of features) for (const k of ['coordinates', 'geometries', 'features']) expect(f).not.toHaveProperty(k);
  });

  it('C18 the media type is application/geo+json', async () => {
    expect((await ctx.app.request('/export/reports.geojson')).headers.get('content-type')).toBe('application/geo+json');
    expect((await ctx.app.request('/ogc/collections/reports/items')).headers.get('content-type')).toBe('application/geo+json');
  });

  it('C19 member names are unique (I-JSON) in every object', () => {
    expect(duplicateKeys('{"a":{"b":1,"b":2}}')).toEqual(['b']);
    expect(duplicateKeys(exportText)).toEqual([]);
    expect(duplicateKeys(ogcText)).toEqual([]);
  });
});

describe('sheet A.0: Open311 general rules', () => {
  it('A0.1 every date has a timezone', async () => {
    const body = (await (await ctx.app.request('/open311/v2/requests.json')).json()) as Array<Record<string, string | null>>;
    for (const r of body) for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime']) if (r[k]) expect(r[k]).toMatch(/(Z|[+-]\d\d:\d\d)$/);
  });

  it('A0.2 UTF-8: charset in the headers and an XML declaration with encoding UTF-8', async () => {
    for (const path of ['services.xml', 'requests.xml', 'discovery.xml']) {
      const res = await ctx.app.request(`/open311/v2/${path}`);
      expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      expect(await res.text()).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    }
    expect((await ctx.app.request('/open311/v2/services.json')).headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('A0.3 XML is offered for every resource; A0.4 the format is chosen by suffix', async () => {
    for (const path of ['discovery', 'services', 'services/litter', 'requests']) {
      expect((await ctx.app.request(`/open311/v2/${path}.xml`)).headers.get('content-type'), path).toContain('text/xml');
      expect((await ctx.app.request(`/open311/v2/${path}.json`)).headers.get('content-type'), path).toContain('application/json');
    }
  });

  it('A0.7 JSON lists are arrays where the XML has a list root; A0.10 ids are strings, lat/long numbers, flags booleans', async () => {
    const services = (await (await ctx.app.request('/open311/v2/services.json')).json()) as Array<Record<string, unknown>>;
    expect(Array.isArray(services)).toBe(true);
    for (const s of services) {
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
    }
    const requests = (await (await ctx.app.request('/open311/v2/requests.json')).json()) as Array<Record<string, unknown>>;
    expect(Array.isArray(requests)).toBe(true);
    for (const r of requests) {
      expect(typeof r.service_request_id).toBe('string');
      expect(typeof r.service_code).toBe('string');
      expect(typeof r.lat).toBe('number');
      expect(typeof r.long).toBe('number');
    }
    const def = (await (await ctx.app.request('/open311/v2/services/blocked_ditch.json')).json()) as { attributes: Array<Record<string, unknown>> };
    for (const a of def.attributes) {
      expect(typeof a.variable).toBe('boolean');
      expect(typeof a.required).toBe('boolean');
    }
  });

  it('A0.8 one jurisdiction: jurisdiction_id may be left out or name our host; another is a 404', async () => {
    expect((await ctx.app.request('/open311/v2/services.json')).status).toBe(200);
    expect((await ctx.app.request('/open311/v2/services.json?jurisdiction_id=gs.test')).status).toBe(200);
    expect((await ctx.app.request('/open311/v2/services.json?jurisdiction_id=anything')).status).toBe(404);
  });
});

/** Names that occur twice in one JSON object (JSON.parse would silently keep the last). */
function duplicateKeys(text: string): string[] {
  const stack: Array<Set<string> | null> = [];
  const dups: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') stack.push(new Set());
    else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const key = text.slice(i + 1, j);
      let k = j + 1;
      while (text[k] === ' ' || text[k] === '\n') k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top) {
        if (top.has(key)) dups.push(key);
        top.add(key);
      }
      i = j;
    }
  }
  return dups;
}
