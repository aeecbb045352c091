/**
 * Whole filtered data sets for download: GeoJSON (RFC 7946) and CSV, streamed from a
 * database cursor. Public fields only; the licence and attribution travel with the data.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { openCors } from '../http/cors.ts';
import { DomainError } from '@groundswell/core';
import { CSV_COLUMNS, CSV_NUMERIC_COLUMNS, exportCsvQuery, exportFeaturesQuery, openStream, type CsvRow, type Database } from '@groundswell/db';
import type { Config } from '../config.ts';
import { readsFrom } from '../deps.ts';
import { createRouter, problemResponses } from '../http/router.ts';
import { ExportQuerySchema, exportFilter } from './query.ts';
import { csvCell, csvLine, UTF8_BOM } from './csv.ts';
import { batchedBody, settlingBody } from './stream.ts';
import { takeExportSlot } from './export-slots.ts';

const BATCH = 1000;
/** Seconds a client is asked to wait when every export slot is taken. */
const SLOTS_RETRY_AFTER = 30;

const geojsonRoute = createRoute({
  method: 'get',
  path: '/export/reports.geojson',
  tags: ['Open data'],
  summary: 'Every public report matching the filters, as one RFC 7946 GeoJSON FeatureCollection (streamed)',
  description:
    'Longitude first, 6 decimals, exterior rings counter-clockwise. Top-level `license` and `attribution` members state the terms. No personal data. Use OGC API Features (`/ogc`) for paged access.',
  request: { query: ExportQuerySchema },
  responses: {
    200: { description: 'GeoJSON FeatureCollection, as a download', content: { 'application/geo+json': { schema: z.object({ type: z.literal('FeatureCollection') }) } } },
    ...problemResponses,
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/export/reports.csv',
  tags: ['Open data'],
  summary: 'The same reports as CSV (UTF-8 with BOM), with a representative point and the shape as WKT',
  description: 'Text cells that a spreadsheet would run as a formula start with an apostrophe.',
  request: { query: ExportQuerySchema },
  responses: {
    200: { description: 'CSV, as a download', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
});

export function licenseMembers(config: Config) {
  const l = config.dataLicense;
  return { license: l.id, ...(l.url ? { licenseUrl: l.url } : {}), attribution: l.attribution };
}

function licenseLink(config: Config): Record<string, string> {
  return config.dataLicense.url ? { link: `<${config.dataLicense.url}>; rel="license"` } : {};
}

const day = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/**
 * A batch of feature texts joined by commas, written straight into one buffer: no joined
 * string is made, so each batch leaves less garbage behind (memory stays flat and low).
 */
function joinFeatures(rows: Array<{ f: string | Uint8Array }>, leadingComma: boolean): Uint8Array {
  if (!rows.length) return new Uint8Array();
  let size = 0;
  for (const r of rows) size += (typeof r.f === 'string' ? Buffer.byteLength(r.f) : r.f.byteLength) + 2;
  const out = Buffer.allocUnsafe(size - (leadingComma ? 0 : 2));
  let at = 0;
  rows.forEach((r, i) => {
    if (i > 0 || leadingComma) at += out.write(',\n', at, 'latin1');
    if (typeof r.f === 'string') at += out.write(r.f, at, 'utf8');
    else {
      out.set(r.f, at);
      at += r.f.byteLength;
    }
  });
  return out;
}

/**
 * The rows of an export, batch by batch. On PostgreSQL straight from the cursor, at the
 * pace the client reads. PGlite has a single connection that every request shares, so
 * there the cursor is read to the end at once (embedded databases are small) and the
 * transaction never waits on a slow client.
 */
async function openExport<T>(database: Database, query: ReturnType<typeof exportFeaturesQuery>, bytes = false): Promise<{ first: T[]; rest: AsyncGenerator<T[]> }> {
  const { first, rest } = await openStream<T>(database, query, { batchSize: BATCH, bytes });
  if (database.kind !== 'pglite') return { first, rest };
  const batches: T[][] = [];
  for await (const batch of rest) batches.push(batch);
  return {
    first,
    rest: (async function* () {
      yield* batches;
    })(),
  };
}

export function openDataRoutes() {
  const router = createRouter();
  router.use('/export/*', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['content-disposition', 'link'] }));
  // A slot per streaming GET, shared between processes; HEAD (link checkers, GDAL and QGIS
  // probing the URL) is answered from the headers alone and takes none.
  router.use('/export/*', async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const slot = await takeExportSlot(c.get('deps'));
    if (!slot) throw new DomainError('unavailable', 'Too many exports are running; please try again in a minute', [], { retryAfterSeconds: SLOTS_RETRY_AFTER });
    try {
      await next();
    } catch (err) {
      await slot.release();
      throw err;
    }
    const body = c.res.body;
    if (!body || c.res.status !== 200) return slot.release();
    // Released when the stream ends, fails or is cancelled (the client went away).
    c.res = new Response(settlingBody(body, { settle: () => slot.release(), beforePull: () => slot.keepAlive() }), c.res);
  });
  return router
    .openapi(geojsonRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const headers = {
        'content-type': 'application/geo+json',
        'content-disposition': `attachment; filename="reports-${day(clock.now())}.geojson"`,
        'cache-control': 'public, max-age=60',
        ...licenseLink(config),
      };
      if (c.req.method === 'HEAD') return c.body(null, 200, headers) as never;
      // Feature texts as the bytes PostgreSQL sent (strings on PGlite), copied straight into the body.
      const { first, rest } = await openExport<{ f: string | Uint8Array }>(database, exportFeaturesQuery(exportFilter(c.req.valid('query')), config.publicUrl), true);
      const head = JSON.stringify({
        type: 'FeatureCollection',
        name: 'reports',
        ...licenseMembers(config),
        timeStamp: clock.now().toISOString(),
      }).slice(0, -1);
      let written = 0;
      const body = batchedBody(
        { head: `${head},"features":[\n`, first, rest, tail: '\n]}\n' },
        (rows) => {
          const out = joinFeatures(rows, written > 0);
          written += rows.length;
          return out;
        },
        c.get('log'),
      );
      // A streamed body, not the typed JSON the schema documents.
      return c.body(body, 200, headers) as never;
    })
    .openapi(csvRoute, async (c) => {
      const { config, clock } = c.get('deps');
      const database = readsFrom(c.get('deps'));
      const headers = {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="reports-${day(clock.now())}.csv"`,
        'cache-control': 'public, max-age=60',
        ...licenseLink(config),
      };
      if (c.req.method === 'HEAD') return c.body(null, 200, headers);
      const { first, rest } = await openExport<CsvRow>(database, exportCsvQuery(exportFilter(c.req.valid('query')), config.publicUrl));
      const render = (rows: CsvRow[]) => rows.map((r) => csvLine(CSV_COLUMNS.map((col) => csvCell(r[col], CSV_NUMERIC_COLUMNS.has(col))))).join('');
      const body = batchedBody({ head: UTF8_BOM + csvLine([...CSV_COLUMNS]), first, rest, tail: '' }, render, c.get('log'));
      return c.body(body, 200, headers);
    });
}
