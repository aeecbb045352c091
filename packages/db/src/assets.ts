/**
 * The mapped drainage network (assets: ditches, culverts) and its condition over time.
 * Every change is an `asset_events` row; a segment that is split or joined is retired (its
 * history stays) and new segments carry on, each `created` event naming where it came from.
 * The rules (when a report attaches, what "at risk" means) are in packages/core/src/insight.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  ASSET_ATTACH_RULE,
  AT_RISK_CONDITIONS,
  DomainError,
  PUBLIC_STATES,
  conditionFromReport,
  inRemit,
  monthsBefore,
  worseCondition,
  type ActorType,
  type Answers,
  type AssetCondition,
  type AssetKind,
  type BBox,
  type StaffActor,
} from '@groundswell/core';
import { execRows, type Database, type Executor } from './connect.ts';
import { GEOJSON_DECIMALS } from './reports.ts';
import { recordAudit } from './staff.ts';

const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const PUBLIC = sql.raw(PUBLIC_STATES.map((s) => `'${s}'`).join(','));

/**
 * When the segment was last seen by an inspection that could see it (an inspection that
 * recorded `unknown` does not count), or the date a new segment inherited from the one(s) it
 * came from. Reads `assets a`.
 */
const LAST_INSPECTED = sql`greatest(
  (select max(e.created_at) from asset_events e where e.asset_id = a.id and e.kind = 'inspected' and e.condition is distinct from 'unknown'),
  (select max((e.payload->>'inspectedAt')::timestamptz) from asset_events e where e.asset_id = a.id and e.kind = 'created'))`;

// ---------------------------------------------------------------------------------------
// Reports attach to the segment they run along

export interface Attachment {
  assetId: number;
  code: string;
  /** The condition the report told of, when it did (a blocked-ditch report's `how_blocked`). */
  condition: AssetCondition | null;
}

/**
 * Scores every live segment near a line report by the rule in ASSET_ATTACH_RULE: the share of
 * the report's length within `withinMeters` (the line cut into pieces of at most
 * `densifyMeters` on the ground, each piece judged by its middle), and how far apart its two
 * ends fall when projected onto the segment (in Web Mercator, where local scale is the same
 * in every direction, times the segment's true length).
 */
function candidates(reportId: number | SQL, onlyAssets?: number[]): SQL {
  const { withinMeters, densifyMeters } = ASSET_ATTACH_RULE;
  const only = onlyAssets ? sql`a.id in ${onlyAssets}` : sql`a.retired_at is null`;
  return sql`
    with rep as (
      select r.id, r.geom as g, ST_Length(r.geom::geography) as len from reports r
      where r.id = ${reportId} and GeometryType(r.geom) = 'LINESTRING'
    ),
    piece as (
      select (ST_DumpSegments(ST_Segmentize(rep.g::geography, ${densifyMeters})::geometry)).geom as seg from rep
    ),
    cand as (
      select a.id, a.code, a.geom from assets a, rep
      where ${only} and a.geom && ST_Expand(rep.g, 0.01) and ST_DWithin(a.geom::geography, rep.g::geography, ${withinMeters})
    ),
    scored as (
      select cand.id, cand.code,
        coalesce(sum(ST_Length(p.seg::geography)) filter (where ST_DWithin(ST_LineInterpolatePoint(p.seg, 0.5)::geography, cand.geom::geography, ${withinMeters})), 0)
          / nullif(sum(ST_Length(p.seg::geography)), 0) as share
      from cand, piece p group by cand.id, cand.code
    )
    select s.id, s.code, s.share::float8 as share, rep.len::float8 as len,
      (abs(ST_LineLocatePoint(ST_Transform(cand.geom, 3857), ST_Transform(ST_StartPoint(rep.g), 3857))
         - ST_LineLocatePoint(ST_Transform(cand.geom, 3857), ST_Transform(ST_EndPoint(rep.g), 3857)))
        * ST_Length(cand.geom::geography))::float8 as along
    from scored s join cand on cand.id = s.id, rep`;
}

type Scored = { id: number; code: string; share: number; len: number; along: number };

