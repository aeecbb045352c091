import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError, PhotoCreatedSchema, PublicIdSchema } from '@groundswell/core';
import { publicPhoto } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';
import type { createRouter } from '../http/router.ts';
import { ProblemSchema, jsonResponse } from '../http/router.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { addPhoto } from './add-photo.ts';
import { photoFile, type PhotoSize } from './files.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Adding photos (multipart, checked by bytes, re-encoded without metadata) and serving them. */
export function photoRoutes() {
  const photos = new Hono<AppEnv>();
  photos.post(
    '/api/reports/:id/photos',
    rateLimit({ name: 'photo', limit: 60, windowSeconds: 3600 }),
    // The size is checked before this route by the app's body limit (http/body-limit.ts), with the photo's own words.
    async (c) => {
      const id = c.req.param('id');
      const parsed = PublicIdSchema.safeParse(id);
      if (!parsed.success) throw new DomainError('validation_failed', 'Malformed report id', [{ field: 'path.id', message: parsed.error.issues[0]!.message }]);
      const photo = await addPhoto(c.get('deps'), {
        reportId: id,
        uploadToken: c.req.header('x-upload-token') ?? '',
        readPhoto: async () => {
          if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
            throw new DomainError('unsupported_media_type', 'Send the photo as multipart/form-data in a field named "photo"', [{ field: 'photo', message: 'Expected a multipart upload' }]);
          }
          const file = (await c.req.parseBody()).photo;
          if (!(file instanceof File)) throw new DomainError('validation_failed', 'No photo was sent', [{ field: 'photo', message: 'Add a file in the field "photo"' }]);
          return new Uint8Array(await file.arrayBuffer());
        },
      });
      const url = `/api/photos/${photo.id}`;
      return c.json({ id: photo.id, url: `${url}/display`, thumbnailUrl: `${url}/thumbnail`, width: photo.width, height: photo.height }, 201, { location: `${url}/display` });
    },
  );

  photos.get('/api/photos/:id/:size{display|thumbnail}', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new DomainError('not_found', 'No such photo');
    const { database, storage } = c.get('deps');
    const photo = await publicPhoto(database, id);
    const bytes = photo && (await storage.get(photoFile(photo.storageKey, c.req.param('size') as PhotoSize)));
    if (!photo || !bytes) throw new DomainError('not_found', 'No such photo');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': photo.contentType,
      // Short: a photo moderation hides must not live on in caches for a day.
      'cache-control': 'public, max-age=300',
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
      201: jsonResponse(PhotoCreatedSchema, 'Stored'),
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
