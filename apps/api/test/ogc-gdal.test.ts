/**
 * OGC API Features and the GeoJSON export as GDAL reads them (its OAPIF and GeoJSON
 * drivers, which QGIS shares): a real HTTP server over the demo data, `ogrinfo` and
 * `ogr2ogr`, feature counts compared with the database, and not one GDAL warning.
 * CI installs gdal-bin; without it this test fails rather than skips.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@groundswell/db/testing';
import { startTestServer, type TestServer } from './server.ts';

const run = promisify(execFile);
let server: TestServer;
let dir: string;
const counts: Record<string, number> = {};

async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]) {
  try {
    return await run(tool, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CPL_DEBUG: 'OFF' } });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: GDAL's command line tools are needed (apt-get install gdal-bin)`);
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/** GDAL prints warnings and errors on stderr ("Warning 1: …", "ERROR 1: …"); none are expected. */
function expectQuiet(stderr: string) {
  expect(stderr.trim(), 'GDAL stderr').toBe('');
}

function featureCounts(ogrinfoOut: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const block of ogrinfoOut.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0]!.trim();
    out[name] = Number(/Feature Count: (\d+)/.exec(block)![1]);
  }
  return out;
}

function fieldsOf(ogrinfoOut: string): Record<string, string> {
  return Object.fromEntries([...ogrinfoOut.matchAll(/^(\w+): (\w+(?:\(\w+\))?) \(/gm)].map((m) => [m[1]!, m[2]!]));
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  dir = mkdtempSync(join(tmpdir(), 'gs-gdal-'));
  const one = async (q: string) => Number((await server.database.rows<{ n: number }>(sql.raw(q)))[0]!.n);
  counts.reports = await one(`select count(*)::int n from reports where state <> 'hidden'`);
  counts.assets = await one('select count(*)::int n from assets');
  counts.areas = await one('select count(*)::int n from areas');
});
afterAll(() => server?.close());

describe('GDAL reads the OGC API', () => {
  it('ogrinfo lists every collection from the landing page URL alone', async () => {
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/ogc`]);
    expectQuiet(stderr);
    expect(stdout).toMatch(/1: reports \(title: Reports\)/);
    expect(stdout).toMatch(/2: assets \(title: Drainage assets\) \(Line String\)/);
    expect(stdout).toMatch(/3: areas \(title: Council areas\) \(Polygon\)/);
  });

  it('ogrinfo describes each layer with the right feature count and fields', async () => {
    const expectedFields: Record<string, Record<string, string>> = {
      reports: {
        id: 'String',
        category: 'String',
        state: 'String',
        status: 'String',
        supportCount: 'Integer',
        areas: 'String',
        createdAt: 'DateTime',
        acknowledgedAt: 'DateTime',
        resolvedAt: 'DateTime',
        url: 'String',
      },
      assets: { code: 'String', kind: 'String', condition: 'String', conditionAt: 'DateTime' },
      areas: { code: 'String', name: 'String', kind: 'String' },
    };
    for (const layer of ['reports', 'assets', 'areas']) {
      const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/ogc`, layer]);
      expectQuiet(stderr);
      expect(featureCounts(stdout)[layer], layer).toBe(counts[layer]);
      expect(fieldsOf(stdout)).toMatchObject(expectedFields[layer]!);
      expect(stdout).toContain('ID["EPSG",4326]');
    }
  });

  it('ogr2ogr copies every feature of every collection into a GeoPackage', async () => {
    const gpkg = join(dir, 'out.gpkg');
    // GDAL 3.6's OAPIF driver guesses a layer's geometry type from its first 10 features; the
    // reports layer mixes points, lines and areas, so which guess it makes depends on the day
    // the demo data was generated. A conformant GeoPackage of mixed shapes needs a generic
    // geometry column, as GDAL's own warning advises.
    const { stderr } = await gdal('ogr2ogr', ['-f', 'GPKG', '-nlt', 'GEOMETRY', gpkg, `OAPIF:${server.url}/ogc`]);
    expectQuiet(stderr);
    const info = await gdal('ogrinfo', ['-ro', '-so', '-al', gpkg]);
    expect(featureCounts(info.stdout)).toEqual({ reports: counts.reports, assets: counts.assets, areas: counts.areas });
    // Spot-check that the copy kept the public id and the shape.
    const sqlOut = await gdal('ogrinfo', ['-ro', '-q', gpkg, '-sql', 'SELECT count(*) AS n FROM reports WHERE id IS NULL OR geom IS NULL']);
    expect(sqlOut.stdout).toMatch(/n \(Integer\) = 0/);
  });

  it('GDAL filters on the server: bbox and attribute equality', async () => {
    const [n] = await server.database.rows<{ n: number }>(sql`select count(*)::int n from reports r join categories c on c.id = r.category_id where r.state <> 'hidden' and c.code = 'litter'`);
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/ogc`, 'reports', '-where', "category = 'litter'"]);
    expectQuiet(stderr);
    expect(featureCounts(stdout).reports).toBe(n!.n);
  });
});

describe('GDAL reads the GeoJSON export', () => {
  it('ogrinfo opens the downloaded file as one layer with every public report and no warnings', async () => {
    const res = await fetch(`${server.url}/export/reports.geojson`);
    expect(res.status).toBe(200);
    const file = join(dir, 'reports.geojson');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', '-al', file]);
    expectQuiet(stderr);
    expect(featureCounts(stdout)).toEqual({ reports: counts.reports });
    expect(fieldsOf(stdout)).toMatchObject({ id: 'String', category: 'String', supportCount: 'Integer', createdAt: 'DateTime' });
  });

  it('ogrinfo reads the CSV export with its WKT geometry', async () => {
    const res = await fetch(`${server.url}/export/reports.csv`);
    const file = join(dir, 'reports.csv');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', '-al', '-oo', 'GEOM_POSSIBLE_NAMES=wkt', '-oo', 'KEEP_GEOM_COLUMNS=NO', file]);
    expectQuiet(stderr);
    expect(featureCounts(stdout)).toEqual({ reports: counts.reports });
  });
});
