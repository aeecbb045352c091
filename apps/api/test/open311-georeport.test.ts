import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const NOW = new Date('2026-11-01T12:00:00Z');
const KEY = 'gs_test_open311_key_1234567890';
const REVOKED = 'gs_test_revoked_key_0987654321';
const hash = (k: string) => createHash('sha256').update(k).digest('hex');
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: NOW });
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('Council CRM', 'gs_test_op', ${hash(KEY)})`);
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash, revoked_at) values ('Old CRM', 'gs_test_re', ${hash(REVOKED)}, now())`);
});
afterAll(() => ctx?.close());

const get = (path: string) => ctx.app.request(`/open311/v2/${path}`);
const post = (body: Record<string, string | string[]>, fmt = 'json') => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return ctx.app.request(`/open311/v2/requests.${fmt}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() });
};
async function getXml(path: string) {
  const res = await get(path);
  const text = await res.text();
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  return { res, doc: xml.parse(text) };
}
async function getJson(path: string) {
  const res = await get(path);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return { res, body: await json(res) };
}

describe('discovery and services', () => {
  it('A0.11 discovery is offered as XML and JSON with every required field', async () => {
    const { body } = await getJson('discovery.json');
    expect(body).toMatchObject({ changeset: expect.any(String), contact: expect.any(String), key_service: expect.any(String) });
    expect(body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://gs.test/open311/v2', type: 'production' });
    expect(body.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    const { doc } = await getXml('discovery.xml');
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('A.2 services lists the categories, metadata true when a category has questions', async () => {
    const { body } = await getJson('services.json');
    expect(Array.isArray(body)).toBe(true);
    const ditch = body.find((s: { service_code: string }) => s.service_code === 'blocked_ditch');
    expect(ditch).toMatchObject({ service_name: 'Blocked ditch or drain', metadata: true, type: 'realtime', group: 'Flooding and drainage' });
    for (const s of body) {
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
    }
    const { doc } = await getXml('services.xml');
    expect(doc.services.service.map((s: { service_code: string }) => s.service_code).sort()).toEqual(body.map((s: { service_code: string }) => s.service_code).sort());
  });

  it('A.3 a service definition is built from the question form', async () => {
    const { body } = await getJson('services/blocked_ditch.json');
    expect(body.service_code).toBe('blocked_ditch');
    const by = Object.fromEntries(body.attributes.map((a: { code: string }) => [a.code, a]));
    expect(by.how_blocked).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true, order: 1 });
    expect(by.how_blocked.values).toContainEqual({ key: 'blocked', name: 'Blocked, water is not flowing' });
    expect(by.backing_up).toMatchObject({
      datatype: 'singlevaluelist',
      values: [
        { key: 'true', name: 'Yes' },
        { key: 'false', name: 'No' },
      ],
    });
    expect(by.blocked_by.datatype).toBe('multivaluelist');
    expect(by.water_depth_cm).toMatchObject({ datatype: 'number', required: false });
    expect(body.attributes.map((a: { order: number }) => a.order)).toEqual([1, 2, 3, 4]);
    const types = new Set<string>();
    for (const s of (await getJson('services.json')).body) for (const a of (await getJson(`services/${s.service_code}.json`)).body.attributes) types.add(a.datatype);
    expect([...types].every((t) => ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(t))).toBe(true);
    expect(types).toContain('datetime');
    expect(types).toContain('text');
    const { doc } = await getXml('services/blocked_ditch.xml');
    expect(doc.service_definition.attributes.attribute[0].values.value.length).toBe(3);
  });

  it('A.8 an unknown service is a 404 in the spec error format, in both formats', async () => {
    const res = await get('services/nope.json');
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual([{ code: 404, description: expect.stringContaining('nope') }]);
    const x = await get('services/nope.xml');
    expect(x.status).toBe(404);
    const doc = xml.parse(await x.text());
    expect(doc.errors.error[0].code).toBe(404);
  });
});

describe('GET requests', () => {
  it('A.6 defaults to the last 90 days, at most 1000, newest first, with W3C times and a point', async () => {
    const { body } = await getJson('requests.json');
    const [n] = await ctx.database.rows<{ n: number }>(
      sql`select count(*)::int n from reports where state <> 'hidden' and created_at >= ${new Date(NOW.getTime() - 90 * 86_400_000).toISOString()}::timestamptz`,
    );
    expect(body.length).toBe(Math.min(1000, n!.n));
    expect(body.length).toBeGreaterThan(0);
    for (const r of body) {
      expect(typeof r.service_request_id).toBe('string');
      expect(['open', 'closed']).toContain(r.status);
      expect(r.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(typeof r.lat).toBe('number');
      expect(typeof r.long).toBe('number');
      expect(r.long).toBeLessThan(-2.5);
      expect(typeof r.status_notes).toBe('string');
    }
    const times = body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('A.6 filters by status, service_code and dates; A0.9 an empty parameter is as good as none', async () => {
    const all = (await getJson('requests.json')).body;
    const open = (await getJson('requests.json?status=open')).body;
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(open.length).toBe(all.filter((r: { status: string }) => r.status === 'open').length);
    expect((await getJson('requests.json?status=&service_code=')).body).toEqual(all);
    const litter = (await getJson('requests.json?service_code=litter,pothole')).body;
    expect(litter.every((r: { service_code: string }) => ['litter', 'pothole'].includes(r.service_code))).toBe(true);
    const window = (await getJson('requests.json?start_date=2026-03-01T00:00:00Z&end_date=2026-04-01T00:00:00%2B01:00')).body;
    expect(window.every((r: { requested_datetime: string }) => r.requested_datetime >= '2026-03-01' && r.requested_datetime < '2026-04-01')).toBe(true);
  });

  it('A.6 refuses a span over 90 days and dates without a timezone', async () => {
    const wide = await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(wide.status).toBe(400);
    expect((await json(wide))[0].code).toBe(400);
    expect((await get('requests.json?start_date=2026-01-01')).status).toBe(400);
    expect((await get('requests.json?status=maybe')).status).toBe(400);
  });

  it('A.7 one request is a list of one; closed states map to closed with the precise state in status_notes', async () => {
    const [fixed] = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state = 'fixed' limit 1`);
    const { body } = await getJson(`requests/${fixed!.id}.json?extensions=true`);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ service_request_id: fixed!.id, status: 'closed', status_notes: 'Fixed', extended_attributes: { state: 'fixed' } });
    const { doc } = await getXml(`requests/${fixed!.id}.xml`);
    expect(doc.service_requests.request[0].service_request_id).toBe(fixed!.id);
    expect((await get('requests/nosuchid.json')).status).toBe(404);
    const [hidden] = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state = 'hidden' limit 1`);
    if (hidden) expect((await get(`requests/${hidden.id}.json`)).status).toBe(404);
  });

  it('A.6 service_request_id overrides every other argument', async () => {
    const [r] = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state <> 'hidden' order by created_at limit 1`);
    const { body } = await getJson(`requests.json?service_request_id=${r!.id}&status=open&status=closed&start_date=2020-01-01T00:00:00Z`);
    expect(body.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([r!.id]);
  });
});

