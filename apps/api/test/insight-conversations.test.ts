/**
 * The conversation map (issue 13) and the listening figures' category and area filters.
 * Mentions from every kind of source, with authors on big and small servers, hashtags used
 * by many people and by one, points in two areas and none, are written straight into the
 * database; every figure is worked out here from the rules in docs/insight.md (not from
 * the code under test) and compared, and no author, handle, hash, address, number, text or
 * small community ever appears in any output, JSON or CSV, public or staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, seedCategory, seedReport, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const OFFICER = 'planner@council.example';
const ADMIN = 'admin@council.example';
const PERIOD = 'from=2026-09-01&to=2026-10-31';
const K = 5;

type Kind = 'feed' | 'mastodon' | 'bluesky' | 'email' | 'sms';
const SOURCES: Array<{ kind: Kind; name: string; config?: Record<string, unknown> }> = [
  { kind: 'feed', name: 'Carse Forum' },
  { kind: 'mastodon', name: 'Council on Mastodon', config: { instanceUrl: 'https://council.social' } },
  { kind: 'bluesky', name: 'Council on Bluesky' },
  { kind: 'email', name: 'Council mailbox' },
  { kind: 'sms', name: 'Council texts' },
];

interface Known {
  kind: Kind;
  author: string | null;
  text: string;
  at: Date;
  area: 'north' | 'south' | null;
  category: 'litter' | 'pothole' | null;
  /** The category of the report it was made into, which wins over the guess. */
  reportCategory?: 'litter' | 'pothole';
  rule: boolean;
  folded?: boolean;
}

const POINT = { north: [-3.2, 56.45], south: [-3.2, 56.35] } as const;
/** Days into the period, spread over its weeks. */
const at = (i: number) => new Date(Date.UTC(2026, 8, 1 + ((i * 5) % 60), 8 + (i % 10)));
const areaOf = (i: number) => (['north', 'south', null] as const)[i % 3]!;

const known: Known[] = [];
let n = 0;
const add = (m: Omit<Known, 'at' | 'area'> & { area?: Known['area'] }) => {
  known.push({ at: at(n), area: areaOf(n), ...m });
  n++;
};
// Six people on a big Mastodon server, most with the council's drains hashtag; two twice.
for (let i = 0; i < 6; i++) add({ kind: 'mastodon', author: `@drainwatcher${i}@big.example`, text: `Blocked drain by the Grange again #CarseDrains (${i})`, category: 'pothole', rule: true });
for (let i = 0; i < 2; i++) add({ kind: 'mastodon', author: `@drainwatcher${i}@big.example`, text: `Still blocked, day ${i + 2}`, category: 'pothole', rule: true });
// Three people on a tiny server: too few to show it; one uses a personal hashtag.
for (let i = 0; i < 3; i++)
  add({ kind: 'mastodon', author: `@tinyperson${i}@tiny.example`, text: i === 0 ? 'Litter at my gate #JohnsBin' : `Litter at the bus stop ${i}`, category: 'litter', rule: false });
// Five people on the council's own server (local accounts: no server in the handle).
for (let i = 0; i < 5; i++) add({ kind: 'mastodon', author: `@localresident${i}`, text: `Fly-tipping behind the hall ${i}`, category: 'litter', rule: false });
// Five on bsky.social, one with the drains hashtag; one person with their own domain as handle.
for (let i = 0; i < 5; i++)
  add({ kind: 'bluesky', author: `@skyresident${i}.bsky.social`, text: i === 0 ? 'Drain overflowing #carsedrains' : `Pothole on Main Street ${i}`, category: 'pothole', rule: i === 0 });
