/** Reading the network: segments as GeoJSON, one segment's history, the segments at risk. */
import { sql, type SQL } from 'drizzle-orm';
import {
  ASSET_CONDITIONS,
  AT_RISK_CONDITIONS,
  CONDITION_SEVERITY,
  reasonsAtRisk,
  riskRank,
  type AssetCondition,
  type AssetFeature,
  type AssetKind,
  type AssetProperties,
  type AtRiskSegment,
  type AtRiskSort,
  type BBox,
  type ReportState,
  type StaffActor,
  seesReport,
  worksSegment,
} from '@groundswell/core';
import type { Database } from '../connect.ts';
import { GEOJSON_DECIMALS } from '../reports.ts';
import { jsonObjectText } from '../open-data/reports.ts';
import { bboxIntersects, inList, isoTime, isoTimeJson, publicReport, tsParam } from '../sql-kit.ts';
import { LAST_INSPECTED, OPEN_REPORTS, segmentTeam } from './columns.ts';

export type { AssetFeature, AssetProperties };

/** Reads `assets a left join areas ar` with `x.last_inspected` from FROM_ASSETS. */
const ASSET_COLUMNS = sql`
  a.code, a.kind, a.name, a.condition, ${isoTime('a.condition_at')} as "conditionAt",
  ${isoTime('x.last_inspected')} as "lastInspectedAt",
  ar.name as area, round(ST_Length(a.geom::geography))::int as "lengthMeters",
  (select count(*)::int from reports r where r.asset_id = a.id and ${publicReport('r')}) as reports,
  ${OPEN_REPORTS} as "openReports",
  ${isoTime('a.created_at')} as "createdAt", ${isoTime('a.retired_at')} as "retiredAt",
  ST_AsGeoJSON(a.geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json as geometry`;

const FROM_ASSETS = sql`assets a left join areas ar on ar.id = a.area_id cross join lateral (select ${LAST_INSPECTED} as last_inspected) x`;

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
  if (f.bbox) parts.push(bboxIntersects(sql`a.geom`, f.bbox));
  if (f.kind) parts.push(sql`a.kind = ${f.kind}`);
  if (f.conditions?.length) parts.push(inList(sql`a.condition`, f.conditions));
  const rows = await database.rows<AssetProperties & { geometry: AssetFeature['geometry'] }>(sql`
    select ${ASSET_COLUMNS} from ${FROM_ASSETS}
    where ${sql.join(parts, sql` and `)} order by a.code`);
  return rows.map(feature);
}

/**
 * `listAssets` as Feature texts built by PostgreSQL, byte for byte what `feature` and
 * JSON.stringify make of its rows, so the network's list is sent without being parsed and
 * re-serialised in Node.
 */
