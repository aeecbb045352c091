import { addWorkingDays, formatMailDate, type Locale } from '@groundswell/core';
import type { MailMessage } from '../mail/mailer.ts';

export interface ConfirmationFacts {
  to: string;
  locale: Locale | string;
  publicId: string;
  /** The category's name, already in the report's language. */
  category: string;
  responseDays: number;
  createdAt: Date;
  /** The public page of the report. */
  pageUrl: string;
  /** The reporter's own follow of the report, to stop its emails. */
  unsubscribeUrl?: string | undefined;
}

const TEXT = {
  en: {
    subject: (id: string, what: string) => `Your report ${id} was received: ${what}`,
    thanks: 'Thank you for your report. It has reached the council.',
    reference: 'Reference',
    what: 'Problem',
    sent: 'Sent',
    page: 'Your report’s page:',
    nextHeading: 'What happens next',
    next1: 'The council’s team will look at your report and decide what to do.',
    next2: (days: number, by: string) => `They aim to respond within ${days} working ${days === 1 ? 'day' : 'days'}, that is by about ${by}.`,
    next3: 'Everything that happens is shown on your report’s page.',
    follow: 'You follow your report: we will email you when something happens to it, such as a change of state or an answer from the council. Every one of those emails has a link to stop them.',
    stop: 'To stop emails about this report now:',
    notYou: 'If you did not send this report, you can ignore this email.',
  },
  pl: {
    subject: (id: string, what: string) => `Otrzymaliśmy Twoje zgłoszenie ${id}: ${what}`,
    thanks: 'Dziękujemy za zgłoszenie. Trafiło do urzędu.',
    reference: 'Numer zgłoszenia',
    what: 'Problem',
    sent: 'Wysłano',
    page: 'Strona Twojego zgłoszenia:',
    nextHeading: 'Co dalej',
    next1: 'Pracownicy urzędu zapoznają się ze zgłoszeniem i zdecydują, co zrobić.',
    next2: (days: number, by: string) => `Odpowiedź powinna nadejść w ciągu ${days} ${days === 1 ? 'dnia roboczego' : 'dni roboczych'}, czyli mniej więcej do ${by}.`,
    next3: 'Wszystko, co się wydarzy, zobaczysz na stronie zgłoszenia.',
    follow: 'Obserwujesz swoje zgłoszenie: napiszemy do Ciebie, gdy coś się w nim zmieni, na przykład status albo odpowiedź urzędu. W każdej takiej wiadomości jest link, by z nich zrezygnować.',
    stop: 'Aby już teraz zrezygnować z wiadomości o tym zgłoszeniu:',
    notYou: 'Jeśli to zgłoszenie nie pochodzi od Ciebie, zignoruj tę wiadomość.',
  },
};

/**
 * The one email a resident gets on sending a report: the reference, the page, what happens
 * next and when, in the report's language. It is transactional (the resident just asked for
 * it by sending), so it carries no List-Unsubscribe; the follower emails that come later do.
 */
export function reportConfirmationMail(f: ConfirmationFacts): MailMessage {
  const lang = f.locale === 'pl' ? 'pl' : 'en';
  const t = TEXT[lang];
  // Dated as the site dates (core's formatMailDate), like every other email.
  const date = (d: Date) => formatMailDate(d, lang);
  const lines = [
    t.thanks,
    '',
    `${t.reference}: ${f.publicId}`,
    `${t.what}: ${f.category}`,
    `${t.sent}: ${date(f.createdAt)}`,
    '',
    t.page,
    f.pageUrl,
    '',
    t.nextHeading,
    '',
    t.next1,
    t.next2(f.responseDays, date(addWorkingDays(f.createdAt, f.responseDays))),
    t.next3,
    '',
    t.follow,
  ];
  if (f.unsubscribeUrl) lines.push('', t.stop, f.unsubscribeUrl);
  lines.push('', t.notYou);
  return { to: f.to, subject: t.subject(f.publicId, f.category), text: lines.join('\n') };
}
