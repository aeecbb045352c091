import { DomainError, inRemit, type StaffActor } from '@groundswell/core';
import { mentionInternals } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export type MentionPhotoSize = 'display' | 'thumbnail';

/**
 * A photo that came with a mention, for the officer's card: staff only, never public. A
 * mention still in the inbox is every officer's to look at, as the inbox is; once it is on a
 * report, only those whose remit covers that report see it (another team's answers 404,
 * as its report does).
 */
export async function getMentionPhoto(deps: Pick<AppDeps, 'database' | 'storage'>, actor: StaffActor, input: { id: number; n: number; size: MentionPhotoSize }) {
  const internals = await mentionInternals(deps.database, input.id);
  const photo = internals?.photos[input.n];
  if (!internals || !photo || (internals.reportId !== null && !inRemit(actor, { teamId: internals.reportTeamId }))) {
    throw new DomainError('not_found', `Mention ${input.id} has no photo ${input.n}`);
  }
  // Photos kept before thumbnails were made are small enough to show as they are.
  const key = input.size === 'thumbnail' ? (photo.thumbnailKey ?? photo.storageKey) : photo.storageKey;
  const bytes = await deps.storage.get(key);
  if (!bytes) throw new DomainError('not_found', `Mention ${input.id} has no photo ${input.n}`);
  return { bytes, contentType: photo.contentType };
}
