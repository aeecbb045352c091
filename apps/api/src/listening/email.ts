import type { ImapFlow, MailboxObject } from 'imapflow';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { validationError } from '../http/problem.ts';
import type { Connector, ConnectorState, IncomingMention, PollResult, SentReply } from './connector.ts';
import type { ConnectorDeps } from './connectors.ts';
import { parseEmail } from './email-parse.ts';

const EmailConfig = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(993),
  /** TLS from the first byte (993); false for a plain or STARTTLS connection. */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  mailbox: z.string().min(1).default('INBOX'),
  /** Move handled messages here instead of only marking them \Seen. */
  moveTo: z.string().min(1).optional(),
  smtpHost: z.string().min(1),
  smtpPort: z.number().int().min(1).max(65535).default(587),
  smtpSecure: z.boolean().optional(),
  /** Defaults to the IMAP user. */
  smtpUser: z.string().min(1).optional(),
  from: z.email(),
  /** How long a poll that found nothing waits in IMAP IDLE for new mail (0: return at once). */
  idleSeconds: z.number().int().min(0).max(300).default(20),
  /** At most this many messages a poll; the rest come on the next one. */
  batchSize: z.number().int().min(1).max(200).default(25),
});
export type EmailConfig = z.infer<typeof EmailConfig>;

const EmailSecrets = z.object({ password: z.string().min(1), smtpPassword: z.string().min(1).optional() });

const sortedUids = (list: number[] | false | undefined) => [...(list || [])].sort((a, b) => a - b);

/**
 * The council's mailbox over IMAP. The connector state remembers the mailbox's UIDVALIDITY and
 * the last UID read, so a restart neither reads a message twice nor misses one; when the
 * server renumbers the mailbox (a new UIDVALIDITY) it reads the unseen messages again and the
 * pipeline's (source, Message-ID) key drops the ones it already has. A message is marked \Seen
 * (or moved) only on the poll after the one that read it, i.e. once its state was stored.
 * Replies go out over SMTP threaded under the resident's message.
 */
