import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { MAIL_SEND_CONCURRENCY } from '@groundswell/core';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Headers such as List-Unsubscribe for one-click unsubscribe. */
  headers?: Record<string, string>;
  /** A stable Message-ID, so a resent message is recognised as the same one (the hand-off's email). */
  messageId?: string;
  /** Files, base64-encoded so a queued message stays plain JSON. */
  attachments?: Array<{ filename: string; content: string; encoding: 'base64'; contentType: string }>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes the connections kept open to the mail server (none for files). */
  close?(): void;
}

/**
 * nodemailer either way: over SMTP when SMTP_URL is set, otherwise each message is
 * composed the same and written as an .eml file under DATA_DIR/mail for a person to open.
 */
export function createMailer(options: { smtpUrl?: string | undefined; dataDir: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(pooled(options.smtpUrl));
    return { send: async (m) => void (await transport.sendMail({ from: options.from, ...m })), close: () => transport.close() };
  }
  const dir = join(options.dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: options.from, ...m });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      // The folder is made when missing, not before every message (a burst of reports sends hundreds a second).
      await writeFile(file, info.message as Buffer).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(dir, { recursive: true });
        await writeFile(file, info.message as Buffer);
      });
    },
  };
}

/**
 * SMTP_URL with nodemailer's pool: as many connections as the worker sends at once, each kept
 * for the next message. Without it every message opened its own connection (greeting, TLS,
 * authentication), so a burst of reports meant a burst of connections to the council's relay.
 * A URL that says `pool` itself is left as it is.
 */
export function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.searchParams.has('pool')) return smtpUrl;
  url.searchParams.set('pool', 'true');
  url.searchParams.set('maxConnections', String(MAIL_SEND_CONCURRENCY));
  return url.toString();
}