function best(rows: Scored[], strict: boolean): Scored | undefined {
  const { minShareWithin, minAlongShare } = ASSET_ATTACH_RULE;
  const ok = rows
    .map((r) => ({ ...r, id: Number(r.id), share: Number(r.share), len: Number(r.len), along: Number(r.along) }))
    .filter((r) => !strict || (r.share >= minShareWithin && r.along >= minAlongShare * r.len));
  return ok.sort((a, b) => b.share - a.share || b.along - a.along || a.id - b.id)[0];
}

/**
 * Attaches a new line report to the live segment it runs along, if any, in the caller's
 * transaction: sets `reports.asset_id`, writes a `reported` event, and when the report tells
 * of the segment's condition (a blocked-ditch report's answer) and is newer than what is
 * known, updates the segment's condition.
 */
export async function attachReportToAsset(tx: Executor, reportId: number, actor: { type: ActorType; id?: string | undefined }): Promise<Attachment | null> {
  const match = best(await execRows<Scored>(tx, candidates(reportId)), true);
  if (!match) return null;
  const [report] = await execRows<{ category: string; answers: Answers; created_at: string }>(tx, sql`
    select c.code as category, r.answers, r.created_at::text as created_at from reports r join categories c on c.id = r.category_id where r.id = ${reportId}`);
  const condition = conditionFromReport(report!.category, report!.answers);
  await tx.execute(sql`update reports set asset_id = ${match.id} where id = ${reportId}`);
  await tx.execute(sql`insert into asset_events (asset_id, kind, condition, report_id, actor_type, actor_id, payload, created_at)
    values (${match.id}, 'reported', ${condition}, ${reportId}, ${actor.type}, ${actor.id ?? null},
            ${JSON.stringify({ share: round2(match.share), alongMeters: Math.round(match.along) })}::jsonb, ${report!.created_at}::timestamptz)`);
  if (condition) {
    await tx.execute(sql`update assets set condition = ${condition}, condition_at = ${report!.created_at}::timestamptz
      where id = ${match.id} and (condition_at is null or condition_at <= ${report!.created_at}::timestamptz)`);
  }
  return { assetId: match.id, code: match.code, condition };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

// ---------------------------------------------------------------------------------------
// Reading the network

export interface AssetProperties {
  code: string;
  kind: AssetKind;
  name: string | null;
  condition: AssetCondition;
  conditionAt: string | null;
  lastInspectedAt: string | null;
  area: string | null;
  lengthMeters: number;
  /** Public reports attached to the segment, and how many of them are open. */
  reports: number;
  openReports: number;
  createdAt: string;
  retiredAt: string | null;
}

export interface AssetFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: AssetProperties;
}

const ASSET_COLUMNS = sql`
  a.code, a.kind, a.name, a.condition, ${iso('a.condition_at')} as "conditionAt",
  to_char(${LAST_INSPECTED} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastInspectedAt",
  ar.name as area, round(ST_Length(a.geom::geography))::int as "lengthMeters",
  (select count(*)::int from reports r where r.asset_id = a.id and r.state in (${PUBLIC})) as reports,
  (select count(*)::int from reports r where r.asset_id = a.id and r.state in ('new', 'acknowledged', 'in_progress', 'action_scheduled')) as "openReports",
  ${iso('a.created_at')} as "createdAt", ${iso('a.retired_at')} as "retiredAt"`;

function feature(row: AssetProperties & { geometry: AssetFeature['geometry'] }): AssetFeature {
  const { geometry, ...p } = row;
  return { type: 'Feature', id: p.code, geometry, properties: { ...p, lengthMeters: Number(p.lengthMeters), reports: Number(p.reports), openReports: Number(p.openReports) } };
}

export interface AssetFilter {
  bbox?: BBox | undefined;
  kind?: AssetKind | undefined;
  conditions?: AssetCondition[] | undefined;
  retired?: boolean | undefined;
}

export async function listAssets(database: Database, f: AssetFilter): Promise<AssetFeature[]> {
  const parts: SQL[] = [f.retired ? sql`a.retired_at is not null` : sql`a.retired_at is null`];
  if (f.bbox) parts.push(sql`a.geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`);
  if (f.kind) parts.push(sql`a.kind = ${f.kind}`);
  if (f.conditions?.length) parts.push(sql`a.condition in ${f.conditions}`);
  const rows = await database.rows<AssetProperties & { geometry: AssetFeature['geometry'] }>(sql`
    select ${ASSET_COLUMNS}, ST_AsGeoJSON(a.geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json as geometry
    from assets a left join areas ar on ar.id = a.area_id
    where ${sql.join(parts, sql` and `)} order by a.code`);
  return rows.map(feature);
}

