import type { Locale } from '@groundswell/core';
import type { MailMessage } from '../mail/mailer.ts';

const TEXT = {
  en: {
    subject: (site: string) => `${site}: your sign-in link for My reports`,
    body: (site: string, link: string, minutes: number) =>
      [
        'Hello,',
        '',
        `Someone (we hope you) asked to see the reports and follows made with this email address on ${site}.`,
        '',
        `To see them, open this link within ${minutes} minutes. It works once:`,
        link,
        '',
        'There you can also stop all emails from us, or have your contact details removed from your reports.',
        '',
        'If it was not you, ignore this email: nobody can see your reports without this link.',
      ].join('\n'),
  },
  pl: {
    subject: (site: string) => `${site}: link do logowania w „Moich zgłoszeniach”`,
    body: (site: string, link: string, minutes: number) =>
      [
        'Dzień dobry,',
        '',
        `Ktoś (mamy nadzieję, że Ty) poprosił o pokazanie zgłoszeń i obserwacji związanych z tym adresem e-mail w serwisie ${site}.`,
        '',
        `Aby je zobaczyć, otwórz ten link w ciągu ${minutes} minut. Działa tylko raz:`,
        link,
        '',
        'Tam możesz też zrezygnować ze wszystkich wiadomości od nas albo usunąć swoje dane kontaktowe ze zgłoszeń.',
        '',
        'Jeśli to nie Ty, zignoruj tę wiadomość: bez tego linku nikt nie zobaczy Twoich zgłoszeń.',
      ].join('\n'),
  },
};

/** The email with a single-use sign-in link; the token rides in the hash, so it never reaches a server log. */
export function residentLinkMail(m: { to: string; locale: Locale; siteName: string; link: string; validMinutes: number }): MailMessage {
  const t = m.locale === 'pl' ? TEXT.pl : TEXT.en;
  return { to: m.to, subject: t.subject(m.siteName), text: t.body(m.siteName, m.link, m.validMinutes) };
}
