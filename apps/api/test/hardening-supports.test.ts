import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT_LIMIT } from '@groundswell/core';
import { sql } from '@groundswell/db/testing';
import { supportReport } from '../src/reports/support-report.ts';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

/** Defect 9: the device id is the client's choice, so one address added 120 supports to one report. */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  const litter = await seedCategory(ctx.database, 'litter');
  for (const publicId of ['inflate1', 'inflate2', 'house001', 'viaroute']) await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId });
});
afterAll(() => ctx?.close());

const device = (i: number) => `device-${String(i).padStart(16, '0')}`;
const support = (id: string, i: number, address: string) => supportReport(ctx.deps, { id, deviceId: device(i), address });
const countOf = async (id: string) => (await json(await ctx.app.request(`/api/reports/${id}`))).properties.supportCount as number;

describe('supports per address', () => {
  it(`lets 120 device ids from one address add at most ${SUPPORT_LIMIT.perAddressPerReport} supports to one report, even in parallel`, async () => {
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => support('inflate1', i, '203.0.113.66')));
    expect(results.filter((r) => r.added)).toHaveLength(SUPPORT_LIMIT.perAddressPerReport);
    expect(await countOf('inflate1')).toBe(SUPPORT_LIMIT.perAddressPerReport);
    // Beyond the cap: the same quiet answer as a device that already supported, with the honest count.
    expect(await support('inflate1', 500, '203.0.113.66')).toEqual({ supportCount: SUPPORT_LIMIT.perAddressPerReport, added: false });
    const [events] = await ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from report_events e join reports r on r.id = e.report_id where r.public_id = 'inflate1' and e.kind = 'supported'`,
    );
    expect(events!.n).toBe(SUPPORT_LIMIT.perAddressPerReport);
  });

  it('still counts other addresses, and the same address on another report', async () => {
    expect((await support('inflate1', 1000, '198.51.100.20')).added).toBe(true);
    expect((await support('inflate2', 1001, '203.0.113.66')).added).toBe(true);
    expect(await countOf('inflate1')).toBe(SUPPORT_LIMIT.perAddressPerReport + 1);
  });

  it('spends none of a household allowance on a phone that presses twice', async () => {
    for (let press = 0; press < 3; press++) await support('house001', 2000, '192.0.2.10');
    expect((await support('house001', 2001, '192.0.2.10')).added).toBe(true);
    expect((await support('house001', 2002, '192.0.2.10')).added).toBe(true);
    expect(await countOf('house001')).toBe(3);
  });

  it('never stores the address, only a hash of it', async () => {
    const rows = await ctx.database.rows<{ bucket: string }>(sql`select bucket from rate_limits where bucket like 'support:%'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { bucket } of rows) {
      expect(bucket).toMatch(/^support:[0-9a-f]{64}$/);
      expect(bucket).not.toContain('203.0.113');
    }
  });

  it('applies the cap on the route, to the address the request came from', async () => {
    const post = (i: number) =>
      ctx.app.request('/api/reports/viaroute/supports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.99' },
        body: JSON.stringify({ deviceId: device(5000 + i) }),
      });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(i)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SUPPORT_LIMIT.perAddressPerReport);
    expect(await countOf('viaroute')).toBe(SUPPORT_LIMIT.perAddressPerReport);
  });
});
