/**
 * Issue 13's "Done when", end to end through the staff API: an admin switches on a feed, a
 * mailbox, an SMS number and a Mastodon hashtag; a resident's email with a photo, a text and
 * posts about a blocked ditch near Grange each land in the inbox inside Grange's own area; an
 * officer makes one report from the email, attaches the others, answers each on its own
 * platform in its language (the Mastodon post in Polish), and insight shows the channel mix
 * and the time to first reply. Every platform is a real server on 127.0.0.1: a web server
 * serving a recorded WordPress comments feed, dovecot and an SMTP server, a server answering
 * as Twilio's Messages API, and one answering masto.js as Mastodon does.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { pollSource } from '../src/listening/poll-source.ts';
import { twilioSignature } from '../src/listening/sms.ts';
import { type Dovecot, startDovecot, startSmtpCatcher } from './dovecot.ts';
import { startFakeMastodon } from './fake-mastodon.ts';
import { json } from './helpers.ts';
import { ADMIN, OFFICER, listeningApp } from './listening-connector-app.ts';
import { readBody } from './listening-fixtures.ts';

const IMAP_PASSWORD = 'imap-secret-for-the-mailbox';
const SMTP_PASSWORD = 'smtp-secret-for-replies';
const MASTODON_TOKEN = 'mastodon-token-0123456789';
const AUTH_TOKEN = 'twilio-auth-token-done-when';
const ACCOUNT_SID = 'AC0000000000000000000000000000d0e0';
const RESIDENT_PHONE = '+447700900777';
const COUNCIL_NUMBER = '+441738000013';

/** Grange and Errol Station as the villages they are: their own areas inside the community council's. */
const VILLAGES: Record<string, Array<[number, number]>> = {
  grange: [
    [-3.245, 56.384],
    [-3.225, 56.384],
    [-3.225, 56.396],
    [-3.245, 56.396],
    [-3.245, 56.384],
  ],
  'errol-station': [
    [-3.215, 56.399],
    [-3.195, 56.399],
    [-3.195, 56.411],
    [-3.215, 56.411],
    [-3.215, 56.399],
  ],
};

let app: Awaited<ReturnType<typeof listeningApp>>;
let dovecot: Dovecot;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let social: Awaited<ReturnType<typeof startFakeMastodon>>;
let web: Server;
let webUrl = '';
const twilioSent: Array<{ url: string; authorization: string | undefined; body: string }> = [];
let now = new Date('2026-11-02T08:00:00Z');
let postId = '';
let report = '';

/** Moves the app's clock; staff sign in again, as sessions time out over hours. */
async function at(iso: string) {
  now = new Date(iso);
  await app.staff.signIn(ADMIN);
  await app.staff.signIn(OFFICER);
}

beforeAll(async () => {
  dovecot = await startDovecot({ roads: IMAP_PASSWORD });
  smtp = await startSmtpCatcher({ roads: SMTP_PASSWORD });
  social = await startFakeMastodon({ token: MASTODON_TOKEN, councilAcct: 'roads' });
  const feed = readFileSync(new URL('./fixtures/listening/grange-blog-comments.rss', import.meta.url), 'utf8');
  // One local web server: the blog's comments feed, and Twilio's Messages API for the replies.
  web = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/comments/feed/') {
      res.setHeader('content-type', 'application/rss+xml; charset=UTF-8');
      res.setHeader('etag', '"carse-77"');
      res.end(feed);
    } else if (req.method === 'POST' && req.url === `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`) {
      twilioSent.push({ url: req.url, authorization: req.headers.authorization, body });
      const p = new URLSearchParams(body);
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sid: `SM${String(twilioSent.length).padStart(32, '0')}`, status: 'queued', to: p.get('To'), from: p.get('From'), body: p.get('Body'), account_sid: ACCOUNT_SID }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;

  app = await listeningApp();
  app.ctx.deps.clock.now = () => now;
  await at('2026-11-02T08:00:00Z');
  await app.ctx.database.db
    .insert(schema.areas)
    .values(Object.entries(VILLAGES).map(([code, ring]) => ({ code, name: code === 'grange' ? 'Grange' : 'Errol Station', kind: 'village', geom: { type: 'Polygon' as const, coordinates: [ring] } })));
  await app.ctx.database.rows(sql`update categories set default_team_id = (select id from teams where code = 'roads') where code = 'blocked_drain'`);
});

