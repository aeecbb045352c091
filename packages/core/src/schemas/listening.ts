import { z } from 'zod';
import { GAZETTEER_KINDS, LISTENING_LANGUAGES, MENTION_SOURCE_KINDS, MENTION_STATES, PLACE_GUESS_METHODS } from '../listening.ts';
import { MAX_DESCRIPTION } from '../reports.ts';
import { BBoxParamSchema, GeometryInputSchema } from './geometry.ts';
import { AnswerValueSchema } from './reports.ts';

/** The listening inbox's contracts (issue 13): staff and admin only, except the "How we listen" page. */

export const PlaceGuessSchema = z
  .object({
    name: z.string(),
    kind: z.enum([...GAZETTEER_KINDS, 'coordinates']),
    lon: z.number(),
    lat: z.number(),
    confidence: z.number().min(0).max(1),
    method: z.enum(PLACE_GUESS_METHODS),
    matched: z.string(),
  })
  .meta({ id: 'PlaceGuess' });

export const MentionSchema = z
  .object({
    id: z.number().int(),
    source: z.object({ id: z.number().int(), kind: z.enum(MENTION_SOURCE_KINDS), name: z.string() }),
    url: z.string().nullable(),
    author: z.string().nullable().meta({ description: 'As the platform shows them; never in any public output' }),
    text: z.string(),
    language: z.enum(LISTENING_LANGUAGES).nullable(),
    postedAt: z.string(),
    receivedAt: z.string(),
    addressedToCouncil: z.boolean(),
    state: z.enum(MENTION_STATES),
    placeGuesses: z.array(PlaceGuessSchema),
    location: z.object({ lon: z.number(), lat: z.number() }).nullable().meta({ description: 'The best guess; the officer confirms it on the map' }),
    confidence: z.number().nullable(),
    matchedRuleIds: z.array(z.number().int()),
    suggestedCategory: z.string().nullable(),
    report: z.string().nullable().meta({ description: "The report's public id once converted or attached" }),
    dismissedReason: z.string().nullable(),
    foldedIntoId: z.number().int().nullable(),
    foldedCount: z.number().int().meta({ description: 'Near-identical texts and cross-posts folded into this one' }),
    photoCount: z.number().int(),
    firstReplyAt: z.string().nullable(),
    lastReplyAt: z.string().nullable(),
    followUpDue: z.boolean().meta({ description: 'The report changed state after the last reply: offer a follow-up in the same channel' }),
    canReply: z.boolean().meta({ description: 'Whether the platform takes replies (feeds do not: open the original)' }),
  })
  .meta({ id: 'Mention' });