for (let i = 0; i < 2; i++) add({ kind: 'bluesky', author: '@john.smithfamily.name', text: `Our lane is flooded ${i}`, category: null, rule: false });
// A blogger's feed, one post with the hashtag in another case; a post without author.
add({ kind: 'feed', author: 'Jane Blogger', text: 'The #CARSEDRAINS campaign meets on Friday', category: 'pothole', rule: true, reportCategory: 'litter' });
add({ kind: 'feed', author: null, text: 'Forum thread: potholes on the B958', category: 'pothole', rule: false });
// Private channels: a hashtag in an email is never read; addresses and numbers never shown.
for (let i = 0; i < 3; i++) add({ kind: 'email', author: 'resident.one@example.com', text: `#notatag in an email about litter ${i}`, category: 'litter', rule: false });
for (let i = 0; i < 2; i++) add({ kind: 'sms', author: '+447700900123', text: `blocked drain by Errol station ${i}`, category: 'pothole', rule: true });
// Not counted: folded into an earlier mention, and heard before the period.
add({ kind: 'mastodon', author: '@drainwatcher0@big.example', text: 'Blocked drain by the Grange again #CarseDrains (copy)', category: 'pothole', rule: true, folded: true });
known.push({ kind: 'mastodon', author: '@drainwatcher1@big.example', text: 'August #CarseDrains', at: new Date(Date.UTC(2026, 7, 20)), area: 'north', category: 'pothole', rule: true });

