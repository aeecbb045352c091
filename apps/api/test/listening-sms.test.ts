import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { metresBetween } from '@groundswell/core';
import { hashPassword } from '../src/staff/passwords.ts';
import { twilioSignature } from '../src/listening/sms.ts';
import { json, staffSessions, testApp } from './helpers.ts';
import { ERROL_STATION, readBody, seedListeningWorld } from './listening-fixtures.ts';

const PASSWORD = 'correct horse battery';
const ADMIN = 'admin@council.example';
const OFFICER = 'kasia.nowak@council.example';
const AUTH_TOKEN = 'twilio-auth-token-0123456789';
const WEBHOOK_SECRET = 'android-signing-key-0123';
const ACCOUNT_SID = 'AC00000000000000000000000000000001';

let ctx: Awaited<ReturnType<typeof testApp>>;
let staff: ReturnType<typeof staffSessions>;
let gateway: Server;
let gatewayUrl = '';
const received: Array<{ method: string; url: string; authorization: string | undefined; contentType: string | undefined; body: string }> = [];
let twilioSource = 0;
let androidSource = 0;
let smsSyncSource = 0;
let mmsPhoto: Buffer;

beforeAll(async () => {
  mmsPhoto = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();
  // One local server answering as Twilio's Messages API and the Android SMS Gateway's send API document.
  gateway = createServer(async (req, res) => {
    const body = await readBody(req);
    received.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    res.setHeader('content-type', 'application/json');
    if (req.url === `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`) {
      const p = new URLSearchParams(body);
      res.statusCode = 201;
      res.end(JSON.stringify({ sid: `SM${received.length.toString().padStart(32, '0')}`, status: 'queued', to: p.get('To'), from: p.get('From'), body: p.get('Body'), account_sid: ACCOUNT_SID }));
    } else if (req.url === `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM0001/Media/ME0001`) {
      // Media needs the account's credentials, as Twilio's HTTP basic auth on media does when enabled.
      if (req.headers.authorization !== `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`) {
        res.statusCode = 401;
        res.end('{}');
        return;
      }
      res.setHeader('content-type', 'image/jpeg');
      res.end(mmsPhoto);
    } else if (req.url === '/3rdparty/v1/message') {
      const b = JSON.parse(body) as { phoneNumbers: string[] };
      res.statusCode = 202;
      res.end(JSON.stringify({ id: 'PyDmBQZZXYmyxMwED8Fzy', state: 'Pending', recipients: b.phoneNumbers.map((phoneNumber) => ({ phoneNumber, state: 'Pending' })) }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 20404, message: 'Not found' }));
    }
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  ctx = await testApp({ listening: { secretKey: Buffer.alloc(32, 3), retentionDays: 30 } });
  await seedListeningWorld(ctx.database);
  const passwordHash = await hashPassword(PASSWORD);
  await ctx.database.rows(sql`insert into teams (code, name) values ('roads', 'Roads team')`);
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  await createStaff(ctx.database, { email: OFFICER, name: 'Kasia Nowak', role: 'officer', passwordHash, teamCodes: ['roads'] });
  staff = staffSessions(ctx.app, PASSWORD);
  await staff.signIn(ADMIN);
  await staff.signIn(OFFICER);
  const add = async (name: string, config: Record<string, unknown>, credentials: Record<string, string>) => {
    const res = await staff.post(ADMIN, '/api/staff/listening/sources', { kind: 'sms', name, config, credentials });
    expect(res.status).toBe(201);
    return json(res);
  };
  const twilio = await add('Text line (Twilio)', { provider: 'twilio', number: '+441738000001', accountSid: ACCOUNT_SID, apiUrl: gatewayUrl }, { authToken: AUTH_TOKEN });
  expect(twilio.credentialsSet).toEqual(['authToken']);
  expect(JSON.stringify(twilio)).not.toContain(AUTH_TOKEN);
  expect(twilio.webhookUrl).toBe(`http://gs.test/api/listening/sms/${twilio.id}/twilio`);
  twilioSource = twilio.id;
  androidSource = (
    await add('Text line (Android)', { provider: 'android', number: '+441738000002', username: 'gw', apiUrl: `${gatewayUrl}/3rdparty/v1` }, { password: 'gw-pass', webhookSecret: WEBHOOK_SECRET })
  ).id;
  smsSyncSource = (await add('Text line (SMSSync)', { provider: 'smssync', number: '+441738000003' }, { webhookSecret: WEBHOOK_SECRET })).id;
});
afterAll(async () => {
  await ctx.close();
  await new Promise((r) => gateway.close(r));
});

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const twilioPost = (params: Record<string, string>, signature?: string) =>
  ctx.app.request(`/api/listening/sms/${twilioSource}/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body: form(params),
  });
const androidPost = (payload: unknown, secret = WEBHOOK_SECRET, timestamp = String(Math.floor(ctx.deps.clock.now().getTime() / 1000))) => {
  const raw = JSON.stringify(payload);
  return ctx.app.request(`/api/listening/sms/${androidSource}/android`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': createHmac('sha256', secret)
        .update(raw + timestamp)
        .digest('hex'),
    },
    body: raw,
  });
};
const stored = async () => ctx.database.rows<{ id: number; text: string; addressed_to_council: boolean; author: string }>(sql`select id, text, addressed_to_council, author from mentions order by id`);

describe('Twilio signatures', () => {
  it("match Twilio's documented example (auth token 12345)", () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });
});

describe('SMS webhooks', () => {
  const message = { MessageSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9', AccountSid: ACCOUNT_SID, From: '+447700900123', To: '+441738000001', Body: 'blocked drain by Errol station', NumMedia: '0' };

  it('refuse an unsigned Twilio post with 401 and a wrongly signed one with 403, as problem+json, storing nothing', async () => {
    const unsigned = await twilioPost(message);
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
    const forged = await twilioPost(message, twilioSignature('not-the-token', `http://gs.test/api/listening/sms/${twilioSource}/twilio`, message));
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const tampered = await twilioPost({ ...message, Body: 'something else' }, twilioSignature(AUTH_TOKEN, `http://gs.test/api/listening/sms/${twilioSource}/twilio`, message));
    expect(tampered.status).toBe(403);
    expect(await stored()).toEqual([]);
  });

  it('take a signed Twilio text: "blocked drain by Errol station" lands near Errol station, addressed to the council', async () => {
    const res = await twilioPost(message, twilioSignature(AUTH_TOKEN, `http://gs.test/api/listening/sms/${twilioSource}/twilio`, message));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toContain('<Response>');
    const [m] = await stored();
    expect(m!.addressed_to_council).toBe(true);
    const list = await json(await staff.get(OFFICER, '/api/staff/listening/mentions'));
    const mention = list.mentions[0];
    expect(mention.source.kind).toBe('sms');
    expect(metresBetween(mention.location, ERROL_STATION)).toBeLessThan(300);
    // Twilio retries a webhook it did not hear back from: the same MessageSid is one mention.
    await twilioPost(message, twilioSignature(AUTH_TOKEN, `http://gs.test/api/listening/sms/${twilioSource}/twilio`, message));
    expect((await stored()).length).toBe(1);
  });

  it('take a signed Android SMS Gateway event and refuse a forged, unsigned or stale one', async () => {
    const event = {
      deviceId: 'ffffffffceb0b1db00000193991c27e5',
      event: 'sms:received',
      id: 'Ey6ECgOkVVFjz3CL48B8C',
      payload: { messageId: 'abc123', message: 'Ditch overflowing at Grange, road flooding', phoneNumber: '+447700900456', simNumber: 1, receivedAt: '2026-11-01T11:58:00.000+00:00' },
      webhookId: 'LreFUt-Z3sSq0JufY9uWB',
    };
    expect((await androidPost(event, 'wrong-secret')).status).toBe(403);
    expect((await androidPost(event, WEBHOOK_SECRET, String(Math.floor(ctx.deps.clock.now().getTime() / 1000) - 3600))).status).toBe(403);
    const unsigned = await ctx.app.request(`/api/listening/sms/${androidSource}/android`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    const before = (await stored()).length;
    const ok = await androidPost(event);
    expect(ok.status).toBe(200);
    expect((await stored()).length).toBe(before + 1);
    expect((await stored()).at(-1)!.text).toBe(event.payload.message);
  });

  it('take an SMSSync post with its secret, and answer as SMSSync expects', async () => {
    const post = (secret: string) =>
      ctx.app.request(`/api/listening/sms/${smsSyncSource}/smssync`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ from: '+447700900789', message: 'Zatkany rów przy Errol Station', message_id: 'b7c0e6a2-1', sent_to: '+441738000003', secret, sent_timestamp: '1793534400000', device_id: '1' }),
      });
    expect((await post('nope')).status).toBe(403);
    const res = await post(WEBHOOK_SECRET);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ payload: { success: true, error: null } });
  });

  it('keep the photo of a Twilio MMS, fetched with the account, and never fetch media from elsewhere', async () => {
    const before = received.length;
    const mms = {
      MessageSid: 'MM0001',
      From: '+447700900321',
      To: '+441738000001',
      Body: 'Photo of the blocked drain at Grange',
      NumMedia: '2',
      MediaUrl0: `${gatewayUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM0001/Media/ME0001`,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'http://127.0.0.2:9/latest/meta-data',
      MediaContentType1: 'image/jpeg',
    };
    const res = await twilioPost(mms, twilioSignature(AUTH_TOKEN, `http://gs.test/api/listening/sms/${twilioSource}/twilio`, mms));
    expect(res.status).toBe(200);
    expect(received.slice(before).map((r) => r.url)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM0001/Media/ME0001`]);
    const [m] = await ctx.database.rows<{ photos: unknown[] }>(sql`select photos from mentions where external_id = 'MM0001'`);
    expect(m!.photos).toHaveLength(1);
  });

  it('answer 404 for a source that is not an SMS source of that gateway', async () => {
    const res = await ctx.app.request(`/api/listening/sms/${twilioSource}/android`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('replies by SMS', () => {
  it('go back to the sender through Twilio, drafted in a person’s voice, and mark the mention answered', async () => {
    const list = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${twilioSource}`));
    const id = list.mentions.find((m: { author: string }) => m.author === '+447700900123').id;
    const detail = await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${id}`));
    expect(detail.replyDraft).toContain('Kasia');
    expect(detail.replyDraft).not.toContain('Nowak');
    const before = received.length;
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/reply`, { text: `${detail.replyDraft} (edited)` });
    expect(res.status).toBe(200);
    const sent = received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    const p = new URLSearchParams(sent[0]!.body);
    expect(p.get('To')).toBe('+447700900123');
    expect(p.get('From')).toBe('+441738000001');
    expect(p.get('Body')).toContain('(edited)');
    const after = (await json(res)).mention;
    expect(after.state).toBe('answered');
    expect(after.firstReplyAt).not.toBeNull();
  });

  it('go back through the Android gateway with its documented JSON', async () => {
    const list = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${androidSource}`));
    const before = received.length;
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${list.mentions[0].id}/reply`, { text: 'Thanks, we will look at the ditch this week. Kasia, Roads team' });
    expect(res.status).toBe(200);
    const sent = received.slice(before)[0]!;
    expect(sent.url).toBe('/3rdparty/v1/message');
    expect(JSON.parse(sent.body)).toEqual({ textMessage: { text: 'Thanks, we will look at the ditch this week. Kasia, Roads team' }, phoneNumbers: ['+447700900456'] });
    expect(sent.authorization).toBe(`Basic ${Buffer.from('gw:gw-pass').toString('base64')}`);
  });

  it('wait for the SMSSync phone to fetch them (GET ?task=send with its secret), each handed over once', async () => {
    const list = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${smsSyncSource}`));
    const mention = list.mentions.find((m: { author: string }) => m.author === '+447700900789');
    expect(mention.canReply).toBe(true);
    const task = (query: string) => ctx.app.request(`/api/listening/sms/${smsSyncSource}/smssync?task=send${query}`);
    // Nothing waiting yet.
    expect(await json(await task(`&secret=${encodeURIComponent(WEBHOOK_SECRET)}`))).toEqual({ payload: { task: 'send', secret: WEBHOOK_SECRET, messages: [] } });
    const text = 'Dziękujemy, rów przy Errol Station oczyścimy w tym tygodniu. Kasia, Zespół drogowy';
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${mention.id}/reply`, { text });
    expect(res.status).toBe(200);
    expect((await json(res)).mention.state).toBe('answered');

    const unsigned = await task('');
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(unsigned)).errors[0].field).toBe('query.secret');
    const forged = await task('&secret=not-the-secret');
    expect(forged.status).toBe(403);
    expect(await forged.text()).not.toContain(text);
    expect((await ctx.app.request(`/api/listening/sms/${twilioSource}/smssync?task=send&secret=${encodeURIComponent(WEBHOOK_SECRET)}`)).status).toBe(404);

    const taken = await task(`&secret=${encodeURIComponent(WEBHOOK_SECRET)}`);
    expect(taken.status).toBe(200);
    const body = await json(taken);
    expect(body.payload).toMatchObject({ task: 'send', secret: WEBHOOK_SECRET });
    expect(body.payload.messages).toHaveLength(1);
    expect(body.payload.messages[0]).toMatchObject({ to: '+447700900789', message: text });
    expect(body.payload.messages[0].uuid).toMatch(/^[0-9a-f-]{36}$/);
    // Handed over once: the next poll finds nothing.
    expect((await json(await task(`&secret=${encodeURIComponent(WEBHOOK_SECRET)}`))).payload.messages).toEqual([]);
  });

  it('record a failed send and answer 503 when the gateway refuses', async () => {
    const add = await staff.post(ADMIN, '/api/staff/listening/sources', {
      kind: 'sms',
      name: 'Text line (wrong account)',
      config: { provider: 'twilio', number: '+441738000009', accountSid: 'ACwrong', apiUrl: gatewayUrl },
      credentials: { authToken: AUTH_TOKEN },
    });
    const source = (await json(add)).id;
    const message = { MessageSid: 'SMfailing0000000000000000000000001', From: '+447700900999', To: '+441738000009', Body: 'Flooding at Errol Station' };
    const url = `http://gs.test/api/listening/sms/${source}/twilio`;
    const hook = await ctx.app.request(`/api/listening/sms/${source}/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, url, message) },
      body: form(message),
    });
    expect(hook.status).toBe(200);
    const id = (await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${source}`))).mentions[0].id;
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/reply`, { text: 'We are on it. Kasia, Roads team' });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const detail = await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${id}`));
    expect(detail.mention.state).toBe('new');
    expect(detail.mention.firstReplyAt).toBeNull();
    expect(detail.replies).toHaveLength(1);
    expect(detail.replies[0].error).toContain('404');
    expect(detail.replies[0].sentAt).toBeNull();
  });

  it('never return the credentials', async () => {
    const sources = await json(await staff.get(ADMIN, '/api/staff/listening/sources'));
    expect(sources.sources.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(sources)).not.toContain(AUTH_TOKEN);
    expect(JSON.stringify(sources)).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(sources)).not.toContain('gw-pass');
    const [row] = await ctx.database.rows<{ credentials: string }>(sql`select credentials from listening_sources where id = ${twilioSource}`);
    expect(row!.credentials).not.toContain(AUTH_TOKEN);
    expect(row!.credentials).toMatch(/^v1:/);
  });
});

