/**
 * What the network endpoints answer (`/api/assets...`): the contract the insight pages are
 * typed by and the API registers in OpenAPI.
 */
import { z } from 'zod';
import { ASSET_CONDITIONS, ASSET_KINDS, AT_RISK_REASONS } from '../asset-rules.ts';

const Condition = z.enum(ASSET_CONDITIONS);
export const AssetPropertiesSchema = z.object({
  code: z.string(),
  kind: z.enum(ASSET_KINDS),
  name: z.string().nullable(),
  condition: Condition,
  conditionAt: z.string().nullable(),
  lastInspectedAt: z
    .string()
    .nullable()
    .meta({ description: 'Last inspection that could see the channel (an `unknown` finding does not count), or inherited from the segment(s) it was split from or joined from' }),
  area: z.string().nullable(),
  lengthMeters: z.number().int(),
  reports: z.number().int(),
  openReports: z.number().int(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export const AssetFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
    properties: AssetPropertiesSchema,
  })
  .meta({ id: 'Asset' });
export const AssetCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(AssetFeatureSchema) }).meta({ id: 'AssetCollection' });
export const AssetEventSchema = z.object({
  kind: z.string().meta({ description: '`inspected`, `reported` (a resident report attached), `created` (payload `from`/`fromReport`), `retired` (payload `into`)' }),
  condition: Condition.nullable(),
  at: z.string(),
  actorType: z.string(),
  report: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true }),
});
export const AssetDetailSchema = AssetFeatureSchema.extend({
  history: z.array(AssetEventSchema),
  attachedReports: z.array(z.object({ id: z.string(), category: z.string(), state: z.string(), createdAt: z.string() })),
}).meta({ id: 'AssetDetail' });
export const StaffAssetDetailSchema = AssetDetailSchema.extend({
  team: z.object({ code: z.string(), name: z.string() }).nullable().meta({ description: 'The team that works the segment; null: administrators only' }),
  inRemit: z.boolean().meta({ description: 'Whether you may change it (inspect, split, join): its team is yours, or you are an administrator. Staff ids on its events are shown only then.' }),
}).meta({ id: 'StaffAssetDetail' });
/** An administrator gives a segment to another team. */
export const AssetTeamSchema = z.object({ team: z.string().trim().min(1).max(100).meta({ description: 'The code of the team that is to work the segment' }) });
export const AtRiskSchema = z
  .object({
    months: z.number().int(),
    now: z.string(),
    segments: z.array(
      z.object({
        code: z.string(),
        kind: z.string(),
        name: z.string().nullable(),
        area: z.string().nullable(),
        condition: Condition,
        conditionAt: z.string().nullable(),
        lastInspectedAt: z.string().nullable(),
        daysSinceInspection: z.number().int().nullable(),
        reasons: z.array(z.enum(AT_RISK_REASONS)),
        openReports: z.number().int(),
        lengthMeters: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AssetsAtRisk' });

export type AssetProperties = z.infer<typeof AssetPropertiesSchema>;
export type AssetFeature = z.infer<typeof AssetFeatureSchema>;
export type AssetCollection = z.infer<typeof AssetCollectionSchema>;
export type AssetEvent = z.infer<typeof AssetEventSchema>;
export type AssetDetail = z.infer<typeof AssetDetailSchema>;
export type StaffAssetDetail = z.infer<typeof StaffAssetDetailSchema>;
export type AtRiskList = z.infer<typeof AtRiskSchema>;
export type AtRiskSegment = AtRiskList['segments'][number];