/** Mondays of the weeks that touch the period: from the one on or before 1 September to the last on or before 31 October. */
const MONDAYS: string[] = [];
for (let t = Date.UTC(2026, 8, 1); t <= Date.UTC(2026, 9, 31); t += 86_400_000) {
  const d = new Date(t);
  if (d.getUTCDay() === 1) MONDAYS.push(d.toISOString().slice(0, 10));
}
if (new Date(Date.UTC(2026, 8, 1)).getUTCDay() !== 1) MONDAYS.unshift(new Date(Date.UTC(2026, 8, 1) - ((new Date(Date.UTC(2026, 8, 1)).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10));

const hashOf = (author: string) => `h-${Buffer.from(author).toString('hex')}`;
const counted = known.filter((m) => !m.folded && m.at >= new Date('2026-09-01T00:00:00Z') && m.at < new Date('2026-11-01T00:00:00Z'));
const categoryOf = (m: Known) => m.reportCategory ?? m.category;

/** The community rule, written out again: Mastodon's server after the second @ (else ours), Bluesky's handle after its first label. */
function communityOf(m: Known): string | null {
  if (!m.author) return null;
  if (m.kind === 'mastodon') return m.author.split('@')[2] ?? 'council.social';
  if (m.kind === 'bluesky') return m.author.slice(1).split('.').slice(1).join('.');
  return null;
}
const hashtagsOf = (m: Known) => (m.kind === 'email' || m.kind === 'sms' ? [] : [...new Set([...m.text.matchAll(/#(\w+)/g)].map((x) => x[1]!.toLowerCase()))]);

function expectedPlaces(ms: Known[], sourceIds: Map<Kind, number>) {
  const places = new Map<string, { id: string; kind: string; name: string; mentions: number; authors: Set<string> }>();
  const count = (id: string, kind: string, name: string, m: Known) => {
    const p = places.get(id) ?? { id, kind, name, mentions: 0, authors: new Set<string>() };
    p.mentions++;
    if (m.author) p.authors.add(m.author);
    places.set(id, p);
  };
  for (const m of ms) {
    const s = SOURCES.find((x) => x.kind === m.kind)!;
    count(`source:${sourceIds.get(m.kind)}`, 'source', s.name, m);
    const c = communityOf(m);
    if (c) count(`community:${m.kind}:${c}`, 'community', c, m);
    for (const t of hashtagsOf(m)) count(`hashtag:${t}`, 'hashtag', `#${t}`, m);
  }
  const all = [...places.values()];
  const shown = all.filter((p) => p.kind === 'source' || p.authors.size >= K);
  const hidden = all.filter((p) => !shown.includes(p));
  return { shown: shown.map(({ id, kind, name, mentions }) => ({ id, kind, name, mentions })), hidden };
}

const sourceIds = new Map<Kind, number>();
let ruleId = 0;

beforeAll(async () => {
  ctx = await testApp();
  const db = ctx.database.db;
  const litter = await seedCategory(ctx.database, 'litter');
  const pothole = await seedCategory(ctx.database, 'pothole');
  const poly = (s: number, nn: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [-3.3, s],
        [-3.1, s],
        [-3.1, nn],
        [-3.3, nn],
        [-3.3, s],
      ],
    ],
  });
  await ctx.database.rows(sql`insert into areas (code, name, kind, geom) values
    ('north', 'North Carse', 'ward', ST_GeomFromGeoJSON(${JSON.stringify(poly(56.4, 56.5))})),
    ('south', 'South Carse', 'ward', ST_GeomFromGeoJSON(${JSON.stringify(poly(56.3, 56.4))}))`);
  const [rule] = await db
    .insert(schema.keywordRules)
    .values({ name: 'Drains', language: 'en', keywords: ['drain*'], categoryId: pothole.id })
    .returning();
  ruleId = rule!.id;
  const sources = await db
    .insert(schema.listeningSources)
    .values(SOURCES.map((s) => ({ kind: s.kind, name: s.name, config: s.config ?? {} })))
    .returning();
  for (const s of sources) sourceIds.set(s.kind as Kind, s.id);
  const catId = { litter: litter.id, pothole: pothole.id };
  let first = 0;
  for (const [i, m] of known.entries()) {
    const report = m.reportCategory ? await seedReport(ctx.database, catId[m.reportCategory], { type: 'Point', coordinates: [-3.2, 56.45] }) : null;
    const [row] = await db
      .insert(schema.mentions)
      .values({
        sourceId: sourceIds.get(m.kind)!,
        externalId: `c${i}`,
        text: m.text,
        author: m.author,
        authorHash: m.author ? hashOf(m.author) : null,
        postedAt: m.at,
        receivedAt: m.at,
        state: report ? 'converted' : 'new',
        reportId: report ? Number(report.id) : null,
        geom: m.area ? { type: 'Point', coordinates: [...POINT[m.area]] } : null,
        matchedRuleIds: m.rule ? [ruleId] : [],
        suggestedCategoryId: m.category ? catId[m.category] : null,
        foldedIntoId: m.folded ? first : null,
      })
      .returning();
    if (i === 0) first = row!.id;
  }
  await createStaff(ctx.database, { email: OFFICER, name: 'Planner', role: 'officer', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
  staff = staffSessions(ctx.app, 'correct horse battery');
  await staff.signIn(OFFICER);
  await staff.signIn(ADMIN);
});

afterAll(async () => {
  await ctx?.close();
});

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe('the conversation map', () => {
  it('counts every source, and only the communities and hashtags at least five people used', async () => {
    const res = await ctx.app.request(`/api/insight/conversations?${PERIOD}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    const want = expectedPlaces(counted, sourceIds);
    expect(body.minAuthors).toBe(K);
    expect(body.total).toBe(counted.length);
    expect(byId(body.places.map(({ id, kind, name, mentions }: Record<string, unknown>) => ({ id, kind, name, mentions })))).toEqual(byId(want.shown));
    // The big server, ours, bsky.social and the drains hashtag (eight people across three platforms) are shown.
    expect(body.places.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['community:mastodon:big.example', 'community:mastodon:council.social', 'community:bluesky:bsky.social', 'hashtag:carsedrains']),
    );
    expect(body.withheld).toEqual({ places: want.hidden.length, mentions: want.hidden.reduce((s, p) => s + p.mentions, 0) });
    expect(want.hidden.map((p) => p.id).sort()).toEqual(['community:bluesky:smithfamily.name', 'community:mastodon:tiny.example', 'hashtag:johnsbin']);
    // Weekly trend: every week of the period for every place, adding up to its mentions.
    for (const p of body.places) {
      const weeks = body.weeks.filter((w: { place: string }) => w.place === p.id);
      expect(weeks.map((w: { week: string }) => w.week)).toEqual(MONDAYS);
      expect(weeks.reduce((s: number, w: { mentions: number }) => s + w.mentions, 0)).toBe(p.mentions);
    }
  });

  it('links each place to the categories and areas talked about, and draws areas, never points', async () => {
    const body = await json(await ctx.app.request(`/api/insight/conversations?${PERIOD}`));
    const cat = (m: Known) => categoryOf(m) ?? 'none';
    for (const code of ['litter', 'pothole', 'none']) {
      expect(body.targets.find((t: { id: string }) => t.id === `category:${code}`)?.mentions ?? 0, code).toBe(counted.filter((m) => cat(m) === code).length);
    }
    // Keyword rules are the council's working names: not on the public map.
    expect(body.targets.some((t: { kind: string }) => t.kind === 'rule')).toBe(false);
    const mastodon = `source:${sourceIds.get('mastodon')}`;
    const link = (place: string, target: string) => body.links.find((l: { place: string; target: string }) => l.place === place && l.target === target)?.mentions ?? 0;
    expect(link(mastodon, 'area:north')).toBe(counted.filter((m) => m.kind === 'mastodon' && m.area === 'north').length);
    expect(link('hashtag:carsedrains', 'category:pothole')).toBe(counted.filter((m) => hashtagsOf(m).includes('carsedrains') && cat(m) === 'pothole').length);
    expect(link('hashtag:carsedrains', 'category:litter')).toBe(1);
    const areas = Object.fromEntries(body.areas.features.map((f: { id: string; properties: { mentions: number; name: string } }) => [f.id, f.properties]));
    expect(areas.north).toMatchObject({ name: 'North Carse', mentions: counted.filter((m) => m.area === 'north').length });
    expect(areas.south.mentions).toBe(counted.filter((m) => m.area === 'south').length);
    expect(body.unlocated).toBe(counted.filter((m) => m.area === null).length);
    expect(body.areas.features.every((f: { geometry: { type: string } }) => f.geometry.type === 'Polygon')).toBe(true);
  });

  it('names the keyword rules matched for staff only, and needs a session', async () => {
    const body = await json(await staff.get(OFFICER, `/api/staff/insight/conversations?${PERIOD}`));
    expect(body.targets.find((t: { id: string }) => t.id === `rule:${ruleId}`)).toEqual({
      id: `rule:${ruleId}`,
      kind: 'rule',
      code: String(ruleId),
      name: 'Drains',
      mentions: counted.filter((m) => m.rule).length,
    });
    expect((await ctx.app.request(`/api/staff/insight/conversations?${PERIOD}`)).status).toBe(401);
  });

  it('filters by category (the report’s, else the guess) and by area', async () => {
    const pot = await json(await ctx.app.request(`/api/insight/conversations?${PERIOD}&category=pothole`));
    expect(pot.total).toBe(counted.filter((m) => categoryOf(m) === 'pothole').length);
    const north = await json(await ctx.app.request(`/api/insight/conversations?${PERIOD}&area=north`));
    expect(north.total).toBe(counted.filter((m) => m.area === 'north').length);
    expect(north.unlocated).toBe(0);
    const both = await json(await ctx.app.request(`/api/insight/conversations?${PERIOD}&area=north,south&category=litter`));
    expect(both.total).toBe(counted.filter((m) => m.area !== null && categoryOf(m) === 'litter').length);
  });

  it('refuses bad filters naming the field', async () => {
    const bad = await ctx.app.request('/api/insight/conversations?from=2026-10-01&to=2026-09-01');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify((await json(bad)).errors)).toContain('query.from');
    const table = await ctx.app.request('/api/insight/conversations?format=csv&table=people');
    expect(table.status).toBe(400);
    expect(JSON.stringify((await json(table)).errors)).toContain('query.table');
  });

  it('gives every table as CSV with the JSON’s numbers', async () => {
    const body = await json(await ctx.app.request(`/api/insight/conversations?${PERIOD}`));
    const csv = async (table: string) => {
      const res = await ctx.app.request(`/api/insight/conversations?${PERIOD}&format=csv&table=${table}`);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toContain(`conversations-${table}`);
      return (await res.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
    };
    const places = await csv('places');
    expect(places[0]).toBe('place,kind,source_kind,name,mentions');
    expect(places.slice(1)).toEqual(
      body.places.map((p: { id: string; kind: string; sourceKind: string; name: string; mentions: number }) =>
        [p.id, p.kind, p.sourceKind, p.name.includes(',') ? `"${p.name}"` : p.name, p.mentions].join(','),
      ),
    );
    expect((await csv('weeks')).length - 1).toBe(body.weeks.length);
    expect((await csv('links')).length - 1).toBe(body.links.length);
    expect((await csv('targets')).length - 1).toBe(body.targets.length);
    const areas = await csv('areas');
    expect(areas).toContain(`north,North Carse,ward,${counted.filter((m) => m.area === 'north').length}`);
    expect(areas).toContain(`none,,,${counted.filter((m) => m.area === null).length}`);
  });

  it('never shows a handle, name, address, number, hash, text or small community, in any output', async () => {
    const secrets = [
      ...new Set(known.flatMap((m) => (m.author ? [m.author, m.author.replace(/^@/, '').split('@')[0]!, hashOf(m.author)] : []))),
      ...known.map((m) => m.text),
      'example.com',
      '7700900123',
      'tiny.example',
      'smithfamily',
      'johnsbin',
      'notatag',
    ];
    const outputs: Array<[string, string]> = [];
    for (const base of ['/api/insight', '/api/staff/insight']) {
      const get = (path: string) => (base.includes('staff') ? staff.get(OFFICER, path) : ctx.app.request(path));
      outputs.push([`${base} json`, await (await get(`${base}/conversations?${PERIOD}`)).text()]);
      for (const table of ['places', 'targets', 'links', 'weeks', 'areas']) outputs.push([`${base} ${table}`, await (await get(`${base}/conversations?${PERIOD}&format=csv&table=${table}`)).text()]);
      outputs.push([`${base} listening`, await (await get(`${base}/listening?${PERIOD}`)).text()]);
    }
    for (const [where, text] of outputs) {
      for (const s of secrets) expect(text.toLowerCase(), `${where} shows ${s}`).not.toContain(s.toLowerCase());
    }
  });
});

describe('listening figures filtered by category and area', () => {
  const allRow = (body: { rows: Array<{ sourceKind: string; month: string; received: number }> }) => body.rows.find((r) => r.sourceKind === 'all' && r.month === 'all')?.received ?? 0;
  it('counts a mention under its report’s category, else its guessed one, and under the area its point is in', async () => {
    const all = await json(await ctx.app.request(`/api/insight/listening?${PERIOD}`));
    expect(allRow(all)).toBe(counted.length);
    for (const code of ['litter', 'pothole']) {
      const body = await json(await ctx.app.request(`/api/insight/listening?${PERIOD}&category=${code}`));
      expect(allRow(body), code).toBe(counted.filter((m) => categoryOf(m) === code).length);
    }
    const south = await json(await staff.get(OFFICER, `/api/staff/insight/listening?${PERIOD}&area=south`));
    expect(allRow(south)).toBe(counted.filter((m) => m.area === 'south').length);
    const email = south.rows.find((r: { sourceKind: string; month: string }) => r.sourceKind === 'email' && r.month === 'all');
    expect(email?.received ?? 0).toBe(counted.filter((m) => m.area === 'south' && m.kind === 'email').length);
  });

  it('refuses a malformed filter as the other figures do', async () => {
    const res = await ctx.app.request('/api/insight/listening?from=2026-13-01');
    expect(res.status).toBe(400);
    expect(JSON.stringify((await json(res)).errors)).toContain('query.from');
  });
});

describe('previewing a call log', () => {
  const csv = ['week,category,calls', '2026-09-07,litter,12', '2026-09-08,pothole,x', '2026-09-14,graffiti,3', '2026-09-14,pothole,7'].join('\n');
  it('names every bad line and column and stores nothing; admins only', async () => {
    const res = await staff.post(ADMIN, '/api/staff/insight/calls/preview', { csv });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.lines).toEqual(
      [
        { line: 2, week: '2026-09-07', category: 'litter', calls: 12 },
        { line: 5, week: '2026-09-14', category: 'pothole', calls: 7 },
        { line: 4, week: '2026-09-14', category: 'graffiti', calls: 3 },
      ].sort((a, b) => a.line - b.line),
    );
    expect(body.problems.map((p: { field: string }) => p.field)).toEqual(['line 3, column week', 'line 3, column calls', 'line 4, column category']);
    expect(body.problems[2].message).toBe('Unknown category graffiti');
    expect((await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from call_volumes`))[0]!.n).toBe(0);
    expect((await staff.post(OFFICER, '/api/staff/insight/calls/preview', { csv })).status).toBe(403);
  });

  it('says the problems in Polish to a Polish admin', async () => {
    const login = await ctx.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://gs.test' },
      body: JSON.stringify({ email: ADMIN, password: 'correct horse battery' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = (await json(login)).csrfToken;
    const res = await ctx.app.request('/api/staff/insight/calls/preview', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, origin: 'http://gs.test', 'content-type': 'application/json', 'accept-language': 'pl' },
      body: JSON.stringify({ csv }),
    });
    const body = await json(res);
    expect(body.problems[2].message).toBe('Nieznana kategoria graffiti');
    expect(body.problems[0].message).toContain('Podaj poniedziałek');
  });
});