export interface AssetEvent {
  kind: string;
  condition: AssetCondition | null;
  at: string;
  actorType: string;
  /** The public id of the report behind a `reported` or `created` event, when it is public (or to staff). */
  report: string | null;
  payload: Record<string, unknown>;
}

export interface AssetDetail extends AssetFeature {
  history: AssetEvent[];
  attachedReports: Array<{ id: string; category: string; state: string; createdAt: string }>;
}

/**
 * One segment with its condition history, oldest first. The public sees no event from a
 * hidden report and no staff ids; staff see everything.
 */
export async function getAsset(database: Database, code: string, options: { staff: boolean }): Promise<AssetDetail | undefined> {
  const [row] = await database.rows<AssetProperties & { id: number; geometry: AssetFeature['geometry'] }>(sql`
    select a.id, ${ASSET_COLUMNS}, ST_AsGeoJSON(a.geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json as geometry
    from assets a left join areas ar on ar.id = a.area_id where a.code = ${code}`);
  if (!row) return undefined;
  const visible = options.staff ? sql`true` : sql`(e.report_id is null or r.state in (${PUBLIC}))`;
  const [history, attached] = await Promise.all([
    database.rows<AssetEvent & { actorId: string | null }>(sql`
      select e.kind, e.condition, ${iso('e.created_at')} as at, e.actor_type as "actorType", e.actor_id as "actorId", r.public_id as report, e.payload
      from asset_events e left join reports r on r.id = e.report_id
      where e.asset_id = ${Number(row.id)} and ${visible}
      order by e.created_at, e.id`),
    database.rows<{ id: string; category: string; state: string; createdAt: string }>(sql`
      select r.public_id as id, c.code as category, r.state, ${iso('r.created_at')} as "createdAt"
      from reports r join categories c on c.id = r.category_id
      where r.asset_id = ${Number(row.id)} ${options.staff ? sql`` : sql`and r.state in (${PUBLIC})`}
      order by r.created_at desc, r.id desc`),
  ]);
  const { id: _id, ...rest } = row;
  return {
    ...feature(rest),
    history: history.map(({ actorId, ...e }) => (options.staff ? { ...e, payload: { ...e.payload, ...(actorId ? { actorId } : {}) } } : e)),
    attachedReports: attached,
  };
}

export interface AtRiskRow {
  code: string;
  kind: AssetKind;
  name: string | null;
  area: string | null;
  condition: AssetCondition;
  conditionAt: string | null;
  lastInspectedAt: string | null;
  /** Whole days since the last inspection that saw the channel; null when never inspected. */
  daysSinceInspection: number | null;
  reasons: Array<'condition' | 'not_inspected'>;
  openReports: number;
  lengthMeters: number;
}

const SORTS: Record<string, SQL> = {
  risk: sql`(condition = 'collapsed')::int + (condition in ('blocked', 'collapsed'))::int desc, last_inspected asc nulls first, code`,
  code: sql`code`,
  condition: sql`case condition when 'collapsed' then 4 when 'blocked' then 3 when 'partly_blocked' then 2 when 'unknown' then 1 else 0 end`,
  inspected: sql`last_inspected`,
  reports: sql`open_reports`,
  length: sql`length_m`,
};

/**
 * Segments at risk: blocked or collapsed, or not seen by an inspection for `months` months
 * (never inspected counts). Sorted by `sort`; `risk` puts collapsed, then blocked, then the
 * longest unseen first.
 */
