import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
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
 * nodemailer either way: each message is composed by its MailComposer (the part of sendMail
 * that builds the message), then handed as it is to SMTP when SMTP_URL is set, or written as
 * an .eml file under DATA_DIR/mail for a person to open. Composing first skips sendMail's
 * own pipeline, which cost as much again as the composing (0.46 against 0.24 ms a message,
 * a confirmation for every report in a burst; bench/RESULTS.md, issue 15).
 */
export function createMailer(options: { smtpUrl?: string | undefined; dataDir: string; from: string }): Mailer {
  // CRLF on the wire, as SMTP has it; plain newlines in the files people open.
  const compose = async (m: MailMessage, newline: 'windows' | 'unix') => {
    const message = new MailComposer({ from: options.from, ...m, newline }).compile();
    return { envelope: message.getEnvelope(), raw: await message.build() };
  };
  if (options.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(pooled(options.smtpUrl));
    return { send: async (m) => void (await transport.sendMail(await compose(m, 'windows'))), close: () => transport.close() };
  }
  const dir = join(options.dataDir, 'mail');
  return {
    async send(m) {
      const { raw } = await compose(m, 'unix');
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      // The folder is made when missing, not before every message (a burst of reports sends hundreds a second).
      await writeFile(file, raw).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(dir, { recursive: true });
        await writeFile(file, raw);
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
