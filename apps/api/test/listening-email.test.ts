import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import pino from 'pino';
import sharp from 'sharp';
import exifr from 'exifr';
import { DomainError, metresBetween } from '@groundswell/core';
import { mentionInternals } from '@groundswell/db';
import type { ConnectorState } from '../src/listening/connector.ts';
import type { ConnectorDeps } from '../src/listening/connectors.ts';
import { createEmailConnector } from '../src/listening/email.ts';
import { stripQuotedAndSignature } from '../src/listening/email-parse.ts';
import { pollSource } from '../src/listening/poll-source.ts';
import { type Dovecot, startDovecot, startSmtpCatcher } from './dovecot.ts';
import { json } from './helpers.ts';
import { listeningApp } from './listening-connector-app.ts';
import { ERROL_STATION } from './listening-fixtures.ts';

const PASSWORD = 'imap-Pa55word-never-logged';
const SMTP_PASSWORD = 'smtp-Pa55word-never-logged';
let dovecot: Dovecot;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

const deps: ConnectorDeps = { fetch, logger: pino({ level: 'silent' }), now: () => new Date('2026-11-30T12:00:00Z'), publicUrl: 'http://gs.test' };
const never = new AbortController().signal;

const config = (extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: dovecot.port,
  secure: false,
  user: 'reports',
  mailbox: 'INBOX',
  smtpHost: '127.0.0.1',
  smtpPort: smtp.port,
  smtpSecure: false,
  smtpUser: 'roads',
  from: 'reports@council.example',
  idleSeconds: 0,
  ...extra,
});
const connector = (extra: Record<string, unknown> = {}) => createEmailConnector(config(extra), { password: PASSWORD, smtpPassword: SMTP_PASSWORD }, deps);

/** A JPEG as a phone makes it, with the GPS position of Errol in its EXIF. */
const errolJpeg = () =>
  sharp({ create: { width: 120, height: 80, channels: 3, background: '#574' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '56/1 23/1 30/1', GPSLongitudeRef: 'W', GPSLongitude: '3/1 12/1 36/1' } })
    .toBuffer();

async function compose(message: SendMailOptions): Promise<Buffer> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await t.sendMail(message);
  return info.message as Buffer;
}

/** Delivers as a mail server would: IMAP APPEND as the mailbox's owner, unread. */
async function deliver(raw: Buffer, mailbox = 'INBOX', user = 'reports', flags: string[] = []) {
  const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: PASSWORD }, logger: false });
  await imap.connect();
  try {
    const appended = await imap.append(mailbox, raw, flags);
    return appended ? appended.uid : null;
  } finally {
    await imap.logout();
  }
}

async function flagsOf(mailbox = 'INBOX', user = 'reports') {
  const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: PASSWORD }, logger: false });
  await imap.connect();
  const lock = await imap.getMailboxLock(mailbox);
  const out: Record<string, string[]> = {};
  try {
    if ((imap.mailbox as { exists: number }).exists > 0) {
      for await (const m of imap.fetch('1:*', { envelope: true, flags: true })) out[m.envelope?.subject ?? ''] = [...(m.flags ?? [])];
    }
  } finally {
    lock.release();
    await imap.logout();
  }
  return out;
}

beforeAll(async () => {
  dovecot = await startDovecot({ reports: PASSWORD, errol: PASSWORD });
  smtp = await startSmtpCatcher({ roads: SMTP_PASSWORD });
});
afterAll(async () => {
  await smtp?.close();
  await dovecot?.stop();
});

