import { DomainError } from '@groundswell/core';

/** Formats a resident's phone produces that we accept; SVG and the rest are refused. */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);
const DISPLAY_PX = 1600;
const THUMB_PX = 320;

export interface ProcessedPhoto {
  display: { bytes: Uint8Array; width: number; height: number };
  thumbnail: { bytes: Uint8Array; width: number; height: number };
  contentType: 'image/jpeg';
}

/**
 * Detects the type from the bytes (never the name or header), applies the camera's
 * orientation, and re-encodes without any metadata, so EXIF (GPS included) never reaches
 * storage.
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  // sharp (libvips) loads with the first photo, not at start (Node keeps the module once
  // loaded): most processes serve maps and lists for hours without receiving one.
  const { default: sharp } = await import('sharp');
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !ACCEPTED.has(format)) {
    throw new DomainError('unsupported_media_type', 'Please send a photo as JPEG, PNG, WebP, HEIC or AVIF', [{ field: 'photo', message: 'This file is not a photo we can read' }]);
  }
  try {
    const oriented = sharp(bytes, { limitInputPixels: 100_000_000 }).rotate();
    const [display, thumbnail] = await Promise.all([
      oriented.clone().resize(DISPLAY_PX, DISPLAY_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true }),
      oriented.clone().resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 72, mozjpeg: true }).toBuffer({ resolveWithObject: true }),
    ]);
    return {
      display: { bytes: display.data, width: display.info.width, height: display.info.height },
      thumbnail: { bytes: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
      contentType: 'image/jpeg',
    };
  } catch {
    throw new DomainError('unsupported_media_type', 'This photo could not be read; it may be damaged', [{ field: 'photo', message: 'The photo could not be decoded' }]);
  }
}
