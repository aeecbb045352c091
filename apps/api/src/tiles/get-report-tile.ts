import { createHash } from 'node:crypto';
import { cachedTile, storeTile, type TileFilter } from '@groundswell/db';
import { readsFrom, type AppDeps } from '../deps.ts';
import { renderTile } from './render.ts';
import { renderTileOnReplica } from './render-on-replica.ts';

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
 * This process's copies of recently served tiles, each with the data version it holds, up to
 * a budget of bytes (oldest use goes first). It saves carrying a body from the database on a
 * hit; whether a copy is current is still asked of the database on every request, so every
 * process sees every write at once.
 */
export class TileMemory {
  private readonly tiles = new Map<string, { version: string; bytes: Uint8Array }>();
  private size = 0;

  constructor(private readonly budget = 32 * 1024 * 1024) {}

  version(key: string): string | undefined {
    return this.tiles.get(key)?.version;
  }

  get(key: string, version: string): Uint8Array | undefined {
    const hit = this.tiles.get(key);
    if (!hit || hit.version !== version) return undefined;
    this.tiles.delete(key);
    this.tiles.set(key, hit);
    return hit.bytes;
  }

  set(key: string, version: string, bytes: Uint8Array): void {
    const old = this.tiles.get(key);
    if (old) {
      this.size -= old.bytes.byteLength;
      this.tiles.delete(key);
    }
    if (bytes.byteLength > this.budget / 8) return;
    this.tiles.set(key, { version, bytes });
    this.size += bytes.byteLength;
    for (const [k, v] of this.tiles) {
      if (this.size <= this.budget) break;
      this.tiles.delete(k);
      this.size -= v.bytes.byteLength;
    }
  }
}

/** The ETag of a tile body: the data version it was rendered at, and its key. */
const tileEtag = (version: string, key: string) => `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"`;

/**
 * A public report tile: from the shared cache when it holds this tile at the current data
 * version of its area (one lookup, which carries no body when this process holds that
 * version already), rendered and stored otherwise. The ETag is that version, so a
 * revalidation answers from the same lookup.
 */
export async function getReportTile(deps: Pick<AppDeps, 'database' | 'readDatabase' | 'replicas' | 'clock'>, [z, x, y]: Tile, filter: TileFilter, memory?: TileMemory) {
  const canonical = canonicalFilter(filter);
  const key = `reports/${z}/${x}/${y}${canonicalQuery(canonical)}`;
  const { version, body } = await cachedTile(deps.database, key, z, x, y, memory?.version(key));
  const etag = tileEtag(version, key);
  const held = body ?? memory?.get(key, version);
  if (held) {
    if (body) memory?.set(key, version, body);
    return { bytes: held, etag, cache: 'hit' as const };
  }
  const read = readsFrom(deps);
  if (read !== deps.database) {
    // Rendered where reads go, under the version read there with it: while a replica lags,
    // that version is below the primary's, so the stored tile is never taken for current.
    const rendered = await renderTileOnReplica(read, z, x, y, canonical);
    await storeTile(deps.database, key, rendered.version, rendered.bytes, deps.clock.now());
    memory?.set(key, rendered.version, rendered.bytes);
    return { bytes: rendered.bytes, etag: tileEtag(rendered.version, key), cache: 'miss' as const };
  }
  const bytes = await renderTile(deps.database, z, x, y, canonical, 'auto', { key, version, now: deps.clock.now() });
  memory?.set(key, version, bytes);
  return { bytes, etag, cache: 'miss' as const };
}
