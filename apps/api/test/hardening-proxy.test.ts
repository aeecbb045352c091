import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { json, testApp } from './helpers.ts';

/**
 * Defect 8: behind a proxy, rate limits keyed on the first X-Forwarded-For hop, which the
 * client writes. The socket's peer is faked through the Node bindings that getConnInfo reads.
 */
const apps: Array<Awaited<ReturnType<typeof testApp>>> = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function appTrusting(trustProxy: boolean | number | string[]) {
  const ctx = await testApp({ trustProxy });
  apps.push(ctx);
  // POST /api/subscriptions allows 20 an hour per address; the limit is counted before the
  // body is read, so an empty body (400) counts without sending any mail.
  return (socket: string, forwardedFor: string) =>
    ctx.app.request(
      '/api/subscriptions',
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: '{}' },
      { incoming: { socket: { remoteAddress: socket } } },
    );
}

describe('client address behind proxies', () => {
  it('cannot escape a rate limit by changing the first X-Forwarded-For hop through one proxy', async () => {
    const post = await appTrusting(true);
    const statuses: number[] = [];
    // The proxy (10.0.0.1, the socket) appends the address it saw, 203.0.113.9; the client wrote the rest.
    for (let i = 0; i < 21; i++) statuses.push((await post('10.0.0.1', `1.2.3.${i}, 203.0.113.9`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another client behind the same proxy is not affected.
    expect((await post('10.0.0.1', '198.18.0.1')).status).toBe(400);
    const again = await post('10.0.0.1', '203.0.113.9');
    expect(again.status).toBe(429);
    expect((await json(again)).code).toBe('rate_limited');
  });

  it('with a proxy list, believes the header only from a listed proxy', async () => {
    const post = await appTrusting(['10.0.0.0/8']);
    // A client talking to the API directly: its own socket is counted, whatever it writes.
    for (let i = 0; i < 20; i++) expect((await post('203.0.113.50', `192.0.2.${i}`)).status).toBe(400);
    expect((await post('203.0.113.50', '192.0.2.200')).status).toBe(429);
    // Through two listed proxies, the hop before them is the client.
    expect((await post('::ffff:10.0.0.1', '192.0.2.7, 203.0.113.50, 10.9.9.9')).status).toBe(429);
    expect((await post('::ffff:10.0.0.1', '203.0.113.50, 198.51.100.3, 10.9.9.9')).status).toBe(400);
  });

  it('reads TRUST_PROXY as true/false, a hop count or a proxy list, and refuses anything else by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY: .*yes please/);
  });
});