export function createEmailConnector(config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const parsedConfig = EmailConfig.safeParse(config);
  if (!parsedConfig.success) throw validationError(parsedConfig.error, 'config');
  const parsedSecrets = EmailSecrets.safeParse(secrets);
  if (!parsedSecrets.success) throw validationError(parsedSecrets.error, 'secrets');
  const cfg = parsedConfig.data;
  const { password, smtpPassword } = parsedSecrets.data;
  let client: ImapFlow | null = null;

  const where = `${cfg.host}:${cfg.port}`;
  /** Errors name the server and what failed, never the credentials. */
  const failure = (what: string, err: unknown) => {
    const e = err as { message?: string; responseText?: string; authenticationFailed?: boolean };
    const detail = e.authenticationFailed ? 'the server refused the user name or password' : (e.responseText ?? e.message ?? 'unknown error');
    let safe = detail.replaceAll(password, '***');
    if (smtpPassword) safe = safe.replaceAll(smtpPassword, '***');
    return new Error(`Email ${what} (${where}): ${safe}`);
  };

  async function connected(): Promise<ImapFlow> {
    if (client?.usable) return client;
    client?.close();
    // Loaded with the first poll, not with the server (it is a large library).
    const { ImapFlow: Imap } = await import('imapflow');
    const fresh = new Imap({ host: cfg.host, port: cfg.port, secure: cfg.secure, auth: { user: cfg.user, pass: password }, logger: false, disableAutoIdle: true, connectionTimeout: 30_000 });
    // A dropped connection is found out on the next poll; without a listener it would crash the process.
    fresh.on('error', (err: Error) => deps.logger.warn({ server: where, err: err.message }, 'email connection error'));
    try {
      await fresh.connect();
    } catch (err) {
      throw failure('sign-in failed', err);
    }
    client = fresh;
    return fresh;
  }

  /** Waits in IDLE until the server says a message arrived, the time is up, or the poll is cancelled. */
  async function idleForMail(imap: ImapFlow, box: MailboxObject, signal: AbortSignal): Promise<void> {
    if (cfg.idleSeconds === 0 || !imap.capabilities.has('IDLE') || signal.aborted) return;
    const before = box.exists;
    const idling = imap.idle();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        imap.off('exists', onExists);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const onExists = (e: { count: number }) => e.count > before && done();
      const timer = setTimeout(done, cfg.idleSeconds * 1000);
      imap.on('exists', onExists);
      signal.addEventListener('abort', done, { once: true });
    });
    // Any command ends IDLE; NOOP is the cheapest.
    await imap.noop();
    await idling;
  }

  return {
    kind: 'email',
    async poll(state: ConnectorState, signal: AbortSignal): Promise<PollResult> {
      const imap = await connected();
      let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
      try {
        lock = await imap.getMailboxLock(cfg.mailbox);
      } catch (err) {
        throw failure(`could not open the mailbox "${cfg.mailbox}"`, err);
      }
      try {
        const box = imap.mailbox as MailboxObject;
        const validity = String(box.uidValidity);
        const sameBox = state.uidValidity === validity;
        const lastUid = sameBox && typeof state.lastUid === 'number' ? state.lastUid : null;

        // The previous poll's messages were stored (their state came back): mark or move them now.
        if (sameBox && typeof state.pending === 'string' && state.pending) {
          if (cfg.moveTo) await imap.messageMove(state.pending, cfg.moveTo, { uid: true });
          else await imap.messageFlagsAdd(state.pending, ['\\Seen'], { uid: true });
        }

        const unread = async () =>
          lastUid === null
            ? sortedUids(await imap.search({ seen: false }, { uid: true }))
            : // `n:*` always includes the highest UID, even one below n.
              sortedUids(await imap.search({ uid: `${lastUid + 1}:*` }, { uid: true })).filter((uid) => uid > lastUid);
        let uids = await unread();
        if (uids.length === 0) {
          await idleForMail(imap, box, signal);
          uids = await unread();
        }
        const batch = uids.slice(0, cfg.batchSize);
        const mentions: IncomingMention[] = [];
        // Only what was handed on is marked or moved: auto-replies, our own mail and unreadable
        // messages stay as they are for the people who share the mailbox.
        const handed: number[] = [];
        if (batch.length > 0) {
          for await (const message of imap.fetch(batch.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) {
            if (!message.source) continue;
            const receivedAt = message.internalDate instanceof Date ? message.internalDate : deps.now();
            try {
              const mention = await parseEmail(message.source, { councilAddress: cfg.from, receivedAt });
              if (mention) {
                mentions.push(mention);
                handed.push(message.uid);
              }
            } catch (err) {
              // One unreadable message must not stop the mailbox; it is skipped and left unread.
              deps.logger.warn({ server: where, uid: message.uid, err: (err as Error).message }, 'email message could not be parsed');
            }
          }
        }
        // A first read takes the unread messages; once they all fit in the batch, the read ones
        // above them are not news either.
        const top = Math.max(0, (box.uidNext ?? 1) - 1);
        const newest = lastUid === null && uids.length <= cfg.batchSize ? Math.max(batch.at(-1) ?? 0, top) : (batch.at(-1) ?? lastUid ?? top);
        return { mentions, state: { uidValidity: validity, lastUid: newest, pending: handed.join(',') || null } };
      } catch (err) {
        client?.close();
        client = null;
        throw failure('poll failed', err);
      } finally {
        lock.release();
      }
    },

    async reply(replyRef: Record<string, string>, text: string): Promise<SentReply> {
      const to = replyRef.address;
      if (!to) throw new Error('This email has no address to answer');
      const transport = nodemailer.createTransport({
        host: cfg.smtpHost,
        port: cfg.smtpPort,
        secure: cfg.smtpSecure ?? cfg.smtpPort === 465,
        auth: { user: cfg.smtpUser ?? cfg.user, pass: smtpPassword ?? password },
        connectionTimeout: 30_000,
      });
      const subject = replyRef.subject ?? '';
      const references = [...(replyRef.references ?? '').split(/\s+/), replyRef.messageId ?? ''].filter(Boolean);
      try {
        const info = await transport.sendMail({
          from: cfg.from,
          to,
          subject: /^\s*re\s*:/i.test(subject) ? subject : `Re: ${subject}`.trim(),
          text,
          ...(replyRef.messageId ? { inReplyTo: replyRef.messageId } : {}),
          ...(references.length ? { references } : {}),
        });
        return { externalId: info.messageId, url: null };
      } catch (err) {
        throw failure('reply could not be sent', err);
      } finally {
        transport.close();
      }
    },

    async close() {
      const open = client;
      client = null;
      if (open?.usable) await open.logout().catch(() => open.close());
      else open?.close();
    },
  };
}
