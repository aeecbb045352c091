import { z } from 'zod';

const Period = z.object({ count: z.number().int(), unit: z.enum(['minutes', 'days', 'weeks', 'months']) }).meta({ id: 'Period' });

/** `GET /api/privacy`: the notice as data (core's privacyItems); the web app words it. */
export const PrivacyNoticeSchema = z
  .object({
    controller: z.object({ name: z.string(), contact: z.string().nullable(), policyUrl: z.string().nullable() }),
    items: z.array(
      z.discriminatedUnion('id', [
        z.object({ id: z.literal('contact'), afterClosed: Period }),
        z.object({ id: z.literal('follows'), unconfirmed: Period, afterEnded: Period }),
        z.object({ id: z.literal('reports') }),
        z.object({ id: z.literal('photos') }),
        z.object({ id: z.literal('supports') }),
        z.object({ id: z.literal('fixedQuestion'), askedAfter: Period, linkValid: Period }),
        z.object({ id: z.literal('residentSignIn'), linkValid: Period, session: Period }),
        z.object({ id: z.literal('networkAddresses'), kept: Period }),
        z.object({ id: z.literal('listening'), unconverted: Period }),
      ]),
    ),
  })
  .meta({ id: 'PrivacyNotice' });
export type PrivacyNotice = z.infer<typeof PrivacyNoticeSchema>;
