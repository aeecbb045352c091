import { createHash } from 'node:crypto';
import { cachedTile, storeTile, type TileFilter } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { renderTile } from './render.ts';

export type Tile = readonly [z: number, x: number, y: number];

/**
 * The filters in one canonical order and spelling (codes sorted, no repeats), so that every
 * way of asking for the same tile shares one cache entry and one URL.
 */
export function canonicalFilter(filter: TileFilter): TileFilter {
  const sorted = (values?: readonly string[]) => (values?.length ? [...new Set(values)].sort() : undefined);
  const categories = sorted(filter.categories);
  const states = sorted(filter.states) as TileFilter['states'];
  return { ...(categories ? { categories } : {}), ...(states ? { states } : {}), ...(filter.since ? { since: filter.since } : {}) };
}

/** The query string of a canonical filter, as the web app writes it: category, since, state. */
export function canonicalQuery(filter: TileFilter): string {
  const search = new URLSearchParams();
  if (filter.categories) search.set('category', filter.categories.join(','));
  if (filter.since) search.set('since', filter.since);
  if (filter.states) search.set('state', filter.states.join(','));
  return search.size ? `?${search.toString().replace(/%2C/g, ',')}` : '';
}

/**
 * A public report tile: from the shared cache when it holds this tile at the current data
 * version of its area (one lookup), rendered and stored otherwise. The ETag is that version,
 * so a revalidation answers from the same lookup.
 */
export async function getReportTile(deps: Pick<AppDeps, 'database' | 'clock'>, [z, x, y]: Tile, filter: TileFilter) {
  const canonical = canonicalFilter(filter);
  const key = `reports/${z}/${x}/${y}${canonicalQuery(canonical)}`;
  const { version, body } = await cachedTile(deps.database, key, z, x, y);
  const etag = `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"`;
  if (body) return { bytes: body, etag, cache: 'hit' as const };
  const bytes = await renderTile(deps.database, z, x, y, canonical);
  await storeTile(deps.database, key, version, bytes, deps.clock.now());
  return { bytes, etag, cache: 'miss' as const };
}
