/**
 * Staff changes to the network, as steps a use-case runs in one transaction. Every change is
 * an `asset_events` row; a segment that is split or joined is retired (its history stays)
 * and new segments carry on, each `created` event naming where it came from. Which changes
 * are allowed is decided by the use-cases (apps/api/src/assets) with core's rules; this
 * module only reads, locks and writes.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ASSET_CODE_PREFIX, assetCode, type Answers, type AssetCondition, type AssetKind, type ReportState, type SegmentTeam, type StaffActor } from '@groundswell/core';
import { execRows, type Database, type Executor } from '../connect.ts';
import { recordAudit } from '../staff.ts';
import { teamByCode } from '../staff-reports.ts';
import { tsParam } from '../sql-kit.ts';
import { LAST_INSPECTED, routedSegmentTeam, segmentTeam } from './columns.ts';

/** A segment locked for a change. Timestamps are PostgreSQL text, which sorts as time. */
export interface LockedSegment {
  id: number;
  code: string;
  kind: AssetKind;
  name: string | null;
  condition: AssetCondition;
  conditionAt: string | null;
  lastInspectedAt: string | null;
  /** The team that works it (columns.ts `segmentTeam`); null: administrators only. */
  teamId: number | null;
  retired: boolean;
  /** Its line, or null when the geometry is not a single line. */
  coords: [number, number][] | null;
}

/** A report locked to be confirmed as a segment. */
export interface ReportForSegment {
  id: number;
  teamId: number | null;
  state: ReportState;
  isLine: boolean;
  category: string;
  answers: Answers;
  createdAt: string;
  /** The segment it is attached to, if any. */
  assetCode: string | null;
  attached: boolean;
}

/** Where a new segment's line comes from. */
export type SegmentLine = { coords: [number, number][] } | { ofReport: number } | { partOf: number; from: number; to: number };

export interface NewSegment {
  code: string;
  kind: AssetKind;
  name: string | null;
  line: SegmentLine;
  condition: AssetCondition;
  conditionAt: string | null;
  /** Given, or `routed`: where a blocked-ditch report in the new segment's area would go. */
  team: SegmentTeam;
  at: Date;
}

export interface SegmentEvent {
  assetId: number;
  kind: 'created' | 'retired' | 'inspected';
  condition?: AssetCondition | null;
  reportId?: number | null;
  actor: StaffActor;
  payload: Record<string, unknown>;
  at: Date;
}

export interface AuditEntry {
  actor: StaffActor;
  action: string;
  code: string;
  payload: Record<string, unknown>;
  at: Date;
}

