import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  const [team] = await ctx.database.db.insert(schema.teams).values({ code: 'drainage', name: 'Flooding and drainage' }).returning();
  await ctx.database.db.insert(schema.categories).values([
    {
      code: 'blocked_ditch',
      name: { en: 'Blocked ditch', pl: 'Zablokowany rów' },
      geometryTypes: ['LineString'],
      responseDays: 10,
      defaultTeamId: team!.id,
      contactRequired: { name: false, email: true, phone: false },
      questions: [
        {
          id: 'how_blocked',
          type: 'single_choice',
          required: true,
          label: { en: 'How blocked is it?' },
          choices: [
            { value: 'partly', label: { en: 'Partly' } },
            { value: 'fully', label: { en: 'Fully' } },
          ],
        },
      ],
    },
    { code: 'litter', name: { en: 'Litter' }, geometryTypes: ['Point', 'Polygon'], responseDays: 5, contactRequired: { name: false, email: false, phone: false }, questions: [] },
  ]);
  await ctx.database.db.insert(schema.areas).values({
    code: 'carse',
    name: 'Carse of Gowrie',
    kind: 'community_council',
    geom: {
      type: 'Polygon',
      coordinates: [
        [
          [-3.4, 56.38],
          [-3.0, 56.38],
          [-3.0, 56.48],
          [-3.4, 56.48],
          [-3.4, 56.38],
        ],
      ],
    },
  });
});
afterAll(() => ctx?.close());

const ditch = {
  category: 'blocked_ditch',
  geometry: {
    type: 'LineString',
    coordinates: [
      [-3.25, 56.42],
      [-3.249, 56.421],
      [-3.247, 56.4215],
    ],
  },
  description: 'The ditch behind the school is full of silt <script>alert(1)</script>',
  answers: { how_blocked: 'fully' },
  contact: { name: 'Ailsa Reporter', email: 'ailsa@example.org' },
};

const post = (body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function expectProblem(res: Response, field: string, code = 'validation_failed') {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const p = await json(res);
  expect(p.code).toBe(code);
  expect(p.errors.map((e: { field: string }) => e.field)).toContain(field);
  return p;
}

describe('POST /api/reports', () => {
  it('creates a report with its area, team, contacts apart and a created event', async () => {
    const res = await post(ditch);
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(res.headers.get('location')).toBe(`http://gs.test/api/reports/${body.id}`);
    expect(body).toMatchObject({ state: 'new', category: 'blocked_ditch', responseDays: 10 });
    const [row] = await ctx.database.rows<Record<string, unknown>>(sql`
      select r.description, r.geom_type, a.name as area, t.name as team, c.email, ST_AsText(r.point) as point,
             (select count(*) from report_events e where e.report_id = r.id and e.kind = 'created' and e.public) as created_events
      from reports r left join areas a on a.id = r.area_id left join teams t on t.id = r.team_id
      left join report_contacts c on c.report_id = r.id where r.public_id = ${body.id}`);
    expect(row).toMatchObject({ description: ditch.description, geom_type: 'LineString', area: 'Carse of Gowrie', team: 'Flooding and drainage', email: 'ailsa@example.org' });
    expect(Number(row!.created_events)).toBe(1);
    const pub = await json(await ctx.app.request(`/api/reports/${body.id}`));
    expect(pub.properties.description).toBe(ditch.description); // stored exactly as sent
    expect(pub.properties.reporterName).toBeNull();
    expect(JSON.stringify(pub)).not.toContain('ailsa@example.org');
  });

  it('shows the name only when the resident chose to', async () => {
    const body = await json(await post({ ...ditch, showName: true }));
    const pub = await json(await ctx.app.request(`/api/reports/${body.id}`));
    expect(pub.properties.reporterName).toBe('Ailsa Reporter');
  });

  it('rejects a self-intersecting area in plain words', async () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [-3.2, 56.4],
          [-3.19, 56.41],
          [-3.19, 56.4],
          [-3.2, 56.41],
          [-3.2, 56.4],
        ],
      ],
    };
    const p = await expectProblem(await post({ category: 'litter', geometry: bowtie, description: 'x' }), 'geometry', 'invalid_geometry');
    expect(p.errors[0].message).toContain('edges cross each other');
  });

  it('rejects a latitude of 91', async () => {
    const p = await expectProblem(await post({ ...ditch, geometry: { type: 'Point', coordinates: [-3.2, 91] } }), 'body.geometry.coordinates.1');
    expect(p.errors[0].message).toBe('Latitude must be between -90 and 90');
  });

  it('rejects a point for a line-only category', async () => {
    const p = await expectProblem(await post({ ...ditch, geometry: { type: 'Point', coordinates: [-3.2, 56.4] } }), 'geometry.type', 'geometry_type_not_allowed');
    expect(p.errors[0].message).toBe('Blocked ditch can be drawn as a line, not as a point');
  });

  it('rejects a missing required answer and a missing required email together', async () => {
    const p = await expectProblem(await post({ ...ditch, answers: {}, contact: {} }), 'answers.how_blocked');
    expect(p.errors.map((e: { field: string }) => e.field)).toContain('contact.email');
  });
});