export async function listAssetFeatureTexts(database: Database, f: AssetFilter): Promise<string[]> {
  const parts: SQL[] = [f.retired ? sql`a.retired_at is not null` : sql`a.retired_at is null`];
  if (f.bbox) parts.push(bboxIntersects(sql`a.geom`, f.bbox));
  if (f.kind) parts.push(sql`a.kind = ${f.kind}`);
  if (f.conditions?.length) parts.push(inList(sql`a.condition`, f.conditions));
  const properties = jsonObjectText([
    ['code', sql`a.code`],
    ['kind', sql`a.kind`],
    ['name', sql`a.name`],
    ['condition', sql`a.condition`],
    ['conditionAt', isoTimeJson('a.condition_at')],
    ['lastInspectedAt', isoTimeJson('x.last_inspected')],
    ['area', sql`ar.name`],
    ['lengthMeters', sql`round(ST_Length(a.geom::geography))::int`],
    ['reports', sql`(select count(*)::int from reports r where r.asset_id = a.id and ${publicReport('r')})`],
    ['openReports', OPEN_REPORTS],
    ['createdAt', isoTimeJson('a.created_at')],
    ['retiredAt', isoTimeJson('a.retired_at')],
  ]);
  const rows = await database.rows<{ f: string }>(sql`
    select '{"type":"Feature","id":' || to_json(a.code)::text
      || ',"geometry":' || ST_AsGeoJSON(a.geom, ${sql.raw(String(GEOJSON_DECIMALS))})
      || ',"properties":' || ${properties} || '}' as f
    from ${FROM_ASSETS}
    where ${sql.join(parts, sql` and `)} order by a.code`);
  return rows.map((r) => r.f);
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

/** What staff see of a segment besides the public detail: its team, and whether they work it. */
export interface StaffAssetDetail extends AssetDetail {
  team: { code: string; name: string } | null;
  inRemit: boolean;
}

type ReportFacts = { reportState: ReportState | null; reportTeamId: number | null };

/** Drops what `viewer` may not know of: rows from a hidden report outside their remit (core's `seesReport`). */
function visibleTo<T extends ReportFacts>(viewer: StaffActor | null, rows: T[]): Array<Omit<T, keyof ReportFacts>> {
  return rows
    .filter((r) => r.reportState === null || seesReport(viewer, { state: r.reportState, teamId: r.reportTeamId === null ? null : Number(r.reportTeamId) }))
    .map(({ reportState: _s, reportTeamId: _t, ...rest }) => rest);
}

type TeamFacts = { teamId: number | null; teamCode: string | null; teamName: string | null };

/**
 * One segment with its condition history, oldest first. The public (`viewer: null`) gets no
 * event or report from a hidden report and no staff ids. Staff get hidden reports only when
 * their remit holds the report (admins: all), so a segment does not tell an officer of
 * another team's hidden report; the staff ids on its events when their remit holds the
 * segment (core's `worksSegment`); and its team.
 */
export async function getAsset(database: Database, code: string, options: { viewer: null }): Promise<AssetDetail | undefined>;
export async function getAsset(database: Database, code: string, options: { viewer: StaffActor }): Promise<StaffAssetDetail | undefined>;
export async function getAsset(database: Database, code: string, options: { viewer: StaffActor | null }): Promise<AssetDetail | StaffAssetDetail | undefined> {
  const [row] = await database.rows<AssetProperties & TeamFacts & { id: number; geometry: AssetFeature['geometry'] }>(sql`
    select a.id, ${ASSET_COLUMNS}, t.id as "teamId", t.code as "teamCode", t.name as "teamName"
    from ${FROM_ASSETS} left join teams t on t.id = ${segmentTeam()}
    where a.code = ${code}`);
  if (!row) return undefined;
  const facts = sql`r.state as "reportState", r.team_id as "reportTeamId"`;
  const [history, attached] = await Promise.all([
    database.rows<AssetEvent & { actorId: string | null } & ReportFacts>(sql`
      select e.kind, e.condition, ${isoTime('e.created_at')} as at, e.actor_type as "actorType", e.actor_id as "actorId", r.public_id as report, e.payload, ${facts}
      from asset_events e left join reports r on r.id = e.report_id
      where e.asset_id = ${Number(row.id)}
      order by e.created_at, e.id`),
    database.rows<AssetDetail['attachedReports'][number] & ReportFacts>(sql`
      select r.public_id as id, c.code as category, r.state, ${isoTime('r.created_at')} as "createdAt", ${facts}
      from reports r join categories c on c.id = r.category_id
      where r.asset_id = ${Number(row.id)}
      order by r.created_at desc, r.id desc`),
  ]);
  const { id: _id, teamId, teamCode, teamName, ...rest } = row;
  const viewer = options.viewer;
  const works = viewer !== null && worksSegment(viewer, { teamId: teamId === null ? null : Number(teamId) });
  const detail: AssetDetail = {
    ...feature(rest),
    history: visibleTo(viewer, history).map(({ actorId, ...e }) => (works ? { ...e, payload: { ...e.payload, ...(actorId ? { actorId } : {}) } } : e)),
    attachedReports: visibleTo(viewer, attached),
  };
  if (viewer === null) return detail;
  return { ...detail, team: teamCode && teamName ? { code: teamCode, name: teamName } : null, inRemit: works };
}

/** A segment at risk, as the contract (core's schemas/assets.ts) describes it. */
export type AtRiskRow = AtRiskSegment;

/** `case condition when … then n … end` from a ranking of conditions in core. */
const rankBy = (rank: (c: AssetCondition) => number) => sql.raw(`case condition ${ASSET_CONDITIONS.map((c) => `when '${c}' then ${rank(c)}`).join(' ')} else 0 end`);

const SORTS: Record<AtRiskSort, SQL> = {
  risk: sql`${rankBy(riskRank)} desc, last_inspected asc nulls first, code`,
  code: sql`code`,
  condition: rankBy((c) => CONDITION_SEVERITY[c]),
  inspected: sql`last_inspected`,
  reports: sql`open_reports`,
  length: sql`length_m`,
};

/**
 * Segments at risk by core's rule: in one of AT_RISK_CONDITIONS, or not seen by an
 * inspection since `unseenSince` (never inspected counts). Sorted by `sort`; `risk` puts
 * collapsed, then blocked, then the longest unseen first.
 */
export async function atRiskAssets(database: Database, o: { now: Date; unseenSince: Date; kind?: AssetKind | undefined; sort: AtRiskSort; order?: 'asc' | 'desc' | undefined }): Promise<AtRiskRow[]> {
  const order = SORTS[o.sort] ?? SORTS.risk;
  // Never inspected is the longest unseen: first when ascending by inspection date.
  const direction = o.sort === 'risk' ? sql`` : o.order === 'desc' ? sql` desc nulls last` : sql` asc nulls first`;
  const rows = await database.rows<{
    code: string;
    kind: AssetKind;
    name: string | null;
    area: string | null;
    condition: AssetCondition;
    conditionAt: string | null;
    lastInspectedAt: string | null;
    days: number | null;
    bad: boolean;
    unseen: boolean;
    open_reports: number;
    length_m: number;
  }>(sql`
    select * from (
      select a.code, a.kind, a.name, ar.name as area, a.condition, ${isoTime('a.condition_at')} as "conditionAt",
             x.last_inspected, ${isoTime('x.last_inspected')} as "lastInspectedAt",
             floor(extract(epoch from (${tsParam(o.now)} - x.last_inspected)) / 86400)::int as days,
             ${inList(sql`a.condition`, AT_RISK_CONDITIONS)} as bad,
             (x.last_inspected is null or x.last_inspected < ${tsParam(o.unseenSince)}) as unseen,
             ${OPEN_REPORTS} as open_reports,
             round(ST_Length(a.geom::geography))::int as length_m
      from ${FROM_ASSETS}
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
    reasons: reasonsAtRisk({ badCondition: r.bad, unseen: r.unseen }),
    openReports: Number(r.open_reports),
    lengthMeters: Number(r.length_m),
  }));
}