describe('email connector: reading the council mailbox from a real dovecot', () => {
  const seen: { state: ConnectorState } = { state: {} };

  it('reads a resident email with a photo: text without the quote and signature, Message-ID, From, threading ref, photo and its GPS', async () => {
    const raw = await compose({
      from: 'Anna Resident <anna@resident.example>',
      to: 'reports@council.example',
      subject: 'Blocked ditch near Errol',
      messageId: '<ditch-1@resident.example>',
      references: ['<older@council.example>'],
      text: 'The ditch by the Errol road is blocked again, water over the verge.\n\nOn Mon, 2 Nov 2026 at 09:00, Roads <reports@council.example> wrote:\n> Thank you for your report\n\n-- \nAnna, 3 Station Road',
      attachments: [{ filename: 'ditch.jpg', content: await errolJpeg(), contentType: 'image/jpeg' }],
    });
    await deliver(raw);
    const c = connector();
    try {
      const { mentions, state } = await c.poll!({}, never);
      expect(mentions).toHaveLength(1);
      const m = mentions[0]!;
      expect(m.externalId).toBe('<ditch-1@resident.example>');
      expect(m.author).toBe('anna@resident.example');
      expect(m.addressedToCouncil).toBe(true);
      expect(m.url).toBeNull();
      expect(m.text).toBe('Blocked ditch near Errol\n\nThe ditch by the Errol road is blocked again, water over the verge.');
      expect(m.replyRef).toEqual({ messageId: '<ditch-1@resident.example>', references: '<older@council.example>', subject: 'Blocked ditch near Errol', address: 'anna@resident.example' });
      expect(m.photos).toHaveLength(1);
      expect(m.photos![0]).toMatchObject({ filename: 'ditch.jpg', contentType: 'image/jpeg' });
      expect((await sharp(Buffer.from(m.photos![0]!.data)).metadata()).width).toBe(120);
      expect(m.coordinates!.lat).toBeCloseTo(56.3917, 3);
      expect(m.coordinates!.lon).toBeCloseTo(-3.21, 3);
      expect(state).toMatchObject({ lastUid: 1, pending: '1' });
      expect(typeof state.uidValidity).toBe('string');
      seen.state = state;
      // Not marked yet: the state that says it was read has not come back.
      expect((await flagsOf())['Blocked ditch near Errol']).not.toContain('\\Seen');
    } finally {
      await c.close!();
    }
  });

  it('after a restart reads only what is new, once, and marks the stored messages \\Seen', async () => {
    await deliver(
      await compose({
        from: 'bob@resident.example',
        to: 'reports@council.example',
        subject: 'Pothole',
        messageId: '<pothole-2@resident.example>',
        html: '<p>Big <b>pothole</b> on Main Street, Errol.</p><blockquote>old</blockquote>',
      }),
    );
    const c = connector();
    try {
      const first = await c.poll!(seen.state, never);
      expect(first.mentions.map((m) => m.externalId)).toEqual(['<pothole-2@resident.example>']);
      expect(first.mentions[0]!.text).toContain('Big pothole on Main Street, Errol.');
      expect(first.mentions[0]!.photos).toEqual([]);
      expect(first.mentions[0]!.coordinates).toBeNull();
      expect((await flagsOf())['Blocked ditch near Errol']).toContain('\\Seen');
      const again = await c.poll!(first.state, never);
      expect(again.mentions).toEqual([]);
      expect(again.state).toMatchObject({ lastUid: 2, pending: null });
      expect((await flagsOf()).Pothole).toContain('\\Seen');
      seen.state = again.state;
    } finally {
      await c.close!();
    }
  });

  it('skips its own replies and auto-replies, but moves on past them', async () => {
    await deliver(await compose({ from: 'reports@council.example', to: 'anna@resident.example', subject: 'Re: Blocked ditch', text: 'Thanks' }));
    await deliver(await compose({ from: 'away@resident.example', to: 'reports@council.example', subject: 'Out of office', text: 'I am away', headers: { 'Auto-Submitted': 'auto-replied' } }));
    const c = connector();
    try {
      const r = await c.poll!(seen.state, never);
      expect(r.mentions).toEqual([]);
      expect(r.state).toMatchObject({ lastUid: 4, pending: null });
      seen.state = r.state;
      // Not handed on, so the next poll leaves them as they were for the people who share the mailbox.
      await c.poll!(r.state, never);
      const flags = await flagsOf();
      expect(flags['Re: Blocked ditch']).not.toContain('\\Seen');
      expect(flags['Out of office']).not.toContain('\\Seen');
    } finally {
      await c.close!();
    }
  });

  it('waits in IDLE when the mailbox is empty and returns as soon as mail arrives', async () => {
    const c = connector({ idleSeconds: 20 });
    try {
      const started = Date.now();
      const polling = c.poll!(seen.state, never);
      await new Promise((r) => setTimeout(r, 700));
      await deliver(
        await compose({ from: 'cara@resident.example', to: 'reports@council.example', subject: 'Flooded lane', messageId: '<idle-5@resident.example>', text: 'Lane flooded by the church' }),
      );
      const r = await polling;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(r.mentions.map((m) => m.externalId)).toEqual(['<idle-5@resident.example>']);
      seen.state = r.state;
      // A cancelled poll returns at once with nothing new.
      const abort = new AbortController();
      const t = Date.now();
      const waiting = c.poll!(r.state, abort.signal);
      setTimeout(() => abort.abort(), 300);
      expect((await waiting).mentions).toEqual([]);
      expect(Date.now() - t).toBeLessThan(5_000);
    } finally {
      await c.close!();
    }
  });

  it('moves handled messages to a folder when configured, and rereads unseen mail when the mailbox is renumbered', async () => {
    const setup = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'reports', pass: PASSWORD }, logger: false });
    await setup.connect();
    await setup.mailboxCreate('Reports');
    await setup.mailboxCreate('Handled');
    await setup.logout();
    await deliver(
      await compose({ from: 'dan@resident.example', to: 'reports@council.example', subject: 'Fly-tipping', messageId: '<fly-6@resident.example>', text: 'Mattresses dumped in the lay-by' }),
      'Reports',
    );
    const c = connector({ mailbox: 'Reports', moveTo: 'Handled' });
    try {
      const r = await c.poll!({}, never);
      expect(r.mentions.map((m) => m.externalId)).toEqual(['<fly-6@resident.example>']);
      await c.poll!(r.state, never);
      expect(Object.keys(await flagsOf('Reports'))).toEqual([]);
      expect(Object.keys(await flagsOf('Handled'))).toEqual(['Fly-tipping']);

      // A stale UIDVALIDITY (the server rebuilt the mailbox): the unseen messages are read again.
      await deliver(
        await compose({ from: 'eve@resident.example', to: 'reports@council.example', subject: 'Streetlight', messageId: '<light-7@resident.example>', text: 'Light out on Church Road' }),
        'Reports',
      );
      const renumbered = await c.poll!({ uidValidity: '1', lastUid: 99, pending: '99' }, never);
      expect(renumbered.mentions.map((m) => m.externalId)).toEqual(['<light-7@resident.example>']);
    } finally {
      await c.close!();
    }
  });
});

