/**
 * The GeoPackage download as GDAL (and so QGIS) reads it: a real HTTP server over the demo
 * data and a resident with a Polish name, `ogrinfo` on the downloaded file. Every feature of
 * the GeoJSON export is there, in its geometry type's layer, with typed fields, WGS 84, the
 * licence, UTF-8 intact, no personal data, and no temporary file left behind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SLOTS } from '@groundswell/core';
import { leasesHeld, releaseLease, takeLease } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from './server.ts';
import { validateGpkg, abortAfterFirstChunk, download, expectNoPersonalData, gdal, geojsonCounts, layersOf, POLISH, seedPolishReport, tempLeft } from './gis-export-helpers.ts';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  await seedPolishReport(server.database, 'plgpkg01');
  dir = mkdtempSync(join(tmpdir(), 'gs-gpkg-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const count = async (q: string) => Number((await server.database.rows<{ n: number }>(sql.raw(q)))[0]!.n);

async function gpkg(query = '', name = 'reports.gpkg') {
  const file = join(dir, name);
  const { res, bytes } = await download(`${server.url}/export/reports.gpkg${query}`, file);
  const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', '-al', file]);
  expect(stderr.trim(), 'GDAL stderr').toBe('');
  // Every requirement of the standard GDAL's validator checks, not only what GDAL tolerates.
  const valid = await validateGpkg(file);
  expect(`${valid.stdout}${valid.stderr}`.trim(), 'validate_gpkg').toBe('');
  return { res, bytes, file, layers: layersOf(stdout) };
}

describe('GET /export/reports.gpkg', () => {
  it('holds every public report in one layer per geometry type, with the network and the areas, as GDAL reads it', async () => {
    const { res, bytes, layers } = await gpkg();
    expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="groundswell-\d{8}\.gpkg"$/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    // SQLite's header, then application_id 'GPKG' (offset 68) and user_version 10300 (offset 60).
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(bytes.subarray(68, 72).toString('latin1')).toBe('GPKG');
    expect(bytes.readUInt32BE(60)).toBe(10300);

    const expected = await geojsonCounts(server.url);
    expect(expected.Point).toBeGreaterThan(0);
    expect(expected.LineString).toBeGreaterThan(0);
    expect(expected.Polygon).toBeGreaterThan(0);
    expect(layers.reports_points).toMatchObject({ count: expected.Point, geometry: 'Point' });
    expect(layers.reports_lines).toMatchObject({ count: expected.LineString, geometry: 'Line String' });
    expect(layers.reports_areas).toMatchObject({ count: expected.Polygon, geometry: 'Polygon' });
    expect(layers.reports_points!.count + layers.reports_lines!.count + layers.reports_areas!.count).toBe(await count(`select count(*)::int n from reports where state <> 'hidden'`));
    expect(layers.assets).toMatchObject({ count: await count('select count(*)::int n from assets'), geometry: 'Line String' });
    expect(layers.areas!.count).toBe(await count('select count(*)::int n from areas'));
    expect(layers.licence!.count).toBe(1);

    for (const name of ['reports_points', 'reports_lines', 'reports_areas', 'assets', 'areas']) {
      expect(layers[name]!.srs, name).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
    }
    expect(layers.reports_points!.fields).toMatchObject({
      id: 'String',
      category: 'String',
      description: 'String',
      support_count: 'Integer',
      created_at: 'DateTime',
      resolved_at: 'DateTime',
      url: 'String',
      street_name: 'String',
      street_usrn: 'String',
    });
    expect(layers.assets!.fields).toMatchObject({ code: 'String', condition: 'String', length_m: 'Real', condition_at: 'DateTime' });
    expect(layers.licence!.fields).toMatchObject({ licence: 'String', attribution: 'String' });
  });

  it('keeps Polish text whole, states the licence, and holds no personal data', async () => {
    const { bytes, file } = await gpkg('', 'polish.gpkg');
    const { stdout } = await gdal('ogrinfo', ['-ro', '-al', '-q', '-where', "id = 'plgpkg01'", file, 'reports_points']);
    expect(stdout).toContain(`description (String) = ${POLISH}`);
    expect(stdout).toContain('street_name (String) = Ulica Świętego Jana');
    expect(stdout).toContain('street_usrn (String) = 48500017');
    expect(stdout).toMatch(/created_at \(DateTime\) = \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/);
    const licence = (await gdal('ogrinfo', ['-ro', '-al', '-q', file, 'licence'])).stdout;
    expect(licence).toContain('licence (String) = ODbL-1.0');
    expect(licence).toContain('attribution (String) = Groundswell contributors');
    expect(licence).toMatch(/source \(String\) = http:\/\/127\.0\.0\.1:\d+\/export\/reports\.gpkg/);
    expectNoPersonalData(bytes);
    const hidden = await count(`select count(*)::int n from reports where state = 'hidden'`);
    if (hidden) {
      const [one] = await server.database.rows<{ public_id: string }>(sql`select public_id from reports where state = 'hidden' limit 1`);
      expect(bytes.includes(Buffer.from(one!.public_id))).toBe(false);
    }
  });

  it('applies the GeoJSON export filters to the report layers', async () => {
    for (const query of ['?category=litter', '?state=fixed,closed', '?bbox=-3.3,56.35,-3.1,56.45', '?since=2026-01-01T00:00:00Z&category=blocked_ditch,litter']) {
      const expected = await geojsonCounts(server.url, query);
      const { layers } = await gpkg(query, 'filtered.gpkg');
      expect([layers.reports_points!.count, layers.reports_lines!.count, layers.reports_areas!.count], query).toEqual([expected.Point, expected.LineString, expected.Polygon]);
    }
    const { layers } = await gpkg('?category=litter', 'litter.gpkg');
    expect(layers.reports_points!.count).toBeGreaterThan(0);
  });

  it('refuses a bad filter as problem+json naming the field, and answers HEAD without building anything', async () => {
    const bad = await fetch(`${server.url}/export/reports.gpkg?bbox=1,2,3`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await bad.json())).toContain('query.bbox');
    const head = await fetch(`${server.url}/export/reports.gpkg`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(tempLeft(server.dataDir)).toEqual([]);
  });

  it('waits for an export slot like the other exports: 503 with Retry-After while every slot is held elsewhere', async () => {
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const held = await Promise.all(Array.from({ length: EXPORT_SLOTS }, (_, i) => takeLease(server.database, 'export', EXPORT_SLOTS, `elsewhere-${i}`, now, until)));
    try {
      for (const path of ['/export/reports.gpkg', '/export/reports.shp.zip', '/export/ditch-register.gpkg', '/export/ditch-register.csv']) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after'), path).toBe('30');
        expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
        await res.arrayBuffer();
      }
    } finally {
      await Promise.all(held.map((key, i) => releaseLease(server.database, key!, `elsewhere-${i}`)));
    }
    expect(tempLeft(server.dataDir)).toEqual([]);
  });

  it('leaves no temporary file after a download, one cut off, or one given up before it began, and gives its slot back', async () => {
    await gpkg('', 'again.gpkg');
    expect(tempLeft(server.dataDir)).toEqual([]);
    await abortAfterFirstChunk(`${server.url}/export/reports.gpkg`);
    const early = new AbortController();
    const gone = fetch(`${server.url}/export/reports.gpkg`, { signal: early.signal }).catch(() => undefined);
    early.abort();
    await gone;
    // The one given up early is still being built; then its unread body is cancelled and its slot given back.
    let held = -1;
    for (let i = 0; i < 100 && held !== 0; i++) {
      held = await leasesHeld(server.database, 'export', new Date());
      if (held) await new Promise((r) => setTimeout(r, 100));
    }
    expect(held).toBe(0);
    // Every slot free again: as many downloads as there are slots all succeed.
    const all = await Promise.all(Array.from({ length: EXPORT_SLOTS }, () => fetch(`${server.url}/export/reports.gpkg`)));
    expect(all.map((r) => r.status)).toEqual(Array(EXPORT_SLOTS).fill(200));
    await Promise.all(all.map((r) => r.arrayBuffer()));
    for (let i = 0; i < 50 && tempLeft(server.dataDir).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(tempLeft(server.dataDir)).toEqual([]);
    expect(readFileSync(join(dir, 'again.gpkg')).length).toBeGreaterThan(0);
  });
});
