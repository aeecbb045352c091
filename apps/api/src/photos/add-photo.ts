import { randomUUID, timingSafeEqual } from 'node:crypto';
import { DomainError, MAX_PHOTOS_PER_REPORT, checkPhotoSize, hasRoomForPhoto, tooManyPhotos } from '@groundswell/core';
import { insertPhoto, photoTarget } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { sha256 } from '../reports/create.ts';
import { processPhoto } from './process.ts';
import { photoFile, photoFiles } from './files.ts';

export interface AddPhotoInput {
  reportId: string;
  uploadToken: string;
  /** Reads the upload; called only once the sender may add a photo, so nobody else's upload is read. */
  readPhoto: () => Promise<Uint8Array>;
}

export interface AddedPhoto {
  id: string;
  width: number;
  height: number;
}

function sameToken(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Adds a photo to a public report, for the reporter only (the upload token from creating
 * it). The photo is re-encoded without metadata before it is stored.
 */
export async function addPhoto(deps: Pick<AppDeps, 'database' | 'storage' | 'clock'>, input: AddPhotoInput): Promise<AddedPhoto> {
  const { database, storage, clock } = deps;
  const target = await photoTarget(database, input.reportId);
  if (!target) throw new DomainError('not_found', `There is no public report ${input.reportId}`);
  if (!sameToken(input.uploadToken, target.uploadTokenHash)) {
    throw new DomainError('forbidden', 'Only the person who made this report can add photos to it', [{ field: 'header.x-upload-token', message: 'Missing or wrong upload token' }]);
  }
  if (!hasRoomForPhoto(target.photoCount)) throw tooManyPhotos();
  const bytes = await input.readPhoto();
  checkPhotoSize(bytes.byteLength);
  const processed = await processPhoto(bytes);
  const photoId = randomUUID();
  const base = `photos/${input.reportId}/${photoId}`;
  await storage.put(photoFile(base, 'display'), processed.display.bytes, processed.contentType);
  await storage.put(photoFile(base, 'thumbnail'), processed.thumbnail.bytes, processed.contentType);
  const added = await insertPhoto(
    database,
    {
      id: photoId,
      reportId: target.id,
      storageKey: base,
      contentType: processed.contentType,
      width: processed.display.width,
      height: processed.display.height,
      bytes: processed.display.bytes.byteLength,
      at: clock.now(),
      actorType: 'resident',
    },
    MAX_PHOTOS_PER_REPORT,
  );
  if (!added) {
    await Promise.all(photoFiles(base).map((key) => storage.delete(key)));
    throw tooManyPhotos();
  }
  return { id: photoId, width: processed.display.width, height: processed.display.height };
}
