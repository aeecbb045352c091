/**
 * The zipped Shapefile download as GDAL reads it: unzipped on disk (a small reader of the
 * zip's central directory, so the test needs no unzip tool) and through GDAL's /vsizip/ (as
 * QGIS opens a zip). Every feature of the GeoJSON export is in its geometry type's
 * shapefile, with 10-character field names that fields.csv explains, typed fields, WGS 84,
 * Polish text in UTF-8, no personal data, and no temporary file left behind.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DBF_NAME_MAX, dbfFieldNames } from '@groundswell/core';
import { areaGisLayer, assetGisLayer, leasesHeld, REPORT_GIS_COLUMNS } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from './server.ts';
import { seedReport } from './helpers.ts';
import { wkbParts } from '../src/open-data/shapefile.ts';
import { abortAfterFirstChunk, download, expectNoPersonalData, gdal, geojsonCounts, layersOf, POLISH, seedPolishReport, tempLeft } from './gis-export-helpers.ts';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const polish = await seedPolishReport(server.database, 'plshp001');
  // 200 two-byte letters: 400 bytes, more than a dBase field holds.
  await seedReport(server.database, polish.categoryId, { type: 'Point', coordinates: [-3.18, 56.4] }, { publicId: 'plshp002', description: 'ż'.repeat(200) });
  dir = mkdtempSync(join(tmpdir(), 'gs-shp-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The entries of a zip file, by name, read from its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

let n = 0;
async function shapefiles(query = '') {
  const zipFile = join(dir, `reports-${++n}.shp.zip`);
  const { res, bytes } = await download(`${server.url}/export/reports.shp.zip${query}`, zipFile);
  const files = unzip(bytes);
  const out = join(dir, `unzipped-${n}`);
  mkdirSync(out);
  for (const [name, data] of files) writeFileSync(join(out, name), data);
  const layers: ReturnType<typeof layersOf> = {};
  for (const name of ['reports_points', 'reports_lines', 'reports_polygons', 'assets', 'areas']) {
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', '-al', join(out, `${name}.shp`)]);
    expect(stderr.trim(), `GDAL stderr for ${name}`).toBe('');
    Object.assign(layers, layersOf(stdout));
  }
  return { res, bytes, files, out, zipFile, layers };
}

describe('GET /export/reports.shp.zip', () => {
  it('holds one shapefile per geometry type with every public report, as GDAL reads it', async () => {
    const { res, files, layers, zipFile } = await shapefiles();
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="reports-\d{8}\.shp\.zip"$/);
    for (const name of ['reports_points', 'reports_lines', 'reports_polygons', 'assets', 'areas']) {
      for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(files.has(`${name}.${ext}`), `${name}.${ext}`).toBe(true);
      expect(files.get(`${name}.cpg`)!.toString()).toBe('UTF-8');
      expect(files.get(`${name}.prj`)!.toString()).toMatch(/^GEOGCS\["GCS_WGS_1984"/);
    }
    const expected = await geojsonCounts(server.url);
    expect(layers.reports_points).toMatchObject({ count: expected.Point, geometry: 'Point' });
    expect(layers.reports_lines).toMatchObject({ count: expected.LineString, geometry: 'Line String' });
    expect(layers.reports_polygons).toMatchObject({ count: expected.Polygon, geometry: 'Polygon' });
    // The network and the areas, whole, as in the GeoPackage.
    const count = async (q: string) => Number((await server.database.rows<{ n: number }>(sql.raw(q)))[0]!.n);
    expect(layers.assets).toMatchObject({ count: await count('select count(*)::int n from assets'), geometry: 'Line String' });
    expect(layers.areas).toMatchObject({ count: await count('select count(*)::int n from areas'), geometry: 'Polygon' });
    expect(layers.assets!.fields).toMatchObject({ code: 'String', condition: 'String', cond_at: 'Date', length_m: 'Real', retired: 'Date' });
    expect(layers.areas!.fields).toMatchObject({ code: 'String', name: 'String', kind: 'String' });
    for (const layer of Object.values(layers)) {
      expect(layer.srs).toMatch(/ID\["EPSG",4326\]|WGS 84|WGS_1984/);
      expect(Object.keys(layer.fields).every((f) => f.length <= DBF_NAME_MAX)).toBe(true);
    }
    for (const layer of [layers.reports_points!, layers.reports_lines!, layers.reports_polygons!]) {
      expect(layer.fields).toMatchObject({
        id: 'String',
        descr: 'String',
        supports: 'Integer',
        created: 'Date',
        resolved: 'Date',
        cat_name: 'String',
        url: 'String',
        street: 'String',
        usrn: 'String',
      });
    }
    // QGIS opens the zip as it is, through GDAL's /vsizip/.
    const inZip = layersOf((await gdal('ogrinfo', ['-ro', '-so', '-al', `/vsizip/${zipFile}/reports_points.shp`])).stdout);
    expect(inZip.reports_points!.count).toBe(expected.Point);
  });

  it('explains every field name in fields.csv and the README, matching the documented rule', async () => {
    const { files } = await shapefiles();
    const csv = files.get('fields.csv')!.toString();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('shapefile,field,column,type');
    const layers = [
      ...(['reports_points', 'reports_lines', 'reports_polygons'] as const).map((name) => ({ name, columns: REPORT_GIS_COLUMNS })),
      { name: 'assets', columns: assetGisLayer().columns },
      { name: 'areas', columns: areaGisLayer().columns },
    ];
    expect(lines).toHaveLength(layers.reduce((n, l) => n + l.columns.length, 0) + 1);
    for (const { name, columns } of layers) {
      const names = dbfFieldNames(columns.map((c) => c.name));
      for (const c of columns) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${name},${names.get(c.name)},${c.name},`)));
    }
    const readme = files.get('README.txt')!.toString();
    expect(readme).toContain('Licence: ODbL-1.0');
    expect(readme).toContain('Attribution: Groundswell contributors');
  });

  it('keeps Polish text whole in UTF-8, cuts long text at a character boundary, and holds no personal data', async () => {
    const { bytes, out } = await shapefiles();
    const one = (await gdal('ogrinfo', ['-ro', '-al', '-q', '-where', "id = 'plshp001'", join(out, 'reports_points.shp')])).stdout;
    expect(one).toContain(`descr (String) = ${POLISH}`);
    expect(one).toContain('street (String) = Ulica Świętego Jana');
    expect(one).toContain('usrn (String) = 48500017');
    expect(one).toMatch(/created \(Date\) = \d{4}\/\d\d\/\d\d/);
    expectNoPersonalData(bytes);
    const all = (await gdal('ogrinfo', ['-ro', '-al', '-q', join(out, 'reports_points.shp')])).stdout;
    // Cut at 254 bytes, between two letters: 127 of them, no half letter (GDAL would show U+FFFD).
    expect(all).toMatch(new RegExp(`descr \\(String\\) = ${'ż'.repeat(127)}\\n`));
    expect(all).not.toContain('\uFFFD');
  });

  it('reads the parts of multi geometries from PostGIS WKB in either byte order', async () => {
    const wkt = 'MULTIPOLYGON(((0 0,0 1,1 1,1 0,0 0),(0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.2)),((2 2,2 3,3 3,2 2)))';
    for (const order of ['NDR', 'XDR']) {
      const [row] = await server.database.rows<{ wkb: Uint8Array; lines: Uint8Array }>(
        sql`select ST_AsBinary(ST_GeomFromText(${wkt}), ${order}) as wkb, ST_AsBinary(ST_GeomFromText('MULTILINESTRING((0 0,1 1),(2 2,3 3,4 4))'), ${order}) as lines`,
      );
      const rings = wkbParts(new Uint8Array(row!.wkb));
      expect(rings.map((r) => r.length)).toEqual([5, 4, 4]);
      expect(rings[1]![1]).toEqual([0.4, 0.2]);
      expect(wkbParts(new Uint8Array(row!.lines))).toEqual([
        [
          [0, 0],
          [1, 1],
        ],
        [
          [2, 2],
          [3, 3],
          [4, 4],
        ],
      ]);
    }
  });

  it('applies the GeoJSON export filters', async () => {
    for (const query of ['?category=litter', '?state=fixed,closed', '?bbox=-3.3,56.35,-3.1,56.45']) {
      const expected = await geojsonCounts(server.url, query);
      const { layers } = await shapefiles(query);
      expect([layers.reports_points!.count, layers.reports_lines!.count, layers.reports_polygons!.count], query).toEqual([expected.Point, expected.LineString, expected.Polygon]);
    }
  });

  it('answers HEAD without building, and leaves no temporary file after a download or one cut off', async () => {
    const head = await fetch(`${server.url}/export/reports.shp.zip`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/zip');
    await shapefiles();
    expect(tempLeft(server.dataDir)).toEqual([]);
    await abortAfterFirstChunk(`${server.url}/export/reports.shp.zip`);
    let held = -1;
    for (let i = 0; i < 100 && held !== 0; i++) {
      held = await leasesHeld(server.database, 'export', new Date());
      if (held) await new Promise((r) => setTimeout(r, 100));
    }
    expect(held).toBe(0);
    expect(tempLeft(server.dataDir)).toEqual([]);
  });
});
