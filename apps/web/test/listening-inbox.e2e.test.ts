/**
 * The listening inbox in real headless Chromium against the real API over a fresh test
 * database with the demo data. An administrator sets up a keyword rule and a Twilio text
 * line in the admin pages (the token is write-only); a resident texts the council about a
 * blocked ditch at Errol, through the signed webhook; an officer opens Listening, sees the
 * text located at Errol, makes the report in three clicks (counted), and answers the text:
 * the reply reaches the local "Twilio" server. The public "How we listen" page names the
 * source kind and the keywords, and no number. axe on the inbox, the admin page and the
 * public page.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { axeProblems, buildWeb, launchBrowser, photoWithGps, watchErrors } from './phone.ts';
import en from '../src/console/listening/i18n/en.ts';

declare global {
  interface Window {
    __gsListeningMap?: import('maplibre-gl').Map;
  }
}

const PASSWORD = 'carse-of-gowrie-demo';
const RESIDENT = '+447700900123';
const COUNCIL_NUMBER = '+441738000111';
const ACCOUNT_SID = 'AC5e1f0c2d3b4a59687766554433221100';
const AUTH_TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const ERROL: [number, number] = [-3.213, 56.392];
const TEXT = 'The ditch by Errol is blocked again, water is over the road';
/** A farm imported into the gazetteer by the test, about 60 m from Errol's point. */
const STEADING: [number, number] = [-3.2136, 56.3924];

const MEDIA_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM0001/Media/ME0001`;
let mmsPhoto: Buffer | undefined;

/** A stand-in for Twilio's Messages API: records each message and answers as Twilio does. */
interface Gateway {
  url: string;
  messages: { path: string; authorization: string | undefined; form: URLSearchParams }[];
  server: Server;
}

function startGateway(): Promise<Gateway> {
  const messages: Gateway['messages'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      // An MMS photo, on the account's API origin as Twilio keeps it.
      if (req.method === 'GET' && req.url === MEDIA_PATH && mmsPhoto) {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(mmsPhoto);
        return;
      }
      messages.push({ path: req.url ?? '', authorization: req.headers.authorization, form: new URLSearchParams(body) });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${messages.length.toString().padStart(32, '0')}`, status: 'queued' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, messages, server })));
}

/** Twilio's documented request signature: HMAC-SHA1 of the URL then each parameter (sorted by name) as name+value, base64. */
function twilioSignature(url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', AUTH_TOKEN).update(data, 'utf8').digest('base64');
}

function metres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** A text to the council's number, as Twilio posts it, signed. */
async function text(sourceId: number, sid: string, from: string, body: string): Promise<Response> {
  const url = `${server.url}/api/listening/sms/${sourceId}/twilio`;
  const params = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: COUNCIL_NUMBER, Body: body, NumMedia: '0' };
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(url, params) }, body: new URLSearchParams(params) });
}

let server: TestServer;
let browser: Browser;
let gateway: Gateway;
let admin: BrowserContext;
let officer: BrowserContext;

beforeAll(async () => {
  await buildWeb();
  gateway = await startGateway();
  server = await startTestServer({ demo: true, config: { listening: { secretKey: randomBytes(32), retentionDays: 30 } } });
  browser = await launchBrowser();
  admin = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
  officer = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', serviceWorkers: 'block' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => gateway?.server.close(resolve));
});

