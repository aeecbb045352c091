/** Contracts of the public site endpoints: what the web app reads before it draws anything. */
import { z } from 'zod';

const BBoxOut = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** `GET /api/config`. */
export const SiteConfigSchema = z
  .object({
    siteName: z.string(),
    mapStyleUrl: z.string(),
    bounds: BBoxOut,
    locales: z.array(z.string()),
    defaultLocale: z.string(),
    /** How staff sign in to the console: single sign-on (its button's name) and whether passwords are on. */
    staffSignIn: z.object({ sso: z.object({ displayName: z.string() }).nullable(), localPasswords: z.boolean() }),
  })
  .meta({ id: 'SiteConfig' });
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** `GET /api/places?q=`: a council area or a named place. */
export const PlaceSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['area', 'place']),
    center: z.tuple([z.number(), z.number()]),
    bbox: BBoxOut.nullable(),
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof PlaceSchema>;

/** `GET /api/areas`: the named areas residents can follow or filter by. */
export const PublicAreaSchema = z.object({ code: z.string(), name: z.string(), kind: z.string(), bbox: BBoxOut }).meta({ id: 'Area' });
export type PublicArea = z.infer<typeof PublicAreaSchema>;
