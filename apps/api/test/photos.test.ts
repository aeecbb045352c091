import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let report: { id: string; uploadToken: string };

/** A JPEG as a phone makes it: EXIF with the GPS position and a rotated orientation. */
async function phoneJpeg(width = 200, height = 100) {
  const withGps = await sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '56/1 23/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '3/1 12/1 0/1' } })
    .toBuffer();
  return sharp(withGps).withMetadata({ orientation: 6 }).jpeg().toBuffer();
}

const upload = (id: string, token: string, file: Blob, name = 'photo.jpg') => {
  const form = new FormData();
  form.set('photo', file, name);
  return ctx.app.request(`/api/reports/${id}/photos`, { method: 'POST', headers: { 'x-upload-token': token }, body: form });
};

beforeAll(async () => {
  ctx = await testApp();
  await seedCategory(ctx.database, 'litter');
  const res = await ctx.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, description: 'Bags by the bus stop', contact: { email: 'r@example.org' } }),
  });
  expect(res.status).toBe(201);
  report = await json(res);
});
afterAll(() => ctx?.close());

describe('photos', () => {
  it('checks the source photo really carries GPS, so the next test means something', async () => {
    expect(await exifr.gps(await phoneJpeg())).toMatchObject({ latitude: expect.closeTo(56.383, 2), longitude: -3.2 });
  });

  it('stores a re-encoded copy with the orientation applied and no EXIF at all', async () => {
    const res = await upload(report.id, report.uploadToken, new Blob([await phoneJpeg()], { type: 'image/jpeg' }));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({ width: 100, height: 200 }); // orientation 6 turned it upright
    const [row] = await ctx.database.rows<{ storage_key: string }>(sql`select storage_key from photos where id = ${body.id}`);
    for (const size of ['display', 'thumbnail']) {
      const stored = await ctx.storage.get(`${row!.storage_key}-${size}.jpg`);
      expect(stored).toBeDefined();
      expect(await exifr.parse(Buffer.from(stored!), true)).toBeUndefined();
      expect(await exifr.gps(Buffer.from(stored!))).toBeUndefined();
      expect((await sharp(stored!).metadata()).exif).toBeUndefined();
    }
    const served = await ctx.app.request(body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const pub = await json(await ctx.app.request(`/api/reports/${report.id}`));
    expect(pub.properties.photos).toHaveLength(1);
    expect(pub.timeline.map((e: { kind: string }) => e.kind)).toContain('photo_added');
  });

  it('answers a text file called x.jpg with 415, and an SVG too', async () => {
    const text = await upload(report.id, report.uploadToken, new Blob(['hello, not a photo'], { type: 'image/jpeg' }), 'x.jpg');
    expect(text.status).toBe(415);
    expect((await json(text)).code).toBe('unsupported_media_type');
    const svg = await upload(
      report.id,
      report.uploadToken,
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'], { type: 'image/png' }),
      'x.png',
    );
    expect(svg.status).toBe(415);
  });

  it('answers a 20 MB photo with 413 from its Content-Length, before reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024));
        if (pulled >= 20) controller.close();
      },
    });
    const res = await ctx.app.request(`/api/reports/${report.id}/photos`, {
      method: 'POST',
      headers: { 'x-upload-token': report.uploadToken, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(20 * 1024 * 1024) },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await json(res)).code).toBe('payload_too_large');
    expect(pulled).toBeLessThan(3);
  });

  it('refuses a missing or wrong upload token', async () => {
    const photo = new Blob([await phoneJpeg()], { type: 'image/jpeg' });
    expect((await upload(report.id, 'wrong-token', photo)).status).toBe(403);
    expect((await upload(report.id, '', photo)).status).toBe(403);
  });

  it('allows at most five photos on a report', async () => {
    const photo = new Blob([await phoneJpeg(40, 30)], { type: 'image/jpeg' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await upload(report.id, report.uploadToken, photo)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 409]); // one was added by the earlier test
  });
});