async function signIn(page: Page, email: string) {
  await page.getByLabel('Work email').waitFor({ timeout: 20_000 });
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the listening inbox', () => {
  let sourceId = 0;
  let mentionId = 0;
  let reportId = '';

  it('lets an administrator set up a keyword rule and a text line, the token write-only', async () => {
    const page = await admin.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/staff/admin/listening`);
    await signIn(page, 'admin@council.example');
    await page.getByRole('heading', { name: 'Keyword rules' }).waitFor({ timeout: 20_000 });

    await page.locator('#l-rule-name').fill('Ditches and drains');
    await page.locator('#l-rule-category').selectOption('blocked_ditch');
    await page.locator('#l-rule-keywords').fill('ditch\ndrain, blocked');
    await page.locator('#l-rule-exclusions').fill('recipe');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="l-rules-title"] table').textContent(), { timeout: 10_000 }).toContain('Ditches and drains');
    expect(await page.locator('section[aria-labelledby="l-rules-title"] table').textContent()).toContain('Blocked ditch or drain');

    await page.locator('#l-src-kind').selectOption('sms');
    await page.locator('#l-src-name').fill('Council text line');
    await page.locator('#l-src-provider').selectOption('twilio');
    await page.locator('#l-src-number').fill(COUNCIL_NUMBER);
    await page.locator('#l-src-accountSid').fill(ACCOUNT_SID);
    await page.locator('#l-src-apiUrl').fill(gateway.url);
    await page.locator('#l-src-secret-authToken').fill(AUTH_TOKEN);
    await page.getByRole('button', { name: 'Save source' }).click();
    const sourcesTable = page.locator('section[aria-labelledby="l-sources-title"] table');
    await expect.poll(() => sourcesTable.textContent(), { timeout: 10_000 }).toContain('Council text line');
    const row = await sourcesTable.textContent();
    expect(row).toContain('Twilio auth token: set');
    expect(row).toContain('Webhook signing secret: not set');
    // The token went in and never comes back: not in the page, not in the API's answer.
    expect(await page.content()).not.toContain(AUTH_TOKEN);
    const listed = await page.evaluate(() => fetch('/api/staff/listening/sources').then((r) => r.text()));
    expect(listed).not.toContain(AUTH_TOKEN);
    const source = (JSON.parse(listed) as { sources: { id: number; name: string; webhookUrl: string | null }[] }).sources.find((s) => s.name === 'Council text line')!;
    sourceId = source.id;
    expect(source.webhookUrl).toBe(`${server.url}/api/listening/sms/${sourceId}/twilio`);

    // Editing shows what is set without the value, and switching off and on keeps the token.
    await page.getByRole('button', { name: 'Edit Council text line' }).click();
    expect(await page.locator('#l-src-secret-authToken').inputValue()).toBe('');
    expect(await page.getByText('Twilio auth token (set)').count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Switch off Council text line' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Switch on Council text line' }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Switch on Council text line' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Switch off Council text line' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await sourcesTable.textContent()).toContain('Twilio auth token: set');

    // A place name the demo does not know, from an OpenStreetMap extract, a stone's throw from Errol's centre.
    const extract = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Clashbennie Steading', place: 'farm' }, geometry: { type: 'Point', coordinates: STEADING } }] };
    await page.locator('#l-gaz-file').setInputFiles({ name: 'steading.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(extract)) });
    expect(await page.locator('#l-gaz-format').inputValue()).toBe('geojson');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="l-gaz-title"] .c-alert-ok').textContent(), { timeout: 15_000 }).toBe('Names imported: 1.');

    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/listening-admin.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('takes a text through the signed webhook into the inbox', async () => {
    const url = `${server.url}/api/listening/sms/${sourceId}/twilio`;
    const params = { MessageSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9', AccountSid: ACCOUNT_SID, From: RESIDENT, To: COUNCIL_NUMBER, Body: TEXT, NumMedia: '0' };
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
      body: new URLSearchParams(params),
    });
    expect(forged.status).toBe(403);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(url, params) },
      body: new URLSearchParams(params),
    });
    expect(res.status).toBeLessThan(300);
    const [row] = await server.database.rows<{ id: number }>(sql`select id from mentions where source_id = ${sourceId}`);
    mentionId = Number(row!.id);
    expect(mentionId).toBeGreaterThan(0);
  });

  it('shows the officer the text located at Errol and makes the report in three clicks', async () => {
    const page = await officer.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/staff`);
    await signIn(page, 'drainage@council.example');
    await page.getByRole('link', { name: 'Listening', exact: true }).click();
    await page.getByRole('heading', { name: 'Listening inbox' }).waitFor({ timeout: 20_000 });
    const card = page.locator(`.l-item[data-id="${mentionId}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.l-text').textContent()).toBe(TEXT);
    expect(await card.textContent()).toContain(`From ${RESIDENT}`);
    expect(await card.textContent()).toContain('Suggested category: Blocked ditch or drain');
    const place = await card.locator('.l-place').textContent();
    expect(place).toMatch(/^Place: Errol.* \((likely|possible)\)$/);

    // The map draws the guess at Errol.
    await expect.poll(() => page.evaluate(() => !!window.__gsListeningMap?.getSource('l-mentions')), { timeout: 20_000 }).toBe(true);
    const drawn = await page.evaluate(async () => {
      const data = (await window.__gsListeningMap!.getSource<import('maplibre-gl').GeoJSONSource>('l-mentions')!.getData()) as { features: { geometry: { coordinates: [number, number] } }[] };
      return data.features.map((f) => f.geometry.coordinates);
    });
    expect(drawn).toHaveLength(1);
    expect(metres(drawn[0]!, ERROL)).toBeLessThan(2500);
    await page.screenshot({ path: '/tmp/listening-inbox.png' });
    expect(await axeProblems(page)).toEqual([]);

    // Three clicks: Create report, the one answer the category requires, Log the report.
    let clicks = 0;
    const click = async (locator: ReturnType<Page['locator']>) => {
      clicks += 1;
      await locator.click();
    };
    await click(card.getByRole('button', { name: 'Create report' }));
    await page.getByRole('heading', { name: 'Create a report from this mention' }).waitFor();
    expect(await page.locator('#c-new-category').inputValue()).toBe('blocked_ditch');
    expect(await page.locator('#c-new-description').inputValue()).toBe(TEXT);
    expect(await page.locator('#c-new-channel').inputValue()).toBe('sms');
    expect(await page.locator('#c-new-channelSource').inputValue()).toBe('Council text line');
    await expect.poll(() => page.locator('#c-new-lat').inputValue()).not.toBe('');
    const at: [number, number] = [Number(await page.locator('#c-new-lon').inputValue()), Number(await page.locator('#c-new-lat').inputValue())];
    expect(metres(at, ERROL)).toBeLessThan(2500);
    expect(await page.locator('#c-new-email').count()).toBe(0);
    await page.screenshot({ path: '/tmp/listening-create.png' });
    await click(page.getByLabel('Blocked, water is not flowing'));
    await click(page.getByRole('button', { name: 'Log the report' }));
    const notice = page.locator('#l-notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/Report [a-z0-9]+ made from the mention\./);
    expect(clicks).toBeLessThanOrEqual(3);
    reportId = /Report ([a-z0-9]+) made/.exec((await notice.textContent())!)![1]!;

    const [report] = await server.database.rows<{ channel: string; source: string; category: string; lon: number; lat: number; state: string }>(sql`
      select r.channel, r.channel_source as source, c.code as category, r.state,
             st_x(st_pointonsurface(r.geom)) as lon, st_y(st_pointonsurface(r.geom)) as lat
      from reports r join categories c on c.id = r.category_id where r.public_id = ${reportId}`);
    expect({ channel: report!.channel, source: report!.source, category: report!.category, state: report!.state }).toEqual({
      channel: 'sms',
      source: 'Council text line',
      category: 'blocked_ditch',
      state: 'new',
    });
    expect(metres([Number(report!.lon), Number(report!.lat)], ERROL)).toBeLessThan(2500);
    const [mention] = await server.database.rows<{ state: string }>(sql`select state from mentions where id = ${mentionId}`);
    expect(mention!.state).toBe('converted');
    await expect.poll(() => card.locator('.l-state').textContent(), { timeout: 10_000 }).toBe('Made a report');
    expect(errors).toEqual([]);
  }, 120_000);

  it('answers the text where it was sent: the reply reaches the gateway and the report’s timeline', async () => {
    const page = officer.pages()[0]!;
    const errors = watchErrors(page);
    const card = page.locator(`.l-item[data-id="${mentionId}"]`);
    // Making the report opened the reply, drafted for the new report, in the text's own channel.
    await page.getByRole('heading', { name: 'Reply where it was said' }).waitFor({ timeout: 15_000 });
    const box = page.locator('#l-reply-text');
    await box.waitFor({ timeout: 15_000 });
    const draft = await box.inputValue();
    expect(draft).toContain(reportId);
    expect(await page.locator('#l-reply-counter').textContent()).toMatch(/^\d+ of 459 characters$/);
    expect(await axeProblems(page)).toEqual([]);
    // Too long for a text: the counter says so, in the platform's own count, and nothing is sent.
    await box.fill(`${draft}\n${'Thanks for letting us know about the ditch. '.repeat(8)}`);
    expect(await page.locator('#l-reply-counter').textContent()).toMatch(/^\d+ characters over the Text message limit of 459$/);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.locator('#l-reply-form [role=alert]').textContent()).toContain('The reply is longer than Text message allows.');
    expect(gateway.messages).toHaveLength(0);
    const text = draft.replace(/\s+$/, '');
    await box.fill(text);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(
        async () =>
          `${await page.locator('#l-notice').textContent()} ${await page
            .locator('#l-reply-form')
            .textContent()
            .catch(() => '')}`,
        { timeout: 15_000 },
      )
      .toContain('Reply sent.');

    expect(gateway.messages).toHaveLength(1);
    const sent = gateway.messages[0]!;
    expect(sent.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(sent.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(sent.form.get('To')).toBe(RESIDENT);
    expect(sent.form.get('From')).toBe(COUNCIL_NUMBER);
    expect(sent.form.get('Body')).toBe(text.trim());
    await expect.poll(() => card.locator('.l-reply .l-text').first().textContent(), { timeout: 10_000 }).toBe(text.trim());

    const events = await server.database.rows<{ kind: string; public: boolean; actor: string }>(sql`
      select e.kind, e.public, e.actor_type as actor from report_events e join reports r on r.id = e.report_id
      where r.public_id = ${reportId} order by e.id`);
    const replied = events.find((e) => e.kind === 'mention_replied');
    expect(replied).toEqual({ kind: 'mention_replied', public: false, actor: 'staff' });
    expect(errors).toEqual([]);
  }, 120_000);

  it('attaches a second text to the report it offers nearby, and dismisses a third by keyboard with a reason', async () => {
    const page = officer.pages()[0]!;
    const errors = watchErrors(page);
    expect((await text(sourceId, 'SM1b2c3d4e5f60718293a4b5c6d7e8f9a0', '+447700900456', 'Drain at Clashbennie Steading blocked, the road is flooding')).status).toBeLessThan(300);
    expect((await text(sourceId, 'SM2c3d4e5f60718293a4b5c6d7e8f9a0b1', '+447700900789', 'Errol ditch is not blocked any more, thanks')).status).toBeLessThan(300);
    const ids = (await server.database.rows<{ id: number }>(sql`select id from mentions where source_id = ${sourceId} order by id`)).map((r) => Number(r.id));
    expect(ids).toHaveLength(3);
    const [, second, third] = ids as [number, number, number];

    await page.goto(`${server.url}/#/staff/listening?state=new`);
    const card = page.locator(`.l-item[data-id="${second}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await page.locator(`.l-item[data-id="${mentionId}"]`).count()).toBe(0);
    // Located by the name the administrator imported.
    expect(await card.locator('.l-place').textContent()).toMatch(/^Place: Clashbennie Steading \((likely|possible)\)$/);
    await card.locator('.l-card-open').click();
    // The report made from the first text is offered, and the first text is among the mentions nearby.
    await expect.poll(() => card.locator('.l-nearby').textContent(), { timeout: 15_000 }).toContain(reportId);
    expect(await card.locator(`.l-nearby a[href="#/staff/listening?sel=${mentionId}"]`).count()).toBe(1);
    await card.getByRole('button', { name: 'Attach to report' }).click();
    await page.getByLabel(new RegExp(`^${reportId} · Blocked ditch or drain`)).check();
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect.poll(() => page.locator('#l-notice').textContent(), { timeout: 15_000 }).toBe(`Attached to report ${reportId}.`);
    const [attached] = await server.database.rows<{ state: string; report: string }>(
      sql`select m.state, r.public_id as report from mentions m join reports r on r.id = m.report_id where m.id = ${second}`,
    );
    expect(attached).toEqual({ state: 'attached', report: reportId });
    const contacts = await server.database.rows<{ public: boolean }>(
      sql`select e.public from report_events e join reports r on r.id = e.report_id where r.public_id = ${reportId} and e.kind = 'contact_logged'`,
    );
    expect(contacts).toEqual([{ public: false }]);

    // Dismiss with the keyboard only: the action, the reason, Enter.
    const thirdCard = page.locator(`.l-item[data-id="${third}"]`);
    await thirdCard.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('l-dismiss-reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#l-dismiss-reason-error').textContent()).toBe('Please say why.');
    await page.keyboard.type('Says the ditch is clear now');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#l-notice').textContent(), { timeout: 15_000 }).toBe('Dismissed.');
    const [dismissed] = await server.database.rows<{ state: string; reason: string }>(sql`select state, dismissed_reason as reason from mentions where id = ${third}`);
    expect(dismissed).toEqual({ state: 'dismissed', reason: 'Says the ditch is clear now' });

    // The filters narrow the list to one state, kept in the address.
    await page.locator('#l-filter-state').selectOption('dismissed');
    await expect.poll(async () => page.locator('.l-item').evaluateAll((items) => items.map((i) => Number((i as HTMLElement).dataset.id)))).toEqual([third]);
    expect(new URL(page.url()).hash).toContain('state=dismissed');
    expect(errors).toEqual([]);
  }, 120_000);

  it('offers a follow-up in the same channel once the report has moved on', async () => {
    const page = officer.pages()[0]!;
    const errors = watchErrors(page);
    const changed = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/staff/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/staff/reports/${id}/state`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ state: 'in_progress' }),
      });
      return res.status;
    }, reportId);
    expect(changed).toBe(200);
    await page.goto(`${server.url}/#/staff/listening?state=converted`);
    const card = page.locator(`.l-item[data-id="${mentionId}"]`);
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.locator('.l-badges').textContent()).toContain('Follow-up due');
    await card.getByRole('button', { name: 'Send a follow-up' }).click();
    await page.getByRole('heading', { name: 'Follow-up: the report has changed since the last reply' }).waitFor({ timeout: 15_000 });
    const follow = await page.locator('#l-reply-text').inputValue();
    expect(follow.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.locator('#l-notice').textContent(), { timeout: 15_000 }).toContain('Reply sent.');
    expect(gateway.messages).toHaveLength(2);
    expect(gateway.messages[1]!.form.get('To')).toBe(RESIDENT);
    expect(gateway.messages[1]!.form.get('Body')).toBe(follow.trim());
    await expect.poll(() => card.locator('.l-badges').textContent()).not.toContain('Follow-up due');

    // The report's timeline in the console holds both replies and the attached text, internal, with the officer.
    await page.goto(`${server.url}/#/staff?sel=${reportId}`);
    const replied = page.locator('.c-event[data-kind="mention_replied"]');
    await expect.poll(() => replied.count(), { timeout: 20_000 }).toBe(2);
    expect(await replied.first().locator('.c-event-title').textContent()).toBe('Replied on Text message (SMS)');
    expect(await replied.first().locator('.c-event-vis').textContent()).toBe('Internal');
    expect(await page.locator('.c-event[data-kind="mention_replied"] .c-event-body').allTextContents()).toContain(follow.trim());
    const logged = page.locator('.c-event[data-kind="contact_logged"]');
    expect(await logged.locator('.c-event-body').textContent()).toBe('Drain at Clashbennie Steading blocked, the road is flooding');
    expect(errors).toEqual([]);
  }, 120_000);

  it('tells the public how the council listens: the kind of source and the keywords, no number', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/privacy`);
    await page.getByRole('link', { name: /^How we listen/ }).click();
    await page.getByRole('heading', { name: 'How we listen', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Where we listen' }).waitFor({ timeout: 10_000 });
    const body = (await page.locator('.page-body').textContent()) ?? '';
    expect(body).toContain('Text messages to the council’s number: Council text line');
    expect(body).toContain('blocked, ditch, drain');
    expect(body).toContain('Not when it also says: recipe');
    expect(body).toContain('deleted after 30 days');
    for (const secret of [RESIDENT, COUNCIL_NUMBER, TEXT, AUTH_TOKEN, ACCOUNT_SID]) expect(body).not.toContain(secret);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/listening-how-we-listen.png', fullPage: true });

    expect(errors).toEqual([]);
    await context.close();

    // In Polish too, from the same settings, and found from the home screen's "More".
    const polish = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pl-PL', serviceWorkers: 'block' });
    const pl = await polish.newPage();
    await pl.goto(`${server.url}/#/`);
    await pl.getByRole('button', { name: 'Więcej' }).click();
    await pl.getByRole('link', { name: 'Jak słuchamy' }).click();
    await pl.getByRole('heading', { name: 'Gdzie słuchamy' }).waitFor({ timeout: 20_000 });
    const plBody = (await pl.locator('.page-body').textContent()) ?? '';
    expect(plBody).toContain('SMS-y na numer rady: Council text line');
    expect(plBody).toContain('usuwamy po 30 dniach');
    expect(plBody).not.toContain(RESIDENT);
    expect(await axeProblems(pl)).toEqual([]);
    await polish.close();
  }, 120_000);
  it('shows every officer what we listen to, and a feed an administrator adds in the admin page reaches the inbox', async () => {
    const feedXml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Carse of Gowrie Notes</title><link>https://carsenotes.example</link><description>Village news</description>
<item><title>Comment on Wet November by Hamish</title><link>https://carsenotes.example/2026/11/wet-november/#comment-77</link><guid isPermaLink="false">carse-77</guid><pubDate>${new Date().toUTCString()}</pubDate><description>The drain on the Errol road is blocked again after all that rain</description></item>
<item><title>Comment on Geese by Fiona</title><link>https://carsenotes.example/2026/11/geese/#comment-76</link><guid isPermaLink="false">carse-76</guid><pubDate>${new Date().toUTCString()}</pubDate><description>Lovely geese over the Tay this morning</description></item>
</channel></rss>`;
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=UTF-8', etag: '"carse-77"' });
      res.end(feedXml);
    });
    const feedUrl = await new Promise<string>((resolve) => site.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(site.address() as AddressInfo).port}/comments/feed/`)));
    try {
      const page = await admin.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/#/staff/admin/listening`);
      await page.getByRole('heading', { name: 'Keyword rules' }).waitFor({ timeout: 20_000 });
      await page.locator('#l-src-kind').selectOption('feed');
      await page.locator('#l-src-name').fill('Carse of Gowrie Notes');
      await page.locator('#l-src-url').fill(feedUrl);
      await page.getByRole('button', { name: 'Save source' }).click();
      const sourcesTable = page.locator('section[aria-labelledby="l-sources-title"] table');
      await expect.poll(() => sourcesTable.textContent(), { timeout: 10_000 }).toContain('Carse of Gowrie Notes');
      const listed = JSON.parse(await page.evaluate(() => fetch('/api/staff/listening/sources').then((r) => r.text()))) as { sources: { id: number; name: string }[] };
      const feedId = listed.sources.find((s) => s.name === 'Carse of Gowrie Notes')!.id;
      expect(errors).toEqual([]);
      await page.close();

      // The poller reads it as it would when the source is due.
      await server.pollListening(feedId);
      const officerPage = await officer.newPage();
      const officerErrors = watchErrors(officerPage);
      await officerPage.goto(`${server.url}/#/staff/listening?source=${feedId}`);
      await officerPage.getByRole('heading', { name: 'Listening inbox' }).waitFor({ timeout: 20_000 });
      const cards = officerPage.locator('.l-item');
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(1);
      expect(await cards.first().locator('.l-text').textContent()).toContain('The drain on the Errol road is blocked again');
      expect(await cards.first().locator('.l-place').textContent()).toMatch(/^Place: Errol/);
      expect(await cards.first().getByRole('link', { name: 'Open the original', exact: true }).getAttribute('href')).toBe('https://carsenotes.example/2026/11/wet-november/#comment-77');

      // What we listen to: folded away, read-only, no configuration or secret in it.
      const panel = officerPage.locator('details.l-listen-to');
      expect(await panel.getAttribute('open')).toBeNull();
      await panel.locator('summary', { hasText: 'What we listen to' }).click();
      const said = (await panel.textContent()) ?? '';
      expect(said).toContain('Carse of Gowrie Notes · Feed · On');
      expect(said).toContain('Council text line · Text message · On');
      expect(said).toMatch(/Last read/);
      expect(said).toContain('Ditches and drains');
      expect(said).toContain('Not when: recipe');
      expect(said).toContain('Suggests: Blocked ditch or drain');
      for (const hidden of [feedUrl, AUTH_TOKEN, ACCOUNT_SID, gateway.url, COUNCIL_NUMBER]) expect(said).not.toContain(hidden);
      expect(await panel.locator('button, input, select, textarea').count()).toBe(0);
      expect(await axeProblems(officerPage)).toEqual([]);
      await officerPage.screenshot({ path: '/tmp/listening-what-we-listen-to.png', fullPage: true });
      expect(officerErrors).toEqual([]);
      await officerPage.close();
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  }, 120_000);

  it('shows the officer the photo a resident texted, as a thumbnail that opens the photo', async () => {
    mmsPhoto = await photoWithGps(ERROL[0], ERROL[1]);
    const url = `${server.url}/api/listening/sms/${sourceId}/twilio`;
    const params = {
      MessageSid: 'MM0001',
      AccountSid: ACCOUNT_SID,
      From: '+447700900321',
      To: COUNCIL_NUMBER,
      Body: 'Photo of the blocked drain at Errol, it is worse today',
      NumMedia: '1',
      MediaUrl0: `${gateway.url}${MEDIA_PATH}`,
      MediaContentType0: 'image/jpeg',
    };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(url, params) },
      body: new URLSearchParams(params),
    });
    expect(res.status).toBeLessThan(300);
    const [row] = await server.database.rows<{ id: number }>(sql`select id from mentions where external_id = 'MM0001'`);
    const id = Number(row!.id);
    const page = await officer.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/staff/listening?source=${sourceId}`);
    const card = page.locator(`.l-item[data-id="${id}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.l-photos p').textContent()).toBe('1 photo');
    const thumb = card.locator('.l-thumbs img');
    expect(await thumb.getAttribute('alt')).toBe('Photo 1 of 1 sent with the message');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(320);
    expect(await card.locator('.l-thumbs a').getAttribute('href')).toBe(`/api/staff/listening/mentions/${id}/photos/0/display`);
    // Not for anyone without a staff session.
    expect((await fetch(`${server.url}/api/staff/listening/mentions/${id}/photos/0/thumbnail`)).status).toBe(401);
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('speaks Polish throughout the inbox for a Polish officer: no English words of the inbox, axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/staff`);
    const signedIn = await page.evaluate(
      (password) =>
        fetch('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'drainage@council.example', password }) }).then((r) => r.status),
      PASSWORD,
    );
    expect(signedIn).toBe(200);
    await page.goto(`${server.url}/#/staff/listening?source=${sourceId}`);
    // Only the hash changed: load the console again, now with the session.
    await page.reload();
    await page.getByRole('heading', { name: 'Skrzynka nasłuchu' }).waitFor({ timeout: 20_000 });
    await page.locator('.l-item').first().waitFor({ timeout: 20_000 });
    await page.locator('details.l-listen-to summary').click();
    // Open a mention too, so its details and actions are on the page.
    await page.locator('.l-item .l-card-open').first().click();
    await page.locator('.l-item-selected').waitFor({ timeout: 10_000 });
    // What the inbox itself says (not what residents wrote or sources are called), in text and in labels.
    const shown = await page.evaluate(() => {
      const root = document.querySelector('.l-inbox')!.cloneNode(true) as HTMLElement;
      for (const el of root.querySelectorAll('.l-text, .l-card-title, .l-listen-list strong, [lang="en"]')) el.remove();
      const labels = [...root.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap((el) =>
        ['aria-label', 'title', 'alt', 'placeholder'].map((a) => el.getAttribute(a) ?? '').filter(Boolean),
      );
      return `${root.textContent ?? ''}\n${labels.join('\n')}`;
    });
    // Every English message of the inbox's catalogue, cut at its placeholders; the pieces long enough to mean something.
    const english: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') for (const piece of v.split(/\{[^}]+\}/)) piece.trim().length >= 6 && english.push(piece.trim());
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(en);
    const untranslated = [...new Set(english)].filter((piece) => !/^(Mastodon|Bluesky|E-mail|SMS)$/.test(piece) && shown.includes(piece));
    expect(untranslated).toEqual([]);
    expect(shown).toContain('Czego słuchamy');
    expect(shown).toContain('Reguły słów kluczowych');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/listening-inbox-pl.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
