/**
 * The emails a test server wrote (the mailer writes each as an .eml file under
 * `<dataDir>/mail` when no SMTP server is set), read back as a person would: headers unfolded,
 * encoded words and quoted-printable bodies decoded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

const qp = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
const words = (s: string) =>
  s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, body: string) => (enc.toUpperCase() === 'B' ? Buffer.from(body, 'base64').toString('utf8') : qp(body.replace(/_/g, ' '))));

export function parseMail(file: string, raw: string): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? qp(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { file, to: header('To'), subject: words(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

export function readMails(dataDir: string): Mail[] {
  const dir = join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => parseMail(f, readFileSync(join(dir, f), 'utf8')));
}

/** Waits for the mail queue to have written at least `count` matching emails, and a moment more for any it should not have. */
export async function waitForMails(dataDir: string, predicate: (m: Mail) => boolean, count = 1, timeoutMs = 15_000): Promise<Mail[]> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = readMails(dataDir).filter(predicate);
    if (found.length >= count) {
      await new Promise((r) => setTimeout(r, 1500));
      return readMails(dataDir).filter(predicate);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} emails; have ${readMails(dataDir).filter(predicate).length} matching of ${readMails(dataDir).length}`);
}
