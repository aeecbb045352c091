/**
 * Query parameters of OGC API Features (Part 1 Core 1.0.1): unknown parameters are a 400
 * (/req/core/query-param-unknown), `limit` above the maximum is clamped, not an error.
 */
import { DomainError, parseBBox, parseCql2Text, type BBox, type Cql2Node } from '@groundswell/core';
import { ogcFilterable, ogcQueryables, type OgcCollectionId, type OgcFilter } from '@groundswell/db';

export const LIMIT_DEFAULT = 10;
export const LIMIT_MAX = 10_000;
/** Beyond this a number is no longer exact in JavaScript, nor a 64-bit integer in SQL: a client error, not a page. */
export const OFFSET_MAX = Number.MAX_SAFE_INTEGER;

const bad = (param: string, message: string) => new DomainError('validation_failed', `Please check query.${param}: ${message}`, [{ field: `query.${param}`, message }]);

/** `f=json` is our only format; any other parameter not in `allowed` is refused. */
export function checkParams(query: Record<string, string>, allowed: readonly string[] = []): void {
  for (const name of Object.keys(query)) {
    if (name === 'f') {
      if (!['json', 'geojson', 'application/json', 'application/geo+json'].includes(query.f!)) throw bad('f', 'the only format offered is f=json');
    } else if (!allowed.includes(name)) {
      throw bad(name, `unknown parameter; this resource takes ${['f', ...allowed].join(', ')}`);
    }
  }
}

function parseOgcBBox(text: string): BBox {
  const parts = text.split(',');
  // A 6-number box (with heights) is read by its horizontal part.
  const four = parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]].join(',') : text;
  const parsed = parseBBox(four);
  if (typeof parsed === 'string') throw bad('bbox', parsed.replace('four numbers', 'four (or six) numbers'));
  return parsed;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

function instant(text: string): string {
  if (!RFC3339.test(text) || Number.isNaN(Date.parse(text))) throw bad('datetime', `"${text}" is not an RFC 3339 date-time such as 2026-02-12T23:20:50Z`);
  return new Date(text).toISOString();
}

/** `datetime`: an instant, or an interval whose open ends are `..` or empty. */
export function parseDatetime(text: string): { from?: string; to?: string } {
  const ends = text.split('/');
  if (ends.length === 1) {
    // A date alone means that whole day.
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const from = instant(text);
      return { from, to: new Date(Date.parse(from) + 86_400_000 - 1).toISOString() };
    }
    const t = instant(text);
    return { from: t, to: t };
  }
  if (ends.length !== 2) throw bad('datetime', 'use an instant or an interval start/end');
  const [a, b] = ends.map((e) => (e === '..' || e === '' ? undefined : e)) as [string | undefined, string | undefined];
  if (!a && !b) throw bad('datetime', 'an interval needs at least one end');
  const from = a ? instant(a) : undefined;
  const to = b ? (/^\d{4}-\d{2}-\d{2}$/.test(b) ? new Date(Date.parse(instant(b)) + 86_400_000 - 1).toISOString() : instant(b)) : undefined;
  if (from && to && from > to) throw bad('datetime', 'the start is after the end');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export interface ItemsQuery {
  limit: number;
  offset: number;
  filter: OgcFilter;
}

export const ITEMS_PARAMS = ['limit', 'offset', 'bbox', 'datetime', 'filter', 'filter-lang', 'filter-crs'] as const;

/**
 * The filter languages read. `cql-text` is the name of the draft that GDAL 3.6 (Debian 12's)
 * sends; the subset it writes (comparisons, AND, OR, NOT, IS NULL) is the same text in CQL2.
 */
export const FILTER_LANGS = ['cql2-text', 'cql-text'] as const;
export const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** OGC API Features Part 3 `filter`, `filter-lang` and `filter-crs`: a CQL2 text filter, or nothing. */
export function parseFilter(id: OgcCollectionId, query: Record<string, string>): Cql2Node | undefined {
  const lang = query['filter-lang'];
  if (lang !== undefined && !(FILTER_LANGS as readonly string[]).includes(lang)) throw bad('filter-lang', `"${lang}" is not offered; the filter language is cql2-text`);
  const crs = query['filter-crs'];
  if (crs !== undefined && crs !== CRS84_URI) throw bad('filter-crs', `coordinates in a filter are in ${CRS84_URI} (longitude, latitude), the only filter-crs offered`);
  const text = query.filter;
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseCql2Text(text, ogcQueryables(id));
  if (parsed.ok) return parsed.ast;
  const { message, position, token } = parsed.error;
  throw bad('filter', `at character ${position}${token ? ` ("${token}")` : ''}: ${message}`);
}

export function parseItemsQuery(id: OgcCollectionId, query: Record<string, string>): ItemsQuery {
  const filterable = ogcFilterable(id);
  checkParams(query, [...ITEMS_PARAMS, ...filterable]);
  let limit = LIMIT_DEFAULT;
  if (query.limit !== undefined) {
    if (!/^\d+$/.test(query.limit) || Number(query.limit) < 1) throw bad('limit', 'limit must be a whole number of at least 1');
    if (!Number.isSafeInteger(Number(query.limit))) throw bad('limit', `limit must be a whole number up to ${LIMIT_MAX} (larger ones are read as ${LIMIT_MAX})`);
    // 1.0.1 /req/core/fc-limit-response-1 C: above the maximum is not an error.
    limit = Math.min(Number(query.limit), LIMIT_MAX);
  }
  let offset = 0;
  if (query.offset !== undefined) {
    if (!/^\d+$/.test(query.offset)) throw bad('offset', 'offset must be a whole number, 0 or more');
    offset = Number(query.offset);
    if (offset > OFFSET_MAX) throw bad('offset', `offset must be at most ${OFFSET_MAX}`);
  }
  const filter: OgcFilter = { properties: {} };
  if (query.bbox !== undefined && query.bbox !== '') filter.bbox = parseOgcBBox(query.bbox);
  if (query.datetime !== undefined && query.datetime !== '') Object.assign(filter, parseDatetime(query.datetime));
  for (const name of filterable) {
    const v = query[name];
    if (v !== undefined && v !== '') filter.properties[name] = v;
  }
  const cql = parseFilter(id, query);
  if (cql) filter.cql = cql;
  return { limit, offset, filter };
}
