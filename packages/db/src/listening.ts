import { sql } from 'drizzle-orm';
import type { GazetteerEntry, KeywordRule, ListeningLanguage, MentionSourceKind } from '@groundswell/core';
import type { Database } from './connect.ts';
import { execRows } from './connect.ts';
import { inList, tsParam } from './sql-kit.ts';

/**
 * The listening inbox's sources, keyword rules and gazetteer (issue 13). Mentions are in
 * listening-mentions.ts. Credentials arrive here already sealed by the API.
 */

/** A photo kept with a mention, metadata removed; `thumbnailKey` is absent on photos kept before thumbnails were. */
export interface MentionPhoto {
  storageKey: string;
  thumbnailKey?: string;
  contentType: string;
  filename: string;
}

/** Every storage key held by these mentions' photos (the photo and its thumbnail), for the caller to delete. */
export function mentionPhotoKeys(rows: ReadonlyArray<{ photos: MentionPhoto[] | null }>): string[] {
  return rows.flatMap((m) => (m.photos ?? []).flatMap((p) => (p.thumbnailKey ? [p.storageKey, p.thumbnailKey] : [p.storageKey])));
}

export interface SourceRow {
  id: number;
  kind: MentionSourceKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  credentials: string | null;
  credentialFields: string[];
  state: Record<string, string | number | null>;
  pollSeconds: number;
  lastPolledAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  nextPollAt: string | null;
}

const SOURCE_COLUMNS = sql.raw(`id, kind, name, enabled, config, credentials, credential_fields as "credentialFields", state, poll_seconds as "pollSeconds",
  to_char(last_polled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastPolledAt", last_error as "lastError",
  to_char(last_error_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastErrorAt", failures,
  to_char(next_poll_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "nextPollAt"`);

const sourceRow = (r: SourceRow): SourceRow => ({ ...r, id: Number(r.id), failures: Number(r.failures), pollSeconds: Number(r.pollSeconds) });

export async function listListeningSources(database: Database): Promise<SourceRow[]> {
  return (await database.rows<SourceRow>(sql`select ${SOURCE_COLUMNS} from listening_sources order by id`)).map(sourceRow);
}

export async function findListeningSource(database: Database, id: number): Promise<SourceRow | undefined> {
  const [row] = await database.rows<SourceRow>(sql`select ${SOURCE_COLUMNS} from listening_sources where id = ${id}`);
  return row && sourceRow(row);
}

export interface SourceWrite {
  kind: MentionSourceKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  pollSeconds: number;
  /** Undefined: leave the stored credentials as they are. */
  credentials?: { sealed: string | null; fields: string[] } | undefined;
}

export async function insertListeningSource(database: Database, s: SourceWrite, now: Date): Promise<number> {
  const [row] = await database.rows<{ id: number }>(sql`
    insert into listening_sources (kind, name, enabled, config, credentials, credential_fields, poll_seconds, created_at, updated_at)
    values (${s.kind}, ${s.name}, ${s.enabled}, ${JSON.stringify(s.config)}::jsonb, ${s.credentials?.sealed ?? null},
            ${sql.raw(pgTextArray(s.credentials?.fields ?? []))}, ${s.pollSeconds}, ${tsParam(now)}, ${tsParam(now)})
    returning id`);
  return Number(row!.id);
}

export async function updateListeningSource(database: Database, id: number, s: Omit<SourceWrite, 'kind'>, now: Date): Promise<boolean> {
  const creds = s.credentials ? sql`, credentials = ${s.credentials.sealed}, credential_fields = ${sql.raw(pgTextArray(s.credentials.fields))}` : sql``;
  const rows = await database.rows(sql`
    update listening_sources set name = ${s.name}, enabled = ${s.enabled}, config = ${JSON.stringify(s.config)}::jsonb,
      poll_seconds = ${s.pollSeconds}, updated_at = ${tsParam(now)} ${creds}
    where id = ${id} returning id`);
  return rows.length > 0;
}

/** Removes a source and (by cascade) its mentions; the storage keys of their photos come back for the caller to delete. */
export async function deleteListeningSource(database: Database, id: number): Promise<{ removed: boolean; photoKeys: string[] }> {
  return database.db.transaction(async (tx) => {
    const photos = await execRows<{ photos: MentionPhoto[] | null }>(tx, sql`select photos from mentions where source_id = ${id}`);
    const removed = (await execRows(tx, sql`delete from listening_sources where id = ${id} returning id`)).length > 0;
    return { removed, photoKeys: removed ? mentionPhotoKeys(photos) : [] };
  });
}

/** A poll went well: keep the connector's new cursor and clear the error. */
export async function recordSourcePoll(database: Database, id: number, state: Record<string, string | number | null>, now: Date, nextPollAt: Date): Promise<void> {
  await database.rows(sql`update listening_sources set state = ${JSON.stringify(state)}::jsonb, last_polled_at = ${tsParam(now)},
    last_error = null, last_error_at = null, failures = 0, next_poll_at = ${tsParam(nextPollAt)} where id = ${id} returning id`);
}

/** A poll failed: record why (for the admin), count the failure and wait before the next try. */
export async function recordSourceError(database: Database, id: number, message: string, now: Date, nextPollAt: Date): Promise<void> {
  await database.rows(sql`update listening_sources set last_error = ${message.slice(0, 500)}, last_error_at = ${tsParam(now)},
    last_polled_at = ${tsParam(now)}, failures = failures + 1, next_poll_at = ${tsParam(nextPollAt)} where id = ${id} returning id`);
}