describe('email connector: the first read', () => {
  it('takes the unread messages only, and moves past read ones above them', async () => {
    const setup = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'reports', pass: PASSWORD }, logger: false });
    await setup.connect();
    await setup.mailboxCreate('Mixed');
    await setup.logout();
    await deliver(await compose({ from: 'gus@resident.example', to: 'reports@council.example', subject: 'Unread', messageId: '<unread-1@resident.example>', text: 'Ditch blocked' }), 'Mixed');
    await deliver(
      await compose({ from: 'hal@resident.example', to: 'reports@council.example', subject: 'Read by a person', messageId: '<read-2@resident.example>', text: 'Already handled' }),
      'Mixed',
      'reports',
      ['\\Seen'],
    );
    const c = connector({ mailbox: 'Mixed' });
    try {
      const first = await c.poll!({}, never);
      expect(first.mentions.map((m) => m.externalId)).toEqual(['<unread-1@resident.example>']);
      expect(first.state).toMatchObject({ lastUid: 2, pending: '1' });
      expect((await c.poll!(first.state, never)).mentions).toEqual([]);
    } finally {
      await c.close!();
    }
  });
});

describe('email connector: replies over SMTP', () => {
  it('answers threaded under the resident message (In-Reply-To, References, Re: subject) with the SMTP account', async () => {
    const c = connector();
    const sent = await c.reply!(
      { messageId: '<ditch-1@resident.example>', references: '<older@council.example>', subject: 'Blocked ditch near Errol', address: 'anna@resident.example' },
      'Thank you, Anna. A crew will clear it this week. Tom, Roads team',
    );
    const mail = smtp.caught.at(-1)!;
    expect(mail.auth?.username).toBe('roads');
    expect(mail.envelope).toEqual({ from: 'reports@council.example', to: ['anna@resident.example'] });
    expect(mail.parsed.subject).toBe('Re: Blocked ditch near Errol');
    expect(mail.parsed.inReplyTo).toBe('<ditch-1@resident.example>');
    expect(mail.parsed.references).toEqual(['<older@council.example>', '<ditch-1@resident.example>']);
    expect(mail.parsed.text?.trim()).toBe('Thank you, Anna. A crew will clear it this week. Tom, Roads team');
    expect(sent.externalId).toBe(mail.parsed.messageId);
    expect(sent.url).toBeNull();
    // Already a reply: no "Re: Re:".
    await c.reply!({ messageId: '<x@r.example>', references: '', subject: 'RE: Pothole', address: 'bob@resident.example' }, 'Fixed.');
    expect(smtp.caught.at(-1)!.parsed.subject).toBe('RE: Pothole');
    expect(smtp.caught.at(-1)!.parsed.references).toBe('<x@r.example>');
  });
});

describe('email connector: configuration and secrets', () => {
  it('refuses a configuration naming the bad fields', () => {
    let error: unknown;
    try {
      createEmailConnector({ port: 'x', smtpHost: 'smtp', from: 'not-an-address' }, { password: 'p' }, deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['config.host', 'config.port', 'config.user', 'config.from']));
    expect(() => createEmailConnector(config(), {}, deps)).toThrow(/secrets\.password/);
  });

  it('a failed sign-in says so without the password', async () => {
    const c = createEmailConnector(config(), { password: `${PASSWORD}-wrong` }, deps);
    const error = await c.poll!({}, never).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/sign-in failed.*refused the user name or password/);
    expect(error?.message).not.toContain(PASSWORD);
    const failedReply = await createEmailConnector(config(), { password: PASSWORD, smtpPassword: 'wrong-smtp-secret' }, deps).reply!(
      { messageId: '<a@b>', references: '', subject: 's', address: 'a@b.example' },
      'x',
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(failedReply?.message).toMatch(/reply could not be sent/);
    expect(failedReply?.message).not.toContain('wrong-smtp-secret');
  });
});

