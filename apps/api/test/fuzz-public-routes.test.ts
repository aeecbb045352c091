/**
 * Issue 11, defect 10: every public route, read from the OpenAPI documents (/api/openapi.json
 * and the OGC one at /ogc/api) plus Open311, is sent hostile values in each parameter and
 * each JSON body field in turn. Whatever comes in, the answer is never a 5xx, and a 4xx under
 * /api is problem+json. Deterministic: a fixed list of values, operations in document order.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { fixedClock, seedCategory, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const API_KEY = 'gs_fuzz_open311_key_0000000000000000000000';
const REPORT_ID = 'fuzz0001';

/** Text as a JSON client sends it: already decoded. */
const MEGABYTE = 'x'.repeat(1024 * 1024);
const HOSTILE_TEXT: unknown[] = ['a\u0000b', '\uD800', 'x\uDFFFy', '\u202Egnp.exe', '', '9'.repeat(400), MEGABYTE];
const HOSTILE_JSON: unknown[] = [...HOSTILE_TEXT, -1, 1e308, null, [], { '\u0000': '\uD800' }];
/** The same as a client puts them in a URL: percent-encoded, including bytes no decoder accepts. */
const HOSTILE_URL = ['%00', 'a%00b', '%ED%A0%80', '%E2%80%AEgnp.exe', '', '-1', '1e308', '9'.repeat(400), 'x'.repeat(100_000)];
const HOSTILE_BBOX = ['-999999999999,-99,9e307,9e307', '1e308,1e308,1e308,1e308', '0,0,0,0,0,0,0'];
/** Header values must be bytes; the control characters are refused by fetch itself. */
const HOSTILE_HEADER = ['', '-1', '1e308', '9'.repeat(400), 'x'.repeat(10_000), '\u00e9\u00ff'];

type Json = any;
interface Op {
  base: string;
  path: string;
  method: string;
  parameters: Json[];
  body?: Json;
}
/** What the run found wrong (nothing, we hope), and how many answers had each status. */
interface Sent {
  count: number;
  failures: string[];
  /** A run where nothing got through proves little. */
  statuses: Record<number, number>;
}

function resolve(doc: Json, node: Json): Json {
  let n = node;
  while (n?.$ref)
    n = n.$ref
      .split('/')
      .slice(1)
      .reduce((o: Json, k: string) => o?.[k], doc);
  return n;
}

/** A plausible value for a field, by name where the schema alone would make it fail early. */
const KNOWN: Record<string, unknown> = {
  email: 'fuzz@example.org',
  deviceId: 'fuzz-device-000000001',
  report: REPORT_ID,
  category: 'litter',
  geometry: { type: 'Point', coordinates: [-3.2, 56.4] },
  password: 'not the password',
  description: 'A fallen branch blocks the path',
  lon: '-3.2',
  lat: '56.4',
  id: REPORT_ID,
  z: '10',
  x: '500',
  y: '320',
  size: 'display',
  token: 'abcdefghijklmnopqrstuvwxyz',
};

/** A valid-looking instance of a JSON schema (first choice of unions, minimum array lengths). */
function sample(doc: Json, node: Json, name = ''): unknown {
  if (name in KNOWN) return KNOWN[name];
  const s = resolve(doc, node) ?? {};
  if (s.enum) return s.enum[0];
  if (s.oneOf || s.anyOf) return sample(doc, (s.oneOf ?? s.anyOf)[0], name);
  if (s.type === 'object' || s.properties) {
    const required: string[] = s.required ?? [];
    return Object.fromEntries(required.map((k) => [k, sample(doc, s.properties?.[k], k)]));
  }
  if (s.type === 'array') return Array.from({ length: s.minItems ?? 1 }, () => sample(doc, s.items));
  if (s.type === 'number' || s.type === 'integer') return s.minimum ?? 1;
  if (s.type === 'boolean') return false;
  return 'text';
}

/** Every leaf of a JSON value, as a path to replace. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

function replaced(value: unknown, path: string[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy: Json = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), by);
  return copy;
}

/** The operations of one OpenAPI document; `skip` leaves out the staff routes. */
function operations(doc: Json, base: string, skip: (path: string) => boolean): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    if (skip(path)) continue;
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!['get', 'post'].includes(method)) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
      const jsonBody = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ base, path, method: method.toUpperCase(), parameters, ...(jsonBody ? { body: resolve(doc, jsonBody) } : {}) });
    }
  }
  return ops;
}