/** Enabled polled sources whose next poll is due. */
export async function dueListeningSources(database: Database, kinds: readonly MentionSourceKind[], now: Date): Promise<SourceRow[]> {
  if (!kinds.length) return [];
  return (
    await database.rows<SourceRow>(sql`select ${SOURCE_COLUMNS} from listening_sources
      where enabled and ${inList(sql`kind`, kinds)} and (next_poll_at is null or next_poll_at <= ${tsParam(now)}) order by id`)
  ).map(sourceRow);
}

/** A text[] literal for the few array writes (drizzle's sql`` sends JS arrays as records). */
export function pgTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

export const pgIntArray = (values: readonly number[]): string => `ARRAY[${values.map((v) => Number(v) | 0).join(',')}]::int[]`;

// Keyword rules

export interface KeywordRuleRow extends KeywordRule {
  enabled: boolean;
}

export async function listKeywordRules(database: Database, onlyEnabled = false): Promise<KeywordRuleRow[]> {
  const rows = await database.rows<KeywordRuleRow>(sql`select id, name, language, keywords, exclusions, category_id as "categoryId", enabled
    from keyword_rules ${onlyEnabled ? sql`where enabled` : sql``} order by id`);
  return rows.map((r) => ({ ...r, id: Number(r.id), categoryId: r.categoryId === null ? null : Number(r.categoryId) }));
}

export interface KeywordRuleWrite {
  name: string;
  language: ListeningLanguage;
  keywords: string[];
  exclusions: string[];
  categoryId: number | null;
  enabled: boolean;
}

export async function insertKeywordRule(database: Database, r: KeywordRuleWrite, now: Date): Promise<number> {
  const [row] = await database.rows<{ id: number }>(sql`insert into keyword_rules (name, language, keywords, exclusions, category_id, enabled, created_at)
    values (${r.name}, ${r.language}, ${sql.raw(pgTextArray(r.keywords))}, ${sql.raw(pgTextArray(r.exclusions))}, ${r.categoryId}, ${r.enabled}, ${tsParam(now)}) returning id`);
  return Number(row!.id);
}

export async function updateKeywordRule(database: Database, id: number, r: KeywordRuleWrite): Promise<boolean> {
  const rows = await database.rows(sql`update keyword_rules set name = ${r.name}, language = ${r.language}, keywords = ${sql.raw(pgTextArray(r.keywords))},
    exclusions = ${sql.raw(pgTextArray(r.exclusions))}, category_id = ${r.categoryId}, enabled = ${r.enabled} where id = ${id} returning id`);
  return rows.length > 0;
}

export async function deleteKeywordRule(database: Database, id: number): Promise<boolean> {
  return (await database.rows(sql`delete from keyword_rules where id = ${id} returning id`)).length > 0;
}

// Gazetteer

/** Changes when any name the gazetteer is built from changes: the process cache compares it. */
export async function gazetteerStamp(database: Database): Promise<string> {
  const [row] = await database.rows<{ stamp: string }>(sql`select concat_ws('/',
    (select count(*) from areas), (select coalesce(max(id), 0) from areas),
    (select count(*) from places), (select coalesce(max(id), 0) from places),
    (select count(*) from assets where retired_at is null), (select coalesce(max(id), 0) from assets)) as stamp`);
  return String(row!.stamp);
}

/** Every name a mention may use for a place: areas, imported places, streets and postcodes, asset names and codes. */
export async function gazetteerEntries(database: Database): Promise<GazetteerEntry[]> {
  const rows = await database.rows<{ name: string; kind: string; lon: number; lat: number; ref: string | null }>(sql`
    select name, 'area' as kind, ST_X(ST_PointOnSurface(geom)) as lon, ST_Y(ST_PointOnSurface(geom)) as lat, code as ref from areas
    union all
    select name, case when kind in ('street', 'postcode') then kind else 'place' end, ST_X(geom), ST_Y(geom), null from places
    union all
    select name, 'asset', ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)), code from assets where retired_at is null and name is not null
    union all
    select code, 'asset', ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)), code from assets where retired_at is null`);
  return rows.map((r) => ({ name: r.name, kind: r.kind as GazetteerEntry['kind'], lon: Number(r.lon), lat: Number(r.lat), ref: r.ref }));
}

export interface GazetteerImportRow {
  name: string;
  kind: 'place' | 'street' | 'postcode';
  /** WGS84, or British National Grid when `bng` is set (transformed by PostGIS, 27700 → 4326). */
  x: number;
  y: number;
}

/** Adds names to the gazetteer in one transaction; `replace` first removes the names of the kinds imported. */
export async function importGazetteer(database: Database, rows: GazetteerImportRow[], options: { bng: boolean; replace: boolean }): Promise<number> {
  return database.db.transaction(async (tx) => {
    if (options.replace) {
      const kinds = [...new Set(rows.map((r) => r.kind))];
      if (kinds.length) await execRows(tx, sql`delete from places where ${inList(sql`kind`, kinds)} returning id`);
    }
    let n = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const point = (r: GazetteerImportRow) => (options.bng ? sql`ST_Transform(ST_SetSRID(ST_MakePoint(${r.x}, ${r.y}), 27700), 4326)` : sql`ST_SetSRID(ST_MakePoint(${r.x}, ${r.y}), 4326)`);
      const values = sql.join(
        chunk.map((r) => sql`(${r.name}, ${r.kind}, ${point(r)})`),
        sql`, `,
      );
      n += (await execRows(tx, sql`insert into places (name, kind, geom) values ${values} returning id`)).length;
    }
    return n;
  });
}

/** Whether a point is inside the council's areas (null: no areas drawn, so nothing can be said). */
export async function insideCouncilArea(database: Database, lon: number, lat: number): Promise<boolean | null> {
  const [row] = await database.rows<{ any_area: boolean; inside: boolean }>(sql`
    select exists(select 1 from areas) as any_area,
           exists(select 1 from areas a where ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))) as inside`);
  return row!.any_area ? row!.inside : null;
}
