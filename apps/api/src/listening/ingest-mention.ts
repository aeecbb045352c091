import { randomUUID } from 'node:crypto';
import { detectLanguage, geolocateText, matchKeywordRules, type MentionSourceKind, type PlaceGuess } from '@groundswell/core';
import { findFoldTarget, forgetMention, insertMention, insideCouncilArea, listKeywordRules, mentionKnown, type MentionPhoto } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { processPhoto } from '../photos/process.ts';
import type { IncomingMention } from './connector.ts';
import { currentGazetteer } from './gazetteer-cache.ts';
import { authorHash } from './secrets.ts';

/** Near-identical texts within this many days are one mention (pg_trgm similarity). */
export const FOLD_SIMILARITY = 0.8;
export const FOLD_DAYS = 7;
/** At most this many photos are kept from one message. */
const MAX_MENTION_PHOTOS = 5;

export type IngestOutcome = 'stored' | 'folded' | 'known' | 'forgotten' | 'no_keyword' | 'no_place';

export interface IngestResult {
  outcome: IngestOutcome;
  mentionId?: number;
}

/**
 * One message from a connector through the pipeline: a deletion is honoured; a message seen
 * before is left alone; then the keyword gate and the place gate (a place inside the
 * council's area, or sent to the council); then near-identical texts and cross-posts fold into
 * the earlier mention. Only what passes is stored; the rest is dropped here, in memory.
 */
export async function ingestMention(
  deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'storage' | 'logger'>,
  source: { id: number; kind: MentionSourceKind },
  m: IncomingMention,
): Promise<IngestResult> {
  const { database, clock, config } = deps;
  if (m.deleted) {
    await forgetMention(database, source.id, m.externalId);
    return { outcome: 'forgotten' };
  }
  if (await mentionKnown(database, source.id, m.externalId)) return { outcome: 'known' };

  const rules = await listKeywordRules(database, true);
  const matched = matchKeywordRules(m.text, rules);
  if (!matched.length) return { outcome: 'no_keyword' };

  const now = clock.now();
  const guesses: PlaceGuess[] = geolocateText(m.text, await currentGazetteer(database, now));
  if (m.coordinates)
    guesses.unshift({ name: 'Location sent with the message', kind: 'coordinates', lon: m.coordinates.lon, lat: m.coordinates.lat, confidence: 1, method: 'coordinates', matched: '' });
  const inside: PlaceGuess[] = [];
  for (const g of guesses) if ((await insideCouncilArea(database, g.lon, g.lat)) !== false) inside.push(g);
  if (!inside.length && !m.addressedToCouncil) return { outcome: 'no_place' };

  const best = inside[0] ?? null;
  const foldedIntoId = await findFoldTarget(database, { text: m.text, url: m.url, since: new Date(now.getTime() - FOLD_DAYS * 86_400_000), similarity: FOLD_SIMILARITY });
  const photos = await keepPhotos(deps, m);
  const id = await insertMention(database, {
    sourceId: source.id,
    externalId: m.externalId,
    url: m.url,
    author: m.author,
    authorHash: m.author && config.listening.secretKey ? authorHash(config.listening.secretKey, m.author) : null,
    text: m.text,
    language: m.language ?? detectLanguage(m.text),
    postedAt: m.postedAt,
    receivedAt: now,
    addressedToCouncil: m.addressedToCouncil,
    replyRef: m.replyRef,
    placeGuesses: inside.slice(0, 5),
    point: best ? { lon: best.lon, lat: best.lat } : null,
    confidence: best?.confidence ?? null,
    matchedRuleIds: matched.map((r) => r.id),
    suggestedCategoryId: matched.find((r) => r.categoryId !== null)?.categoryId ?? null,
    foldedIntoId,
    photos,
  });
  if (id === null) return { outcome: 'known' };
  return { outcome: foldedIntoId === null ? 'stored' : 'folded', mentionId: id };
}

/** Photos are re-encoded without metadata (EXIF, GPS) before storage, as a resident's upload is; one that cannot be read is skipped. */
async function keepPhotos(deps: Pick<AppDeps, 'storage' | 'logger'>, m: IncomingMention) {
  const kept: MentionPhoto[] = [];
  for (const photo of (m.photos ?? []).slice(0, MAX_MENTION_PHOTOS)) {
    try {
      const processed = await processPhoto(photo.data);
      const name = `listening/pending/${randomUUID()}`;
      const storageKey = `${name}.jpg`;
      const thumbnailKey = `${name}-thumbnail.jpg`;
      await deps.storage.put(storageKey, processed.display.bytes, processed.contentType);
      // The inbox card shows thumbnails: a card of five phone photos should not load five full-size images.
      await deps.storage.put(thumbnailKey, processed.thumbnail.bytes, processed.contentType);
      kept.push({ storageKey, thumbnailKey, contentType: processed.contentType, filename: photo.filename });
    } catch (err) {
      deps.logger.info({ err: (err as Error).message }, 'a photo with a mention could not be read; skipped');
    }
  }
  return kept;
}
