import { createHash } from 'node:crypto';
import type { IncomingMention, IncomingPhoto } from './connector.ts';

/** What a phone attaches; the photo pipeline re-encodes each and drops its EXIF. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp']);
const MAX_PHOTOS = 6;
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
const MAX_TEXT = 20_000;

/**
 * Where the resident's own words end: a quoted earlier message ("On … wrote:", Polish "W dniu …
 * napisał(a):", Outlook's header block or rule) or a signature ("-- ", "Sent from my iPhone").
 * Cheap line rules, not a full reply parser: a miss leaves some quoted text, which the officer sees.
 */
const QUOTE_HEADER = [
  /^On\b.{0,200}\bwrote:\s*$/i,
  /^W dniu\b.{0,200}(napisał|napisała|napisał\(a\)|pisze):\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message|Wiadomość oryginalna|Oryginalna wiadomość|Przekazana wiadomość)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|Od):\s.+$/,
];
const SIGNATURE = [/^--\s?$/, /^(Sent from my|Sent from Outlook|Get Outlook for|Wysłane z( mojego)?|Wysłano z)\b/i];

export function stripQuotedAndSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (SIGNATURE.some((re) => re.test(line) || re.test(trimmed))) break;
    // Gmail wraps long "On …, Anna <a@b> wrote:" over two lines.
    const joined = `${trimmed} ${(lines[i + 1] ?? '').trim()}`;
    if (QUOTE_HEADER.some((re) => re.test(trimmed)) || (/^(On|W dniu)\b/i.test(trimmed) && /(wrote|napisał\w*|pisze):\s*$/i.test(joined) && !/:\s*$/.test(trimmed))) {
      // An Outlook "From:" line only counts as a quote header when a Sent/Date line follows.
      if (/^(From|Od):/i.test(trimmed) && !/^(Sent|Date|Wysłano|Data):/i.test((lines[i + 1] ?? '').trim())) {
        kept.push(line);
        continue;
      }
      break;
    }
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const bareSubject = (subject: string) => subject.replace(/^\s*((re|fwd?|odp|pd|aw|wg)\s*:\s*)+/i, '').trim();

/** A header value that lists message ids, as one space-separated string. */
const idList = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(' ') : (v ?? '')).trim();

async function gpsOf(photo: IncomingPhoto): Promise<{ lon: number; lat: number } | null> {
  try {
    const { default: exifr } = await import('exifr');
    const gps = await exifr.gps(Buffer.from(photo.data));
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude) && Math.abs(gps.latitude) <= 90 && Math.abs(gps.longitude) <= 180) {
      return { lon: gps.longitude, lat: gps.latitude };
    }
  } catch {
    // A photo without readable EXIF is still a photo.
  }
  return null;
}

export interface ParseOptions {
  /** The council's own address: its replies and bounces coming back are not mentions. */
  councilAddress: string;
  receivedAt: Date;
}

/**
 * One email as a mention, or null for what is not a resident writing (our own replies,
 * auto-replies, bulk mail). The author's address stays in the inbox (personal data).
 */
export async function parseEmail(source: Buffer, options: ParseOptions): Promise<IncomingMention | null> {
  // Loaded with the first email, not with the server: most councils never switch a mailbox on.
  const [{ simpleParser }, { convert }] = await Promise.all([import('mailparser'), import('html-to-text')]);
  const mail = await simpleParser(source, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? null;
  if (!from || from === options.councilAddress.toLowerCase()) return null;
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  if (autoSubmitted !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || mail.headers.has('x-autoreply')) return null;

  const plain = mail.text?.trim()
    ? mail.text
    : typeof mail.html === 'string'
      ? convert(mail.html, {
          wordwrap: false,
          selectors: [
            { selector: 'a', options: { ignoreHref: true } },
            { selector: 'img', format: 'skip' },
          ],
        })
      : '';
  const body = stripQuotedAndSignature(plain);
  const subject = (mail.subject ?? '').trim();
  const topic = bareSubject(subject);
  const text = (topic && !body.toLowerCase().startsWith(topic.toLowerCase()) ? `${topic}\n\n${body}` : body).trim().slice(0, MAX_TEXT);

  const photos: IncomingPhoto[] = [];
  for (const a of mail.attachments) {
    if (photos.length >= MAX_PHOTOS) break;
    const type = a.contentType.toLowerCase();
    if (!PHOTO_TYPES.has(type) || a.size > MAX_PHOTO_BYTES || a.content.length === 0) continue;
    photos.push({
      filename: a.filename ?? `photo-${photos.length + 1}.${type.split('/')[1]}`,
      contentType: type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type,
      data: new Uint8Array(a.content),
    });
  }
  let coordinates: { lon: number; lat: number } | null = null;
  for (const p of photos) {
    coordinates = await gpsOf(p);
    if (coordinates) break;
  }

  // A message without a Message-ID still needs a stable id: its bytes are.
  const messageId = mail.messageId?.trim() || `<${createHash('sha256').update(source).digest('hex').slice(0, 32)}@groundswell.invalid>`;
  const replyTo = mail.replyTo?.value[0]?.address?.toLowerCase();
  const lang = String(mail.headers.get('content-language') ?? '')
    .toLowerCase()
    .slice(0, 2);
  return {
    externalId: messageId,
    url: null,
    author: from,
    text,
    language: lang === 'en' || lang === 'pl' ? lang : null,
    postedAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : options.receivedAt,
    addressedToCouncil: true,
    replyRef: { messageId, references: idList(mail.references), subject, address: replyTo || from },
    coordinates,
    photos,
  };
}
