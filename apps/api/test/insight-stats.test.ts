/**
 * The insight figures against a known data set: reports with chosen times, states, channels
 * and places are written straight into the database, and every figure the API gives is
 * checked against the same figure worked out here, in TypeScript, from the rules in
 * docs/insight.md (not from the SQL under test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { json, testApp } from './helpers.ts';
import { hashPassword } from '../src/staff/passwords.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
const NOW = new Date('2026-11-01T12:00:00Z'); // the helpers' fixed clock
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORIGIN = 'http://gs.test';

// ---------------------------------------------------------------------------------------
// The known data set

type State = 'new' | 'acknowledged' | 'in_progress' | 'action_scheduled' | 'fixed' | 'closed' | 'duplicate' | 'referred' | 'hidden';
type ChannelName = 'web' | 'phone' | 'email' | 'social_media' | 'in_person' | 'open311';

interface Known {
  publicId: string;
  category: 'litter' | 'blocked_ditch' | 'pothole';
  team: 'waste' | 'drains' | 'roads';
  area: 'west' | 'east' | null;
  state: State;
  channel: ChannelName;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  supportCount: number;
  lon: number;
  lat: number;
}

const PROMISE: Record<Known['category'], number> = { litter: 5, blocked_ditch: 10, pothole: 3 };
const TEAM_OF: Record<Known['category'], Known['team']> = { litter: 'waste', blocked_ditch: 'drains', pothole: 'roads' };
const STATES: State[] = ['new', 'acknowledged', 'in_progress', 'action_scheduled', 'fixed', 'closed', 'duplicate', 'referred', 'hidden', 'fixed', 'closed', 'closed'];
const CHANNELS: ChannelName[] = ['web', 'phone', 'email', 'social_media', 'in_person', 'open311'];

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

function knownReports(): Known[] {
  const rnd = prng(20261101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Known[] = [];
  for (let i = 0; i < 160; i++) {
    const category = (['litter', 'blocked_ditch', 'pothole'] as const)[i % 3]!;
    // Some potholes are worked by the drainage team, so teams and categories differ.
    const team = category === 'pothole' && i % 4 === 0 ? 'drains' : TEAM_OF[category];
    // Received between 2025-12-10 and 2026-10-31, whole minutes.
    const createdAt = new Date(Date.UTC(2025, 11, 10) + Math.floor(rnd() * 325 * 24 * 60) * 60_000);
    // Web grows over the year: later months pick web more often.
    const month = createdAt.getUTCMonth() + (createdAt.getUTCFullYear() === 2026 ? 1 : 0);
    const channel = rnd() < 0.2 + month * 0.05 ? 'web' : pick(CHANNELS);
    let state = pick(STATES);
    if (createdAt.getTime() > NOW.getTime() - 2 * DAY) state = 'new';
    const ackHours = 1 + Math.floor(rnd() * 200);
    const acknowledgedAt = state === 'new' ? null : new Date(createdAt.getTime() + ackHours * HOUR + Math.floor(rnd() * 60) * 60_000);
    const closed = ['fixed', 'closed', 'duplicate', 'referred', 'hidden'].includes(state);
    let resolvedAt = closed ? new Date(acknowledgedAt!.getTime() + Math.floor(rnd() * 500) * HOUR) : null;
    if (resolvedAt && resolvedAt > NOW) resolvedAt = new Date(NOW.getTime() - HOUR);
    const lon = -3.3 + rnd() * 0.2;
    const lat = 56.38 + rnd() * 0.08;
    out.push({
      publicId: `k${String(i).padStart(5, '0')}`,
      category,
      team,
      area: lon < -3.2 ? 'west' : i % 5 === 0 ? null : 'east',
      state,
      channel,
      createdAt,
      acknowledgedAt,
      resolvedAt,
      supportCount: Math.floor(rnd() * 12),
      lon,
      lat,
    });
  }
  // Edge cases: resolved exactly at the promise (within), one minute after (not), closed with no resolved_at.
  const edge = (n: number, over: Partial<Known>): void => void Object.assign(out[n]!, over);
  edge(0, { state: 'fixed', createdAt: new Date('2026-03-03T10:00:00Z'), acknowledgedAt: new Date('2026-03-03T12:00:00Z'), resolvedAt: new Date('2026-03-08T10:00:00Z') });
  edge(3, { state: 'closed', createdAt: new Date('2026-03-04T10:00:00Z'), acknowledgedAt: new Date('2026-03-04T12:00:00Z'), resolvedAt: new Date('2026-03-09T10:01:00Z') });
  edge(6, { state: 'closed', resolvedAt: null });
  // Month and period boundaries: the last minute of January and the first of February.
  edge(9, { createdAt: new Date('2026-01-31T23:59:00Z') });
  edge(12, { createdAt: new Date('2026-02-01T00:00:00Z') });
  return out;
}

const data = knownReports();
const FROM = '2026-01-01';
const TO = '2026-10-31';
const inPeriod = (r: Known, from = FROM, to = TO) => r.createdAt >= new Date(`${from}T00:00:00Z`) && r.createdAt < new Date(Date.parse(`${to}T00:00:00Z`) + DAY);
const publicRows = data.filter((r) => inPeriod(r) && r.state !== 'hidden');
const staffRows = data.filter((r) => inPeriod(r));

// ---------------------------------------------------------------------------------------
// Reference figures, worked out here

/** Linear interpolation between closest ranks (as PERCENTILE.INC in a spreadsheet). */
function percentileOf(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

const days = (a: Date, b: Date) => (b.getTime() - a.getTime()) / DAY;
const isResolved = (r: Known) => ['fixed', 'closed', 'referred'].includes(r.state) && r.resolvedAt !== null;
const isOpen = (r: Known) => ['new', 'acknowledged', 'in_progress', 'action_scheduled'].includes(r.state);

function expectedTiming(rows: Known[]) {
  const timed = rows.filter((r) => r.state !== 'duplicate' && r.state !== 'hidden');
  const ack = timed.filter((r) => r.acknowledgedAt).map((r) => days(r.createdAt, r.acknowledgedAt!));
  const res = timed.filter(isResolved).map((r) => days(r.createdAt, r.resolvedAt!));
  const due = timed.filter((r) => isResolved(r) || (isOpen(r) && NOW.getTime() - r.createdAt.getTime() > PROMISE[r.category] * DAY));
  const within = timed.filter((r) => isResolved(r) && r.resolvedAt!.getTime() - r.createdAt.getTime() <= PROMISE[r.category] * DAY);
  return {
    reports: timed.length,
    acknowledged: ack.length,
    acknowledgeMedianDays: percentileOf(ack, 0.5),
    acknowledgeP90Days: percentileOf(ack, 0.9),
    resolved: res.length,
    resolveMedianDays: percentileOf(res, 0.5),
    resolveP90Days: percentileOf(res, 0.9),
    due: due.length,
    withinPromise: within.length,
    shareWithinPromise: due.length ? within.length / due.length : null,
  };
}

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const monthOf = (d: Date) => d.toISOString().slice(0, 7);
function expectedMonthly(rows: Known[], key: (r: Known) => string) {
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    const k = key(r);
    out[k] ??= MONTHS.map(() => 0);
    out[k]![MONTHS.indexOf(monthOf(r.createdAt))]! += 1;
  }
  return out;
}