export async function atRiskAssets(
  database: Database,
  o: { now: Date; months: number; kind?: AssetKind | undefined; sort: keyof typeof SORTS | string; order?: 'asc' | 'desc' | undefined },
): Promise<AtRiskRow[]> {
  const cutoff = monthsBefore(o.now, o.months).toISOString();
  const risky = sql.raw(AT_RISK_CONDITIONS.map((c) => `'${c}'`).join(','));
  const order = SORTS[o.sort] ?? SORTS.risk!;
  // Never inspected is the longest unseen: first when ascending by inspection date.
  const direction = o.sort === 'risk' ? sql`` : o.order === 'desc' ? sql` desc nulls last` : sql` asc nulls first`;
  const rows = await database.rows<{
    code: string; kind: AssetKind; name: string | null; area: string | null; condition: AssetCondition;
    conditionAt: string | null; lastInspectedAt: string | null; days: number | null; bad: boolean; unseen: boolean; open_reports: number; length_m: number;
  }>(sql`
    select * from (
      select a.code, a.kind, a.name, ar.name as area, a.condition, ${iso('a.condition_at')} as "conditionAt",
             x.last_inspected, to_char(x.last_inspected at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastInspectedAt",
             floor(extract(epoch from (${o.now.toISOString()}::timestamptz - x.last_inspected)) / 86400)::int as days,
             a.condition in (${risky}) as bad,
             (x.last_inspected is null or x.last_inspected < ${cutoff}::timestamptz) as unseen,
             (select count(*)::int from reports r where r.asset_id = a.id and r.state in ('new', 'acknowledged', 'in_progress', 'action_scheduled')) as open_reports,
             round(ST_Length(a.geom::geography))::int as length_m
      from assets a left join areas ar on ar.id = a.area_id
        cross join lateral (select ${LAST_INSPECTED} as last_inspected) x
      where a.retired_at is null ${o.kind ? sql`and a.kind = ${o.kind}` : sql``}
    ) t
    where bad or unseen
    order by ${order}${direction}, code`);
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    name: r.name,
    area: r.area,
    condition: r.condition,
    conditionAt: r.conditionAt,
    lastInspectedAt: r.lastInspectedAt,
    daysSinceInspection: r.days === null ? null : Number(r.days),
    reasons: [...(r.bad ? (['condition'] as const) : []), ...(r.unseen ? (['not_inspected'] as const) : [])],
    openReports: Number(r.open_reports),
    lengthMeters: Number(r.length_m),
  }));
}

// ---------------------------------------------------------------------------------------
// Staff changes to the network: each in the caller's transaction, with events and an audit entry

interface LockedAsset {
  id: number;
  code: string;
  kind: AssetKind;
  name: string | null;
  condition: AssetCondition;
  condition_at: string | null;
  last_inspected: string | null;
  retired_at: string | null;
  coords: [number, number][];
}

async function lockAsset(tx: Executor, code: string): Promise<LockedAsset> {
  const [row] = await execRows<LockedAsset & { geojson: { type: string; coordinates: [number, number][] } }>(tx, sql`
    select a.id, a.code, a.kind, a.name, a.condition, a.condition_at::text as condition_at, a.retired_at::text as retired_at,
           ${LAST_INSPECTED}::text as last_inspected, ST_AsGeoJSON(a.geom)::json as geojson
    from assets a where a.code = ${code} for update`);
  if (!row) throw new DomainError('not_found', `There is no segment ${code}`);
  if (row.retired_at) throw new DomainError('conflict', `Segment ${code} was retired (split or joined); use the segments that replaced it`);
  if (row.geojson.type !== 'LineString') throw new DomainError('conflict', `Segment ${code} is not a single line`);
  return { ...row, id: Number(row.id), coords: row.geojson.coordinates };
}

/** The next free code for a kind: D-067 after D-066. Serialised by an advisory lock. */
async function nextCode(tx: Executor, kind: AssetKind): Promise<string> {
  const prefix = kind === 'culvert' ? 'C' : 'D';
  await tx.execute(sql`select pg_advisory_xact_lock(7477001)`);
  const [row] = await execRows<{ n: number }>(tx, sql`
    select coalesce(max(substring(code from ${`^${prefix}-(\\d+)$`})::int), 0) + 1 as n from assets`);
  return `${prefix}-${String(Number(row!.n)).padStart(3, '0')}`;
}