describe('POST requests', () => {
  const ditch = {
    service_code: 'blocked_ditch',
    lat: '56.4201',
    long: '-3.2102',
    description: 'Ditch full of reeds by the farm gate',
    'attribute[how_blocked]': 'blocked',
    'attribute[backing_up]': 'true',
    'attribute[water_depth_cm]': '20',
    'attribute[blocked_by][]': ['vegetation', 'silt'],
    email: 'crm.caller@example.org',
    first_name: 'Ada',
    last_name: 'Crmcaller',
    phone: '01234 567890',
  };

  it('A.4 needs a valid api_key: missing, unknown or revoked is a 403', async () => {
    expect((await post(ditch)).status).toBe(403);
    expect((await post({ ...ditch, api_key: 'gs_wrong' })).status).toBe(403);
    const revoked = await post({ ...ditch, api_key: REVOKED });
    expect(revoked.status).toBe(403);
    expect((await json(revoked))[0]).toMatchObject({ code: 403, description: expect.stringContaining('revoked') });
  });

  it('A.4 creates a report from the form, with its attributes, through the open311 channel', async () => {
    const res = await post({ ...ditch, api_key: KEY });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toHaveLength(1);
    expect(body[0].service_request_id).toMatch(/^[a-z0-9]+$/);
    expect(body[0]).not.toHaveProperty('token');
    const [row] = await ctx.database.rows<{ channel: string; answers: Record<string, unknown>; email: string; name: string; phone: string; geom_type: string }>(sql`
      select r.channel, r.answers, r.geom_type, c.email, c.name, c.phone from reports r join report_contacts c on c.report_id = r.id where r.public_id = ${body[0].service_request_id}`);
    expect(row).toMatchObject({ channel: 'open311', geom_type: 'Point', email: 'crm.caller@example.org', name: 'Ada Crmcaller', phone: '01234 567890' });
    expect(row!.answers).toEqual({ how_blocked: 'blocked', backing_up: true, water_depth_cm: 20, blocked_by: ['vegetation', 'silt'] });
    const [key] = await ctx.database.rows<{ used: string | null }>(sql`select last_used_at::text as used from api_keys where key_hash = ${hash(KEY)}`);
    expect(key!.used).not.toBeNull();
    // It can be read back at once, and by token, without the contact details.
    const back = await (await get(`requests/${body[0].service_request_id}.json`)).text();
    expect(back).toContain('Ditch full of reeds');
    for (const secret of ['crm.caller@example.org', 'Crmcaller', '01234 567890']) expect(back).not.toContain(secret);
    const tok = await json(await get(`tokens/${body[0].service_request_id}.json`));
    expect(tok).toEqual([{ service_request_id: body[0].service_request_id, token: body[0].service_request_id }]);
  });

  it('A.4 answers in XML too', async () => {
    const res = await post({ ...ditch, api_key: KEY }, 'xml');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(XMLValidator.validate(text)).toBe(true);
    expect(xml.parse(text).service_requests.request[0].service_request_id).toBeTruthy();
  });

  it('A.4 checks attributes against the form, and needs a service and a location', async () => {
    const bad = await post({ ...ditch, api_key: KEY, 'attribute[how_blocked]': 'very', 'attribute[nonsense]': 'x' });
    expect(bad.status).toBe(400);
    const errors = (await json(bad)) as Array<{ code: number; description: string }>;
    expect(errors.map((e) => e.description).join(' ')).toMatch(/attribute\[how_blocked\]/);
    expect(errors.map((e) => e.description).join(' ')).toMatch(/attribute\[nonsense\]/);
    const missing = await post({ ...ditch, api_key: KEY, 'attribute[how_blocked]': '' });
    expect(missing.status).toBe(400);
    expect((await post({ ...ditch, api_key: KEY, service_code: 'nope' })).status).toBe(404);
    expect((await post({ ...ditch, api_key: KEY, service_code: '' })).status).toBe(400);
    const { lat: _lat, long: _long, ...noLocation } = ditch;
    expect((await post({ ...noLocation, api_key: KEY })).status).toBe(400);
    expect((await post({ ...ditch, api_key: KEY, lat: '56.4', long: '' })).status).toBe(400);
    expect((await post({ ...ditch, api_key: KEY, description: 'x'.repeat(4001) })).status).toBe(400);
    expect((await post({ ...ditch, api_key: KEY, email: 'not-an-email' })).status).toBe(400);
  });

  it('A.8 unknown resources are 404 in the spec format', async () => {
    const res = await get('nothing.json');
    expect(res.status).toBe(404);
    expect((await json(res))[0].code).toBe(404);
  });
});
