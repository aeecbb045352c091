/** Council asset layers (issue 14): the admin's layers, and the asset a report was pinned to. */
import { sql } from 'drizzle-orm';
import type { AssetLayerKind } from '@groundswell/core';
import { execRows, type Database, type Executor } from './connect.ts';
import { isoTime } from './sql-kit.ts';

export interface AssetLayerRow {
  id: number;
  name: string;
  kind: AssetLayerKind;
  url: string;
  collection: string;
  idField: string;
  nameField: string | null;
  categories: string[];
  snapMetres: number;
  active: boolean;
  createdAt: string;
}

export interface AssetLayerValues {
  name: string;
  kind: AssetLayerKind;
  url: string;
  collection: string;
  idField: string;
  nameField: string | null;
  categories: string[];
  snapMetres: number;
  active: boolean;
}

const COLUMNS = sql`id, name, kind, url, collection, id_field as "idField", name_field as "nameField", to_jsonb(category_codes) as categories,
  snap_metres as "snapMetres", active, ${isoTime('created_at')} as "createdAt"`;

// A JSON array parameter, because an array parameter would be spread into a list.
const textArray = (values: string[]) => sql`(select coalesce(array_agg(x order by n), '{}'::text[]) from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) with ordinality as t(x, n))`;

export async function listAssetLayers(database: Database, filter: { category?: string; activeOnly?: boolean } = {}): Promise<AssetLayerRow[]> {
  return database.rows<AssetLayerRow>(sql`select ${COLUMNS} from asset_layers
    where true ${filter.activeOnly ? sql`and active` : sql``} ${filter.category ? sql`and ${filter.category} = any(category_codes)` : sql``}
    order by name`);
}

export async function findAssetLayer(database: Database, id: number): Promise<AssetLayerRow | undefined> {
  const [row] = await database.rows<AssetLayerRow>(sql`select ${COLUMNS} from asset_layers where id = ${id}`);
  return row;
}

/** The category codes among these that do not exist. */
export async function unknownCategoryCodes(database: Database, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await database.rows<{ code: string }>(
    sql`select x as code from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) x where not exists (select 1 from categories c where c.code = x)`,
  );
  return rows.map((r) => r.code);
}

/** Null when the name is taken. */
export async function insertAssetLayer(database: Database, v: AssetLayerValues): Promise<{ id: number } | null> {
  const [row] = await database.rows<{ id: number }>(sql`insert into asset_layers (name, kind, url, collection, id_field, name_field, category_codes, snap_metres, active)
    values (${v.name}, ${v.kind}, ${v.url}, ${v.collection}, ${v.idField}, ${v.nameField}, ${textArray(v.categories)}, ${v.snapMetres}, ${v.active})
    on conflict (name) do nothing returning id`);
  return row ?? null;
}

/** False when there is no such layer, null when the name is taken. */
export async function updateAssetLayer(database: Database, id: number, v: AssetLayerValues): Promise<boolean | null> {
  const [clash] = await database.rows(sql`select 1 from asset_layers where name = ${v.name} and id <> ${id}`);
  if (clash) return null;
  const rows = await database.rows(sql`update asset_layers set name = ${v.name}, kind = ${v.kind}, url = ${v.url}, collection = ${v.collection},
      id_field = ${v.idField}, name_field = ${v.nameField}, category_codes = ${textArray(v.categories)}, snap_metres = ${v.snapMetres}, active = ${v.active}
    where id = ${id} returning id`);
  return rows.length > 0;
}

export interface ReportAssetValues {
  layerId: number;
  layer: string;
  id: string;
  name: string | null;
  verified: boolean;
}

/** Pins a new report to the asset the resident picked (in the report's creating transaction). */
export async function setReportAsset(tx: Executor, reportId: number, a: ReportAssetValues): Promise<void> {
  await execRows(
    tx,
    sql`update reports set asset_layer_id = ${a.layerId},
    external_asset = ${JSON.stringify({ layer: a.layer, id: a.id, name: a.name, verified: a.verified })}::jsonb where id = ${reportId}`,
  );
}

export interface ReportAssetRow {
  layer: string;
  layerId: number | null;
  id: string;
  name: string | null;
  verified: boolean;
}

export async function findReportAsset(database: Database, reportId: number): Promise<ReportAssetRow | null> {
  const [row] = await database.rows<{ asset: Omit<ReportAssetRow, 'layerId'> | null; layerId: number | null }>(
    sql`select external_asset as asset, asset_layer_id as "layerId" from reports where id = ${reportId}`,
  );
  return row?.asset ? { ...row.asset, layerId: row.layerId } : null;
}
