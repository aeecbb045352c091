/**
 * Builds the GeoPackage downloads: the reports (one layer per geometry type), the mapped
 * network and the council areas in one file, or the ditch register; each with a `licence`
 * table. Rows come from a database cursor a batch at a time and go straight into the file.
 */
import { join } from 'node:path';
import { CONDITION_GRADE, conditionSource, type AssetCondition } from '@groundswell/core';
import { REPORT_GEOMETRY_LAYERS, areaGisLayer, assetGisLayer, ditchRegisterLayer, reportGisLayer, streamRows, type Database, type GisLayer, type GisRow, type OpenDataFilter } from '@groundswell/db';
import { GeoPackageWriter } from './geopackage.ts';

const BATCH = 1000;

export interface ExportLicence {
  id: string;
  url: string | null;
  attribution: string;
}

/** The licence table's one row: the terms, where the data came from and when. */
export function licenceRow(licence: ExportLicence, source: string, generatedAt: Date) {
  return { licence: licence.id, licence_url: licence.url, attribution: licence.attribution, source, generated_at: generatedAt.toISOString() };
}

async function writeLayer(input: Pick<GpkgExportInput, 'database' | 'signal'>, gpkg: GeoPackageWriter, layer: GisLayer, description: string, map: (row: GisRow) => GisRow = (r) => r) {
  const types = typeof layer.geometryType === 'string' ? [layer.geometryType] : (await input.database.rows<{ t: string }>(layer.geometryType)).map((r) => r.t);
  const out = gpkg.featureLayer(layer.name, layer.columns, types.length === 1 ? types[0]! : 'GEOMETRY', { title: layer.title, description });
  for await (const rows of streamRows<GisRow>(input.database, layer.query, { batchSize: BATCH })) {
    // The client went away: stop reading (the cursor closes) and let the folder be deleted.
    input.signal?.throwIfAborted();
    out.add(rows.map(map));
  }
  return out.finish();
}

export interface GpkgExportInput {
  database: Database;
  dir: string;
  filter: OpenDataFilter;
  baseUrl: string;
  licence: ExportLicence;
  source: string;
  now: Date;
  /** Aborts when the client goes away. */
  signal?: AbortSignal | undefined;
}

export async function buildReportsGeoPackage(input: GpkgExportInput): Promise<string> {
  const path = join(input.dir, 'groundswell.gpkg');
  const gpkg = new GeoPackageWriter(path);
  try {
    const terms = `${input.licence.id}: ${input.licence.attribution}`;
    for (const { kind } of REPORT_GEOMETRY_LAYERS) {
      await writeLayer(input, gpkg, reportGisLayer(input.filter, input.baseUrl, kind), `Public reports drawn as a ${kind}. ${terms}`);
    }
    await writeLayer(input, gpkg, assetGisLayer(), `The mapped drainage network. ${terms}`);
    await writeLayer(input, gpkg, areaGisLayer(), `Council areas. ${terms}`);
    gpkg.attributes('licence', 'Licence', 'The terms of reuse of every layer in this file', [licenceRow(input.licence, input.source, input.now)]);
  } finally {
    gpkg.close();
  }
  return path;
}

/** A register row with core's words: the 1-5 grade and where the condition came from. */
export function registerRow(row: GisRow): GisRow {
  const { condition_source_event, ...rest } = row;
  return { ...rest, condition_grade: CONDITION_GRADE[row.condition as AssetCondition] ?? null, condition_source: conditionSource((condition_source_event as string | null) ?? null) };
}

export async function buildDitchRegisterGeoPackage(input: Omit<GpkgExportInput, 'filter' | 'baseUrl'>): Promise<string> {
  const path = join(input.dir, 'ditch-register.gpkg');
  const gpkg = new GeoPackageWriter(path);
  try {
    await writeLayer(input, gpkg, ditchRegisterLayer(), `The live ditch and culvert network as a register. ${input.licence.id}: ${input.licence.attribution}`, registerRow);
    gpkg.attributes('licence', 'Licence', 'The terms of reuse of the register', [licenceRow(input.licence, input.source, input.now)]);
  } finally {
    gpkg.close();
  }
  return path;
}
