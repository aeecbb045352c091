/**
 * The GIS officer's downloads: one GeoPackage of reports, network and areas, the reports as
 * zipped Shapefiles, and the ditch register (CSV and GeoPackage). Each is built in a
 * temporary file (docs/exports.md) under an export slot, then sent with its length. Routes
 * under /export/ share the open-data router's CORS and slot middleware (app.ts mounts this
 * router after it).
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DITCH_REGISTER_COLUMNS, ditchRegisterLayer, openStream, type GisRow } from '@groundswell/db';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { readsFrom } from '../deps.ts';
import { createRouter, problemResponses } from '../http/router.ts';
import { ExportQuerySchema, exportFilter } from './query.ts';
import { csvCell, csvLine, UTF8_BOM } from './csv.ts';
import { buildInTempDir } from './temp-files.ts';
import { buildDitchRegisterGeoPackage, buildReportsGeoPackage, registerRow } from './export-geopackage.ts';
import { buildReportsShapefileZip } from './export-shapefile.ts';
import { batchedBody } from './stream.ts';

const GPKG_TYPE = 'application/geopackage+sqlite3';
const binary = (description: string, type: string) => ({ description, content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } });

const gpkgRoute = createRoute({
  method: 'get',
  path: '/export/reports.gpkg',
  tags: ['Open data'],
  summary: 'Public reports, the drainage network and council areas as one GeoPackage',
  description:
    'Layers `reports_points`, `reports_lines` and `reports_areas` (the reports matching the filters, one layer per geometry type), `assets` and `areas`, in EPSG:4326, and a `licence` table with the terms. Built in a temporary file, then sent. No personal data.',
  request: { query: ExportQuerySchema },
  responses: { 200: binary('GeoPackage 1.3, as a download', GPKG_TYPE), ...problemResponses },
});

const shapefileRoute = createRoute({
  method: 'get',
  path: '/export/reports.shp.zip',
  tags: ['Open data'],
  summary: 'Public reports as zipped Shapefiles, one per geometry type, with the drainage network and the council areas',
  description:
    '`reports_points`, `reports_lines` and `reports_polygons` (the reports matching the filters), `assets` and `areas`, each with .shp, .shx, .dbf (UTF-8, `.cpg`) and a WGS 84 `.prj`. Field names are cut to 10 characters by a fixed table (`fields.csv` in the zip, docs/exports.md); text longer than 254 bytes is cut; times are dates (UTC). No personal data.',
  request: { query: ExportQuerySchema },
  responses: { 200: binary('ZIP archive, as a download', 'application/zip'), ...problemResponses },
});

const registerCsvRoute = createRoute({
  method: 'get',
  path: '/export/ditch-register.csv',
  tags: ['Open data'],
  summary: 'The ditch register: every live segment with its condition grade, last inspection and attached reports (CSV)',
  description: 'One row per live segment, the line as WKT (EPSG:4326). Columns and grades: docs/ditch-register.md. No personal data: inspectors are not named.',
  responses: { 200: { description: 'CSV, as a download', content: { 'text/csv': { schema: z.string() } } } },
});

const registerGpkgRoute = createRoute({
  method: 'get',
  path: '/export/ditch-register.gpkg',
  tags: ['Open data'],
  summary: 'The ditch register as a GeoPackage',
  description: 'The same rows as the CSV, as the line layer `ditch_register`, with a `licence` table.',
  responses: { 200: binary('GeoPackage 1.3, as a download', GPKG_TYPE), ...problemResponses },
});

const day = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

function headers(config: Config, type: string, filename: string): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'public, max-age=60',
    ...(config.dataLicense.url ? { link: `<${config.dataLicense.url}>; rel="license"` } : {}),
  };
}

/** Where the data came from, for the licence table: this site's address of the request. */
const sourceOf = (config: Config, url: string) => {
  const u = new URL(url);
  return `${config.publicUrl}${u.pathname}${u.search}`;
};

/**
 * Builds the file in a temporary folder, stopping when the client goes away (the request's
 * signal). Undefined when it was given up that way: that answers nobody and is logged, not
 * treated as a failure.
 */
