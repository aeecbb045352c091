/**
 * Builds the zipped Shapefile download: one shapefile per report geometry type, the field
 * name table (`fields.csv`) and a README with the licence, zipped by yazl (which reads each
 * file from disk as it writes the archive) into one file beside them.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { DBF_TEXT_MAX_BYTES, dbfFieldNames } from '@groundswell/core';
import { REPORT_GIS_COLUMNS, reportGisLayer, streamRows, type GisRow } from '@groundswell/db';
import type { GpkgExportInput } from './export-geopackage.ts';
import { csvCell, csvLine } from './csv.ts';
import { ShapefileWriter, type ShapeKind } from './shapefile.ts';

/** The shapefiles, by the report geometry each holds. */
export const SHAPEFILE_LAYERS: ReadonlyArray<{ name: string; kind: ShapeKind }> = [
  { name: 'reports_points', kind: 'Point' },
  { name: 'reports_lines', kind: 'LineString' },
  { name: 'reports_polygons', kind: 'Polygon' },
];

/** fields.csv: each dBase field, the export column it holds, its type and width. */
export function fieldsCsv(names: Map<string, string>): string {
  const rows = REPORT_GIS_COLUMNS.map((c) => {
    const type = c.type === 'text' ? `text (up to ${Math.min(c.width ?? DBF_TEXT_MAX_BYTES, DBF_TEXT_MAX_BYTES)} bytes)` : c.type === 'datetime' ? 'date (UTC)' : c.type;
    return csvLine([csvCell(names.get(c.name)), csvCell(c.name), csvCell(type)]);
  });
  return csvLine(['field', 'column', 'type']) + rows.join('');
}

function readme(input: GpkgExportInput): string {
  const l = input.licence;
  return [
    'Public reports as ESRI Shapefiles, one per geometry type, in WGS 84 (EPSG:4326).',
    '',
    `Licence: ${l.id}${l.url ? ` (${l.url})` : ''}`,
    `Attribution: ${l.attribution}`,
    `Source: ${input.source}`,
    `Generated: ${input.now.toISOString()}`,
    '',
    'Field names are at most 10 characters: fields.csv names the full column each holds.',
    `Text is UTF-8 (see the .cpg files); a value longer than its field (at most ${DBF_TEXT_MAX_BYTES} bytes) is cut.`,
    'Times are dates in UTC; the GeoPackage (reports.gpkg) and GeoJSON exports keep the full time and text.',
    'No personal data: names, emails and phone numbers of the people who report are never published.',
    '',
  ].join('\r\n');
}

export async function buildReportsShapefileZip(input: GpkgExportInput): Promise<string> {
  const names = dbfFieldNames(REPORT_GIS_COLUMNS.map((c) => c.name));
  const zip = new yazl.ZipFile();
  for (const layer of SHAPEFILE_LAYERS) {
    const writer = await ShapefileWriter.create(join(input.dir, layer.name), layer.kind, REPORT_GIS_COLUMNS, names);
    try {
      const query = reportGisLayer(input.filter, input.baseUrl, layer.kind, { polygonsClockwise: true }).query;
      for await (const rows of streamRows<GisRow>(input.database, query, { batchSize: 1000 })) {
        input.signal?.throwIfAborted();
        await writer.add(rows);
      }
    } catch (err) {
      await writer.close();
      throw err;
    }
    const { files } = await writer.finish(input.now);
    for (const file of files) zip.addFile(file, file.slice(input.dir.length + 1), { mtime: input.now });
  }
  zip.addBuffer(Buffer.from(fieldsCsv(names)), 'fields.csv', { mtime: input.now });
  zip.addBuffer(Buffer.from(readme(input)), 'README.txt', { mtime: input.now });
  zip.end();
  const path = join(input.dir, 'reports.shp.zip');
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}
