import { writeFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MimeNodeEnvelope } from 'nodemailer/lib/mime-node';
import * as base64 from 'nodemailer/lib/base64';
import * as qp from 'nodemailer/lib/qp';
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
 * A message as nodemailer's MailComposer writes it (`build()`), byte for byte. A message of
 * one text part, every confirmation and update a resident gets, is put together here from the
 * compiled node's own headers and nodemailer's encoders for its transfer encoding, without
 * build()'s chain of streams: 0.09–0.11 against 0.34–0.60 ms of CPU a message, one for every
 * report in a burst (issue 15, S5). Anything with attachments goes through build() itself.
 * `newline`: CRLF on the wire, as SMTP has it; plain newlines in the files people open.
 */
export async function composeMail(from: string, m: MailMessage, newline: 'windows' | 'unix'): Promise<{ envelope: MimeNodeEnvelope; raw: Buffer }> {
  const node = new MailComposer({ from, ...m, newline }).compile();
  const envelope = node.getEnvelope();
  if (m.attachments?.length) return { envelope, raw: await node.build() };
  const encoding = node.getTransferEncoding();
  const body = encoding === 'quoted-printable' ? qp.wrap(qp.encode(m.text), 76) : encoding === 'base64' ? base64.wrap(base64.encode(m.text), 76) : m.text;
  let raw = `${node.buildHeaders()}\r\n\r\n${body}`;
  // build() ends every message with a line break (its LastNewline), then sets the line breaks.
  if (!raw.endsWith('\n')) raw += raw.endsWith('\r') ? '\n' : '\r\n';
  raw = newline === 'unix' ? raw.replaceAll('\r', '') : raw.replace(/(?<!\r)\n/g, '\r\n');
  return { envelope, raw: Buffer.from(raw) };
}

/**
 * Node's callback `writeFile`: fs/promises' FileHandle costs twice its CPU for a small file
 * (0.63 against 0.26–0.31 ms a message on this machine's disk, issue 15).
 */
const writeFileQuickly = promisify(writeFile);

/**
 * nodemailer either way: each message is composed as its MailComposer builds it
 * (`composeMail`), then handed as it is to SMTP when SMTP_URL is set, or written as an .eml
 * file under DATA_DIR/mail for a person to open. Composing first skips sendMail's own
 * pipeline, which cost as much again as the composing (0.46 against 0.24 ms a message, a
 * confirmation for every report in a burst; bench/RESULTS.md, issue 15).
 */
export function createMailer(options: { smtpUrl?: string | undefined; dataDir: string; from: string }): Mailer {
  const compose = (m: MailMessage, newline: 'windows' | 'unix') => composeMail(options.from, m, newline);
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
      await writeFileQuickly(file, raw).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(dir, { recursive: true });
        await writeFileQuickly(file, raw);
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