describe('POST /api/reports', () => {
  it('rejects 4,001 characters and an empty description, and accepts 4,000', async () => {
    await expectProblem(await post({ ...ditch, description: 'a'.repeat(4001) }), 'body.description');
    await expectProblem(await post({ ...ditch, description: '' }), 'body.description');
    expect((await post({ ...ditch, description: 'a'.repeat(4000) })).status).toBe(201);
  });

  it('rejects a line longer than 10 km and places outside the service area', async () => {
    const long = {
      type: 'LineString',
      coordinates: [
        [-3.39, 56.39],
        [-3.01, 56.47],
      ],
    };
    const p = await expectProblem(await post({ ...ditch, geometry: long }), 'geometry', 'invalid_geometry');
    expect(p.errors[0].message).toMatch(/at most 10\.0 km/);
    const far = {
      type: 'LineString',
      coordinates: [
        [2.35, 48.85],
        [2.351, 48.851],
      ],
    };
    await expectProblem(await post({ ...ditch, geometry: far }), 'geometry', 'outside_service_area');
  });

  it('rejects an area over 5 km²', async () => {
    const big = {
      type: 'Polygon',
      coordinates: [
        [
          [-3.3, 56.39],
          [-3.2, 56.39],
          [-3.2, 56.45],
          [-3.3, 56.45],
          [-3.3, 56.39],
        ],
      ],
    };
    await expectProblem(await post({ category: 'litter', geometry: big, description: 'x' }), 'geometry', 'invalid_geometry');
  });

  it('rejects an unknown category, unknown fields in answers, and broken JSON', async () => {
    await expectProblem(await post({ ...ditch, category: 'unicorns' }), 'category', 'unknown_category');
    await expectProblem(await post({ ...ditch, answers: { how_blocked: 'fully', colour: 'red' } }), 'answers.colour');
    const broken = await post('{"category": ');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toBe('application/problem+json');
  });

  it('creates exactly one report for ten concurrent posts with one Idempotency-Key', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000001';
    const before = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports`);
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(ditch, { 'idempotency-key': key })));
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    const after = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from reports`);
    expect(after[0]!.n - before[0]!.n).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
  });

  it('refuses to reuse an Idempotency-Key for a different report', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000002';
    expect((await post(ditch, { 'idempotency-key': key })).status).toBe(201);
    const res = await post({ ...ditch, description: 'something else' }, { 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe('conflict');
  });

  it('answers an oversized body with 413', async () => {
    const res = await post({ ...ditch, description: 'a'.repeat(600 * 1024) });
    expect(res.status).toBe(413);
    expect((await json(res)).code).toBe('payload_too_large');
  });
});
