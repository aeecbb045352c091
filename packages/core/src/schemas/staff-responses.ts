/**
 * What the staff API answers: the contract the console is typed by (it imports these types
 * only) and the API registers in OpenAPI. Change a shape here and both sides see it.
 */
import { z } from 'zod';
import { ACTOR_TYPES, CHANNELS, EVENT_KINDS } from '../reports.ts';
import { ROLES } from '../staff.ts';
import { REPORT_STATES } from '../states.ts';
import { AnswerValueSchema, GeoJsonGeometryOut } from './reports.ts';
import { HandoffSendSchema } from './handoff.ts';
import { ReportAssetSchema } from './asset-layers.ts';

const LocalizedOut = z.object({ en: z.string() }).catchall(z.string());

/** `POST /api/staff/login` and `GET /api/staff/me`. */
export const SecondFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    required: z.boolean().meta({ description: 'The account may do nothing else until it sets up a second factor' }),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'SecondFactorStatus' });
export type SecondFactorStatus = z.infer<typeof SecondFactorStatusSchema>;
export const StaffMeSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES), teamIds: z.array(z.number()), csrfToken: z.string(), secondFactor: SecondFactorStatusSchema.optional() })
  .meta({ id: 'StaffSession' });
export type StaffMe = z.infer<typeof StaffMeSchema>;

/** One row of `GET /api/staff/reports`. */
export const StaffReportSchema = z
  .object({
    id: z.string(),
    category: z.string(),
    categoryName: LocalizedOut,
    state: z.enum(REPORT_STATES),
    priority: z.number().int(),
    channel: z.enum(CHANNELS),
    geometry: GeoJsonGeometryOut,
    description: z.string(),
    supportCount: z.number().int(),
    team: z.string().nullable(),
    teamName: z.string().nullable(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    area: z.string().nullable(),
    areaCode: z.string().nullable().optional(),
    /** The nearest street within 50 m (issue 14): its name and USRN, or OSM way. */
    streetName: z.string().nullable().optional(),
    streetUsrn: z.string().nullable().optional(),
    photoCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    expectedAt: z.string().nullable(),
  })
  .meta({ id: 'StaffReport' });
export type StaffReport = z.infer<typeof StaffReportSchema>;

export const StaffReportListSchema = z
  .object({
    reports: z.array(StaffReportSchema),
    total: z.number().int(),
    counts: z.partialRecord(z.enum(REPORT_STATES), z.number().int()),
    serverTime: z.string(),
  })
  .meta({ id: 'StaffReportList' });
export type StaffReportList = z.infer<typeof StaffReportListSchema>;

/** One event of a report's full timeline, internal ones included. */
export const TimelineEventSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(EVENT_KINDS),
    public: z.boolean(),
    actorType: z.enum(ACTOR_TYPES),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true }),
    at: z.string(),
  })
  .meta({ id: 'TimelineEvent' });
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** `GET /api/staff/reports/{id}`: contact details only in the officer's remit. */
export const StaffReportDetailSchema = StaffReportSchema.extend({
  answers: z.record(z.string(), AnswerValueSchema),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  photos: z.array(z.object({ id: z.string(), hidden: z.boolean() })),
  timeline: z.array(TimelineEventSchema),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  mergedInto: z.string().nullable(),
  channelSource: z.string().nullable(),
  publicName: z.string().nullable(),
  showName: z.boolean(),
  locale: z.string().optional(),
  /** Where the report was handed off (issue 14): "Sent to <target> at <time>, their reference <ref>". */
  handoffs: z.array(HandoffSendSchema).optional(),
  /** The council asset the resident picked (issue 14), from an asset layer. */
  asset: ReportAssetSchema.nullable().optional(),
}).meta({ id: 'StaffReportDetail' });
export type StaffReportDetail = z.infer<typeof StaffReportDetailSchema>;

export const TemplateSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    category: z.string().nullable(),
    state: z.enum(REPORT_STATES).nullable(),
    locale: z.string().optional(),
  })
  .meta({ id: 'ResponseTemplate' });
export type Template = z.infer<typeof TemplateSchema>;

export const TeamSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    names: z.record(z.string(), z.string()).meta({ description: 'The name in other languages, by language code' }),
    email: z.string().nullable().meta({ description: "The team's shared mailbox (staff only)" }),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;

export const StaffUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    teamIds: z.array(z.number()),
    secondFactor: z.boolean().meta({ description: 'Signs in with an authenticator app as well as the password' }),
  })
  .meta({ id: 'StaffUser' });
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const StaffAreaSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), kind: z.string() }).meta({ id: 'StaffArea' });
export type StaffArea = z.infer<typeof StaffAreaSchema>;

export const RoutingRuleSchema = z.object({ id: z.number().int(), area: z.string().nullable(), category: z.string().nullable(), team: z.string() }).meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

export const AuditEntrySchema = z
  .object({
    staff_id: z.string().nullable(),
    staffName: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).nullable().meta({ type: 'object', additionalProperties: true, nullable: true }),
    atIso: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** One report's outcome in a bulk action. */
export const BulkResultSchema = z.object({ id: z.string(), ok: z.boolean(), problem: z.string().optional() }).meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;