export const MentionListQuerySchema = z.object({
  source: z.coerce.number().int().positive().optional(),
  rule: z.coerce.number().int().positive().optional(),
  area: z.coerce.number().int().positive().optional(),
  state: z.enum(MENTION_STATES).optional(),
  bbox: BBoxParamSchema.optional().meta({ description: 'west,south,east,north' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const MentionListSchema = z.object({ mentions: z.array(MentionSchema), total: z.number().int() }).meta({ id: 'MentionList' });

export const MentionDetailSchema = z
  .object({
    mention: MentionSchema,
    nearbyMentions: z.array(MentionSchema).meta({ description: 'Other mentions within 250 m and 7 days' }),
    nearbyReports: z.array(z.object({ id: z.string(), category: z.string(), state: z.string(), description: z.string(), createdAt: z.string(), distanceMetres: z.number() })),
    replies: z.array(z.object({ id: z.number().int(), text: z.string(), sentAt: z.string().nullable(), url: z.string().nullable(), error: z.string().nullable(), staffName: z.string().nullable() })),
    replyDraft: z.string().nullable().meta({ description: "A draft in the mention's language, signed by the officer; null where the platform takes no replies" }),
  })
  .meta({ id: 'MentionDetail' });

export const MentionToReportSchema = z
  .object({
    category: z.string().min(1),
    geometry: GeometryInputSchema,
    description: z.string().trim().min(1).max(MAX_DESCRIPTION).optional().meta({ description: "Defaults to the mention's text" }),
    locale: z.enum(['en', 'pl']).optional(),
    answers: z.record(z.string(), AnswerValueSchema).default({}).meta({ description: "Answers to the category's questions, checked as for an assisted report" }),
  })
  .meta({ id: 'MentionToReport' });

export const AttachMentionSchema = z.object({ report: z.string().min(1).max(40) }).meta({ id: 'AttachMention' });
export const DismissMentionSchema = z.object({ reason: z.string().trim().min(1, 'Please say why').max(500) }).meta({ id: 'DismissMention' });
export const ReplyMentionSchema = z.object({ text: z.string().trim().min(1, 'Please write the reply').max(20_000) }).meta({ id: 'ReplyMention' });

export const MentionActionResultSchema = z
  .object({ mention: MentionSchema, report: z.string().nullable(), reply: z.object({ url: z.string().nullable(), externalId: z.string().nullable() }).optional() })
  .meta({ id: 'MentionActionResult' });

// Lists (hashtags, queries, keywords) come as arrays, as docs/listening-connectors.md shows them, or comma-separated.
const SourceConfigSchema = z
  .record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]))
  .meta({ type: 'object', additionalProperties: true });

export const ListeningSourceInputSchema = z
  .object({
    kind: z.enum(MENTION_SOURCE_KINDS),
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    config: SourceConfigSchema.default({}),
    credentials: z
      .record(z.string(), z.string().max(4000))
      .optional()
      .meta({ type: 'object', additionalProperties: { type: 'string' }, description: 'Write-only: stored encrypted, never returned' }),
    pollSeconds: z.number().int().min(60).max(86_400).default(900),
  })
  .meta({ id: 'ListeningSourceInput' });

export const ListeningSourceSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MENTION_SOURCE_KINDS),
    name: z.string(),
    enabled: z.boolean(),
    config: z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true }),
    credentialsSet: z.array(z.string()).meta({ description: 'Which credential fields are set; their values are never returned' }),
    pollSeconds: z.number().int(),
    lastPolledAt: z.string().nullable(),
    lastError: z.string().nullable(),
    nextPollAt: z.string().nullable(),
    webhookUrl: z.string().nullable().meta({ description: 'For pushed sources (SMS): where the gateway should post' }),
  })
  .meta({ id: 'ListeningSource' });

export const KeywordRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    language: z.enum(LISTENING_LANGUAGES),
    keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(200),
    exclusions: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    category: z.string().min(1).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'KeywordRuleInput' });

export const KeywordRuleSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    language: z.enum(LISTENING_LANGUAGES),
    keywords: z.array(z.string()),
    exclusions: z.array(z.string()),
    category: z.string().nullable(),
    enabled: z.boolean(),
  })
  .meta({ id: 'KeywordRule' });

/** What officers may read of the set-up, in the inbox: no configuration, no credentials, no webhook. */
export const ListeningOverviewSchema = z
  .object({
    sources: z.array(ListeningSourceSchema.pick({ id: true, kind: true, name: true, enabled: true, lastPolledAt: true, lastError: true })),
    rules: z.array(KeywordRuleSchema),
  })
  .meta({ id: 'ListeningOverview' });

export const GazetteerImportSchema = z
  .object({
    format: z.enum(['os-open-names', 'geojson']),
    data: z.string().min(1).max(50_000_000).meta({ description: 'OS Open Names CSV (with or without its header row), or a GeoJSON FeatureCollection of named points from an OpenStreetMap extract' }),
    replace: z.boolean().default(false),
  })
  .meta({ id: 'GazetteerImport' });

export const HowWeListenSchema = z
  .object({
    enabled: z.boolean(),
    sources: z.array(z.object({ kind: z.enum(MENTION_SOURCE_KINDS), name: z.string() })),
    keywords: z.array(z.object({ language: z.enum(LISTENING_LANGUAGES), keywords: z.array(z.string()), exclusions: z.array(z.string()) })),
    kept: z.object({
      unconvertedDays: z.number().int(),
      converted: z.string(),
    }),
    stored: z.array(z.string()),
    never: z.array(z.string()),
    contact: z.string().nullable(),
  })
  .meta({ id: 'HowWeListen' });