async function built(
  at: { dataDir: string; signal: AbortSignal; log: Logger },
  build: (dir: string, signal: AbortSignal) => Promise<string>,
): Promise<{ body: ReadableStream<Uint8Array>; size: number } | undefined> {
  try {
    return await buildInTempDir(at.dataDir, (dir) => build(dir, at.signal));
  } catch (err) {
    if (!at.signal.aborted) throw err;
    at.log.info('an export was given up by its client while it was being built');
    return undefined;
  }
}

/** The built file with its length, or nothing for a client that is gone. */
function sent(
  c: { body: (data: ReadableStream<Uint8Array> | null, status: 200 | 499, headers?: Record<string, string>) => Response },
  file: { body: ReadableStream<Uint8Array>; size: number } | undefined,
  h: Record<string, string>,
): never {
  return (file ? c.body(file.body, 200, { ...h, 'content-length': String(file.size) }) : c.body(null, 499)) as never;
}

export function gisExportRoutes() {
  return createRouter()
    .openapi(gpkgRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const now = clock.now();
      const h = headers(config, GPKG_TYPE, `groundswell-${day(now)}.gpkg`);
      if (c.req.method === 'HEAD') return c.body(null, 200, h) as never;
      const filter = exportFilter(c.req.valid('query'));
      const file = await built({ dataDir: config.dataDir, signal: c.req.raw.signal, log: c.get('log') }, (dir, signal) =>
        buildReportsGeoPackage({ database, dir, filter, baseUrl: config.publicUrl, licence: config.dataLicense, source: sourceOf(config, c.req.url), now, signal }),
      );
      return sent(c, file, h);
    })
    .openapi(shapefileRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const now = clock.now();
      const h = headers(config, 'application/zip', `reports-${day(now)}.shp.zip`);
      if (c.req.method === 'HEAD') return c.body(null, 200, h) as never;
      const filter = exportFilter(c.req.valid('query'));
      const file = await built({ dataDir: config.dataDir, signal: c.req.raw.signal, log: c.get('log') }, (dir, signal) =>
        buildReportsShapefileZip({ database, dir, filter, baseUrl: config.publicUrl, licence: config.dataLicense, source: sourceOf(config, c.req.url), now, signal }),
      );
      return sent(c, file, h);
    })
    .openapi(registerCsvRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const h = headers(config, 'text/csv; charset=utf-8; header=present', `ditch-register-${day(clock.now())}.csv`);
      if (c.req.method === 'HEAD') return c.body(null, 200, h) as never;
      const columns = [...DITCH_REGISTER_COLUMNS.map((col) => col.name), 'wkt'];
      const numeric = new Set(DITCH_REGISTER_COLUMNS.filter((col) => col.type === 'integer' || col.type === 'real').map((col) => col.name));
      const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
      const render = (rows: GisRow[]) =>
        rows
          .map(registerRow)
          .map((r) => csvLine(columns.map((col) => csvCell(text(r[col]), numeric.has(col)))))
          .join('');
      // As the other CSV export: from the cursor at the client's pace on PostgreSQL, read first on PGlite's one connection.
      let { first, rest } = await openStream<GisRow>(database, ditchRegisterLayer().query, { batchSize: 1000 });
      if (database.kind === 'pglite') {
        const batches: GisRow[][] = [];
        for await (const rows of rest) batches.push(rows);
        rest = (async function* () {
          yield* batches;
        })();
      }
      return c.body(batchedBody({ head: UTF8_BOM + csvLine(columns), first, rest, tail: '' }, render, c.get('log')), 200, h) as never;
    })
    .openapi(registerGpkgRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const now = clock.now();
      const h = headers(config, GPKG_TYPE, `ditch-register-${day(now)}.gpkg`);
      if (c.req.method === 'HEAD') return c.body(null, 200, h) as never;
      const { body, size } = await buildInTempDir(config.dataDir, (dir) =>
        buildDitchRegisterGeoPackage({ database, dir, licence: config.dataLicense, source: sourceOf(config, c.req.url), now, signal: c.req.raw.signal }),
      );
      return c.body(body, 200, { ...h, 'content-length': String(size) }) as never;
    });
}
