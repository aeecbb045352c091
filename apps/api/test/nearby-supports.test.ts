import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
// Errol, Perthshire; 0.001° of latitude is about 111 m, of longitude here about 62 m.
const here = { lon: -3.213, lat: 56.392 };

beforeAll(async () => {
  ctx = await testApp();
  const litter = await seedCategory(ctx.database, 'litter');
  const ditch = await seedCategory(ctx.database, 'blocked_ditch', ['LineString']);
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [here.lon, here.lat + 0.001] }, { publicId: 'near0111' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [here.lon, here.lat + 0.002] }, { publicId: 'near0222' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [here.lon, here.lat + 0.0005] }, { publicId: 'fixed055', state: 'fixed' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [here.lon, here.lat + 0.01] }, { publicId: 'far01111' });
  // A ditch whose middle is 1 km away but which passes 60 m from here: measured by the line.
  await seedReport(
    ctx.database,
    ditch.id,
    {
      type: 'LineString',
      coordinates: [
        [here.lon - 0.001, here.lat - 0.009],
        [here.lon - 0.001, here.lat + 0.009],
      ],
    },
    { publicId: 'ditch060' },
  );
});
afterAll(() => ctx?.close());

describe('GET /api/reports/nearby', () => {
  it('lists open reports within 250 m, nearest first, measuring lines by their nearest part', async () => {
    const res = await ctx.app.request(`/api/reports/nearby?lon=${here.lon}&lat=${here.lat}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['ditch060', 'near0111', 'near0222']);
    expect(body.features[0].distanceMeters).toBeGreaterThan(50);
    expect(body.features[0].distanceMeters).toBeLessThan(75);
  });

  it('filters by category', async () => {
    const body = await json(await ctx.app.request(`/api/reports/nearby?lon=${here.lon}&lat=${here.lat}&category=litter`));
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['near0111', 'near0222']);
  });

  it('names a bad coordinate', async () => {
    const res = await ctx.app.request('/api/reports/nearby?lon=-3.2&lat=200');
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].field).toBe('query.lat');
    expect((await ctx.app.request('/api/reports/nearby?lat=56')).status).toBe(400);
  });
});

describe('POST /api/reports/{id}/supports', () => {
  const support = (id: string, deviceId: string) =>
    ctx.app.request(`/api/reports/${id}/supports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId }) });

  it('counts once per device and shows the count on the report and its timeline', async () => {
    const first = await support('near0111', 'device-aaaaaaaaaaaaaaaa');
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ supportCount: 1, added: true });
    const again = await support('near0111', 'device-aaaaaaaaaaaaaaaa');
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ supportCount: 1, added: false });
    expect((await json(await support('near0111', 'device-bbbbbbbbbbbbbbbb'))).supportCount).toBe(2);
    const report = await json(await ctx.app.request('/api/reports/near0111'));
    expect(report.properties.supportCount).toBe(2);
    expect(report.timeline.filter((e: { kind: string }) => e.kind === 'supported')).toHaveLength(2);
    const [keys] = await ctx.database.rows<{ keys: string }>(sql`select string_agg(supporter_key, ',') as keys from report_supports`);
    expect(keys!.keys).not.toContain('device-aaaa');
  });

  it('refuses closed and unknown reports and a malformed device id', async () => {
    expect((await support('fixed055', 'device-cccccccccccccccc')).status).toBe(409);
    expect((await support('nosuch01', 'device-cccccccccccccccc')).status).toBe(404);
    const bad = await support('near0222', 'x');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('body.deviceId');
  });
});
