import { z } from 'zod';
import { ASSET_LAYER_KINDS } from '../asset-layers.ts';

const coordinates = z.array(z.any()).meta({ type: 'array', items: { oneOf: [{ type: 'number' }, { type: 'array', items: {} }] } });
/** Any GeoJSON geometry a council layer holds (lamps are points, pipes lines), longitude first. */
const AnyGeometry = z
  .object({ type: z.string(), coordinates: coordinates.optional(), geometries: z.array(z.object({ type: z.string(), coordinates })).optional() })
  .meta({ description: 'RFC 7946 geometry in WGS84, longitude first' }) as unknown as z.ZodType<{ type: string; coordinates?: unknown; geometries?: unknown[] }>;

const fieldName = z.string().trim().min(1).max(100);

export const AssetLayerInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(ASSET_LAYER_KINDS).meta({ description: 'ogc: an OGC API Features landing page; wfs: a WFS 2.0 endpoint that answers GeoJSON' }),
    url: z.url({ protocol: /^https?$/ }).max(500),
    collection: z.string().trim().min(1).max(200).meta({ description: 'The OGC collection id, or the WFS typeName' }),
    idField: fieldName,
    nameField: fieldName.nullable().default(null),
    categories: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    snapMetres: z.number().int().min(1).max(500).default(30),
    active: z.boolean().default(true),
  })
  .meta({ id: 'AssetLayerInput' });
export type AssetLayerInput = z.infer<typeof AssetLayerInputSchema>;

export const AssetLayerSchema = AssetLayerInputSchema.extend({
  id: z.number().int(),
  nameField: fieldName.nullable(),
  categories: z.array(z.string()),
  snapMetres: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'AssetLayer' });
export type AssetLayer = z.infer<typeof AssetLayerSchema>;

/** What the public sees of a layer: never the council's URL, only what the report flow needs. */
export const PublicAssetLayerSchema = z.object({ id: z.number().int(), name: z.string(), categories: z.array(z.string()), snapMetres: z.number().int() }).meta({ id: 'PublicAssetLayer' });

export const LayerAssetSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    geometry: AnyGeometry,
  })
  .meta({ id: 'LayerAsset' });

export const LayerAssetsSchema = z
  .object({
    layer: z.number().int(),
    features: z.array(LayerAssetSchema),
    nearest: LayerAssetSchema.extend({ metres: z.number() }).nullable().meta({ description: 'The nearest asset within the snapping distance of `near`, when `near` was given' }),
  })
  .meta({ id: 'LayerAssets' });

/** The asset a resident picked, as sent with a report. */
export const ReportAssetInputSchema = z
  .object({
    layer: z.number().int().positive(),
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().max(200).optional().meta({ description: "The asset's name as shown; kept only when the layer's server cannot be asked" }),
  })
  .meta({ id: 'ReportAssetInput' });

/** The asset on a report, for staff and the hand-off; `verified` is false when the layer's server was down when it was sent. */
export const ReportAssetSchema = z.object({ layer: z.string(), layerId: z.number().int().nullable(), id: z.string(), name: z.string().nullable(), verified: z.boolean() }).meta({ id: 'ReportAsset' });
export type ReportAsset = z.infer<typeof ReportAssetSchema>;