describe('email end to end: the mailbox, the inbox, the reply', () => {
  let app: Awaited<ReturnType<typeof listeningApp>>;
  let sourceId = 0;
  beforeAll(async () => {
    app = await listeningApp();
    sourceId = await app.addSource('email', 'Errol mailbox', config({ user: 'errol' }), { password: PASSWORD, smtpPassword: SMTP_PASSWORD });
  });
  afterAll(() => app?.ctx.close());

  it('a resident email with a photo reaches the inbox located near Errol, with the photo (EXIF gone); the reply threads under it', async () => {
    await deliver(
      await compose({
        from: 'Morag Resident <morag@resident.example>',
        to: 'errol@council.example',
        subject: 'Blocked ditch near Errol Station',
        messageId: '<e2e-ditch@resident.example>',
        text: 'The ditch is blocked and the water is over the road. Photo attached.\n\n-- \nMorag',
        attachments: [{ filename: 'ditch.jpg', content: await errolJpeg(), contentType: 'image/jpeg' }],
      }),
      'INBOX',
      'errol',
    );
    const { ctx } = app;
    const polled = await pollSource(ctx.deps, sourceId);
    expect(polled.error).toBeUndefined();
    expect(polled.outcomes).toEqual({ stored: 1 });

    const mentions = await app.inbox(sourceId);
    expect(mentions).toHaveLength(1);
    const m = mentions[0];
    expect(m).toMatchObject({ author: 'morag@resident.example', addressedToCouncil: true, photoCount: 1, url: null, source: { kind: 'email' } });
    expect(m.text).toBe('Blocked ditch near Errol Station\n\nThe ditch is blocked and the water is over the road. Photo attached.');
    // The photo's GPS first, then the place named in the text: both inside the village.
    expect(metresBetween(m.location, { lon: -3.21, lat: 56.3917 })).toBeLessThan(50);
    expect(m.placeGuesses.map((g: { name: string }) => g.name)).toContain('Errol Station');
    const station = m.placeGuesses.find((g: { name: string }) => g.name === 'Errol Station');
    expect(metresBetween(station, ERROL_STATION)).toBeLessThan(50);
    const internals = (await mentionInternals(ctx.database, m.id))!;
    const stored = await ctx.storage.get(internals.photos[0]!.storageKey);
    expect(stored).toBeDefined();
    expect(await exifr.gps(Buffer.from(stored!)).catch(() => undefined)).toBeUndefined();

    const before = smtp.caught.length;
    const reply = await app.reply(m.id, 'Thank you, Morag. The ditch is on this week’s list. Kasia, Roads team');
    expect(reply.status).toBe(200);
    expect((await json(reply)).mention.state).toBe('answered');
    expect(smtp.caught.length).toBe(before + 1);
    const sent = smtp.caught.at(-1)!;
    expect(sent.envelope.to).toEqual(['morag@resident.example']);
    expect(sent.parsed.subject).toBe('Re: Blocked ditch near Errol Station');
    expect(sent.parsed.inReplyTo).toBe('<e2e-ditch@resident.example>');
    expect(sent.parsed.references).toBe('<e2e-ditch@resident.example>');

    // The next poll marks the stored message read and stores nothing twice.
    const again = await pollSource(ctx.deps, sourceId);
    expect(again.outcomes).toEqual({});
    expect((await flagsOf('INBOX', 'errol'))['Blocked ditch near Errol Station']).toContain('\\Seen');
  });
});

describe('quoted replies and signatures', () => {
  it('keeps the new words only, in English and Polish mail clients', () => {
    expect(stripQuotedAndSignature('Still blocked.\n\nW dniu 2.11.2026 o 09:00 Urząd <u@gmina.pl> napisał:\n> Dziękujemy')).toBe('Still blocked.');
    expect(stripQuotedAndSignature('Still blocked.\nOn Mon, 2 Nov 2026 at 09:00, Roads Team\n<reports@council.example> wrote:\n> x')).toBe('Still blocked.');
    expect(stripQuotedAndSignature('Hole here.\n\nSent from my iPhone')).toBe('Hole here.');
    expect(stripQuotedAndSignature('Hole here.\n-----Original Message-----\nFrom: a\nSent: b')).toBe('Hole here.');
    expect(stripQuotedAndSignature('Mail From: the farm\nsays the ditch overflows')).toBe('Mail From: the farm\nsays the ditch overflows');
    expect(stripQuotedAndSignature('Rów zalany.\n\nWysłane z iPhone’a')).toBe('Rów zalany.');
  });
});
