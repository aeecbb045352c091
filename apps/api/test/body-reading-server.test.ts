/**
 * Request bodies through the real Node server (@hono/node-server), as production reads them.
 * The checks in front of every route (body limits, text the database cannot store) read a
 * JSON body once through Hono's body cache, straight from Node's request, and the route's
 * validator reads that same parse (issue 15): the answers must be those of the checks that
 * copied the request before (issue 11).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@groundswell/db/testing';
import { seedCategory } from './helpers.ts';
import { startTestServer, type TestServer } from './server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedCategory(server.database);
});
afterAll(() => server?.close());

const report = (description: string) =>
  JSON.stringify({ category: 'litter', geometry: { type: 'Point', coordinates: [-3.43, 56.39] }, description, contact: { email: 'alex@example.org' }, locale: 'en' });

/** One request with node:http, so the body goes out exactly as given: with a Content-Length, or chunked. */
function send(path: string, body: string | Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else {
      for (const part of body) req.write(part);
      req.end();
    }
  });
}

const reports = async () => Number((await server.database.rows<{ n: number }>(sql`select count(*)::int n from reports`))[0]!.n);

describe('request bodies through the Node server', () => {
  it('stores a report sent with a Content-Length, and one sent chunked', async () => {
    const before = await reports();
    const sized = await send('/api/reports', report('Bags of rubbish by the bins'));
    expect(sized.status).toBe(201);
    expect(sized.body.state).toBe('new');
    const text = report('Dumped mattress on the verge');
    const chunked = await send('/api/reports', [Buffer.from(text.slice(0, 40)), Buffer.from(text.slice(40))]);
    expect(chunked.status).toBe(201);
    expect(await reports()).toBe(before + 2);
  });

  it('refuses text the database cannot store, naming the field, and stores nothing', async () => {
    const before = await reports();
    const res = await send('/api/reports', report('Rubbish \u0000 here'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.description');
    expect(await reports()).toBe(before);
  });

  it('leaves a body that is not JSON to the route, which says so', async () => {
    const res = await send('/api/reports', '{"category": "litter",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad_request', detail: 'Malformed JSON in request body' });
  });

  it('refuses a declared Content-Length over the limit, and a chunked body at the limit', async () => {
    const before = await reports();
    const declared = await send('/api/reports', report('x'.repeat(600 * 1024)));
    expect(declared.status).toBe(413);
    expect(declared.body.errors[0].field).toBe('header.content-length');
    const big = report('y'.repeat(600 * 1024));
    const chunked = await send('/api/reports', [Buffer.from(big.slice(0, 300 * 1024)), Buffer.from(big.slice(300 * 1024))]);
    expect(chunked.status).toBe(413);
    expect(chunked.body.errors[0].field).toBe('body');
    expect(await reports()).toBe(before);
  });
});
