import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, seedCategory, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  ctx = await testApp({ trustProxy: true });
  await seedCategory(ctx.database, 'litter');
});
afterAll(() => ctx?.close());

const report = (ip: string) =>
  ctx.app.request('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `${ip}, 10.0.0.1` },
    body: JSON.stringify({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, description: 'Bags', contact: { email: 'a@example.org' } }),
  });

describe('rate limits', () => {
  it('allows 60 reports an hour from one address, then answers 429 with Retry-After, counted in the database', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await report('203.0.113.7')).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    const limited = await report('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json(limited)).code).toBe('rate_limited');
    // Another address is not affected.
    expect((await report('198.51.100.1')).status).toBe(201);
  });
});
