import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { schema } from '@groundswell/db';
import { loadDemo } from '@groundswell/db/demo';
import { sql } from '@groundswell/db/testing';
import { json, seedReport, testApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['entry', 'link', 'category'].includes(n) });

beforeAll(async () => {
  ctx = await testApp();
  await loadDemo(ctx.database, { now: new Date('2026-11-01T12:00:00Z') });
  const [litter] = await ctx.database.db.select().from(schema.categories).where(sql`code = 'litter'`);
  const r = await seedReport(
    ctx.database,
    litter!.id,
    { type: 'Point', coordinates: [-3.2, 56.41] },
    {
      publicId: 'atomxss1',
      description: '<script>alert(1)</script> ]]> & more',
      updatedAt: new Date('2026-11-01T11:59:00Z'),
    },
  );
  await ctx.database.db.insert(schema.reportEvents).values([
    { reportId: r.id, kind: 'created', actorType: 'resident', public: true, payload: {}, createdAt: new Date('2026-11-01T10:00:00Z') },
    {
      reportId: r.id,
      kind: 'internal_note',
      actorType: 'staff',
      actorLabel: 'Officer Hush',
      public: false,
      payload: { note: 'HUSH-NOTE', message: 'HUSH-MESSAGE' },
      createdAt: new Date('2026-11-01T11:00:00Z'),
    },
    { reportId: r.id, kind: 'state_changed', actorType: 'staff', actorLabel: 'Waste team', public: true, payload: { from: 'new', to: 'in_progress' }, createdAt: new Date('2026-11-01T11:30:00Z') },
    { reportId: r.id, kind: 'public_answer', actorType: 'staff', actorLabel: 'Waste team', public: true, payload: { message: 'Crew on the way' }, createdAt: new Date('2026-11-01T11:59:00Z') },
  ]);
});
afterAll(() => ctx?.close());

async function atom(path: string) {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = parser.parse(text);
  expect(doc.feed.xmlns).toBe('http://www.w3.org/2005/Atom');
  return { text, feed: doc.feed };
}

describe('GET /feeds/reports.atom', () => {
  it('is valid Atom: id, title, updated, self link, rights, and an entry per changed report, newest first', async () => {
    const { feed } = await atom('/feeds/reports.atom');
    expect(feed.id).toBeTruthy();
    expect(feed.title).toBeTruthy();
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    expect(feed.link.find((l: { rel: string }) => l.rel === 'self').href).toBe('http://gs.test/feeds/reports.atom');
    expect(feed.rights).toContain('ODbL-1.0');
    expect(feed.entry).toHaveLength(50);
    const updated = feed.entry.map((e: { updated: string }) => e.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    for (const e of feed.entry) {
      expect(e.id).toMatch(/^http:\/\/gs\.test\/#\/reports\/[a-z0-9]+$/);
      expect(e.link[0].href).toBe(e.id);
    }
  });

  it('shows untrusted text as text, never as markup', async () => {
    const { text, feed } = await atom('/feeds/reports.atom');
    expect(text).not.toContain('<script>');
    const entry = feed.entry.find((e: { id: string }) => e.id.endsWith('atomxss1'));
    expect(entry.summary['#text']).toBe('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; more');
  });

  it('filters by category, area and bbox; an unknown area is a 404, a bad bbox a 400', async () => {
    const litter = await atom('/feeds/reports.atom?category=litter');
    expect(litter.feed.entry.every((e: { category: { term: string }[] }) => e.category.some((c) => c.term === 'litter'))).toBe(true);
    const [area] = await ctx.database.rows<{ code: string; name: string }>(sql`select a.code, a.name from areas a join reports r on r.area_id = a.id group by a.id order by count(*) desc limit 1`);
    const byArea = await atom(`/feeds/reports.atom?area=${area!.code}`);
    expect(byArea.feed.entry.length).toBeGreaterThan(0);
    expect(byArea.feed.entry.every((e: { title: { '#text': string } }) => e.title['#text'].includes(area!.name))).toBe(true);
    const empty = await atom('/feeds/reports.atom?bbox=10,10,11,11');
    expect(empty.feed.entry).toBeUndefined();
    expect((await ctx.app.request('/feeds/reports.atom?area=nowhere')).status).toBe(404);
    const bad = await ctx.app.request('/feeds/reports.atom?bbox=1,2');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('query.bbox');
  });
});

describe('GET /feeds/reports/{id}.atom', () => {
  it("lists the report's public updates, newest first, without internal notes", async () => {
    const { text, feed } = await atom('/feeds/reports/atomxss1.atom');
    expect(feed.entry.map((e: { title: { '#text': string } }) => e.title['#text'])).toEqual(['The council answered', 'Now in progress', 'Reported']);
    expect(feed.entry[0].author.name).toBe('Waste team');
    expect(feed.entry[0].summary['#text']).toBe('Crew on the way');
    for (const secret of ['HUSH', 'Officer Hush']) expect(text).not.toContain(secret);
    expect(new Set(feed.entry.map((e: { id: string }) => e.id)).size).toBe(3);
  });

  it('404s for unknown and hidden reports', async () => {
    expect((await ctx.app.request('/feeds/reports/nosuch99.atom')).status).toBe(404);
    const [hidden] = await ctx.database.rows<{ id: string }>(sql`select public_id as id from reports where state = 'hidden' limit 1`);
    if (hidden) expect((await ctx.app.request(`/feeds/reports/${hidden.id}.atom`)).status).toBe(404);
  });
});
