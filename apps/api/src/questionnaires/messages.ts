import { formatMailDate, localized, type QuestionOccasion } from '@groundswell/core';
import type { MailMessage } from '../mail/mailer.ts';

export interface QuestionFacts {
  to: string;
  locale: string;
  publicId: string;
  categoryName: Record<string, string>;
  occasion: QuestionOccasion;
  /** When it was marked fixed, or the expected date. */
  occasionAt: string;
  link: string;
  pageUrl: string;
  expiresAt: Date;
}

const TEXT = {
  en: {
    subject: (id: string, what: string) => `Is it fixed? Your report ${id}: ${what}`,
    fixed: (date: string) => `On ${date} the council marked your report as fixed.`,
    expected: (date: string) => `The council expected to deal with your report by ${date}.`,
    ask: 'Is it fixed? Please tell us; it takes a minute:',
    notFixed: 'If it is not fixed, say what is still wrong: the report is opened again for the council’s team.',
    valid: (date: string) => `The link works once, until ${date}.`,
    page: 'Your report’s page:',
    why: 'You get this email once, because you gave your address when you sent the report.',
  },
  pl: {
    subject: (id: string, what: string) => `Czy to już naprawione? Twoje zgłoszenie ${id}: ${what}`,
    fixed: (date: string) => `${date} urząd oznaczył Twoje zgłoszenie jako naprawione.`,
    expected: (date: string) => `Urząd przewidywał, że zajmie się Twoim zgłoszeniem do ${date}.`,
    ask: 'Czy problem jest naprawiony? Daj nam znać, to zajmie minutę:',
    notFixed: 'Jeśli nie jest naprawiony, napisz, co jest nie tak: zgłoszenie zostanie ponownie otwarte dla zespołu urzędu.',
    valid: (date: string) => `Link działa jeden raz, do ${date}.`,
    page: 'Strona Twojego zgłoszenia:',
    why: 'Dostajesz tę wiadomość jeden raz, bo podałeś(-aś) adres e-mail, wysyłając zgłoszenie.',
  },
};

/** "Is it fixed?" to the reporter, once, in the report's language, dated as the site dates. */
export function questionMail(f: QuestionFacts): MailMessage {
  const lang = f.locale === 'pl' ? 'pl' : 'en';
  const t = TEXT[lang];
  const category = localized(f.categoryName as { en: string }, lang);
  const when = formatMailDate(f.occasion === 'expected' ? f.occasionAt.slice(0, 10) : f.occasionAt, lang);
  const lines = [
    `${category} (${f.publicId})`,
    '',
    f.occasion === 'fixed' ? t.fixed(when) : t.expected(when),
    '',
    t.ask,
    f.link,
    '',
    t.notFixed,
    t.valid(formatMailDate(f.expiresAt, lang)),
    '',
    t.page,
    f.pageUrl,
    '',
    t.why,
  ];
  return { to: f.to, subject: t.subject(f.publicId, category), text: lines.join('\n') };
}

export interface ReopenedFacts {
  to: string;
  team: string;
  publicId: string;
  categoryName: Record<string, string>;
  comment: string;
  /** The staff console's page of the report. */
  consoleUrl: string;
}

/**
 * The team is told when a reporter says their report is not fixed. Teams have no language of
 * their own, so the message is in both (Polish first, then English).
 */
export function reopenedMail(f: ReopenedFacts): MailMessage {
  const pl = localized(f.categoryName as { en: string }, 'pl');
  const en = localized(f.categoryName as { en: string }, 'en');
  const lines = [
    `${f.team}: zgłaszający pisze, że ${f.publicId} (${pl}) nie jest naprawione, i zgłoszenie zostało ponownie otwarte.`,
    '',
    f.comment,
    '',
    f.consoleUrl,
    '',
    '---',
    '',
    `${f.team}: the reporter says ${f.publicId} (${en}) is not fixed, and the report is open again.`,
    '',
    f.comment,
    '',
    f.consoleUrl,
  ];
  return { to: f.to, subject: `Ponownie otwarte / Reopened by the reporter: ${f.publicId} (${en})`, text: lines.join('\n') };
}
