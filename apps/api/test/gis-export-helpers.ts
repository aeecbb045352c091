/**
 * What the GeoPackage, Shapefile and ditch register tests share: GDAL's tools (which CI
 * installs; without them the tests fail rather than skip), a resident with a Polish name and
 * contact details whose personal data must never appear in a file, and downloads to disk.
 */
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { schema, type Database } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { seedReport } from './helpers.ts';

const run = promisify(execFile);

export async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]) {
  try {
    return await run(tool, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CPL_DEBUG: 'OFF' } });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: GDAL's command line tools are needed (apt-get install gdal-bin)`);
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/**
 * GDAL's GeoPackage validator (validate_gpkg.py, in python3-gdal, which gdal-bin depends on),
 * run by Debian's Python, which is the one that has it. Throws with its finding.
 */
export async function validateGpkg(file: string) {
  try {
    return await run('/usr/bin/python3', ['-m', 'osgeo_utils.samples.validate_gpkg', file], { timeout: 120_000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    throw new Error(`validate_gpkg ${file}: ${e.stderr?.trim().split('\n').pop() ?? e.message}`);
  }
}

/** `ogrinfo -so` output as layer name → { count, geometry, fields: name → type }. */
export function layersOf(out: string) {
  const layers: Record<string, { count: number; geometry: string; srs: string; fields: Record<string, string> }> = {};
  for (const block of out.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0]!.trim();
    layers[name] = {
      count: Number(/Feature Count: (\d+)/.exec(block)?.[1] ?? Number.NaN),
      geometry: /^Geometry: (.+)$/m.exec(block)?.[1] ?? '',
      srs: block,
      fields: Object.fromEntries([...block.matchAll(/^(\w+): (\w+(?:\(\w+\))?) \(/gm)].map((m) => [m[1]!, m[2]!])),
    };
  }
  return layers;
}

export const RESIDENT = { name: 'Zofia Wąsowska-Źrebiec', email: 'zofia.wasowska@przyklad.pl', phone: '+48 601 234 567' };
/** A description in Polish with every diacritic, to see UTF-8 arrive whole. */
export const POLISH = 'Zażółć gęślą jaźń: rów przy ulicy Źródlanej zasypany liśćmi, woda na drodze';

/** A public report by a resident who gave their name (shown), email and phone. */
export async function seedPolishReport(database: Database, publicId: string) {
  const [cat] = await database.db.select().from(schema.categories).where(sql`code = 'litter'`);
  const report = await seedReport(
    database,
    cat!.id,
    { type: 'Point', coordinates: [-3.19, 56.4] },
    { publicId, description: POLISH, showName: true, publicName: RESIDENT.name, streetName: 'Ulica Świętego Jana', streetUsrn: '48500017' },
  );
  await database.db.insert(schema.reportContacts).values({ reportId: report.id, ...RESIDENT });
  return report;
}

/** The file's bytes hold none of the resident's details (as UTF-8 or in any case). */
export function expectNoPersonalData(bytes: Buffer) {
  const text = bytes.toString('utf8').toLowerCase();
  for (const value of [RESIDENT.name, RESIDENT.email, RESIDENT.phone, 'Wąsowska']) expect(text, `file contains ${value}`).not.toContain(value.toLowerCase());
}

export async function download(url: string, file: string) {
  const res = await fetch(url);
  expect(res.status, await (res.status === 200 ? Promise.resolve('') : res.clone().text())).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  writeFileSync(file, bytes);
  return { res, bytes };
}

/** Geometry types of the GeoJSON export's features for a query, counted. */
export async function geojsonCounts(base: string, query = '') {
  const body = (await (await fetch(`${base}/export/reports.geojson${query}`)).json()) as { features: Array<{ geometry: { type: string } }> };
  const out: Record<string, number> = { Point: 0, LineString: 0, Polygon: 0 };
  for (const f of body.features) out[f.geometry.type] = (out[f.geometry.type] ?? 0) + 1;
  return out;
}

/** The export folder under DATA_DIR holds nothing (it may not exist yet). */
export function tempLeft(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'tmp'));
  } catch {
    return [];
  }
}

/**
 * Starts a download, reads its first chunk, then goes away; waits until the server has
 * given back the slot (another download of the same URL answers 200).
 */
export async function abortAfterFirstChunk(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  await reader.read();
  controller.abort();
  await reader.cancel().catch(() => {});
}
