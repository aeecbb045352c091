import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { ingestMention } from '../src/listening/ingest-mention.ts';
import { pruneListening } from '../src/listening/prune-listening.ts';
import { createSource } from '../src/listening/manage-sources.ts';
import { pollSource } from '../src/listening/poll-source.ts';
import { fixedClock, json, seedReport, staffSessions, testApp } from './helpers.ts';
import { ERROL_STATION, said, seedListeningWorld } from './listening-fixtures.ts';

const PASSWORD = 'correct horse battery';
const ADMIN = 'admin@council.example';
const OFFICER = 'kasia.nowak@council.example';
const OTHER = 'waste.officer@council.example';

let ctx: Awaited<ReturnType<typeof testApp>>;
let world: Awaited<ReturnType<typeof seedListeningWorld>>;
let staff: ReturnType<typeof staffSessions>;
let roadsTeam = 0;

const hear = async (text: string, extra: Parameters<typeof said>[1] = {}, source = world.sources.feed, kind: 'feed' | 'sms' = 'feed') => {
  const r = await ingestMention(ctx.deps, { id: source, kind }, said(text, extra));
  expect(r.outcome).toBe('stored');
  return r.mentionId!;
};

beforeAll(async () => {
  ctx = await testApp({ listening: { secretKey: Buffer.alloc(32, 9), retentionDays: 30 } });
  world = await seedListeningWorld(ctx.database);
  roadsTeam = Number((await ctx.database.rows<{ id: number }>(sql`insert into teams (code, name) values ('roads', 'Roads team') returning id`))[0]!.id);
  await ctx.database.rows(sql`insert into teams (code, name) values ('waste', 'Waste team') returning id`);
  await ctx.database.rows(sql`update categories set default_team_id = ${roadsTeam} where id = ${world.drainage.id} returning id`);
  const passwordHash = await hashPassword(PASSWORD);
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  await createStaff(ctx.database, { email: OFFICER, name: 'Kasia Nowak', role: 'officer', passwordHash, teamCodes: ['roads'] });
  await createStaff(ctx.database, { email: OTHER, name: 'Wes Tate', role: 'officer', passwordHash, teamCodes: ['waste'] });
  staff = staffSessions(ctx.app, PASSWORD);
  for (const who of [ADMIN, OFFICER, OTHER]) await staff.signIn(who);
});
afterAll(() => ctx.close());

