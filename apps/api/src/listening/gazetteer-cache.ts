import { createGazetteer, type Gazetteer } from '@groundswell/core';
import { gazetteerEntries, gazetteerStamp, type Database } from '@groundswell/db';

/** How often the cache asks whether the names changed; a rebuild happens only when they did. */
const CHECK_MS = 60_000;

interface Cached {
  stamp: string;
  checkedAt: number;
  gazetteer: Gazetteer;
}

/**
 * The compiled gazetteer, per database (so two apps in one process never share one), rebuilt
 * when areas, places or assets change. Building it reads every name once; matching then
 * costs no database round trip per mention.
 */
const caches = new WeakMap<Database, Cached>();

export async function currentGazetteer(database: Database, now: Date): Promise<Gazetteer> {
  const cached = caches.get(database);
  if (cached && now.getTime() - cached.checkedAt < CHECK_MS && now.getTime() >= cached.checkedAt) return cached.gazetteer;
  const stamp = await gazetteerStamp(database);
  if (cached && cached.stamp === stamp) {
    cached.checkedAt = now.getTime();
    return cached.gazetteer;
  }
  const gazetteer = createGazetteer(await gazetteerEntries(database));
  caches.set(database, { stamp, checkedAt: now.getTime(), gazetteer });
  return gazetteer;
}

/** After an import: the next mention sees the new names at once. */
export function forgetGazetteer(database: Database): void {
  caches.delete(database);
}
