/**
 * "My reports on any device": what a resident sends and what `/api/me` answers. The web app
 * imports these types only.
 */
import { z } from 'zod';
import { LOCALES } from '../categories.ts';
import { say } from '../problem-messages.ts';
import { REPORT_STATES } from '../states.ts';

/** `POST /api/me/link`: the address to send a sign-in link to (spaces around it are forgiven). */
export const ResidentLinkRequestSchema = z
  .object({
    email: z
      .string()
      .trim()
      .max(320, say('me_email_too_long'))
      .pipe(z.email(say('email_format'))),
    /** The language of the email; without it, the request's Accept-Language. */
    locale: z.enum(LOCALES).optional(),
  })
  .meta({ id: 'ResidentLinkRequest' });
export type ResidentLinkRequest = z.infer<typeof ResidentLinkRequestSchema>;

export const ResidentLinkSentSchema = z.object({ sent: z.literal(true) }).meta({ id: 'ResidentLinkSent' });

/** `POST /api/me/session`: the token from the emailed link, sent by the page it opens. */
export const ResidentSessionRequestSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, say('me_link_incomplete')) }).meta({ id: 'ResidentSessionRequest' });

/** Who is signed in: only the address the link was sent to. */
export const ResidentWhoSchema = z.object({ email: z.string() }).meta({ id: 'ResidentWho' });

const LocalizedOut = z.object({ en: z.string() }).catchall(z.string());

export const ResidentReportSchema = z.object({
  id: z.string().meta({ description: 'The public reference' }),
  category: z.string(),
  categoryName: LocalizedOut,
  state: z.enum(REPORT_STATES),
  createdAt: z.string(),
  /** Null when the report is not public (hidden by the council). */
  link: z.string().nullable(),
});
export type ResidentReport = z.infer<typeof ResidentReportSchema>;

export const ResidentFollowSchema = z.object({
  kind: z.enum(['report', 'area', 'drawn_area']),
  /** The report's reference or the area's code; null for an area drawn on the map. */
  target: z.string().nullable(),
  name: z.string().nullable(),
  confirmed: z.boolean(),
  since: z.string(),
});
export type ResidentFollow = z.infer<typeof ResidentFollowSchema>;

/** `GET /api/me`: every report made and every follow held with the signed-in address. */
export const ResidentDataSchema = z
  .object({
    email: z.string(),
    reports: z.array(ResidentReportSchema),
    follows: z.array(ResidentFollowSchema),
    /** Whether the resident has stopped all emails (and nothing was followed since). */
    mailStopped: z.boolean(),
  })
  .meta({ id: 'ResidentData' });
export type ResidentData = z.infer<typeof ResidentDataSchema>;

export const ResidentStoppedSchema = z
  .object({ stopped: z.literal(true), follows: z.number().int().meta({ description: 'Follows ended' }), reports: z.number().int().meta({ description: 'Reports whose updates stop' }) })
  .meta({ id: 'ResidentEmailsStopped' });
export type ResidentStopped = z.infer<typeof ResidentStoppedSchema>;

export const ResidentErasedSchema = z
  .object({
    erased: z.literal(true),
    reports: z.number().int().meta({ description: 'Reports whose contact details were removed; the reports stay, anonymous' }),
    follows: z.number().int().meta({ description: 'Follows removed' }),
  })
  .meta({ id: 'ResidentContactsErased' });
export type ResidentErased = z.infer<typeof ResidentErasedSchema>;

export const ResidentSignedOutSchema = z.object({ signedOut: z.literal(true) }).meta({ id: 'ResidentSignedOut' });
