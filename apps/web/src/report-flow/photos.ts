/**
 * Photos are prepared on the phone before they are stored or sent: the GPS position is
 * read from EXIF first (resizing drops all metadata), then the picture is scaled down to
 * at most 2048 px and re-encoded as JPEG at quality 0.85, so a 6 MB camera photo goes up a
 * weak connection as a few hundred kilobytes.
 */
import type { LngLat } from './draft.ts';

export const MAX_PHOTOS = 5;
export const MAX_EDGE = 2048;
export const JPEG_QUALITY = 0.85;
/** The API's limit; only a photo the phone cannot decode is sent as it is, and must fit. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** Where the photo was taken, if its EXIF says so (loads exifr's lite build on first use). */
export async function photoLocation(file: Blob): Promise<LngLat | undefined> {
  try {
    const { default: exifr } = await import('exifr/dist/lite.esm.mjs');
    const gps = await exifr.gps(file);
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return undefined;
    if (gps.latitude === 0 && gps.longitude === 0) return undefined;
    return [gps.longitude, gps.latitude];
  } catch {
    return undefined;
  }
}

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // Some browsers decode more formats through <img> than through createImageBitmap.
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

/**
 * Scales a photo to fit `MAX_EDGE` and re-encodes it as JPEG (upright, no metadata). Returns
 * the original when the browser cannot decode it (a HEIC photo on some phones): the API
 * re-encodes what it receives anyway.
 */
export async function resizePhoto(file: Blob): Promise<Blob> {
  let image: ImageBitmap | HTMLImageElement;
  try {
    image = await decode(file);
  } catch {
    if (file.size <= MAX_UPLOAD_BYTES) return file;
    throw new Error('not an image');
  }
  const width = 'naturalWidth' in image ? image.naturalWidth : image.width;
  const height = 'naturalHeight' in image ? image.naturalHeight : image.height;
  if (!width || !height) throw new Error('not an image');
  const scale = Math.min(1, MAX_EDGE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = '#ffffff'; // a transparent PNG becomes white, not black
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(image, 0, 0, w, h);
  if ('close' in image) image.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new Error('could not encode');
  return blob;
}