let step = 0;
/** Each request an hour later than the last, so the per-address rate limits never hide a route. */
async function send(label: string, url: string, init: RequestInit = {}): Promise<[number, string | undefined]> {
  step += 1;
  ctx.deps.clock = fixedClock(new Date(Date.UTC(2026, 10, 1) + step * 3_600_000).toISOString());
  // Each answer is read before the next request: an export holds a slot until its body is read.
  const res = await ctx.app.request(url, init);
  return [res.status, await verdict(label, res)];
}

function record(out: Sent, [status, failure]: [number, string | undefined]) {
  out.count += 1;
  out.statuses[status] = (out.statuses[status] ?? 0) + 1;
  if (failure) out.failures.push(failure);
}

function urlFor(op: Op, values: Record<string, string>): string {
  let path = op.base + (op.path === '/' ? '' : op.path);
  const query: string[] = [];
  for (const p of op.parameters) {
    const v = values[p.name];
    if (p.in === 'path') path = path.replace(`{${p.name}}`, v ?? encodeURIComponent(String(sample({}, p.schema, p.name))));
    else if (p.in === 'query' && v !== undefined) query.push(`${p.name}=${v}`);
  }
  return query.length ? `${path}?${query.join('&')}` : path;
}

function baseHeaders(op: Op): Record<string, string> {
  return op.body ? { 'content-type': 'application/json' } : {};
}

/** Bodies that pass validation, so that the hostile field is the only thing wrong. */
const BASELINES: Record<string, Record<string, unknown>> = {
  '/api/subscriptions': { email: 'fuzz@example.org', report: REPORT_ID },
  '/api/reports': { category: 'litter', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, description: 'A fallen branch', contact: { name: 'Ann', email: 'fuzz@example.org' } },
};

const baselineFor = (doc: Json, op: Op) => BASELINES[op.path] ?? (sample(doc, op.body) as Record<string, unknown>);

async function fuzzParameters(doc: Json, op: Op, out: Sent) {
  const body = op.body ? JSON.stringify(baselineFor(doc, op)) : undefined;
  for (const p of op.parameters) {
    const values = p.in === 'header' ? HOSTILE_HEADER : p.name === 'bbox' ? [...HOSTILE_URL, ...HOSTILE_BBOX] : HOSTILE_URL;
    for (const v of values) {
      const label = `${op.method} ${op.base}${op.path} ${p.in}.${p.name}=${JSON.stringify(v.slice(0, 20))}`;
      const headers = baseHeaders(op);
      if (p.in === 'header') headers[p.name] = v;
      const url = urlFor(op, p.in === 'header' ? {} : { [p.name]: v });
      record(out, await send(label, url, { method: op.method, headers, ...(body ? { body } : {}) }));
    }
  }
}

async function fuzzBody(doc: Json, op: Op, out: Sent) {
  const baseline = baselineFor(doc, op);
  const optional = Object.keys(op.body.properties ?? {}).filter((k) => !(k in baseline));
  const paths = [...leafPaths(baseline), ...optional.map((k) => [k])];
  record(out, await send(`${op.method} ${op.path} baseline`, urlFor(op, {}), { method: op.method, headers: baseHeaders(op), body: JSON.stringify(baseline) }));
  for (const path of paths) {
    for (const v of HOSTILE_JSON) {
      const body = JSON.stringify(replaced(baseline, path, v));
      const label = `${op.method} ${op.path} body.${path.join('.')}=${JSON.stringify(v)?.slice(0, 20)}`;
      record(out, await send(label, urlFor(op, {}), { method: op.method, headers: baseHeaders(op), body }));
    }
  }
  // Keys are text too.
  for (const key of ['\u0000', '\uD800']) {
    const body = JSON.stringify({ ...baseline, answers: { [key]: 'x' } });
    record(out, await send(`${op.method} ${op.path} body key ${JSON.stringify(key)}`, urlFor(op, {}), { method: op.method, headers: baseHeaders(op), body }));
  }
}

const OPEN311_FORM = { api_key: API_KEY, service_code: 'litter', lat: '56.4', long: '-3.2', description: 'A fallen branch', email: 'fuzz@example.org', first_name: 'Ann', 'attribute[x]': 'y' };

