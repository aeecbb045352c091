import { randomUUID } from 'node:crypto';
import { DomainError, MAX_PHOTOS_PER_REPORT, type AnswerValue, type Channel, type GeometryInput, type MentionSourceKind, type StaffActor } from '@groundswell/core';
import { claimMentionForReport, findMention, insertPhoto, mentionInternals, releaseMention, setMentionOutcome, withLockedReport } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { photoFile } from '../photos/files.ts';
import { processPhoto } from '../photos/process.ts';
import { createReport } from '../reports/create.ts';
import { presentMention } from './present.ts';

/** The first-contact channel a report made from a mention records. */
const CHANNEL_OF: Record<MentionSourceKind, Channel> = { feed: 'social_media', mastodon: 'social_media', bluesky: 'social_media', email: 'email', sms: 'sms' };

export interface MentionToReport {
  id: number;
  category: string;
  geometry: GeometryInput;
  description?: string | undefined;
  locale?: 'en' | 'pl' | undefined;
  answers?: Record<string, AnswerValue> | undefined;
}

/**
 * Create report from mention: the staff assisted-report path (the same checks, routing and
 * first event) with the channel and source link of the mention and its photos. No author
 * data is copied: a follow-up goes back through the mention's own channel.
 */
export async function convertMention(deps: AppDeps, actor: StaffActor, input: MentionToReport) {
  const { database, storage, clock } = deps;
  const mention = await findMention(database, input.id);
  if (!mention) throw new DomainError('not_found', `There is no mention ${input.id}`);
  if (mention.report) throw new DomainError('conflict', `This mention is already on report ${mention.report}`, [{ field: 'id', message: 'Already converted or attached' }]);
  const internals = (await mentionInternals(database, input.id))!;
  const previous = await claimMentionForReport(database, input.id);
  if (previous === null) throw new DomainError('conflict', 'This mention is already being made into a report', [{ field: 'id', message: 'Already converted or attached' }]);
  const { report } = await createReport(
    deps,
    {
      category: input.category,
      geometry: input.geometry,
      description: input.description ?? mention.text,
      answers: input.answers ?? {},
      contact: {},
      showName: false,
      locale: input.locale ?? mention.language ?? 'en',
    },
    {
      channel: CHANNEL_OF[mention.source.kind],
      channelSource: mention.url ?? mention.source.name,
      actor: { type: 'staff', id: actor.id, label: actor.name },
      contactWaived: ['name', 'email', 'phone'],
    },
  ).catch(async (err: unknown) => {
    await releaseMention(database, input.id, previous);
    throw err;
  });
  const reportId = await withLockedReport(database, report.id, async (tx, locked) => {
    await setMentionOutcome(tx, input.id, { state: 'converted', reportId: locked!.id });
    return locked!.id;
  });
  for (const photo of internals.photos.slice(0, MAX_PHOTOS_PER_REPORT)) {
    const bytes = await storage.get(photo.storageKey);
    if (!bytes) continue;
    const processed = await processPhoto(bytes);
    const photoId = randomUUID();
    const base = `photos/${report.id}/${photoId}`;
    await storage.put(photoFile(base, 'display'), processed.display.bytes, processed.contentType);
    await storage.put(photoFile(base, 'thumbnail'), processed.thumbnail.bytes, processed.contentType);
    await insertPhoto(
      database,
      {
        id: photoId,
        reportId,
        storageKey: base,
        contentType: processed.contentType,
        width: processed.display.width,
        height: processed.display.height,
        bytes: processed.display.bytes.byteLength,
        at: clock.now(),
        actorType: 'staff',
      },
      MAX_PHOTOS_PER_REPORT,
    );
  }
  return { mention: presentMention((await findMention(database, input.id))!), report: report.id };
}
