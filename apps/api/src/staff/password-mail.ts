import type { Locale } from '@groundswell/core';
import type { MailMessage } from '../mail/mailer.ts';

const TEXT = {
  en: {
    subject: (site: string) => `${site}: set a new password for the staff console`,
    body: (name: string, link: string, hours: string, byAdmin: boolean) =>
      [
        `Hello ${name},`,
        '',
        byAdmin
          ? 'An administrator has reset your password for the staff console. Your old password no longer works.'
          : 'Someone (we hope you) asked to set a new password for your staff console account.',
        '',
        `To choose a new password, open this link within ${hours}. It works once:`,
        link,
        '',
        byAdmin ? 'If you did not expect this, tell your administrator.' : 'If it was not you, ignore this email: your password stays as it is.',
      ].join('\n'),
    hours: (h: number) => (h === 1 ? 'an hour' : `${h} hours`),
  },
  pl: {
    subject: (site: string) => `${site}: ustaw nowe hasło do konsoli pracowników`,
    body: (name: string, link: string, hours: string, byAdmin: boolean) =>
      [
        `Dzień dobry, ${name},`,
        '',
        byAdmin
          ? 'Administrator zresetował Twoje hasło do konsoli pracowników. Dotychczasowe hasło już nie działa.'
          : 'Ktoś (mamy nadzieję, że Ty) poprosił o ustawienie nowego hasła do Twojego konta w konsoli pracowników.',
        '',
        `Aby wybrać nowe hasło, otwórz ten link w ciągu ${hours}. Działa tylko raz:`,
        link,
        '',
        byAdmin ? 'Jeśli się tego nie spodziewałeś(-aś), powiadom administratora.' : 'Jeśli to nie Ty, zignoruj tę wiadomość: hasło pozostanie bez zmian.',
      ].join('\n'),
    hours: (h: number) => (h === 1 ? 'godziny' : `${h} godzin`),
  },
};

/** The email with a single-use reset link; the token rides in the hash, so it never reaches a server log. */
export function passwordResetMail(m: { to: string; name: string; locale: Locale; siteName: string; link: string; validMinutes: number; byAdmin: boolean }): MailMessage {
  const t = m.locale === 'pl' ? TEXT.pl : TEXT.en;
  return { to: m.to, subject: t.subject(m.siteName), text: t.body(m.name, m.link, t.hours(Math.round(m.validMinutes / 60)), m.byAdmin) };
}