describe('the listening inbox', () => {
  it('lists mentions newest first with filters, and shows one with its guesses, neighbours and a draft', async () => {
    const older = await hear('Blocked drain at Errol Station', { postedAt: new Date('2026-10-31T09:00:00Z') });
    const newer = await hear('Zatkany rów przy Grange');
    const page = await json(await staff.get(OFFICER, '/api/staff/listening/mentions?limit=1'));
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.mentions).toHaveLength(1);
    expect(page.mentions[0].id).toBe(newer);
    const byRule = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?rule=${world.rules.polish}`));
    expect(byRule.mentions.map((m: { id: number }) => m.id)).toEqual([newer]);
    const inBox = await json(
      await staff.get(OFFICER, `/api/staff/listening/mentions?bbox=${ERROL_STATION.lon - 0.005},${ERROL_STATION.lat - 0.005},${ERROL_STATION.lon + 0.005},${ERROL_STATION.lat + 0.005}`),
    );
    expect(inBox.mentions.map((m: { id: number }) => m.id)).toContain(older);
    expect(inBox.mentions.map((m: { id: number }) => m.id)).not.toContain(newer);
    const areaId = Number((await ctx.database.rows<{ id: number }>(sql`select id from areas where code = 'errol'`))[0]!.id);
    const inArea = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?area=${areaId}&source=${world.sources.feed}`));
    expect(inArea.mentions.map((m: { id: number }) => m.id).sort()).toEqual([older, newer].sort());
    const bad = await staff.get(OFFICER, '/api/staff/listening/mentions?state=lost');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('query.state');

    const report = await seedReport(ctx.database, world.drainage.id, { type: 'Point', coordinates: [ERROL_STATION.lon + 0.001, ERROL_STATION.lat] }, { teamId: roadsTeam });
    const near = await hear('The Errol Station drain is flooding the road', { externalId: 'near-1' });
    const detail = await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${older}`));
    expect(detail.mention.placeGuesses[0].name).toBe('Errol Station');
    expect(detail.nearbyMentions.map((m: { id: number }) => m.id)).toContain(near);
    expect(detail.nearbyReports.map((r: { id: string }) => r.id)).toContain(report.publicId);
    expect(detail.mention.canReply).toBe(false);
    expect(detail.replyDraft).toBeNull();
  });

  it('creates a report from a mention with its channel, source link and photos (EXIF stripped)', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Jo Bloggs', Copyright: 'Jo Bloggs' } })
      .toBuffer();
    const id = await hear(
      'blocked drain by Errol station, water over the pavement outside number 4',
      { author: '+447700900123', addressedToCouncil: true, replyRef: { to: '+447700900123' }, url: null, photos: [{ filename: 'drain.jpg', contentType: 'image/jpeg', data: new Uint8Array(photo) }] },
      world.sources.sms,
      'sms',
    );
    // Before it is a report, any officer sees its photo on the card: a thumbnail, and the photo itself, no EXIF.
    const photoUrl = (size: string, n = 0) => `/api/staff/listening/mentions/${id}/photos/${n}/${size}`;
    for (const who of [OFFICER, OTHER]) {
      const thumb = await staff.get(who, photoUrl('thumbnail'));
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/jpeg');
      expect(thumb.headers.get('cache-control')).toBe('no-store');
      const bytes = Buffer.from(await thumb.arrayBuffer());
      expect((await sharp(bytes).metadata()).width).toBe(64);
      expect(bytes.includes(Buffer.from('Jo Bloggs'))).toBe(false);
    }
    expect((await staff.get(OFFICER, photoUrl('display'))).status).toBe(200);
    expect((await staff.get(OFFICER, photoUrl('display', 1))).status).toBe(404);
    expect((await staff.get(OFFICER, photoUrl('huge'))).status).toBe(400);
    expect((await ctx.app.request(photoUrl('thumbnail'))).status).toBe(401);
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/report`, {
      category: 'blocked_drain',
      geometry: { type: 'Point', coordinates: [ERROL_STATION.lon, ERROL_STATION.lat] },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.mention.state).toBe('converted');
    // On a report, the photo follows the report's remit: the roads officer still sees it, the waste officer does not.
    expect((await staff.get(OFFICER, photoUrl('thumbnail'))).status).toBe(200);
    const hidden = await staff.get(OTHER, photoUrl('thumbnail'));
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(body.mention.report).toBe(body.report);
    const [row] = await ctx.database.rows<{ id: number; channel: string; channel_source: string; description: string }>(
      sql`select id, channel, channel_source, description from reports where public_id = ${body.report}`,
    );
    expect(row!.channel).toBe('sms');
    expect(row!.channel_source).toBe('Council text line');
    expect(row!.description).toBe('blocked drain by Errol station, water over the pavement outside number 4');
    const photos = await ctx.database.rows<{ storage_key: string }>(sql`select storage_key from photos where report_id = ${row!.id}`);
    expect(photos).toHaveLength(1);
    expect(await ctx.storage.get(`${photos[0]!.storage_key}-thumbnail.jpg`)).toBeDefined();
    const stored = Buffer.from((await ctx.storage.get(`${photos[0]!.storage_key}-display.jpg`))!);
    expect(stored.includes(Buffer.from('Jo Bloggs'))).toBe(false);
    const contact = await ctx.database.rows(sql`select 1 from report_contacts where report_id = ${row!.id} and (phone is not null or email is not null)`);
    expect(contact).toHaveLength(0);
    // The public report says nothing of who sent it.
    const pub = await (await ctx.app.request(`/api/reports/${body.report}`)).text();
    expect(pub).not.toContain('+447700900123');
    const again = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/report`, {
      category: 'blocked_drain',
      geometry: { type: 'Point', coordinates: [ERROL_STATION.lon, ERROL_STATION.lat] },
    });
    expect(again.status).toBe(409);
  });

  it('makes one report when two officers convert the same mention at once, and gives the mention back when the report cannot be made', async () => {
    const id = await hear('Collapsed ditch bank at Grange, the water is on the road', { externalId: 'race-1' });
    const point = { type: 'Point', coordinates: [-3.235, 56.39] };
    const wrong = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/report`, { category: 'no_such_category', geometry: point });
    expect(wrong.status).toBe(400);
    expect((await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${id}`))).mention.state).toBe('new');
    const before = Number((await ctx.database.rows<{ n: number }>(sql`select count(*) as n from reports`))[0]!.n);
    const both = await Promise.all([
      staff.post(OFFICER, `/api/staff/listening/mentions/${id}/report`, { category: 'blocked_drain', geometry: point }),
      staff.post(ADMIN, `/api/staff/listening/mentions/${id}/report`, { category: 'blocked_drain', geometry: point }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(Number((await ctx.database.rows<{ n: number }>(sql`select count(*) as n from reports`))[0]!.n)).toBe(before + 1);
  });

  it("attaches a mention to a report as an internal contact on its timeline, within the officer's remit", async () => {
    const report = await seedReport(ctx.database, world.drainage.id, { type: 'Point', coordinates: [-3.234, 56.391] }, { teamId: roadsTeam });
    const id = await hear('Ditch at Grange still overflowing, third time I have said', { url: 'https://forum.carse.example/t/ditch/812/3', author: '@farmer_jo' });
    const refused = await staff.post(OTHER, `/api/staff/listening/mentions/${id}/attach`, { report: report.publicId });
    expect(refused.status).toBe(404);
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/attach`, { report: report.publicId });
    expect(res.status).toBe(200);
    expect((await json(res)).mention.state).toBe('attached');
    const [event] = await ctx.database.rows<{ kind: string; public: boolean; actor_label: string; payload: { text: string; url: string } }>(
      sql`select kind, public, actor_label, payload from report_events where report_id = ${report.id} and kind = 'contact_logged'`,
    );
    expect(event).toMatchObject({ kind: 'contact_logged', public: false, actor_label: 'Kasia Nowak' });
    expect(event!.payload.url).toBe('https://forum.carse.example/t/ditch/812/3');
    const pub = await (await ctx.app.request(`/api/reports/${report.publicId}`)).text();
    expect(pub).not.toContain('third time I have said');
    expect(pub).not.toContain('farmer_jo');
  });

  it('dismisses a mention with a reason, and refuses a reply where the platform takes none', async () => {
    const id = await hear('Flooding at Errol Station is the council’s fault, typical', { externalId: 'dismiss-me' });
    const noReason = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/dismiss`, { reason: '' });
    expect(noReason.status).toBe(400);
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/dismiss`, { reason: 'Not a report' });
    expect((await json(res)).mention).toMatchObject({ state: 'dismissed', dismissedReason: 'Not a report' });
    const reply = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/reply`, { text: 'Hello' });
    expect(reply.status).toBe(409);
    const dismissed = await json(await staff.get(OFFICER, '/api/staff/listening/mentions?state=dismissed'));
    expect(dismissed.mentions.map((m: { id: number }) => m.id)).toEqual([id]);
  });
});

describe('who may see it', () => {
  it('keeps the inbox and its admin from anyone not signed in as staff, and the admin from officers', async () => {
    expect((await ctx.app.request('/api/staff/listening/mentions')).status).toBe(401);
    expect((await ctx.app.request('/api/staff/listening/mentions/1')).status).toBe(401);
    expect((await ctx.app.request('/api/staff/listening/sources')).status).toBe(401);
    expect((await staff.get(OFFICER, '/api/staff/listening/sources')).status).toBe(403);
    expect((await staff.get(OFFICER, '/api/staff/listening/rules')).status).toBe(403);
    expect((await staff.post(OFFICER, '/api/staff/listening/gazetteer', { format: 'geojson', data: '{}' })).status).toBe(403);
    expect((await staff.get(ADMIN, '/api/staff/listening/sources')).status).toBe(200);
  });

  it('says publicly how we listen, with sources and keywords but no handle and no mention', async () => {
    const res = await ctx.app.request('/api/listening');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.sources).toEqual(expect.arrayContaining([{ kind: 'sms', name: 'Council text line' }]));
    expect(body.keywords.find((k: { language: string }) => k.language === 'pl').keywords).toContain('rów');
    expect(body.kept.unconvertedDays).toBe(30);
    const text = JSON.stringify(body);
    const mentions = await ctx.database.rows<{ text: string; author: string | null }>(sql`select text, author from mentions`);
    for (const m of mentions) {
      expect(text).not.toContain(m.text);
      if (m.author) expect(text).not.toContain(m.author);
    }
  });
});

describe('public outputs', () => {
  it('carry no mention text and no author, for reports made from mentions or with mentions attached', async () => {
    const mentions = await ctx.database.rows<{ text: string; author: string | null; report: string | null }>(
      sql`select m.text, m.author, r.public_id as report from mentions m left join reports r on r.id = m.report_id`,
    );
    const reports = [...new Set(mentions.map((m) => m.report).filter((r): r is string => r !== null))];
    expect(reports.length).toBeGreaterThanOrEqual(2);
    const paths = [
      '/api/listening',
      '/api/privacy',
      // The insight figures made from mentions (issue 13): counts only, no author, no text.
      '/api/insight/listening',
      '/api/insight/conversations',
      '/api/insight/conversations?format=csv&table=links',
      '/api/reports',
      '/export/reports.geojson',
      '/export/reports.csv',
      '/ogc/collections/reports/items?limit=1000',
      '/open311/v2/requests.json',
      '/feeds/reports.atom',
      ...reports.flatMap((id) => [`/api/reports/${id}`, `/feeds/reports/${id}.atom`]),
    ];
    for (const path of paths) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBeLessThan(400);
      const body = await res.text();
      for (const m of mentions) {
        // A report made from a mention starts with its words as the description: that one is the report's own text, published as a report's is.
        if (!m.report || !reports.includes(m.report) || !body.includes(m.text) || !(await isDescription(m.report, m.text))) expect(body, path).not.toContain(m.text);
        if (m.author) expect(body, path).not.toContain(m.author);
      }
    }
  });
});

const isDescription = async (publicId: string, text: string) => (await ctx.database.rows(sql`select 1 from reports where public_id = ${publicId} and description = ${text}`)).length > 0;

describe('admin of listening', () => {
  it('manages keyword rules, with the audit log, and imports OS Open Names and OSM names into the gazetteer', async () => {
    const add = await staff.post(ADMIN, '/api/staff/listening/rules', { name: 'Potholes', language: 'en', keywords: ['pothole'], category: 'blocked_drain' });
    expect(add.status).toBe(201);
    const rule = await json(add);
    expect(rule).toMatchObject({ name: 'Potholes', keywords: ['pothole'], exclusions: [], category: 'blocked_drain', enabled: true });
    const unknown = await staff.post(ADMIN, '/api/staff/listening/rules', { name: 'x', language: 'en', keywords: ['x'], category: 'nope' });
    expect(unknown.status).toBe(400);
    const [audit] = await ctx.database.rows<{ action: string }>(sql`select action from audit_log where target_type = 'keyword_rule' order by id desc limit 1`);
    expect(audit!.action).toBe('keyword_rule_added');

    // Two rows in OS Open Names' column order (British National Grid): a village and a road, without the header.
    const csv = [
      'osgb4000000074561234,http://data.ordnancesurvey.co.uk/id/4000000074561234,Leetown,,,,populatedPlace,Hamlet,322400,724900,,,,,,,PH2,,,,,,,,,,,,,,,,,,',
      'osgb4000000074569999,http://data.ordnancesurvey.co.uk/id/4000000074569999,"Church Road, Errol",,,,transportNetwork,Named Road,322700,722800,,,,,,,PH2,,,,,,,,,,,,,,,,,,',
    ].join('\n');
    const imported = await staff.post(ADMIN, '/api/staff/listening/gazetteer', { format: 'os-open-names', data: csv });
    expect(await json(imported)).toEqual({ imported: 2 });
    const [leetown] = await ctx.database.rows<{ kind: string; lon: number; lat: number }>(sql`select kind, ST_X(geom) as lon, ST_Y(geom) as lat from places where name = 'Leetown'`);
    expect(leetown!.kind).toBe('place');
    expect(Number(leetown!.lon)).toBeGreaterThan(-3.3);
    expect(Number(leetown!.lon)).toBeLessThan(-3.15);
    expect(Number(leetown!.lat)).toBeGreaterThan(56.35);
    expect(Number(leetown!.lat)).toBeLessThan(56.45);
    const [road] = await ctx.database.rows<{ kind: string }>(sql`select kind from places where name = 'Church Road, Errol'`);
    expect(road!.kind).toBe('street');
    const osm = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Megginch Castle', historic: 'castle' }, geometry: { type: 'Point', coordinates: [-3.2367, 56.4043] } }],
    };
    expect(await json(await staff.post(ADMIN, '/api/staff/listening/gazetteer', { format: 'geojson', data: JSON.stringify(osm) }))).toEqual({ imported: 1 });
    // The next mention sees the new name at once.
    const r = await ingestMention(ctx.deps, { id: world.sources.feed, kind: 'feed' }, said('Blocked drain on the lane by Megginch Castle'));
    expect(r.outcome).toBe('stored');
  });
});

describe('retention and subject access', () => {
  it('finds and erases a person’s mentions by phone number, with the photos they sent', async () => {
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#654321' } })
      .jpeg()
      .toBuffer();
    const id = await hear(
      'Drain cover lifted near Errol Station, dangerous for cyclists',
      { author: '+44 7700 900555', addressedToCouncil: true, replyRef: { to: '+447700900555' }, photos: [{ filename: 'cover.jpg', contentType: 'image/jpeg', data: new Uint8Array(photo) }] },
      world.sources.sms,
      'sms',
    );
    const [kept] = await ctx.database.rows<{ photos: Array<{ storageKey: string; thumbnailKey: string }> }>(sql`select photos from mentions where id = ${id}`);
    const files = [kept!.photos[0]!.storageKey, kept!.photos[0]!.thumbnailKey];
    for (const f of files) expect(await ctx.storage.get(f)).toBeDefined();
    const found = await json(await staff.get(ADMIN, `/api/staff/subject-access?subject=${encodeURIComponent('07700 900555')}`));
    expect(found.mentions).toHaveLength(1);
    expect(found.mentions[0].text).toBe('Drain cover lifted near Errol Station, dangerous for cyclists');
    const erased = await staff.post(ADMIN, '/api/staff/subject-access/erase', { subject: '07700 900555' });
    expect(erased.status).toBe(200);
    expect(await ctx.database.rows(sql`select 1 from mentions where author = '+44 7700 900555'`)).toHaveLength(0);
    for (const f of files) expect(await ctx.storage.get(f)).toBeUndefined();
  });

  it('deletes unconverted mentions after the retention period, and keeps only text, link and time of converted ones once closed', async () => {
    const converted = await ctx.database.rows<{ id: number; report_id: number }>(sql`select id, report_id from mentions where state = 'converted'`);
    expect(converted.length).toBeGreaterThan(0);
    await ctx.database.rows(sql`update reports set state = 'closed' where id = ${converted[0]!.report_id} returning id`);
    const keepers = await ctx.database.rows(sql`select 1 from mentions where report_id is not null`);
    // The photos of mentions on the closed report go with the author: the report has its own copies.
    const onClosed = await ctx.database.rows<{ photos: Array<{ storageKey: string; thumbnailKey?: string }> }>(sql`select photos from mentions where report_id = ${converted[0]!.report_id}`);
    const closedFiles = onClosed.flatMap((m) => m.photos.flatMap((p) => [p.storageKey, ...(p.thumbnailKey ? [p.thumbnailKey] : [])]));
    expect(closedFiles.length).toBeGreaterThan(0);
    for (const f of closedFiles) expect(await ctx.storage.get(f)).toBeDefined();
    const later = { ...ctx.deps, clock: fixedClock('2026-12-02T12:00:00Z') };
    const result = await pruneListening(later);
    expect(result.deleted).toBeGreaterThan(0);
    expect(result.scrubbed).toBe(1);
    const left = await ctx.database.rows<{ report_id: number | null; author: string | null; reply_ref: unknown; author_hash: string | null; text: string; url: string | null }>(
      sql`select report_id, author, reply_ref, author_hash, text, url from mentions`,
    );
    expect(left).toHaveLength(keepers.length);
    expect(left.every((m) => m.report_id !== null)).toBe(true);
    const scrubbed = left.find((m) => Number(m.report_id) === Number(converted[0]!.report_id))!;
    expect(scrubbed).toMatchObject({ author: null, reply_ref: null, author_hash: null, text: 'blocked drain by Errol station, water over the pavement outside number 4' });
    for (const f of closedFiles) expect(await ctx.storage.get(f)).toBeUndefined();
    expect(await ctx.database.rows(sql`select 1 from mentions where report_id = ${converted[0]!.report_id} and jsonb_array_length(photos) > 0`)).toHaveLength(0);
    // The report's own copies stay.
    const reportPhotos = await ctx.database.rows<{ storage_key: string }>(sql`select storage_key from photos where report_id = ${converted[0]!.report_id}`);
    for (const p of reportPhotos) expect(await ctx.storage.get(`${p.storage_key}-display.jpg`)).toBeDefined();
  });
});

describe('listening sources', () => {
  /** PUT and DELETE as the console sends them: the session cookie, the CSRF token and our Origin. */
  async function as(email: string) {
    const res = await ctx.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://gs.test' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = (await json(res)).csrfToken as string;
    return (method: string, path: string, body?: unknown) =>
      ctx.app.request(path, { method, headers: { cookie, 'x-csrf-token': csrf, origin: 'http://gs.test', 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  }

  it('are shown to every officer read-only, with the keyword rules: name, kind, on or off, last read, last error; never configuration or credentials', async () => {
    const admin = await as(ADMIN);
    const secretSource = await json(
      await admin('POST', '/api/staff/listening/sources', {
        kind: 'sms',
        name: 'Text line seen by officers',
        config: { provider: 'android', number: '+441738000055', username: 'gw-overview' },
        credentials: { password: 'overview-password', webhookSecret: 'overview-secret' },
      }),
    );
    // A poll that fails leaves its error for the officer to see.
    const polled = await pollSource(ctx.deps, world.sources.feed);
    expect(polled.error).toBeDefined();
    const res = await staff.get(OTHER, '/api/staff/listening/overview');
    expect(res.status).toBe(200);
    const body = await json(res);
    const feed = body.sources.find((s: { id: number }) => s.id === world.sources.feed);
    expect(Object.keys(feed).sort()).toEqual(['enabled', 'id', 'kind', 'lastError', 'lastPolledAt', 'name']);
    expect(feed).toMatchObject({ kind: 'feed', name: 'Errol village blog', enabled: true });
    expect(Date.parse(feed.lastPolledAt)).toBe(ctx.deps.clock.now().getTime());
    expect(feed.lastError).toMatch(/\S/);
    expect(body.sources.find((s: { id: number }) => s.id === secretSource.id)).toMatchObject({ kind: 'sms', name: 'Text line seen by officers' });
    const text = JSON.stringify(body);
    for (const hidden of ['overview-password', 'overview-secret', 'gw-overview', '+441738000055', 'webhook', '127.0.0.1:1', 'credentials']) expect(text).not.toContain(hidden);
    expect(body.rules.find((r: { id: number }) => r.id === world.rules.polish)).toMatchObject({ name: 'Rowy (PL)', language: 'pl', keywords: ['zatkany', 'rów', 'zalana'], category: 'blocked_drain' });
    expect((await ctx.app.request('/api/staff/listening/overview')).status).toBe(401);
    // Changing them stays with admins.
    expect((await staff.post(OTHER, '/api/staff/listening/rules', { name: 'x', language: 'en', keywords: ['x'] })).status).toBe(403);
    expect((await admin('DELETE', `/api/staff/listening/sources/${secretSource.id}`)).status).toBe(200);
  });

  it('are changed by an admin with credentials kept field by field, never shown, and removed with their mentions', async () => {
    const admin = await as(ADMIN);
    const created = await json(
      await admin('POST', '/api/staff/listening/sources', {
        kind: 'sms',
        name: 'Second number',
        config: { provider: 'android', number: '+441738000077', username: 'gw' },
        credentials: { password: 'first-password', webhookSecret: 'first-secret' },
      }),
    );
    expect(created.credentialsSet.sort()).toEqual(['password', 'webhookSecret']);
    const changed = await admin('PUT', `/api/staff/listening/sources/${created.id}`, {
      kind: 'sms',
      name: 'Second number (renamed)',
      enabled: false,
      config: created.config,
      credentials: { password: 'second-password' },
    });
    expect(changed.status).toBe(200);
    const body = await json(changed);
    expect(body).toMatchObject({ name: 'Second number (renamed)', enabled: false });
    expect(body.credentialsSet.sort()).toEqual(['password', 'webhookSecret']);
    expect(JSON.stringify(body)).not.toMatch(/first-|second-/);
    const unknownField = await admin('PUT', `/api/staff/listening/sources/${created.id}`, { kind: 'sms', name: 'x', config: created.config, credentials: { apiKey: 'k' } });
    expect(unknownField.status).toBe(400);
    expect((await json(unknownField)).errors[0].field).toBe('credentials');
    // A text with a photo on this source: removing the source removes the mention and its photo files.
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    const withPhoto = await hear(
      'Blocked drain at Grange, photo attached',
      { externalId: 'photo-on-removed-source', photos: [{ filename: 'd.jpg', contentType: 'image/jpeg', data: new Uint8Array(photo) }] },
      created.id,
      'sms',
    );
    const [kept] = await ctx.database.rows<{ photos: Array<{ storageKey: string; thumbnailKey: string }> }>(sql`select photos from mentions where id = ${withPhoto}`);
    const files = [kept!.photos[0]!.storageKey, kept!.photos[0]!.thumbnailKey];
    for (const f of files) expect(await ctx.storage.get(f)).toBeDefined();
    const officer = await as(OFFICER);
    expect((await officer('DELETE', `/api/staff/listening/sources/${created.id}`)).status).toBe(403);
    expect((await admin('DELETE', `/api/staff/listening/sources/${created.id}`)).status).toBe(200);
    expect(await ctx.database.rows(sql`select 1 from mentions where id = ${withPhoto}`)).toHaveLength(0);
    for (const f of files) expect(await ctx.storage.get(f)).toBeUndefined();
    expect((await admin('DELETE', `/api/staff/listening/sources/${created.id}`)).status).toBe(404);
    const audit = await ctx.database.rows<{ action: string; payload: unknown }>(
      sql`select action, payload from audit_log where target_type = 'listening_source' and target_id = ${String(created.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['listening_source_added', 'listening_source_changed', 'listening_source_removed']);
    expect(JSON.stringify(audit)).not.toMatch(/first-|second-/);
  });

  it('refuse a feed without a usable URL, and credentials when the server has no key', async () => {
    const admin = await as(ADMIN);
    const bad = await admin('POST', '/api/staff/listening/sources', { kind: 'feed', name: 'No URL', config: { url: 'ftp://example.org/feed' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('config');
    const keyless = await testApp();
    try {
      await expect(
        createSource(
          keyless.deps,
          { id: '00000000-0000-0000-0000-000000000000', name: 'Admin', role: 'admin', teamIds: [] },
          {
            kind: 'sms',
            name: 'Needs a key',
            enabled: true,
            config: { provider: 'twilio', number: '+441738000000', accountSid: 'AC1' },
            credentials: { authToken: 'secret' },
            pollSeconds: 900,
          },
        ),
      ).rejects.toMatchObject({ code: 'validation_failed', errors: [{ field: 'credentials' }] });
    } finally {
      await keyless.close();
    }
  });
});
