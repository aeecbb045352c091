/**
 * Builds the zipped Shapefile download: one shapefile per report geometry type, the network
 * and the areas, the field name table (`fields.csv`) and a README with the licence, zipped by
 * yazl (which reads each file from disk as it writes the archive) into one file beside them.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DBF_TEXT_MAX_BYTES, dbfFieldNames } from '@groundswell/core';
import { areaGisLayer, assetGisLayer, reportGisLayer, streamRows, type GisLayer, type GisRow, type OpenDataFilter } from '@groundswell/db';
import type { GpkgExportInput } from './export-geopackage.ts';
import { csvCell, csvLine } from './csv.ts';
import { ShapefileWriter, type ShapeKind } from './shapefile.ts';

/** The shapefiles: the reports by geometry type (Polygon rings clockwise, the Shapefile rule), the network and the areas. */
export const SHAPEFILE_LAYERS: ReadonlyArray<{ name: string; kind: ShapeKind; layer: (filter: OpenDataFilter, baseUrl: string) => GisLayer }> = [
  { name: 'reports_points', kind: 'Point', layer: (f, url) => reportGisLayer(f, url, 'Point') },
  { name: 'reports_lines', kind: 'LineString', layer: (f, url) => reportGisLayer(f, url, 'LineString') },
  { name: 'reports_polygons', kind: 'Polygon', layer: (f, url) => reportGisLayer(f, url, 'Polygon', { polygonsClockwise: true }) },
  { name: 'assets', kind: 'LineString', layer: () => assetGisLayer() },
  { name: 'areas', kind: 'Polygon', layer: () => areaGisLayer({ polygonsClockwise: true }) },
];

const typeWords = (c: GisLayer['columns'][number]) =>
  c.type === 'text' ? `text (up to ${Math.min(c.width ?? DBF_TEXT_MAX_BYTES, DBF_TEXT_MAX_BYTES)} bytes)` : c.type === 'datetime' ? 'date (UTC)' : c.type;

/** fields.csv: for each shapefile, each dBase field, the export column it holds, its type and width. */
export function fieldsCsv(layers: ReadonlyArray<{ name: string; columns: GisLayer['columns'] }>): string {
  const rows = layers.flatMap(({ name, columns }) => {
    const names = dbfFieldNames(columns.map((c) => c.name));
    return columns.map((c) => csvLine([csvCell(name), csvCell(names.get(c.name)), csvCell(c.name), csvCell(typeWords(c))]));
  });
  return csvLine(['shapefile', 'field', 'column', 'type']) + rows.join('');
}

function readme(input: GpkgExportInput): string {
  const l = input.licence;
  return [
    'Public reports as ESRI Shapefiles, one per geometry type, with the drainage network (assets) and the council areas, in WGS 84 (EPSG:4326).',
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
  const { default: yazl } = await import('yazl');
  const zip = new yazl.ZipFile();
  const written: Array<{ name: string; columns: GisLayer['columns'] }> = [];
  for (const spec of SHAPEFILE_LAYERS) {
    const layer = spec.layer(input.filter, input.baseUrl);
    const writer = await ShapefileWriter.create(join(input.dir, spec.name), spec.kind, layer.columns, dbfFieldNames(layer.columns.map((c) => c.name)));
    try {
      for await (const rows of streamRows<GisRow>(input.database, layer.query, { batchSize: 1000 })) {
        input.signal?.throwIfAborted();
        await writer.add(rows);
      }
    } catch (err) {
      await writer.close();
      throw err;
    }
    const { files } = await writer.finish(input.now);
    for (const file of files) zip.addFile(file, file.slice(input.dir.length + 1), { mtime: input.now });
    written.push({ name: spec.name, columns: layer.columns });
  }
  zip.addBuffer(Buffer.from(fieldsCsv(written)), 'fields.csv', { mtime: input.now });
  zip.addBuffer(Buffer.from(readme(input)), 'README.txt', { mtime: input.now });
  zip.end();
  const path = join(input.dir, 'reports.shp.zip');
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}