describe('follow-ups', () => {
  it('offer a follow-up when the report changed state after the last reply, answered in the same channel and logged on the timeline', async () => {
    const list = await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${twilioSource}`));
    const id = list.mentions.find((m: { author: string }) => m.author === '+447700900123').id;
    const made = await staff.post(ADMIN, `/api/staff/listening/mentions/${id}/report`, { category: 'blocked_drain', geometry: { type: 'Point', coordinates: [ERROL_STATION.lon, ERROL_STATION.lat] } });
    expect(made.status).toBe(201);
    const report = (await json(made)).report;
    // The test clock stands still: the earlier reply is moved an hour back so the state change comes after it.
    await ctx.database.rows(sql`update mentions set last_reply_at = last_reply_at - interval '1 hour' where id = ${id} returning id`);
    expect((await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${id}`))).mention.followUpDue).toBe(false);
    const moved = await staff.post(ADMIN, `/api/staff/reports/${report}/state`, { state: 'acknowledged' });
    expect(moved.status).toBe(200);
    const detail = await json(await staff.get(OFFICER, `/api/staff/listening/mentions/${id}`));
    expect(detail.mention.followUpDue).toBe(true);
    expect(detail.replyDraft).toContain(report);
    const before = received.length;
    const res = await staff.post(OFFICER, `/api/staff/listening/mentions/${id}/reply`, { text: detail.replyDraft });
    expect(res.status).toBe(200);
    expect(new URLSearchParams(received.slice(before)[0]!.body).get('To')).toBe('+447700900123');
    const after = (await json(res)).mention;
    expect(after.state).toBe('converted');
    expect(after.followUpDue).toBe(false);
    const events = await ctx.database.rows<{ kind: string; public: boolean; actor_label: string }>(
      sql`select e.kind, e.public, e.actor_label from report_events e join reports r on r.id = e.report_id where r.public_id = ${report} and e.kind = 'mention_replied'`,
    );
    expect(events).toEqual([{ kind: 'mention_replied', public: false, actor_label: 'Kasia Nowak' }]);
  });
});
