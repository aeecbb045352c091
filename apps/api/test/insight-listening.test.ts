/**
 * Evidence figures (issue 13): listening responsiveness per source kind and month, and
 * chasers per report. Mentions, replies, reports and contacts with chosen times are written
 * straight into the database; every figure the API gives is checked against the same figure
 * worked out here from the rules (docs/insight.md), not from the SQL under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { json, seedCategory, seedReport, staffSessions, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { sql } from '@groundswell/db/testing';

const sqlCount = sql`select count(*)::int as n from call_volumes`;
/** A signed-in admin's headers for a request the session helper does not make (another language). */
async function staffHeaders(email: string): Promise<Record<string, string>> {
  const res = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://gs.test' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': (await json(res)).csrfToken, origin: 'http://gs.test', 'content-type': 'application/json' };
}
const sqlAudit = sql`select action from audit_log where action in ('calls_imported', 'go_live_set') order by id`;

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
const HOUR = 3_600_000;
const PERIOD = 'from=2026-08-01&to=2026-10-31';

type Kind = 'feed' | 'sms' | 'mastodon';
interface KnownMention {
  kind: Kind;
  receivedAt: Date;
  taken: 'converted' | 'attached' | null;
  replyAfterHours: number | null;
  folded: boolean;
}

/** A small deterministic PRNG (mulberry32), so the data set is the same every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = prng(13);
const KINDS: Kind[] = ['feed', 'sms', 'mastodon'];
const known: KnownMention[] = Array.from({ length: 40 }, (_, i) => {
  const r = rnd();
  return {
    kind: KINDS[i % 3]!,
    // August to October, and two in July (outside the period).
    receivedAt: i < 2 ? new Date(Date.UTC(2026, 6, 10 + i, 9)) : new Date(Date.UTC(2026, 7 + Math.floor(rnd() * 3), 1 + Math.floor(rnd() * 28), Math.floor(rnd() * 24))),
    taken: r < 0.3 ? 'converted' : r < 0.45 ? 'attached' : null,
    replyAfterHours: rnd() < 0.6 ? Math.round(rnd() * 9600) / 100 : null,
    folded: i % 11 === 5,
  };
});

const month = (d: Date) => d.toISOString().slice(0, 7);
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}
const share = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

function expected(select: (m: KnownMention) => boolean) {
  const ms = known.filter((m) => !m.folded && m.receivedAt >= new Date('2026-08-01T00:00:00Z') && m.receivedAt < new Date('2026-11-01T00:00:00Z') && select(m));
  const taken = ms.filter((m) => m.taken).length;
  const replies = ms.filter((m) => m.replyAfterHours !== null).map((m) => m.replyAfterHours!);
  const med = median(replies);
  return {
    received: ms.length,
    convertedOrAttached: taken,
    shareConvertedOrAttached: share(taken, ms.length),
    answered: replies.length,
    shareAnswered: share(replies.length, ms.length),
    medianHoursToFirstReply: med === null ? null : Math.round(med * 100) / 100,
  };
}

// Chasers: reports with a known number of later contacts.
interface KnownReport {
  category: 'litter' | 'pothole';
  channel: 'web' | 'phone' | 'social_media';
  createdAt: Date;
  hidden: boolean;
  /** Contacts logged by hand, mentions attached through the inbox (a contact each), and one attached without a logged contact. */
  logged: number;
  attachedWithEvent: number;
  attachedBare: number;
}
const reportsKnown: KnownReport[] = Array.from({ length: 24 }, (_, i) => ({
  category: i % 2 ? 'litter' : 'pothole',
  channel: (['web', 'phone', 'social_media'] as const)[i % 3]!,
  createdAt: new Date(Date.UTC(2026, 8 + (i % 2 === 0 && i % 4 === 0 ? 1 : 0), 3 + i, 10)),
  hidden: i === 7,
  logged: i % 4 === 1 ? 2 : i % 5 === 0 ? 1 : 0,
  attachedWithEvent: i % 6 === 2 ? 1 : 0,
  attachedBare: i === 9 ? 1 : 0,
}));

function expectedChasers(includeHidden: boolean) {
  const groups = new Map<string, { month: string; category: string; channel: string; reports: number; chased: number; chasers: number }>();
  for (const r of reportsKnown) {
    if (r.hidden && !includeHidden) continue;
    const key = `${month(r.createdAt)}|${r.category}|${r.channel}`;
    const g = groups.get(key) ?? { month: month(r.createdAt), category: r.category, channel: r.channel, reports: 0, chased: 0, chasers: 0 };
    const n = r.logged + r.attachedWithEvent + r.attachedBare;
    g.reports += 1;
    g.chased += n > 0 ? 1 : 0;
    g.chasers += n;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category) || a.channel.localeCompare(b.channel))
    .map((g) => ({ ...g, shareChased: share(g.chased, g.reports), chasersPerReport: Math.round((g.chasers / g.reports) * 100) / 100 }));
}

