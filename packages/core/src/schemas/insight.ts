import { z } from 'zod';
import { ASSET_CONDITIONS, ASSET_KINDS, AT_RISK_SORTS, DEFAULT_UNINSPECTED_MONTHS, INSIGHT_FORMATS, TIMING_GROUPS, VOLUME_GROUPS } from '../rules.ts';
import { BBoxParamSchema } from './geometry.ts';
import { commaList, commaListOf } from './query.ts';

// ---------------------------------------------------------------------------------------
// Query parameters shared by the public and staff endpoints

const list = commaList;

const day = z.iso.date('Use a date like 2026-01-31');

/** Filters every figure takes: the period (on the day received), category, area and team. */
export const InsightQuerySchema = z.object({
  from: day.optional().meta({ description: 'First day received, inclusive (UTC). Default: the first day of the month eleven months ago' }),
  to: day.optional().meta({ description: 'Last day received, inclusive (UTC). Default: today' }),
  category: list('category codes'),
  area: list('area codes'),
  team: list('team codes'),
  format: z.enum(INSIGHT_FORMATS).default('json').meta({ description: '`csv` downloads the same figures as CSV' }),
});
export type InsightQuery = z.infer<typeof InsightQuerySchema>;

export const VolumeQuerySchema = InsightQuerySchema.extend({
  by: z.enum(VOLUME_GROUPS).default('category').meta({ description: 'What each series is: category, area, state, channel or team' }),
});

export const ResponseTimeQuerySchema = InsightQuerySchema.extend({
  by: z.enum(TIMING_GROUPS).default('category'),
});

export const TopSupportedQuerySchema = InsightQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const HotSpotQuerySchema = InsightQuerySchema.extend({
  compareFrom: day.optional().meta({ description: 'First day of the period to compare with. Default: the quarter before `from`' }),
  compareTo: day.optional().meta({ description: 'Last day of the period to compare with' }),
  size: z.coerce.number().min(50).max(20_000).default(500).meta({ description: 'Hexagon size on the ground, metres (centre to corner)' }),
  bbox: BBoxParamSchema.optional().meta({ description: 'Only reports whose point is inside west,south,east,north (WGS84)' }),
  format: z.enum(['geojson', 'csv']).default('geojson'),
});

export const AtRiskQuerySchema = z.object({
  months: z.coerce.number().int().min(1).max(120).default(DEFAULT_UNINSPECTED_MONTHS).meta({ description: 'Not inspected for this many months counts as at risk' }),
  sort: z.enum(AT_RISK_SORTS).default('risk'),
  order: z.enum(['asc', 'desc']).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  format: z.enum(INSIGHT_FORMATS).default('json'),
});

export const AssetListQuerySchema = z.object({
  bbox: BBoxParamSchema.optional().meta({ description: 'west,south,east,north in WGS84' }),
  kind: z.enum(ASSET_KINDS).optional(),
  condition: commaListOf(ASSET_CONDITIONS, 'condition', { allowEmpty: true }).optional(),
  retired: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: '`true` lists retired segments (split or joined) instead' }),
});

/** Staff actions on the network. */
export const AssetFromReportSchema = z.object({
  report: z.string().regex(/^[a-z0-9]{4,32}$/, 'Give the id of a line report'),
  kind: z.enum(ASSET_KINDS).default('ditch'),
  name: z.string().trim().min(1).max(200).optional(),
});
export const AssetSplitSchema = z.object({
  at: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).meta({ description: '[longitude, latitude] of the point to split at; the nearest point on the segment is used' }),
});
export const AssetJoinSchema = z.object({
  codes: z.tuple([z.string().min(1).max(40), z.string().min(1).max(40)]).meta({ description: 'The two touching segments to join' }),
  name: z.string().trim().min(1).max(200).optional(),
});
export const AssetInspectionSchema = z.object({
  condition: z.enum(ASSET_CONDITIONS),
  note: z.string().trim().max(2000).optional(),
});
