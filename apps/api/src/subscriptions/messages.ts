import { formatMailDate, localized, type Locale, type ReportState } from '@groundswell/core';
import type { Notification } from '@groundswell/db';
import type { MailMessage } from '../mail/mailer.ts';

type Lang = 'en' | 'pl';
const lang = (l: string): Lang => (l === 'pl' ? 'pl' : 'en');

const TEXT = {
  en: {
    confirmSubject: (what: string) => `Please confirm: follow ${what}`,
    confirmBody: (what: string, link: string) =>
      `Someone (we hope you) asked to get an email when there is news about ${what}.\n\nTo confirm, open this link:\n${link}\n\nIf it was not you, ignore this email and nothing more will be sent.`,
    subject: {
      created: 'New report',
      state_changed: 'Report update',
      public_answer: 'The council replied',
      expected_date_set: 'Expected date set',
      merged_into: 'Report merged',
      confirmed_fixed: 'Confirmed fixed',
      not_fixed: 'Reported not fixed',
    } as Record<string, string>,
    /** The subject of one email telling several things at once. */
    update: 'Report update',
    states: {
      new: 'New',
      acknowledged: 'Acknowledged',
      in_progress: 'In progress',
      action_scheduled: 'Work scheduled',
      fixed: 'Fixed',
      closed: 'Closed',
      duplicate: 'Duplicate',
      referred: 'Passed to another organisation',
      hidden: 'Hidden',
    } satisfies Record<ReportState, string>,
    state: (s: string) => `It is now: ${s}.`,
    expected: (d: string) => `Expected by: ${d}.`,
    expectedWithdrawn: 'There is no expected date any more.',
    confirmedFixed: 'The person who reported it says it is fixed.',
    notFixed: 'The person who reported it says it is not fixed:',
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
      confirmed_fixed: 'Potwierdzono naprawę',
      not_fixed: 'Zgłoszono, że nie naprawiono',
    } as Record<string, string>,
    update: 'Aktualizacja zgłoszenia',
    states: {
      new: 'Nowe',
      acknowledged: 'Przyjęte',
      in_progress: 'W realizacji',
      action_scheduled: 'Prace zaplanowane',
      fixed: 'Naprawione',
      closed: 'Zamknięte',
      duplicate: 'Duplikat',
      referred: 'Przekazane innej instytucji',
      hidden: 'Ukryte',
    } satisfies Record<ReportState, string>,
    state: (s: string) => `Obecny status: ${s}.`,
    expected: (d: string) => `Przewidywany termin: ${d}.`,
    expectedWithdrawn: 'Przewidywany termin został wycofany.',
    confirmedFixed: 'Osoba, która to zgłosiła, potwierdza, że problem naprawiono.',
    notFixed: 'Osoba, która to zgłosiła, pisze, że problem nie został naprawiony:',
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
 * One follower email for one action (core's `groupActions`): everything the officer (or the
 * reporter, answering "Is it fixed?") did together, in the follower's language: the answer,
 * the new state and the expected date, dated as the site dates them; who did it (`by`,
 * already in the words PUBLIC_STAFF_NAME allows), a link, and a one-click way out (RFC 8058).
 */
export function notificationMail(events: readonly Notification[], baseUrl: string, by?: string): MailMessage {
  const n = events[0]!;
  const t = TEXT[lang(n.locale)];
  const kinds = [...new Set(events.map((e) => e.kind))];
  const what = kinds.length === 1 ? (t.subject[kinds[0]!] ?? kinds[0]!) : t.update;
  const category = localized(n.categoryName as { en: string }, n.locale);
  const unsubscribe = `${baseUrl}/api/subscriptions/unsubscribe?token=${encodeURIComponent(n.unsubscribeToken)}`;
  const lines = [`${category}: ${what}`, ''];
  if (kinds.includes('confirmed_fixed')) lines.push(t.confirmedFixed, '');
  if (kinds.includes('not_fixed')) lines.push(t.notFixed);
  for (const e of events) if (e.message) lines.push(e.message, '');
  if (by) lines.push(t.by(by), '');
  // The state the action left the report in (a later action may have moved it again since).
  const moved = events.filter((e) => e.kind === 'state_changed' || e.kind === 'not_fixed').findLast((e) => e.toState);
  const state = (moved?.toState ?? n.state) as ReportState;
  lines.push(t.state(t.states[state] ?? state));
  const dated = events.findLast((e) => e.setsExpected);
  if (dated) lines.push(dated.expectedAt ? t.expected(formatMailDate(dated.expectedAt.slice(0, 10), n.locale)) : t.expectedWithdrawn);
  lines.push('', t.see, `${baseUrl}/#/reports/${n.publicId}`, '', t.stop, unsubscribe);
  return {
    to: n.email,
    subject: `${what}: ${category} (${n.publicId})`,
    text: lines.join('\n'),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