beforeAll(async () => {
  ctx = await testApp();
  const db = ctx.database.db;
  const litter = await seedCategory(ctx.database, 'litter');
  const pothole = await seedCategory(ctx.database, 'pothole');
  const sources = await db
    .insert(schema.listeningSources)
    .values(KINDS.map((kind) => ({ kind, name: `The ${kind}` })))
    .returning();
  const sourceOf = (k: Kind) => sources.find((s) => s.kind === k)!.id;
  const target = await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] });
  let firstId = 0;
  for (const [i, m] of known.entries()) {
    const [row] = await db
      .insert(schema.mentions)
      .values({
        sourceId: sourceOf(m.kind),
        externalId: `x${i}`,
        text: `Secret words of mention ${i}`,
        author: `@resident${i}`,
        authorHash: `hash${i}`,
        postedAt: new Date(m.receivedAt.getTime() - HOUR),
        receivedAt: m.receivedAt,
        state: m.taken ?? (m.replyAfterHours !== null ? 'answered' : 'new'),
        reportId: m.taken ? target.id : null,
        foldedIntoId: m.folded ? firstId : null,
        firstReplyAt: m.replyAfterHours === null ? null : new Date(m.receivedAt.getTime() + m.replyAfterHours * HOUR),
      })
      .returning();
    if (i === 0) firstId = row!.id;
  }
  // The target's own attached mentions are not chasers here: it is outside the chaser period (created now).
  const chaserSource = sourceOf('sms');
  for (const [i, r] of reportsKnown.entries()) {
    const rep = await seedReport(
      ctx.database,
      r.category === 'litter' ? litter.id : pothole.id,
      { type: 'Point', coordinates: [-3.2, 56.4] },
      { channel: r.channel, createdAt: r.createdAt, state: r.hidden ? 'hidden' : 'new' },
    );
    const contact = (payload: Record<string, unknown>) =>
      db.insert(schema.reportEvents).values({ reportId: rep.id, kind: 'contact_logged', actorType: 'staff', public: false, payload, createdAt: new Date(r.createdAt.getTime() + 5 * HOUR) });
    for (let k = 0; k < r.logged; k++) await contact({ channel: 'phone' });
    const attach = async (withEvent: boolean, k: number) => {
      const [m] = await db
        .insert(schema.mentions)
        .values({
          sourceId: chaserSource,
          externalId: `c${i}-${k}-${withEvent}`,
          text: 'chaser',
          postedAt: r.createdAt,
          receivedAt: new Date('2026-06-01T00:00:00Z'),
          state: 'attached',
          reportId: rep.id,
        })
        .returning();
      if (withEvent) await contact({ channel: 'sms', mentionId: m!.id });
    };
    for (let k = 0; k < r.attachedWithEvent; k++) await attach(true, k);
    for (let k = 0; k < r.attachedBare; k++) await attach(false, k);
  }
  await createStaff(ctx.database, { email: 'planner@council.example', name: 'Planner', role: 'officer', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
  await createStaff(ctx.database, { email: 'admin@council.example', name: 'Admin', role: 'admin', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
  await seedCategory(ctx.database, 'graffiti');
  // Litter is promoted: the council listens for it.
  await db.insert(schema.keywordRules).values({ name: 'Litter', language: 'en', keywords: ['litter'], categoryId: litter.id });
  staff = staffSessions(ctx.app, 'correct horse battery');
  await staff.signIn('planner@council.example');
  await staff.signIn('admin@council.example');
});

afterAll(async () => {
  await ctx?.close();
});

describe('listening responsiveness', () => {
  it('gives per source kind and month the counts, shares and median hours worked out by hand', async () => {
    const res = await ctx.app.request(`/api/insight/listening?${PERIOD}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.period).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    const months = ['2026-08', '2026-09', '2026-10'];
    const want = [
      ...KINDS.flatMap((k) => [
        ...months.map((mo) => ({ sourceKind: k, month: mo, ...expected((m) => m.kind === k && month(m.receivedAt) === mo) })).filter((r) => r.received > 0),
        { sourceKind: k, month: 'all', ...expected((m) => m.kind === k) },
      ]),
      { sourceKind: 'all', month: 'all', ...expected(() => true) },
    ];
    expect(body.rows).toEqual(want);
    // The data set exercises every part of the rule.
    const all = body.rows.at(-1);
    expect(all.answered).toBeGreaterThan(3);
    expect(all.convertedOrAttached).toBeGreaterThan(3);
    expect(all.received).toBeLessThan(known.length);
  });

  it('has no mention text or author in the public figures or their CSV, and staff see the same numbers', async () => {
    const pub = await (await ctx.app.request(`/api/insight/listening?${PERIOD}`)).text();
    const csv = await (await ctx.app.request(`/api/insight/listening?${PERIOD}&format=csv`)).text();
    for (const text of [pub, csv]) {
      expect(text).not.toMatch(/Secret words|resident\d|hash\d/);
    }
    const staffBody = await json(await staff.get('planner@council.example', `/api/staff/insight/listening?${PERIOD}`));
    expect(staffBody).toEqual(JSON.parse(pub));
    expect((await ctx.app.request(`/api/staff/insight/listening?${PERIOD}`)).status).toBe(401);
  });

  it('downloads the same figures as CSV', async () => {
    const res = await ctx.app.request(`/api/insight/listening?${PERIOD}&format=csv`);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('groundswell-listening-2026-08-01-to-2026-10-31.csv');
    const lines = (await res.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('source_kind,month,received,converted_or_attached,share_converted_or_attached,answered,share_answered,median_hours_to_first_reply');
    const a = expected(() => true);
    expect(lines.at(-1)).toBe(['all', 'all', a.received, a.convertedOrAttached, a.shareConvertedOrAttached, a.answered, a.shareAnswered, a.medianHoursToFirstReply ?? ''].join(','));
  });

  it('names a bad period in a problem', async () => {
    const res = await ctx.app.request('/api/insight/listening?from=2026-10-01&to=2026-09-01');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await json(res))).toContain('query.from');
  });
});

describe('chasers per report', () => {
  it('gives the share of reports chased by month, category and channel, hidden reports for staff only', async () => {
    const pub = await json(await ctx.app.request(`/api/insight/chasers?${PERIOD}`));
    expect(pub.rows).toEqual(expectedChasers(false));
    const st = await json(await staff.get('planner@council.example', `/api/staff/insight/chasers?${PERIOD}`));
    expect(st.rows).toEqual(expectedChasers(true));
    expect(st.rows).not.toEqual(pub.rows);
    expect(pub.rows.reduce((n: number, r: { chasers: number }) => n + r.chasers, 0)).toBeGreaterThan(5);
  });

  it('filters by category and downloads CSV', async () => {
    const body = await json(await ctx.app.request(`/api/insight/chasers?${PERIOD}&category=litter`));
    expect(body.rows).toEqual(expectedChasers(false).filter((r) => r.category === 'litter'));
    const csv = await (await ctx.app.request(`/api/insight/chasers?${PERIOD}&format=csv`)).text();
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('month,category,channel,reports,chased,chasers,share_chased,chasers_per_report');
    expect(lines.length).toBe(expectedChasers(false).length + 1);
  });
});

describe('contact-centre calls', () => {
  const ADMIN = 'admin@council.example';
  const OFFICER = 'planner@council.example';
  const WEEKS = Array.from({ length: 8 }, (_, i) => new Date(Date.parse('2026-08-03T00:00:00Z') + i * 7 * 24 * HOUR).toISOString().slice(0, 10));
  const GO_LIVE = '2026-08-24';
  const CALLS: Record<string, number[]> = { litter: [40, 42, 38, 30, 28, 26, 24, 22], graffiti: [10, 12, 8, 11, 9, 10, 10, 10] };
  const csvOf = (calls: Record<string, number[]>) =>
    ['week,category,calls', ...Object.entries(calls).flatMap(([cat, xs]) => xs.map((n, i) => `${WEEKS[i]},${cat},${n}`)), '2026-07-20,litter,99'].join('\r\n');
  const count = async () => Number((await ctx.database.rows<{ n: number }>(sqlCount))[0]!.n);

  it('refuses a bad file naming each line and column, and stores nothing of it', async () => {
    const bad = ['week,category,calls', '2026-08-03,litter,40', '2026-08-04,litter,41', '2026-08-10,graffiti,-3', '2026-08-10,nosuch,5', '2026-08-03,litter,7'].join('\n');
    const res = await staff.post(ADMIN, '/api/staff/insight/calls', { csv: bad });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await json(res);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['csv: line 3, column week', 'csv: line 4, column calls', 'csv: line 5, column category', 'csv: line 6, column category']);
    expect(body.errors[2].message).toBe('Unknown category nosuch');
    expect(await count()).toBe(0);
    const header = await json(await staff.post(ADMIN, '/api/staff/insight/calls', { csv: 'week,calls\n2026-08-03,4' }));
    expect(header.errors[0].field).toBe('csv: line 1, column category');
    const pl = await ctx.app.request('/api/staff/insight/calls', {
      method: 'POST',
      headers: { ...(await staffHeaders(ADMIN)), 'accept-language': 'pl' },
      body: JSON.stringify({ csv: bad }),
    });
    expect((await json(pl)).errors[1].message).toBe('Podaj liczbę połączeń: liczbę całkowitą, 0 lub więcej');
  });

  it('is for admins only: an officer may read the figures but not import or set the go-live date', async () => {
    expect((await staff.post(OFFICER, '/api/staff/insight/calls', { csv: csvOf(CALLS) })).status).toBe(403);
    expect((await staff.post(OFFICER, '/api/staff/insight/go-live', { date: GO_LIVE }, 'PUT')).status).toBe(403);
    expect((await ctx.app.request('/api/staff/insight/calls', { method: 'POST', body: JSON.stringify({ csv: 'x' }), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect(await count()).toBe(0);
    expect((await staff.get(OFFICER, `/api/staff/insight/calls?${PERIOD}`)).status).toBe(200);
  });

  it('upserts per week and category, and compares promoted categories with the rest before and after go-live', async () => {
    const first = await staff.post(ADMIN, '/api/staff/insight/calls', { csv: csvOf({ ...CALLS, litter: CALLS.litter!.map((n) => n + 100) }) });
    expect(first.status).toBe(200);
    expect((await json(first)).imported).toBe(17);
    const again = await json(await staff.post(ADMIN, '/api/staff/insight/calls', { csv: csvOf(CALLS) }));
    expect(again.imported).toBe(17);
    expect(await count()).toBe(17);
    const live = await staff.post(ADMIN, '/api/staff/insight/go-live', { date: GO_LIVE }, 'PUT');
    expect(live.status).toBe(200);

    const body = await json(await ctx.app.request(`/api/insight/calls?${PERIOD}`));
    expect(body.goLive).toBe(GO_LIVE);
    const weekOf = (d: Date) => {
      const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 24 * HOUR).toISOString().slice(0, 10);
    };
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
    const want = (cat: 'litter' | 'graffiti', promoted: boolean) => {
      const weeks = WEEKS.map((week, i) => ({
        week,
        calls: CALLS[cat]![i]!,
        webReports: reportsKnown.filter((r) => r.category === cat && r.channel === 'web' && !r.hidden && weekOf(r.createdAt) === week).length,
        mentions: cat === 'litter' ? known.filter((m) => m.taken && !m.folded && weekOf(m.receivedAt) === week).length : 0,
      }));
      const side = (after: boolean) => {
        const ws = weeks.filter((w) => w.week >= GO_LIVE === after);
        return { weeks: ws.length, meanCalls: mean(ws.map((w) => w.calls)), meanWebReports: mean(ws.map((w) => w.webReports)), meanMentions: mean(ws.map((w) => w.mentions)) };
      };
      const before = side(false);
      const after = side(true);
      return { category: cat, label: { en: cat, pl: `pl ${cat}` }, promoted, weeks, before, after, change: Math.round((after.meanCalls - before.meanCalls) * 100) / 100 };
    };
    const graffiti = want('graffiti', false);
    const litter = want('litter', true);
    expect(body.categories).toEqual([graffiti, litter]);
    expect(litter.change).toBe(-14);
    expect(body.promotedChange).toBe(litter.change);
    expect(body.comparisonChange).toBe(graffiti.change);
    expect(body.differenceInDifferences).toBe(Math.round((litter.change - graffiti.change) * 100) / 100);
    // The data set puts some mentions and web reports in these weeks, so those columns are exercised.
    expect(litter.weeks.some((w) => w.mentions > 0)).toBe(true);

    const csv = await (await ctx.app.request(`/api/insight/calls?${PERIOD}&format=csv`)).text();
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('week,category,promoted,side,calls,web_reports,mentions,mean_calls_before,mean_calls_after,change,go_live,difference_in_differences');
    expect(lines).toHaveLength(17);
    expect(lines).toContain(`2026-08-24,litter,true,after,30,${litter.weeks[3]!.webReports},${litter.weeks[3]!.mentions},40,26,-14,${GO_LIVE},${body.differenceInDifferences}`);

    const audit = await ctx.database.rows<{ action: string }>(sqlAudit);
    expect(audit.map((a) => a.action)).toEqual(['calls_imported', 'calls_imported', 'go_live_set']);
  });
});