/** A CSV parser for the downloads (RFC 4180 quotes, CRLF, a BOM). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"' && t[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r') continue;
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  // The API gives days to two decimals.
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(0.0051);
};

// ---------------------------------------------------------------------------------------

let cookie = '';
beforeAll(async () => {
  ctx = await testApp();
  const { db } = ctx.database;
  const teams = await db
    .insert(schema.teams)
    .values([
      { code: 'waste', name: 'Waste' },
      { code: 'drains', name: 'Drains' },
      { code: 'roads', name: 'Roads' },
    ])
    .returning();
  const teamId = Object.fromEntries(teams.map((t) => [t.code, t.id]));
  const cats = await db
    .insert(schema.categories)
    .values(
      (Object.keys(PROMISE) as Known['category'][]).map((code) => ({
        code,
        name: { en: `${code} (en)`, pl: `${code} (pl)` },
        geometryTypes: ['Point' as const],
        responseDays: PROMISE[code],
        contactRequired: { name: false, email: false, phone: false },
        defaultTeamId: teamId[TEAM_OF[code]]!,
      })),
    )
    .returning();
  const catId = Object.fromEntries(cats.map((c) => [c.code, c.id]));
  const box = (w: number, e: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, 56.3],
        [e, 56.3],
        [e, 56.5],
        [w, 56.5],
        [w, 56.3],
      ],
    ] as [number, number][][],
  });
  const areas = await db
    .insert(schema.areas)
    .values([
      { code: 'west', name: 'West', kind: 'ward', geom: box(-3.4, -3.2) },
      { code: 'east', name: 'East', kind: 'ward', geom: box(-3.2, -3.0) },
    ])
    .returning();
  const areaId = Object.fromEntries(areas.map((a) => [a.code, a.id]));
  await db.insert(schema.reports).values(
    data.map((r) => ({
      publicId: r.publicId,
      categoryId: catId[r.category]!,
      teamId: teamId[r.team]!,
      areaId: r.area ? areaId[r.area]! : null,
      state: r.state,
      geom: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
      point: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
      geomType: 'Point' as const,
      description: `Known report ${r.publicId}`,
      channel: r.channel,
      supportCount: r.supportCount,
      createdAt: r.createdAt,
      updatedAt: r.resolvedAt ?? r.acknowledgedAt ?? r.createdAt,
      acknowledgedAt: r.acknowledgedAt,
      resolvedAt: r.resolvedAt,
    })),
  );
  await createStaff(ctx.database, { email: 'planner@council.example', name: 'Planner', role: 'officer', passwordHash: await hashPassword('correct horse battery'), teamCodes: ['drains'] });
  const res = await ctx.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email: 'planner@council.example', password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => ctx?.close());

const get = (path: string, staff = false) => ctx.app.request(path, staff ? { headers: { cookie } } : {});
const period = `from=${FROM}&to=${TO}`;

describe('reports received per month', () => {
  it('counts public reports by category, month by month, with hidden ones left out', async () => {
    const res = await get(`/api/insight/volume?by=category&${period}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.months).toEqual(MONTHS);
    const expected = expectedMonthly(publicRows, (r) => r.category);
    expect(Object.fromEntries(body.series.map((s: { key: string; counts: number[] }) => [s.key, s.counts]))).toEqual(expected);
    expect(body.total).toBe(publicRows.length);
    expect(body.totals).toEqual(MONTHS.map((m) => publicRows.filter((r) => monthOf(r.createdAt) === m).length));
    expect(body.series.find((s: { key: string }) => s.key === 'litter').label).toEqual({ en: 'litter (en)', pl: 'litter (pl)' });
  });

  it('puts the last minute of January in January and the first of February in February', async () => {
    const body = await json(await get(`/api/insight/volume?by=category&from=2026-01-31&to=2026-02-01`));
    expect(body.months).toEqual(['2026-01', '2026-02']);
    const jan = data.filter((r) => r.state !== 'hidden' && r.createdAt.toISOString().startsWith('2026-01-31'));
    const feb = data.filter((r) => r.state !== 'hidden' && r.createdAt.toISOString().startsWith('2026-02-01'));
    expect(body.totals).toEqual([jan.length, feb.length]);
    expect(jan.length).toBeGreaterThan(0);
    expect(feb.length).toBeGreaterThan(0);
  });

  it('gives the channel mix month by month: evidence of channel shift', async () => {
    const body = await json(await get(`/api/insight/volume?by=channel&${period}`));
    expect(Object.fromEntries(body.series.map((s: { key: string; counts: number[] }) => [s.key, s.counts]))).toEqual(expectedMonthly(publicRows, (r) => r.channel));
    const web = body.series.find((s: { key: string }) => s.key === 'web');
    expect(web.total).toBe(publicRows.filter((r) => r.channel === 'web').length);
  });

  it('counts by area (none for reports outside every area), filtered by category and area', async () => {
    const all = await json(await get(`/api/insight/volume?by=area&${period}`));
    expect(Object.fromEntries(all.series.map((s: { key: string; counts: number[] }) => [s.key, s.counts]))).toEqual(expectedMonthly(publicRows, (r) => r.area ?? 'none'));
    const some = await json(await get(`/api/insight/volume?by=state&${period}&category=litter,pothole&area=east`));
    const rows = publicRows.filter((r) => (r.category === 'litter' || r.category === 'pothole') && r.area === 'east');
    expect(Object.fromEntries(some.series.map((s: { key: string; counts: number[] }) => [s.key, s.counts]))).toEqual(expectedMonthly(rows, (r) => r.state));
  });

  it('counts hidden reports on the staff dashboard only, behind the session', async () => {
    expect((await get(`/api/staff/insight/volume?by=state&${period}`)).status).toBe(401);
    const body = await json(await get(`/api/staff/insight/volume?by=state&${period}`, true));
    expect(Object.fromEntries(body.series.map((s: { key: string; counts: number[] }) => [s.key, s.counts]))).toEqual(expectedMonthly(staffRows, (r) => r.state));
    expect(body.series.some((s: { key: string }) => s.key === 'hidden')).toBe(true);
  });

  it('downloads the same numbers as CSV', async () => {
    const res = await get(`/api/insight/volume?by=channel&${period}&format=csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="groundswell-reports-by-channel-2026-01-01-to-2026-10-31\.csv"/);
    const rows = parseCsv(await res.text());
    const expected = expectedMonthly(publicRows, (r) => r.channel);
    const fromCsv: Record<string, number[]> = {};
    for (const row of rows) {
      fromCsv[row.key!] ??= MONTHS.map(() => 0);
      fromCsv[row.key!]![MONTHS.indexOf(row.month!)] = Number(row.count);
    }
    expect(fromCsv).toEqual(expected);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await get('/api/insight/volume?from=2026-05-01&to=2026-04-01');
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe('validation_failed');
  });
});

describe('response times against the promise', () => {
  const check = (row: Record<string, number | null>, e: ReturnType<typeof expectedTiming>) => {
    expect(row.reports).toBe(e.reports);
    expect(row.acknowledged).toBe(e.acknowledged);
    close(row.acknowledgeMedianDays!, e.acknowledgeMedianDays);
    close(row.acknowledgeP90Days!, e.acknowledgeP90Days);
    expect(row.resolved).toBe(e.resolved);
    close(row.resolveMedianDays!, e.resolveMedianDays);
    close(row.resolveP90Days!, e.resolveP90Days);
    expect(row.due).toBe(e.due);
    expect(row.withinPromise).toBe(e.withinPromise);
    if (e.shareWithinPromise === null) expect(row.shareWithinPromise).toBeNull();
    else expect(row.shareWithinPromise).toBeCloseTo(e.shareWithinPromise, 4);
  };

  it('gives medians, 90th percentiles and the share within the promise by category', async () => {
    const body = await json(await get(`/api/insight/response-times?by=category&${period}`));
    expect(body.rows.map((r: { key: string }) => r.key).sort()).toEqual(['all', 'blocked_ditch', 'litter', 'pothole']);
    for (const category of ['litter', 'blocked_ditch', 'pothole'] as const) {
      const row = body.rows.find((r: { key: string }) => r.key === category);
      expect(row.promiseDaysMin).toBe(PROMISE[category]);
      expect(row.promiseDaysMax).toBe(PROMISE[category]);
      check(row, expectedTiming(publicRows.filter((r) => r.category === category)));
    }
    check(
      body.rows.find((r: { key: string }) => r.key === 'all'),
      expectedTiming(publicRows),
    );
  });

  it('gives the same by team, where a team can serve categories with different promises', async () => {
    const body = await json(await get(`/api/insight/response-times?by=team&${period}`));
    for (const team of ['waste', 'drains', 'roads'] as const) {
      const row = body.rows.find((r: { key: string }) => r.key === team);
      check(row, expectedTiming(publicRows.filter((r) => r.team === team)));
    }
    const drains = body.rows.find((r: { key: string }) => r.key === 'drains');
    expect([drains.promiseDaysMin, drains.promiseDaysMax]).toEqual([3, 10]);
  });

  it('counts a report resolved exactly at the promise as within it, a minute later as not', async () => {
    const body = await json(await get(`/api/insight/response-times?by=category&from=2026-03-03&to=2026-03-04&category=litter`));
    const row = body.rows.find((r: { key: string }) => r.key === 'litter');
    // data[0] (litter) is exactly 5 days; data[3] (litter) is 5 days and a minute.
    const rows = data.filter((r) => inPeriod(r, '2026-03-03', '2026-03-04') && r.category === 'litter' && r.state !== 'hidden');
    expect(rows.map((r) => r.publicId)).toEqual(expect.arrayContaining(['k00000', 'k00003']));
    check(row, expectedTiming(rows));
  });

  it('downloads the same numbers as CSV', async () => {
    const [body, csv] = await Promise.all([
      Promise.resolve(get(`/api/insight/response-times?by=team&${period}`)).then((r) => json(r)),
      Promise.resolve(get(`/api/insight/response-times?by=team&${period}&format=csv`)).then((r) => r.text()),
    ]);
    const rows = parseCsv(csv);
    expect(rows.length).toBe(body.rows.length);
    for (const row of rows) {
      const j = body.rows.find((r: { key: string }) => r.key === row.key);
      expect(Number(row.reports)).toBe(j.reports);
      expect(Number(row.acknowledge_median_days)).toBe(j.acknowledgeMedianDays);
      expect(Number(row.resolve_p90_days)).toBe(j.resolveP90Days);
      expect(Number(row.within_promise)).toBe(j.withinPromise);
      expect(Number(row.due)).toBe(j.due);
      expect(row.share_within_promise === '' ? null : Number(row.share_within_promise)).toBe(j.shareWithinPromise);
    }
  });
});

describe('most supported open reports', () => {
  it('lists open public reports by supporters, oldest first among equals', async () => {
    const body = await json(await get(`/api/insight/top-supported?${period}&limit=5`));
    const expected = publicRows
      .filter((r) => isOpen(r) && r.supportCount > 0)
      .sort((a, b) => b.supportCount - a.supportCount || a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, 5)
      .map((r) => [r.publicId, r.supportCount]);
    expect(body.reports.map((r: { id: string; supportCount: number }) => [r.id, r.supportCount])).toEqual(expected);
    const csv = parseCsv(await (await get(`/api/insight/top-supported?${period}&limit=5&format=csv`)).text());
    expect(csv.map((r) => [r.id, Number(r.support_count)])).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------
// Hot spots

const R = 6378137;
const merc = ([lon, lat]: [number, number]): [number, number] => [R * ((lon * Math.PI) / 180), R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
function inside(p: [number, number], ring: [number, number][]): boolean {
  let yes = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) yes = !yes;
  }
  return yes;
}

describe('hot spots in hexagons', () => {
  const A = { from: '2026-07-01', to: '2026-09-30' };
  const B = { from: '2026-04-01', to: '2026-06-30' };
  const bbox: [number, number, number, number] = [-3.27, 56.39, -3.14, 56.45];
  const inBox = (r: Known) => r.lon >= bbox[0] && r.lon <= bbox[2] && r.lat >= bbox[1] && r.lat <= bbox[3];

  it('counts every report in the box in exactly one hexagon, for both periods, and gives the difference', async () => {
    const res = await get(`/api/insight/hexagons?from=${A.from}&to=${A.to}&compareFrom=${B.from}&compareTo=${B.to}&size=1000&bbox=${bbox.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const body = await json(res);
    const a = data.filter((r) => r.state !== 'hidden' && inPeriod(r, A.from, A.to) && inBox(r));
    const b = data.filter((r) => r.state !== 'hidden' && inPeriod(r, B.from, B.to) && inBox(r));
    expect(a.length).toBeGreaterThan(10);
    expect(body.total).toBe(a.length);
    expect(body.compareTotal).toBe(b.length);
    const sum = (k: 'count' | 'compareCount') => body.features.reduce((n: number, f: { properties: Record<string, number> }) => n + f.properties[k]!, 0);
    expect(sum('count')).toBe(a.length);
    expect(sum('compareCount')).toBe(b.length);
    // Each hexagon holds exactly the reports inside its polygon (tested on Web Mercator, where its edges are straight).
    for (const f of body.features as Array<{ geometry: { coordinates: [number, number][][] }; properties: Record<string, number> }>) {
      const ring = f.geometry.coordinates[0]!.map(merc);
      expect(f.properties.count).toBe(a.filter((r) => inside(merc([r.lon, r.lat]), ring)).length);
      expect(f.properties.compareCount).toBe(b.filter((r) => inside(merc([r.lon, r.lat]), ring)).length);
      expect(f.properties.difference).toBe(f.properties.count! - f.properties.compareCount!);
    }
  });

  it("uses the cells of PostGIS's own hexagon grid (ST_HexagonGrid)", async () => {
    const body = await json(await get(`/api/insight/hexagons?from=${A.from}&to=${A.to}&size=1000`));
    // The grid is scaled at the middle latitude of the council's areas (56.3 to 56.5 here).
    const s = 1000 / Math.cos((56.4 * Math.PI) / 180);
    for (const f of body.features.slice(0, 5) as Array<{ geometry: { coordinates: [number, number][][] }; properties: { i: number; j: number } }>) {
      const ring = f.geometry.coordinates[0]!.map(merc);
      const cx = ring.slice(0, -1).reduce((a, p) => a + p[0], 0) / 6;
      const cy = ring.slice(0, -1).reduce((a, p) => a + p[1], 0) / 6;
      const [cell] = await ctx.database.rows<{ i: number; j: number; x: number; y: number }>(sql`
        select h.i, h.j, ST_X(ST_Centroid(h.geom)) as x, ST_Y(ST_Centroid(h.geom)) as y
        from ST_HexagonGrid(${s}::float8, ST_MakeEnvelope(${cx - 1}, ${cy - 1}, ${cx + 1}, ${cy + 1}, 3857)) h
        where ST_Contains(h.geom, ST_SetSRID(ST_MakePoint(${cx}, ${cy}), 3857))`);
      expect([Number(cell!.i), Number(cell!.j)]).toEqual([f.properties.i, f.properties.j]);
      expect(Math.hypot(Number(cell!.x) - cx, Number(cell!.y) - cy)).toBeLessThan(1);
    }
  });

  it('draws hexagons of the size asked for, on the ground', async () => {
    const body = await json(await get(`/api/insight/hexagons?from=${A.from}&to=${A.to}&size=1000`));
    const ring = body.features[0].geometry.coordinates[0] as [number, number][];
    // Centre to corner: half the distance between opposite corners (0 and 3), in metres on the ground.
    const [p, q] = [ring[0]!, ring[3]!];
    const k = Math.cos((((p[1] + q[1]) / 2) * Math.PI) / 180);
    const metres = (Math.hypot((p[0] - q[0]) * k, p[1] - q[1]) * 111_320) / 2;
    expect(metres).toBeGreaterThan(950);
    expect(metres).toBeLessThan(1050);
  });

  it('filters by category and downloads the hexagons as CSV with the same counts', async () => {
    const q = `from=${A.from}&to=${A.to}&compareFrom=${B.from}&compareTo=${B.to}&category=litter&size=1500`;
    const body = await json(await get(`/api/insight/hexagons?${q}`));
    const litter = data.filter((r) => r.state !== 'hidden' && r.category === 'litter' && inPeriod(r, A.from, A.to));
    expect(body.total).toBe(litter.length);
    const csv = parseCsv(await (await get(`/api/insight/hexagons?${q}&format=csv`)).text());
    expect(csv.length).toBe(body.features.length);
    expect(csv.reduce((n, r) => n + Number(r.count), 0)).toBe(litter.length);
    expect(csv.reduce((n, r) => n + Number(r.difference), 0)).toBe(body.total - body.compareTotal);
    expect(csv[0]!.wkt).toMatch(/^POLYGON\(\(-3\.\d+ 56\.\d+,/);
  });

  it('compares this quarter with the last by default', async () => {
    const body = await json(await get('/api/insight/hexagons'));
    expect(body.period).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(body.comparePeriod).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(body.total).toBe(data.filter((r) => r.state !== 'hidden' && inPeriod(r, '2026-10-01', '2026-11-01')).length);
  });
});

describe('the OpenAPI document', () => {
  it('documents the insight endpoints with their rules', async () => {
    const doc = await json(await get('/api/openapi.json'));
    for (const path of ['/api/insight/volume', '/api/insight/response-times', '/api/insight/top-supported', '/api/insight/hexagons', '/api/staff/insight/volume']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/insight/response-times'].get.description).toMatch(/Acknowledged: the first time a report left `new`/);
  });
});
