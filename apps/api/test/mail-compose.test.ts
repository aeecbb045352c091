import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { composeMail, type MailMessage } from '../src/mail/mailer.ts';
import { reportConfirmationMail } from '../src/reports/confirmation-mail.ts';

const FROM = 'Perth and Kinross Council <reports@council.example>';
/** The Date header is the clock's; every other byte must be build()'s. */
const undated = (raw: Buffer) => raw.toString('utf8').replace(/^Date: .*$/m, 'Date: (now)');
const built = async (m: MailMessage, newline: 'windows' | 'unix') => undated(await new MailComposer({ from: FROM, ...m, newline }).compile().build());

const confirmation = (locale: 'en' | 'pl') =>
  reportConfirmationMail({
    to: 'alex.resident@example.org',
    locale,
    publicId: 'b7x9k2q4',
    category: locale === 'pl' ? 'Dziura w jezdni' : 'Pothole',
    responseDays: 5,
    createdAt: new Date('2026-11-30T21:15:00Z'),
    pageUrl: 'https://reports.council.example/#/reports/b7x9k2q4',
    unsubscribeUrl: 'https://reports.council.example/api/subscriptions/unsubscribe?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ',
  });

const messages: Array<[string, MailMessage]> = [
  ['a confirmation in English', confirmation('en')],
  ['a confirmation in Polish', confirmation('pl')],
  ['plain short ASCII (7bit)', { to: 'a@example.org', subject: 'Hello', text: 'Short and plain.\nTwo lines.' }],
  ['ASCII with a line over 76 characters', { to: 'a@example.org', subject: 'Long', text: `${'word '.repeat(40)}\nnext` }],
  ['trailing spaces and tabs before line ends', { to: 'a@example.org', subject: 'Spaces', text: 'ends with spaces   \nand a tab\t\nłódź  ' }],
  ['CRLF and lone CR in the text', { to: 'a@example.org', subject: 'Breaks', text: 'one\r\ntwo\rthree\n\nżółw' }],
  ['mostly non-Latin (base64)', { to: 'a@example.org', subject: 'Кириллица', text: 'Здравствуйте, это сообщение почти целиком на кириллице. 你好世界。' }],
  ['an empty text', { to: 'a@example.org', subject: 'Empty', text: '' }],
  ['a text ending in a line break', { to: 'a@example.org', subject: 'End', text: 'ends here\n' }],
  [
    'a stable Message-ID and headers',
    { to: '"Ewa Kowalska" <ewa@example.pl>', subject: 'Zgłoszenie', text: 'Treść', messageId: '<handoff-42@council.example>', headers: { 'X-Groundswell-Report': 'b7x9k2q4' } },
  ],
];

describe('composeMail: nodemailer build()’s bytes without its streams', () => {
  for (const [name, m] of messages) {
    for (const newline of ['unix', 'windows'] as const) {
      it(`${name}, ${newline} line breaks`, async () => {
        const message = m.messageId ? m : { ...m, messageId: '<fixed@groundswell.test>' };
        const composed = await composeMail(FROM, message, newline);
        expect(undated(composed.raw)).toBe(await built(message, newline));
        expect(composed.envelope).toEqual(new MailComposer({ from: FROM, ...message }).compile().getEnvelope());
      });
    }
  }

  it('keeps build() for a message with attachments', async () => {
    const m: MailMessage = {
      to: 'crm@council.example',
      subject: 'Report b7x9k2q4',
      text: 'See the attached report.',
      messageId: '<handoff-7@council.example>',
      attachments: [{ filename: 'report.json', content: Buffer.from('{"id":"b7x9k2q4"}').toString('base64'), encoding: 'base64', contentType: 'application/json' }],
    };
    const composed = undated((await composeMail(FROM, m, 'windows')).raw);
    expect(composed).toContain('Content-Type: multipart/mixed');
    expect(composed).toContain('eyJpZCI6ImI3eDlrMnE0In0=');
    // Boundaries are random per node, so the shape is compared without them.
    const unbounded = (s: string) => s.replace(/--_NmP-[\w-]+/g, '--B').replace(/boundary="[^"]+"/g, 'boundary="B"');
    expect(unbounded(composed)).toBe(unbounded(await built(m, 'windows')));
  });
});