export interface AssetNetwork {
  /** Locks a segment by code for the rest of the transaction. */
  lockSegment(code: string): Promise<LockedSegment | undefined>;
  /** Locks a report by its public id. */
  lockReport(publicId: string): Promise<ReportForSegment | undefined>;
  /** The next free code for a kind: D-067 after D-066. Serialised across transactions. */
  nextCode(kind: AssetKind): Promise<string>;
  /** Where the point on a segment nearest `at` lies: the fraction along it (in Web Mercator), its length and the point's distance, metres. */
  locateOn(assetId: number, at: [number, number]): Promise<{ fraction: number; lengthMeters: number; distanceMeters: number }>;
  insertSegment(s: NewSegment): Promise<number>;
  /** A team by its code. */
  team(code: string): Promise<{ id: number; name: string } | undefined>;
  setTeam(assetId: number, teamId: number): Promise<void>;
  addEvent(e: SegmentEvent): Promise<void>;
  retire(assetId: number, at: Date): Promise<void>;
  setCondition(assetId: number, condition: AssetCondition, at: Date): Promise<void>;
  attachReport(reportId: number, assetId: number): Promise<void>;
  /** Moves every report attached to `from` to `to`. */
  moveReports(from: number[], to: number): Promise<void>;
  /** Moves every report attached to `from` to whichever of `parts` is nearer its middle (the first on a tie). */
  moveReportsToNearer(from: number, parts: [number, number]): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/** Runs `work` in one transaction, with the network's steps bound to it. */
export function inAssetTransaction<T>(database: Database, work: (network: AssetNetwork) => Promise<T>): Promise<T> {
  return database.db.transaction((tx) => work(assetNetwork(tx)));
}

function assetNetwork(tx: Executor): AssetNetwork {
  return {
    lockSegment: (code) => lockSegment(tx, code),
    lockReport: (publicId) => lockReport(tx, publicId),
    nextCode: (kind) => nextCode(tx, kind),
    locateOn: (assetId, at) => locateOn(tx, assetId, at),
    insertSegment: (s) => insertSegment(tx, s),
    team: (code) => teamByCode(tx, code),
    async setTeam(assetId, teamId) {
      await tx.execute(sql`update assets set team_id = ${teamId} where id = ${assetId}`);
    },
    addEvent: (e) => addEvent(tx, e),
    async retire(assetId, at) {
      await tx.execute(sql`update assets set retired_at = ${tsParam(at)} where id = ${assetId}`);
    },
    async setCondition(assetId, condition, at) {
      await tx.execute(sql`update assets set condition = ${condition}, condition_at = ${tsParam(at)} where id = ${assetId}`);
    },
    async attachReport(reportId, assetId) {
      await tx.execute(sql`update reports set asset_id = ${assetId} where id = ${reportId}`);
    },
    async moveReports(from, to) {
      await tx.execute(sql`update reports set asset_id = ${to} where asset_id in ${from}`);
    },
    moveReportsToNearer: (from, parts) => moveReportsToNearer(tx, from, parts),
    async audit(e) {
      await recordAudit(auditIn(tx), { staffId: e.actor.id, action: e.action, targetType: 'asset', targetId: e.code, payload: e.payload, at: e.at });
    },
  };
}

async function lockSegment(tx: Executor, code: string): Promise<LockedSegment | undefined> {
  const [row] = await execRows<{
    id: number;
    code: string;
    kind: AssetKind;
    name: string | null;
    condition: AssetCondition;
    condition_at: string | null;
    retired_at: string | null;
    last_inspected: string | null;
    team_id: number | null;
    geojson: { type: string; coordinates: [number, number][] };
  }>(
    tx,
    sql`
    select a.id, a.code, a.kind, a.name, a.condition, a.condition_at::text as condition_at, a.retired_at::text as retired_at,
           ${LAST_INSPECTED}::text as last_inspected, ${segmentTeam()} as team_id, ST_AsGeoJSON(a.geom)::json as geojson
    from assets a where a.code = ${code} for update`,
  );
  if (!row) return undefined;
  return {
    id: Number(row.id),
    code: row.code,
    kind: row.kind,
    name: row.name,
    condition: row.condition,
    conditionAt: row.condition_at,
    lastInspectedAt: row.last_inspected,
    teamId: row.team_id === null ? null : Number(row.team_id),
    retired: row.retired_at !== null,
    coords: row.geojson.type === 'LineString' ? row.geojson.coordinates : null,
  };
}

async function lockReport(tx: Executor, publicId: string): Promise<ReportForSegment | undefined> {
  const [r] = await execRows<{
    id: number;
    team_id: number | null;
    state: ReportState;
    asset_id: number | null;
    geom_type: string;
    category: string;
    answers: Answers;
    created_at: string;
    asset_code: string | null;
  }>(
    tx,
    sql`
    select r.id, r.team_id, r.state, r.asset_id, GeometryType(r.geom) as geom_type, c.code as category, r.answers, r.created_at::text as created_at,
           (select code from assets where id = r.asset_id) as asset_code
    from reports r join categories c on c.id = r.category_id where r.public_id = ${publicId} for update of r`,
  );
  if (!r) return undefined;
  return {
    id: Number(r.id),
    teamId: r.team_id === null ? null : Number(r.team_id),
    state: r.state,
    isLine: r.geom_type === 'LINESTRING',
    category: r.category,
    answers: r.answers,
    createdAt: r.created_at,
    assetCode: r.asset_code,
    attached: r.asset_id !== null,
  };
}

async function nextCode(tx: Executor, kind: AssetKind): Promise<string> {
  const prefix = ASSET_CODE_PREFIX[kind];
  await tx.execute(sql`select pg_advisory_xact_lock(7477001)`);
  const [row] = await execRows<{ n: number }>(
    tx,
    sql`
    select coalesce(max(substring(code from ${`^${prefix}-(\\d+)$`})::int), 0) + 1 as n from assets`,
  );
  return assetCode(kind, Number(row!.n));
}

async function locateOn(tx: Executor, assetId: number, at: [number, number]) {
  const point = sql`ST_SetSRID(ST_MakePoint(${at[0]}, ${at[1]}), 4326)`;
  const [cut] = await execRows<{ f: number; len: number; dist: number }>(
    tx,
    sql`
    select ST_LineLocatePoint(ST_Transform(a.geom, 3857), ST_Transform(${point}, 3857))::float8 as f,
           ST_Length(a.geom::geography)::float8 as len, ST_Distance(a.geom::geography, ${point}::geography)::float8 as dist
    from assets a where a.id = ${assetId}`,
  );
  return { fraction: Number(cut!.f), lengthMeters: Number(cut!.len), distanceMeters: Number(cut!.dist) };
}

function lineOf(line: SegmentLine): SQL {
  if ('coords' in line) return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: line.coords })}), 4326)`;
  if ('ofReport' in line) return sql`(select geom from reports where id = ${line.ofReport})`;
  return sql`ST_LineSubstring((select geom from assets where id = ${line.partOf}), ${line.from}, ${line.to})`;
}

async function insertSegment(tx: Executor, a: NewSegment): Promise<number> {
  const team = a.team === 'routed' ? routedSegmentTeam(sql`x.area_id`) : sql`${a.team.id}::int`;
  const [row] = await execRows<{ id: number }>(
    tx,
    sql`
    insert into assets (code, kind, name, geom, condition, condition_at, created_at, area_id, team_id)
    select ${a.code}, ${a.kind}, ${a.name}, g, ${a.condition}, ${a.conditionAt}::timestamptz, ${tsParam(a.at)}, x.area_id, ${team}
    from (select g, (select ar.id from areas ar where ST_Intersects(ar.geom, ST_PointOnSurface(g)) order by ar.id limit 1) as area_id
          from (select ${lineOf(a.line)} as g) l) x
    returning id`,
  );
  return Number(row!.id);
}

/**
 * Gives segments mapped without a team (the demo's, loaded after the migration that
 * backfilled the others) the team routing sends them to, in the caller's transaction.
 */
export async function routeUnownedSegments(tx: Executor, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`update assets a set team_id = ${routedSegmentTeam(sql`a.area_id`)} where a.team_id is null and a.id in ${ids}`);
}

async function addEvent(tx: Executor, e: SegmentEvent): Promise<void> {
  await tx.execute(sql`insert into asset_events (asset_id, kind, condition, report_id, actor_type, actor_id, payload, created_at)
    values (${e.assetId}, ${e.kind}, ${e.condition ?? null}, ${e.reportId ?? null}, 'staff', ${e.actor.id}, ${JSON.stringify(e.payload)}::jsonb, ${tsParam(e.at)})`);
}

async function moveReportsToNearer(tx: Executor, from: number, [first, second]: [number, number]): Promise<void> {
  await tx.execute(sql`
    update reports r set asset_id = case
      when ST_Distance(ST_LineInterpolatePoint(r.geom, 0.5)::geography, (select geom from assets where id = ${first})::geography)
        <= ST_Distance(ST_LineInterpolatePoint(r.geom, 0.5)::geography, (select geom from assets where id = ${second})::geography)
      then ${first}::int else ${second}::int end
    where r.asset_id = ${from}`);
}

/** recordAudit needs only `rows`: this runs it inside the caller's transaction. */
function auditIn(tx: Executor): Database {
  return { rows: (q: SQL) => execRows(tx, q) } as unknown as Database;
}
