import { ReportAssetInputSchema } from './asset-layers.ts';
import { z } from 'zod';
import { LOCALES } from '../categories.ts';
import type { Geometry } from '../geometry.ts';
import { CHANNELS, DEFAULT_LIST_LIMIT, EVENT_KINDS, MAX_DESCRIPTION, MAX_LIST_LIMIT } from '../reports.ts';
import { PUBLIC_STATES, REPORT_STATES } from '../states.ts';
import { BBoxParamSchema, GeometryInputSchema } from './geometry.ts';
import { commaList, commaListOf, isoTimeParam } from './query.ts';
import { say } from '../problem-messages.ts';

/** The query helpers the API's other readers (exports, feeds) share with the report list. */
export { isoTimeParam };

/** A report's public id as it appears in URLs (see publicIdFrom). */
export const PublicIdSchema = z.string().regex(/^[a-z0-9]{4,32}$/, say('report_id_format'));
export const PublicIdParamSchema = z.object({ id: PublicIdSchema });

export const AnswerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const ContactInputSchema = z.object({
  name: z.string().trim().max(200, say('name_too_long')).optional(),
  email: z.email(say('email_format')).max(320).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+()0-9 .-]{6,30}$/, say('phone_format'))
    .optional(),
});

export const ReportInputSchema = z
  .object({
    category: z.string().min(1, say('category_required')),
    geometry: GeometryInputSchema,
    description: z
      .string({ error: say('description_required') })
      .min(1, say('description_required'))
      .max(MAX_DESCRIPTION, say('description_too_long', { max: MAX_DESCRIPTION })),
    answers: z.record(z.string(), AnswerValueSchema).default({}),
    contact: ContactInputSchema.default({}),
    showName: z.boolean().default(false),
    locale: z.enum(LOCALES).default('en'),
    asset: ReportAssetInputSchema.optional().meta({ description: "The council asset (lamp, gully) picked from an asset layer serving the category, near the report's place" }),
  })
  .meta({ id: 'ReportInput' });
export type ReportInput = z.infer<typeof ReportInputSchema>;
/** What a client sends: defaults may be left out. */
export type ReportInputBody = z.input<typeof ReportInputSchema>;

export const PublicEventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS),
    at: z.string().meta({ description: 'ISO 8601 time' }),
    actor: z.string().meta({
      description:
        'Who acted, as the public may see it. An officer as the PUBLIC_STAFF_NAME setting allows: first name and team by default ("Kasia, waste team"), the team alone ("Waste team"), or full name and team ("Kasia Nowak, waste team"); a surname is never shown otherwise. Residents are always "Resident"; an Open311 client by its name; otherwise "Council" (or "Groundswell" for the system).',
    }),
    state: z.enum(REPORT_STATES).optional(),
    message: z.string().optional(),
    expectedAt: z.string().optional(),
  })
  .meta({ id: 'PublicEvent' });
export type PublicEvent = z.infer<typeof PublicEventSchema>;

export const PublicReportPropertiesSchema = z
  .object({
    id: z.string(),
    category: z.string(),
    categoryName: z.string(),
    state: z.enum(REPORT_STATES),
    status: z.enum(['open', 'closed']),
    description: z.string(),
    answers: z.record(z.string(), AnswerValueSchema),
    reporterName: z.string().nullable().meta({ description: 'Only when the resident chose to show it' }),
    channel: z.enum(CHANNELS),
    areas: z.array(z.string()),
    supportCount: z.number().int(),
    photos: z.array(z.object({ url: z.string(), thumbnailUrl: z.string() })),
    expectedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'PublicReportProperties' });
export type PublicReportProperties = z.infer<typeof PublicReportPropertiesSchema>;

/**
 * Any geometry we hand out. Documented loosely (one schema for every type), typed exactly:
 * the API only sends what PostGIS wrote, so clients may narrow on `type`.
 */
export const GeoJsonGeometryOut = z
  .object({ type: z.string(), coordinates: z.array(z.any()).meta({ type: 'array', items: { oneOf: [{ type: 'number' }, { type: 'array', items: {} }] } }) })
  .meta({ id: 'Geometry', description: 'RFC 7946 geometry in WGS84, longitude first' }) as unknown as z.ZodType<Geometry>;

export const PublicReportFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: GeoJsonGeometryOut,
    properties: PublicReportPropertiesSchema,
  })
  .meta({ id: 'PublicReportFeature' });

export const PublicReportDetailSchema = PublicReportFeatureSchema.extend({
  timeline: z.array(PublicEventSchema),
}).meta({ id: 'PublicReportDetail' });

export const ReportCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(PublicReportFeatureSchema),
    numberReturned: z.number().int(),
    truncated: z.boolean().meta({ description: 'True when more reports matched than `limit` allowed' }),
  })
  .meta({ id: 'ReportCollection' });

/** Filters of the public report list; every field is a query parameter. */
export const ReportQuerySchema = z.object({
  bbox: BBoxParamSchema.optional().meta({ description: 'west,south,east,north in WGS84' }),
  category: commaList('category codes'),
  state: commaListOf(PUBLIC_STATES, 'state').optional().meta({ description: 'One or more states, comma-separated' }),
  since: isoTimeParam('since').optional().meta({ description: 'Only reports changed at or after this time' }),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_LIST_LIMIT, `limit must be at most ${MAX_LIST_LIMIT}`)
    .default(DEFAULT_LIST_LIMIT),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** `201` from `POST /api/reports` (the same body again when an Idempotency-Key is replayed). */
export const ReportCreatedSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    pageUrl: z.string(),
    state: z.string(),
    category: z.string(),
    responseDays: z.number().int(),
    createdAt: z.string(),
    uploadToken: z.string().meta({ description: 'Send as `X-Upload-Token` to add photos to this report' }),
  })
  .meta({ id: 'ReportCreated' });
export type ReportCreated = z.infer<typeof ReportCreatedSchema>;

/** `201` from `POST /api/reports/{id}/photos`. */
export const PhotoCreatedSchema = z.object({ id: z.string(), url: z.string(), thumbnailUrl: z.string(), width: z.number().int(), height: z.number().int() }).meta({ id: 'PhotoCreated' });
export type PhotoCreated = z.infer<typeof PhotoCreatedSchema>;

/** `GET /api/reports/nearby`: open reports near a place, nearest first. */
export const NearbyCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(PublicReportFeatureSchema.extend({ distanceMeters: z.number() })),
  })
  .meta({ id: 'NearbyReports' });
export type NearbyCollection = z.infer<typeof NearbyCollectionSchema>;

export type PublicReportFeature = z.infer<typeof PublicReportFeatureSchema>;
export type PublicReportDetail = z.infer<typeof PublicReportDetailSchema>;
export type ReportCollection = z.infer<typeof ReportCollectionSchema>;

/** `POST /api/reports/{id}/supports`: 201 when added, 200 when this device had already. */
export const SupportResultSchema = z.object({ supportCount: z.number(), added: z.boolean() }).meta({ id: 'SupportResult' });
export type SupportResult = z.infer<typeof SupportResultSchema>;