afterAll(async () => {
  await app?.ctx.close();
  await smtp?.close();
  await dovecot?.stop();
  await social?.close();
  await new Promise((r) => web?.close(r));
});

/** Whether PostGIS puts the point inside the village's own area. */
const inVillage = async (code: string, p: { lon: number; lat: number }) =>
  (await app.ctx.database.rows<{ inside: boolean }>(sql`select ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)) as inside from areas where code = ${code}`))[0]!.inside;

const sources: Record<'feed' | 'email' | 'sms' | 'mastodon', number> = { feed: 0, email: 0, sms: 0, mastodon: 0 };
const mentions: Record<'feed' | 'email' | 'sms' | 'mastodon', { id: number; location: { lon: number; lat: number }; text: string; language: string; url: string }> = {} as never;

describe('issue 13, done when', () => {
  it('an admin switches on a feed, a mailbox, an SMS number and a Mastodon hashtag through the staff API', async () => {
    sources.feed = await app.addSource('feed', 'Carse of Gowrie Notes (comments)', { url: `${webUrl}/comments/feed/` }, {});
    sources.email = await app.addSource(
      'email',
      'roads@ mailbox',
      {
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        user: 'roads',
        mailbox: 'INBOX',
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpSecure: false,
        from: 'roads@council.example',
        idleSeconds: 0,
      },
      { password: IMAP_PASSWORD, smtpPassword: SMTP_PASSWORD },
    );
    sources.sms = await app.addSource('sms', 'Roads text line', { provider: 'twilio', number: COUNCIL_NUMBER, accountSid: ACCOUNT_SID, apiUrl: webUrl }, { authToken: AUTH_TOKEN });
    sources.mastodon = await app.addSource('mastodon', '#ErrolDitches on council.social', { instanceUrl: social.url, hashtags: ['ErrolDitches'], account: 'roads' }, { accessToken: MASTODON_TOKEN });
    const listed = (await json(await app.staff.get(ADMIN, '/api/staff/listening/sources'))).sources;
    for (const id of Object.values(sources)) expect(listed.find((s: { id: number }) => s.id === id)).toMatchObject({ enabled: true });
    const audit = await app.ctx.database.rows<{ n: number }>(sql`select count(*) as n from audit_log where action like 'listening%'`);
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(4);
  });

  it('a resident email with a photo, a text and two posts about the ditch each appear in the inbox, located inside Grange', async () => {
    // The email, delivered into the council mailbox as its mail server would.
    const photo = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#4a6' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Morag Resident' } })
      .toBuffer();
    const raw = (
      await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }).sendMail({
        from: 'Morag Resident <morag@resident.example>',
        to: 'roads@council.example',
        subject: 'Blocked ditch near Grange',
        messageId: '<grange-ditch-1@resident.example>',
        date: new Date('2026-11-02T07:55:00Z'),
        text: 'The ditch by the lane at Grange is blocked and water is over the road. Photo attached.\n\n-- \nMorag',
        attachments: [{ filename: 'ditch.jpg', content: photo, contentType: 'image/jpeg' }],
      })
    ).message as Buffer;
    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'roads', pass: IMAP_PASSWORD }, logger: false });
    await imap.connect();
    await imap.append('INBOX', raw, []);
    await imap.logout();

    // The text, pushed by Twilio to the webhook and signed with the account's token.
    const text = { MessageSid: 'SM9000000000000000000000000000d0e1', AccountSid: ACCOUNT_SID, From: RESIDENT_PHONE, To: COUNCIL_NUMBER, Body: 'blocked ditch by Grange', NumMedia: '0' };
    const hook = await app.ctx.app.request(`/api/listening/sms/${sources.sms}/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, `http://gs.test/api/listening/sms/${sources.sms}/twilio`, text) },
      body: new URLSearchParams(text).toString(),
    });
    expect(hook.status).toBe(200);
    expect(await hook.text()).toContain('<Response>');

    // A Polish post on the hashtag, and the blog comment.
    const post = social.addStatus({
      acct: 'ola@social.example',
      html: '<p>Zatkany rów przy Grange, woda stoi na drodze <a href="x" class="mention hashtag">#<span>ErrolDitches</span></a></p>',
      tags: ['ErrolDitches'],
      language: 'pl',
      createdAt: '2026-11-02T07:50:00.000Z',
    });
    postId = String(post.id);
    for (const kind of ['feed', 'email', 'mastodon'] as const) {
      const polled = await pollSource(app.ctx.deps, sources[kind]);
      expect(polled.error).toBeUndefined();
      expect(polled.outcomes.stored).toBe(1);
    }

    for (const kind of ['feed', 'email', 'sms', 'mastodon'] as const) {
      const inbox = await app.inbox(sources[kind]);
      expect(inbox).toHaveLength(1);
      mentions[kind] = inbox[0];
      expect(inbox[0]).toMatchObject({ state: 'new', source: { kind }, suggestedCategory: 'blocked_drain' });
      expect(await inVillage('grange', inbox[0].location)).toBe(true);
      expect(await inVillage('errol-station', inbox[0].location)).toBe(false);
    }
    expect(mentions.email).toMatchObject({ author: 'morag@resident.example', photoCount: 1, addressedToCouncil: true });
    // The officer sees the photo on the card; nobody else does.
    const thumb = await app.staff.get(OFFICER, `/api/staff/listening/mentions/${mentions.email.id}/photos/0/thumbnail`);
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(160);
    expect((await app.ctx.app.request(`/api/staff/listening/mentions/${mentions.email.id}/photos/0/thumbnail`)).status).toBe(401);
    expect(mentions.sms).toMatchObject({ author: RESIDENT_PHONE, text: 'blocked ditch by Grange', addressedToCouncil: true });
    expect(mentions.mastodon).toMatchObject({ language: 'pl', url: String(post.url) });
    expect(mentions.feed.url).toBe('https://carsenotes.example/2026/11/wet-november/#comment-77');
    // The officer is offered them together: within 250 m and 7 days of each other.
    const detail = await json(await app.staff.get(OFFICER, `/api/staff/listening/mentions/${mentions.email.id}`));
    expect(detail.nearbyMentions.map((m: { id: number }) => m.id).sort()).toEqual([mentions.feed.id, mentions.sms.id, mentions.mastodon.id].sort());
  });

  it('the officer makes one report from the email with its photo, and attaches the text and the posts', async () => {
    await at('2026-11-02T09:00:00Z');
    const made = await app.staff.post(OFFICER, `/api/staff/listening/mentions/${mentions.email.id}/report`, {
      category: 'blocked_drain',
      geometry: { type: 'Point', coordinates: [mentions.email.location.lon, mentions.email.location.lat] },
    });
    expect(made.status).toBe(201);
    report = (await json(made)).report as string;
    const [row] = await app.ctx.database.rows<{ id: number; channel: string }>(sql`select id, channel from reports where public_id = ${report}`);
    expect(row!.channel).toBe('email');
    const photos = await app.ctx.database.rows<{ storage_key: string }>(sql`select storage_key from photos where report_id = ${row!.id}`);
    expect(photos).toHaveLength(1);
    const display = await app.ctx.storage.get(`${photos[0]!.storage_key}-display.jpg`);
    expect((await sharp(Buffer.from(display!)).metadata()).width).toBe(160);
    expect(Buffer.from(display!).includes(Buffer.from('Morag Resident'))).toBe(false);
    for (const kind of ['sms', 'mastodon', 'feed'] as const) {
      const res = await app.staff.post(OFFICER, `/api/staff/listening/mentions/${mentions[kind].id}/attach`, { report });
      expect(res.status).toBe(200);
      expect((await json(res)).mention.state).toBe('attached');
    }
    const contacts = await app.ctx.database.rows<{ n: number }>(sql`select count(*) as n from report_events where report_id = ${row!.id} and kind = 'contact_logged'`);
    expect(Number(contacts[0]!.n)).toBe(3);
  });

  it('answers each in its own channel and language: threaded email, Twilio send, a Polish Mastodon reply', async () => {
    // Email, two hours after it came in.
    await at('2026-11-02T10:00:00Z');
    const emailDraft = (await json(await app.staff.get(OFFICER, `/api/staff/listening/mentions/${mentions.email.id}`))).replyDraft as string;
    expect(emailDraft).toMatch(/^Hello,/);
    expect(emailDraft).toContain(report);
    expect(emailDraft).toContain('Kasia');
    const mailsBefore = smtp.caught.length;
    expect((await app.reply(mentions.email.id, emailDraft)).status).toBe(200);
    expect(smtp.caught).toHaveLength(mailsBefore + 1);
    const mail = smtp.caught.at(-1)!;
    expect(mail.envelope.to).toEqual(['morag@resident.example']);
    expect(mail.parsed.subject).toBe('Re: Blocked ditch near Grange');
    expect(mail.parsed.inReplyTo).toBe('<grange-ditch-1@resident.example>');
    expect(mail.parsed.references).toBe('<grange-ditch-1@resident.example>');
    expect(mail.parsed.text).toContain(report);

    // The text, four hours after it came in.
    await at('2026-11-02T12:00:00Z');
    const smsDraft = (await json(await app.staff.get(OFFICER, `/api/staff/listening/mentions/${mentions.sms.id}`))).replyDraft as string;
    expect((await app.reply(mentions.sms.id, smsDraft)).status).toBe(200);
    expect(twilioSent).toHaveLength(1);
    expect(twilioSent[0]!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    const sms = new URLSearchParams(twilioSent[0]!.body);
    expect(sms.get('To')).toBe(RESIDENT_PHONE);
    expect(sms.get('From')).toBe(COUNCIL_NUMBER);
    expect(sms.get('Body')).toBe(smsDraft);

    // The Polish post, the next day (30 hours after), answered in Polish in its thread.
    await at('2026-11-03T14:00:00Z');
    const plDraft = (await json(await app.staff.get(OFFICER, `/api/staff/listening/mentions/${mentions.mastodon.id}`))).replyDraft as string;
    expect(plDraft).toMatch(/Dzięk|dzięk/);
    expect(plDraft).not.toMatch(/\b(Thank|Thanks|Hello)\b/);
    const answered = await app.reply(mentions.mastodon.id, plDraft);
    expect(answered.status).toBe(200);
    const status = social.posted.at(-1)!;
    expect(String(status.in_reply_to_id)).toBe(postId);
    expect(String(status.status)).toMatch(/^@ola@social\.example /);
    expect(String(status.status)).toContain(plDraft);

    // A blog comment takes no reply here: the officer answers on the blog.
    expect((await app.reply(mentions.feed.id, 'Thanks')).status).toBe(409);
    // Every reply is on the report's timeline with the officer.
    const [row] = await app.ctx.database.rows<{ id: number }>(sql`select id from reports where public_id = ${report}`);
    const replied = await app.ctx.database.rows<{ actor_label: string; channel: string }>(
      sql`select actor_label, payload->>'channel' as channel from report_events where report_id = ${row!.id} and kind = 'mention_replied' order by id`,
    );
    expect(replied).toEqual([
      { actor_label: 'Kasia Nowak', channel: 'email' },
      { actor_label: 'Kasia Nowak', channel: 'sms' },
      { actor_label: 'Kasia Nowak', channel: 'mastodon' },
    ]);
  });

  it('insight shows the channel mix and the time to first reply for these', async () => {
    const period = 'from=2026-11-01&to=2026-11-30';
    const listening = await json(await app.ctx.app.request(`/api/insight/listening?${period}`));
    const row = (kind: string) => listening.rows.find((r: { sourceKind: string; month: string }) => r.sourceKind === kind && r.month === 'all');
    expect(row('email')).toMatchObject({ received: 1, convertedOrAttached: 1, answered: 1, medianHoursToFirstReply: 2 });
    expect(row('sms')).toMatchObject({ received: 1, convertedOrAttached: 1, answered: 1, medianHoursToFirstReply: 4 });
    expect(row('mastodon')).toMatchObject({ received: 1, convertedOrAttached: 1, answered: 1, medianHoursToFirstReply: 30 });
    expect(row('feed')).toMatchObject({ received: 1, convertedOrAttached: 1, answered: 0, medianHoursToFirstReply: null });
    expect(row('all')).toMatchObject({ received: 4, convertedOrAttached: 4, answered: 3, medianHoursToFirstReply: 4 });
    const volume = await json(await app.ctx.app.request(`/api/insight/volume?${period}&by=channel`));
    // Channel mix: reports by first-contact channel; the one report came in by email.
    expect(volume.series).toEqual([{ key: 'email', label: 'email', total: 1, counts: [1] }]);
    // The public figures carry no one's words or address.
    const text = JSON.stringify(listening) + JSON.stringify(volume);
    for (const secret of ['morag@resident.example', RESIDENT_PHONE, 'ola@social.example', 'blocked ditch by Grange']) expect(text).not.toContain(secret);
  });
});