/** Open311 has no OpenAPI document: its GET parameters and POST form fields by the spec. */
async function fuzzOpen311(out: Sent) {
  const gets: Array<[string, string[]]> = [['/open311/v2/requests.json', ['start_date', 'end_date', 'status', 'service_code', 'service_request_id', 'extensions', 'jurisdiction_id']]];
  for (const [path, names] of gets) for (const name of names) for (const v of HOSTILE_URL) record(out, await send(`GET ${path} ${name}=${v.slice(0, 20)}`, `${path}?${name}=${v}`));
  for (const v of HOSTILE_URL.filter((x) => x.length < 1000)) {
    for (const resource of ['services', 'requests', 'tokens']) record(out, await send(`GET open311 ${resource}/${v}`, `/open311/v2/${resource}/${v}.json`));
  }
  for (const name of Object.keys(OPEN311_FORM)) {
    for (const v of HOSTILE_URL) {
      const form = Object.entries({ ...OPEN311_FORM, [name]: '' })
        .map(([k, x]) => `${encodeURIComponent(k)}=${k === name ? v : encodeURIComponent(x)}`)
        .join('&');
      record(
        out,
        await send(`POST open311 form ${name}=${v.slice(0, 20)}`, '/open311/v2/requests.json', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }),
      );
    }
  }
}

/** What is wrong with an answer, or nothing. */
async function verdict(label: string, res: Response): Promise<string | undefined> {
  const type = res.headers.get('content-type') ?? '';
  const path = label.split(' ')[1] ?? '';
  if (res.status >= 500) return `${label} → ${res.status} ${(await res.text()).slice(0, 200)}`;
  if (res.status >= 400 && path.startsWith('/api') && !type.startsWith('application/problem+json')) return `${label} → ${res.status} as ${type}`;
  await res.arrayBuffer();
  return undefined;
}

beforeAll(async () => {
  ctx = await testApp();
  const cat = await seedCategory(ctx.database, 'litter');
  await seedReport(ctx.database, cat.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: REPORT_ID });
  await ctx.database.db.insert(schema.areas).values({
    code: 'errol',
    name: 'Errol',
    kind: 'community_council',
    geom: {
      type: 'Polygon',
      coordinates: [
        [
          [-3.3, 56.3],
          [-3.1, 56.3],
          [-3.1, 56.5],
          [-3.3, 56.5],
          [-3.3, 56.3],
        ],
      ],
    },
  });
  const hash = createHash('sha256').update(API_KEY).digest('hex');
  await ctx.database.rows(sql`insert into api_keys (name, prefix, key_hash) values ('Fuzz', 'gs_fuzz_op', ${hash})`);
});
afterAll(() => ctx?.close());

describe('fuzzing every public route', () => {
  it('never answers 5xx, and /api answers 4xx as problem+json', { timeout: 120_000 }, async () => {
    const apiDoc = await (await ctx.app.request('/api/openapi.json')).json();
    const ogcDoc = await (await ctx.app.request('/ogc/api')).json();
    // Under /api/staff only sign-in and the password reset by email are open to anyone.
    const open = ['/api/staff/login', '/api/staff/password/forgot', '/api/staff/password/reset'];
    const ops = [...operations(apiDoc, '', (p) => p.startsWith('/api/staff') && !open.includes(p)), ...operations(ogcDoc, '/ogc', () => false)];
    expect(ops.length).toBeGreaterThan(30);
    const sent: Sent = { count: 0, failures: [], statuses: {} };
    for (const op of ops) {
      await fuzzParameters(apiDoc, op, sent);
      if (op.body) await fuzzBody(apiDoc, op, sent);
    }
    await fuzzOpen311(sent);
    if (process.env.FUZZ_DEBUG) console.log(sent.count, sent.statuses, sent.failures.join('\n'));
    // A bound that keeps the run short; it grows with the routes (1704 with "My reports" and "Is it fixed?").
    expect(sent.count).toBeLessThan(2400);
    // The valid requests (and the hostile values that are valid text, like RTL marks) got through.
    expect(sent.statuses[200]).toBeGreaterThan(100);
    expect(sent.statuses[201]).toBeGreaterThan(0);
    expect(sent.statuses[202]).toBeGreaterThan(0);
    expect(sent.failures).toEqual([]);
  });
});
