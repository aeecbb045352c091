import { localized, type Locale } from '@groundswell/core';
import type { Notification } from '@groundswell/db';
import type { MailMessage } from '../mail/mailer.ts';

type Lang = 'en' | 'pl';
const lang = (l: string): Lang => (l === 'pl' ? 'pl' : 'en');

const TEXT = {
  en: {
    confirmSubject: (what: string) => `Please confirm: follow ${what}`,
    confirmBody: (what: string, link: string) =>
      `Someone (we hope you) asked to get an email when there is news about ${what}.\n\nTo confirm, open this link:\n${link}\n\nIf it was not you, ignore this email and nothing more will be sent.`,
    subject: { created: 'New report', state_changed: 'Report update', public_answer: 'The council replied', expected_date_set: 'Expected date set', merged_into: 'Report merged' } as Record<
      string,
      string
    >,
    state: (s: string) => `It is now: ${s.replace(/_/g, ' ')}.`,
    expected: (d: string) => `Expected by: ${d.slice(0, 10)}.`,
    by: (who: string) => `From: ${who}`,
    see: 'See the report:',
    stop: 'Stop these emails:',
  },
  pl: {
    confirmSubject: (what: string) => `Potwierdź obserwowanie: ${what}`,
    confirmBody: (what: string, link: string) =>
      `Ktoś (mamy nadzieję, że Ty) poprosił o powiadomienia e-mail o nowościach dotyczących: ${what}.\n\nAby potwierdzić, otwórz ten link:\n${link}\n\nJeśli to nie Ty, zignoruj tę wiadomość; nic więcej nie wyślemy.`,
    subject: {
      created: 'Nowe zgłoszenie',
      state_changed: 'Zmiana statusu zgłoszenia',
      public_answer: 'Odpowiedź rady',
      expected_date_set: 'Ustalono przewidywany termin',
      merged_into: 'Zgłoszenie połączone',
    } as Record<string, string>,
    state: (s: string) => `Obecny status: ${s.replace(/_/g, ' ')}.`,
    expected: (d: string) => `Przewidywany termin: ${d.slice(0, 10)}.`,
    by: (who: string) => `Od: ${who}`,
    see: 'Zobacz zgłoszenie:',
    stop: 'Zrezygnuj z tych wiadomości:',
  },
};

export function confirmationMail(to: string, locale: Locale, what: string, link: string): MailMessage {
  const t = TEXT[lang(locale)];
  return { to, subject: t.confirmSubject(what), text: t.confirmBody(what, link) };
}

/**
 * A short follower email: what happened, who at the council did it (`by`, already in the
 * words PUBLIC_STAFF_NAME allows), a link, and a one-click way out (RFC 8058).
 */
export function notificationMail(n: Notification, baseUrl: string, by?: string): MailMessage {
  const t = TEXT[lang(n.locale)];
  const category = localized(n.categoryName as { en: string }, n.locale);
  const unsubscribe = `${baseUrl}/api/subscriptions/unsubscribe?token=${encodeURIComponent(n.unsubscribeToken)}`;
  const lines = [`${category}: ${t.subject[n.kind] ?? n.kind}`, ''];
  if (n.message) lines.push(n.message, '');
  if (by) lines.push(t.by(by), '');
  lines.push(t.state(n.state));
  if (n.expectedAt) lines.push(t.expected(n.expectedAt));
  lines.push('', t.see, `${baseUrl}/#/reports/${n.publicId}`, '', t.stop, unsubscribe);
  return {
    to: n.email,
    subject: `${t.subject[n.kind] ?? n.kind}: ${category} (${n.publicId})`,
    text: lines.join('\n'),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
