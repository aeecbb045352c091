import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { DomainError, PublicIdSchema } from '@groundswell/core';
import { insertPhoto, photoTarget, publicPhoto } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';
import type { createRouter } from '../http/router.ts';
import { ProblemSchema } from '../http/router.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { sha256 } from '../reports/create.ts';
import { processPhoto } from './process.ts';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sameToken(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Adding photos (multipart, checked by bytes, re-encoded without metadata) and serving them. */
export function photoRoutes() {
  const photos = new Hono<AppEnv>();
  photos.post(
    '/api/reports/:id/photos',
    rateLimit({ name: 'photo', limit: 60, windowSeconds: 3600 }),
    // Checks Content-Length first, so an oversized upload is refused before it is read.
    bodyLimit({
      maxSize: MAX_PHOTO_BYTES + 64 * 1024,
      onError: () => {
        throw new DomainError('payload_too_large', 'A photo may be at most 15 MB', [{ field: 'photo', message: 'This photo is larger than 15 MB' }]);
      },
    }),
    async (c) => {
      const id = c.req.param('id');
      const parsed = PublicIdSchema.safeParse(id);
      if (!parsed.success) throw new DomainError('validation_failed', 'Malformed report id', [{ field: 'path.id', message: parsed.error.issues[0]!.message }]);
      const { database, storage, clock } = c.get('deps');
      const target = await photoTarget(database, id);
      if (!target) throw new DomainError('not_found', `There is no public report ${id}`);
      const token = c.req.header('x-upload-token') ?? '';
      if (!sameToken(token, target.uploadTokenHash)) {
        throw new DomainError('forbidden', 'Only the person who made this report can add photos to it', [
          { field: 'header.x-upload-token', message: 'Missing or wrong upload token' },
        ]);
      }
      if (target.photoCount >= MAX_PHOTOS_PER_REPORT) {
        throw new DomainError('conflict', `A report can have at most ${MAX_PHOTOS_PER_REPORT} photos`);
      }
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('multipart/form-data')) {
        throw new DomainError('unsupported_media_type', 'Send the photo as multipart/form-data in a field named "photo"', [{ field: 'photo', message: 'Expected a multipart upload' }]);
      }
      const form = await c.req.parseBody();
      const file = form.photo;
      if (!(file instanceof File)) throw new DomainError('validation_failed', 'No photo was sent', [{ field: 'photo', message: 'Add a file in the field "photo"' }]);
      if (file.size > MAX_PHOTO_BYTES) throw new DomainError('payload_too_large', 'A photo may be at most 15 MB', [{ field: 'photo', message: 'This photo is larger than 15 MB' }]);
      const processed = await processPhoto(new Uint8Array(await file.arrayBuffer()));
      const photoId = randomUUID();
      const base = `photos/${id}/${photoId}`;
      await storage.put(`${base}-display.jpg`, processed.display.bytes, processed.contentType);
      await storage.put(`${base}-thumbnail.jpg`, processed.thumbnail.bytes, processed.contentType);
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
        await Promise.all([storage.delete(`${base}-display.jpg`), storage.delete(`${base}-thumbnail.jpg`)]);
        throw new DomainError('conflict', `A report can have at most ${MAX_PHOTOS_PER_REPORT} photos`);
      }
      const url = `/api/photos/${photoId}`;
      return c.json({ id: photoId, url: `${url}/display`, thumbnailUrl: `${url}/thumbnail`, width: processed.display.width, height: processed.display.height }, 201, {
        location: `${url}/display`,
      });
    },
  );

  photos.get('/api/photos/:id/:size{display|thumbnail}', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new DomainError('not_found', 'No such photo');
    const { database, storage } = c.get('deps');
    const photo = await publicPhoto(database, id);
    const bytes = photo && (await storage.get(`${photo.storageKey}-${c.req.param('size')}.jpg`));
    if (!photo || !bytes) throw new DomainError('not_found', 'No such photo');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': photo.contentType,
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  });
  return photos;
}

/** The upload is multipart, outside zod-openapi's validation; it is documented by hand. */
export function documentPhotoRoutes(router: ReturnType<typeof createRouter>) {
  const problem = { content: { 'application/problem+json': { schema: ProblemSchema } } };
  router.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/reports/{id}/photos',
    tags: ['Reports'],
    summary: 'Add a photo to a report (multipart field "photo"; JPEG, PNG, WebP, HEIC or AVIF; at most 15 MB and 5 a report)',
    description: 'The type is detected from the bytes. The photo is re-encoded with its orientation applied and every piece of metadata (EXIF GPS included) removed.',
    request: {
      params: z.object({ id: z.string() }),
      headers: z.object({ 'x-upload-token': z.string().meta({ description: 'The `uploadToken` from the report creation response' }) }),
      body: { content: { 'multipart/form-data': { schema: z.object({ photo: z.string().meta({ format: 'binary' }) }) } } },
    },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: z.object({ id: z.string(), url: z.string(), thumbnailUrl: z.string() }) } } },
      403: { description: 'Wrong upload token', ...problem },
      413: { description: 'Larger than 15 MB', ...problem },
      415: { description: 'Not a photo we can read', ...problem },
    },
  });
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/photos/{id}/{size}',
    tags: ['Reports'],
    summary: 'A public photo as JPEG, `display` (up to 1600 px) or `thumbnail` (320 px)',
    request: { params: z.object({ id: z.string(), size: z.enum(['display', 'thumbnail']) }) },
    responses: { 200: { description: 'JPEG image', content: { 'image/jpeg': { schema: z.string().meta({ format: 'binary' }) } } }, 404: { description: 'No such public photo', ...problem } },
  });
}