async function insertAsset(
  tx: Executor,
  a: { code: string; kind: AssetKind; name: string | null; coords: [number, number][] | SQL; condition: AssetCondition; conditionAt: string | null; at: Date },
): Promise<number> {
  const geom = Array.isArray(a.coords) ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: a.coords })}), 4326)` : a.coords;
  const [row] = await execRows<{ id: number }>(tx, sql`
    insert into assets (code, kind, name, geom, condition, condition_at, created_at, area_id)
    select ${a.code}, ${a.kind}, ${a.name}, g, ${a.condition}, ${a.conditionAt}::timestamptz, ${a.at.toISOString()}::timestamptz,
           (select ar.id from areas ar where ST_Intersects(ar.geom, ST_PointOnSurface(g)) order by ar.id limit 1)
    from (select ${geom} as g) x
    returning id`);
  return Number(row!.id);
}

async function addAssetEvent(
  tx: Executor,
  e: { assetId: number; kind: string; condition?: AssetCondition | null; reportId?: number | null; actor: StaffActor; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.execute(sql`insert into asset_events (asset_id, kind, condition, report_id, actor_type, actor_id, payload, created_at)
    values (${e.assetId}, ${e.kind}, ${e.condition ?? null}, ${e.reportId ?? null}, 'staff', ${e.actor.id}, ${JSON.stringify(e.payload)}::jsonb, ${e.at.toISOString()}::timestamptz)`);
}

/** recordAudit needs only `rows`: this runs it inside the caller's transaction. */
function auditIn(tx: Executor): Database {
  return { rows: (q: SQL) => execRows(tx, q) } as unknown as Database;
}

/**
 * Confirms a resident's line report as a new segment: the report's line becomes the segment,
 * the report is attached to it, and its condition is what the report told (else unknown).
 */
export async function createAssetFromReport(
  tx: Executor,
  input: { report: string; kind: AssetKind; name?: string | undefined; actor: StaffActor; at: Date },
): Promise<{ code: string }> {
  const [r] = await execRows<{ id: number; team_id: number | null; state: string; asset_id: number | null; geom_type: string; category: string; answers: Answers; created_at: string; asset_code: string | null }>(tx, sql`
    select r.id, r.team_id, r.state, r.asset_id, GeometryType(r.geom) as geom_type, c.code as category, r.answers, r.created_at::text as created_at,
           (select code from assets where id = r.asset_id) as asset_code
    from reports r join categories c on c.id = r.category_id where r.public_id = ${input.report} for update of r`);
  if (!r || !inRemit(input.actor, { teamId: r.team_id === null ? null : Number(r.team_id) })) throw new DomainError('not_found', `There is no report ${input.report} in your remit`);
  if (r.geom_type !== 'LINESTRING') throw new DomainError('conflict', 'Only a line report can become a segment', [{ field: 'body.report', message: 'Not a line' }]);
  if (r.state === 'hidden') throw new DomainError('conflict', 'A hidden report cannot become a segment', [{ field: 'body.report', message: 'Hidden' }]);
  if (r.asset_id !== null) throw new DomainError('conflict', `This report already runs along segment ${r.asset_code}`, [{ field: 'body.report', message: `Attached to ${r.asset_code}` }]);
  const condition = conditionFromReport(r.category, r.answers);
  const code = await nextCode(tx, input.kind);
  const id = await insertAsset(tx, {
    code,
    kind: input.kind,
    name: input.name ?? null,
    coords: sql`(select geom from reports where id = ${Number(r.id)})`,
    condition: condition ?? 'unknown',
    conditionAt: condition ? r.created_at : null,
    at: input.at,
  });
  await addAssetEvent(tx, { assetId: id, kind: 'created', condition: condition ?? 'unknown', reportId: Number(r.id), actor: input.actor, payload: { fromReport: input.report }, at: input.at });
  await tx.execute(sql`update reports set asset_id = ${id} where id = ${Number(r.id)}`);
  await recordAudit(auditIn(tx), { staffId: input.actor.id, action: 'asset_created', targetType: 'asset', targetId: code, payload: { fromReport: input.report, kind: input.kind }, at: input.at });
  return { code };
}

/**
 * Splits a segment at the point on it nearest to `at`: the segment is retired and two new
 * ones carry on, each with its condition, condition date and last inspection. Reports
 * attached to it go to the part nearer their middle.
 */
export async function splitAsset(tx: Executor, input: { code: string; at: [number, number]; actor: StaffActor; now: Date }): Promise<{ codes: [string, string] }> {
  const a = await lockAsset(tx, input.code);
  const point = sql`ST_SetSRID(ST_MakePoint(${input.at[0]}, ${input.at[1]}), 4326)`;
  const [cut] = await execRows<{ f: number; len: number; dist: number }>(tx, sql`
    select ST_LineLocatePoint(ST_Transform(a.geom, 3857), ST_Transform(${point}, 3857))::float8 as f,
           ST_Length(a.geom::geography)::float8 as len, ST_Distance(a.geom::geography, ${point}::geography)::float8 as dist
    from assets a where a.id = ${a.id}`);
  const f = Number(cut!.f);
  const len = Number(cut!.len);
  if (Number(cut!.dist) > 50) throw new DomainError('validation_failed', 'Split at a point on the segment (within 50 m of it)', [{ field: 'body.at', message: `${Math.round(Number(cut!.dist))} m from the segment` }]);
  if (f * len < 5 || (1 - f) * len < 5) throw new DomainError('validation_failed', 'Both parts must be at least 5 m long', [{ field: 'body.at', message: 'Too near an end' }]);
  const first = await nextCode(tx, a.kind);
  const inherited = { condition: a.condition, conditionAt: a.condition_at, name: a.name, kind: a.kind, at: input.now };
  const firstId = await insertAsset(tx, { ...inherited, code: first, coords: sql`ST_LineSubstring((select geom from assets where id = ${a.id}), 0, ${f})` });
  const second = await nextCode(tx, a.kind);
  const secondId = await insertAsset(tx, { ...inherited, code: second, coords: sql`ST_LineSubstring((select geom from assets where id = ${a.id}), ${f}, 1)` });
  for (const [id, part] of [[firstId, 1], [secondId, 2]] as const) {
    await addAssetEvent(tx, { assetId: id, kind: 'created', condition: a.condition, actor: input.actor, payload: { from: [a.code], reason: 'split', part, inspectedAt: a.last_inspected }, at: input.now });
  }
  await retire(tx, a, [first, second], 'split', input.actor, input.now);
  // Each attached report follows the part nearer its middle.
  await tx.execute(sql`
    update reports r set asset_id = case
      when ST_Distance(ST_LineInterpolatePoint(r.geom, 0.5)::geography, (select geom from assets where id = ${firstId})::geography)
        <= ST_Distance(ST_LineInterpolatePoint(r.geom, 0.5)::geography, (select geom from assets where id = ${secondId})::geography)
      then ${firstId}::int else ${secondId}::int end
    where r.asset_id = ${a.id}`);
  await recordAudit(auditIn(tx), { staffId: input.actor.id, action: 'asset_split', targetType: 'asset', targetId: a.code, payload: { into: [first, second], at: input.at }, at: input.now });
  return { codes: [first, second] };
}

const METERS_PER_DEGREE = 111_320;
/** Metres between two WGS84 positions (equirectangular: exact enough for "do these touch"). */
function metres(p: [number, number], q: [number, number]): number {
  const k = Math.cos((((p[1] + q[1]) / 2) * Math.PI) / 180);
  return Math.hypot((p[0] - q[0]) * k, p[1] - q[1]) * METERS_PER_DEGREE;
}

/** Segments touch when an end of one is within this of an end of the other. */
export const JOIN_TOLERANCE_METERS = 1;

/**
 * Joins two segments that meet end to end into a new one; both are retired. The new segment
 * is as bad as the worse of the two, and was last inspected when the less recently inspected
 * part was (never, if either never was).
 */
export async function joinAssets(tx: Executor, input: { codes: [string, string]; name?: string | undefined; actor: StaffActor; now: Date }): Promise<{ code: string }> {
  if (input.codes[0] === input.codes[1]) throw new DomainError('validation_failed', 'Choose two different segments', [{ field: 'body.codes', message: 'The same segment twice' }]);
  const a = await lockAsset(tx, input.codes[0]);
  const b = await lockAsset(tx, input.codes[1]);
  if (a.kind !== b.kind) throw new DomainError('conflict', `A ${a.kind} and a ${b.kind} cannot be joined`, [{ field: 'body.codes', message: 'Different kinds' }]);
  const line = joinLines(a.coords, b.coords);
  if (!line) throw new DomainError('conflict', `${a.code} and ${b.code} do not meet end to end`, [{ field: 'body.codes', message: `No ends within ${JOIN_TOLERANCE_METERS} m` }]);
  const condition = worseCondition(a.condition, b.condition);
  const conditionAt = [a.condition_at, b.condition_at].filter((x): x is string => !!x).sort().pop() ?? null;
  const inspectedAt = a.last_inspected && b.last_inspected ? ([a.last_inspected, b.last_inspected].sort()[0] ?? null) : null;
  const code = await nextCode(tx, a.kind);
  const id = await insertAsset(tx, { code, kind: a.kind, name: input.name ?? a.name ?? b.name, coords: line, condition, conditionAt, at: input.now });
  await addAssetEvent(tx, { assetId: id, kind: 'created', condition, actor: input.actor, payload: { from: [a.code, b.code], reason: 'join', inspectedAt }, at: input.now });
  await retire(tx, a, [code], 'join', input.actor, input.now);
  await retire(tx, b, [code], 'join', input.actor, input.now);
  await tx.execute(sql`update reports set asset_id = ${id} where asset_id in (${a.id}, ${b.id})`);
  await recordAudit(auditIn(tx), { staffId: input.actor.id, action: 'asset_join', targetType: 'asset', targetId: code, payload: { from: [a.code, b.code] }, at: input.now });
  return { code };
}

/** The two lines as one, when an end of one meets an end of the other. */
export function joinLines(a: [number, number][], b: [number, number][]): [number, number][] | undefined {
  const options: Array<[number, () => [number, number][]]> = [
    [metres(a[a.length - 1]!, b[0]!), () => [...a, ...b.slice(1)]],
    [metres(a[a.length - 1]!, b[b.length - 1]!), () => [...a, ...[...b].reverse().slice(1)]],
    [metres(a[0]!, b[b.length - 1]!), () => [...b, ...a.slice(1)]],
    [metres(a[0]!, b[0]!), () => [...[...a].reverse(), ...b.slice(1)]],
  ];
  const [d, make] = options.sort((x, y) => x[0] - y[0])[0]!;
  return d <= JOIN_TOLERANCE_METERS ? make() : undefined;
}

async function retire(tx: Executor, a: LockedAsset, into: string[], reason: 'split' | 'join', actor: StaffActor, at: Date) {
  await tx.execute(sql`update assets set retired_at = ${at.toISOString()}::timestamptz where id = ${a.id}`);
  await addAssetEvent(tx, { assetId: a.id, kind: 'retired', actor, payload: { into, reason }, at });
}

/** An officer's inspection: the condition seen (or `unknown` when the channel could not be seen). */
export async function recordInspection(
  tx: Executor,
  input: { code: string; condition: AssetCondition; note?: string | undefined; actor: StaffActor; now: Date },
): Promise<void> {
  const a = await lockAsset(tx, input.code);
  await addAssetEvent(tx, { assetId: a.id, kind: 'inspected', condition: input.condition, actor: input.actor, payload: { by: input.actor.name, ...(input.note ? { note: input.note } : {}) }, at: input.now });
  await tx.execute(sql`update assets set condition = ${input.condition}, condition_at = ${input.now.toISOString()}::timestamptz where id = ${a.id}`);
  await recordAudit(auditIn(tx), { staffId: input.actor.id, action: 'asset_inspected', targetType: 'asset', targetId: a.code, payload: { condition: input.condition }, at: input.now });
}

/**
 * Attaches existing line reports that run along a segment but are not attached yet (those
 * made before the rule existed, or before the segment was mapped), oldest first, without
 * touching conditions already recorded later. Returns how many attached.
 */
export async function attachExistingReports(database: Database): Promise<number> {
  const ids = await database.rows<{ id: number }>(sql`
    select r.id from reports r where r.asset_id is null and GeometryType(r.geom) = 'LINESTRING'
      and exists (select 1 from assets a where a.retired_at is null and a.geom && ST_Expand(r.geom, 0.01))
    order by r.created_at, r.id`);
  let n = 0;
  for (const { id } of ids) {
    const attached = await database.db.transaction((tx) => attachReportToAsset(tx, Number(id), { type: 'system' }));
    if (attached) n++;
  }
  return n;
}
