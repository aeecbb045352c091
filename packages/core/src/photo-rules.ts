import { DomainError } from './errors.ts';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 5;

/** Thrown both before the upload is read and again under the report's lock, where two uploads may race. */
export const tooManyPhotos = () => new DomainError('conflict', `A report can have at most ${MAX_PHOTOS_PER_REPORT} photos`);

export const hasRoomForPhoto = (photoCount: number) => photoCount < MAX_PHOTOS_PER_REPORT;

export const photoTooLarge = () => new DomainError('payload_too_large', 'A photo may be at most 15 MB', [{ field: 'photo', message: 'This photo is larger than 15 MB' }]);

export function checkPhotoSize(bytes: number): void {
  if (bytes > MAX_PHOTO_BYTES) throw photoTooLarge();
}
