/**
 * Reports attach to the segment they run along. The database measures how each live segment
 * near a line report lies against it; the rule that judges those measures is core's
 * (ASSET_ATTACH_RULE, bestAttachment).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ASSET_ATTACH_RULE, bestAttachment, conditionFromReport, type ActorType, type Answers, type AssetCondition, type AttachCandidate } from '@groundswell/core';
import { execRows, type Database, type Executor } from '../connect.ts';
import { tsParam } from '../sql-kit.ts';

export interface Attachment {
  assetId: number;
  code: string;
  /** The condition the report told of, when it did (a blocked-ditch report's `how_blocked`). */
  condition: AssetCondition | null;
}

/**
 * Measures every live segment near a line report: the share of the report's length within
 * `withinMeters` (the line cut into pieces of at most `densifyMeters` on the ground, each
 * piece judged by its middle), and how far apart its two ends fall when projected onto the
 * segment (in Web Mercator, where local scale is the same in every direction, times the
 * segment's true length).
 */
function candidates(reportId: number): SQL {
  const { withinMeters, densifyMeters } = ASSET_ATTACH_RULE;
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
      where a.retired_at is null and a.geom && ST_Expand(rep.g, 0.01) and ST_DWithin(a.geom::geography, rep.g::geography, ${withinMeters})
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

async function measure(tx: Executor, reportId: number): Promise<AttachCandidate[]> {
  const rows = await execRows<{ id: number; code: string; share: number; len: number; along: number }>(tx, candidates(reportId));
  return rows.map((r) => ({ id: Number(r.id), code: r.code, share: Number(r.share), lengthMeters: Number(r.len), alongMeters: Number(r.along) }));
}

/**
 * Attaches a new line report to the live segment it runs along, if any, in the caller's
 * transaction: sets `reports.asset_id`, writes a `reported` event, and when the report tells
 * of the segment's condition (a blocked-ditch report's answer) updates the segment's
 * condition unless a later one is already recorded (a later inspection stands).
 */
export async function attachReportToAsset(tx: Executor, reportId: number, actor: { type: ActorType; id?: string | undefined }): Promise<Attachment | null> {
  const match = bestAttachment(await measure(tx, reportId));
  if (!match) return null;
  const [report] = await execRows<{ category: string; answers: Answers; created_at: string }>(
    tx,
    sql`
    select c.code as category, r.answers, r.created_at::text as created_at from reports r join categories c on c.id = r.category_id where r.id = ${reportId}`,
  );
  const condition = conditionFromReport(report!.category, report!.answers);
  const reportedAt = tsParam(report!.created_at);
  await tx.execute(sql`update reports set asset_id = ${match.id} where id = ${reportId}`);
  await tx.execute(sql`insert into asset_events (asset_id, kind, condition, report_id, actor_type, actor_id, payload, created_at)
    values (${match.id}, 'reported', ${condition}, ${reportId}, ${actor.type}, ${actor.id ?? null},
            ${JSON.stringify({ share: round2(match.share), alongMeters: Math.round(match.alongMeters) })}::jsonb, ${reportedAt})`);
  if (condition) {
    // Compared in the database, at its microsecond precision, so a tie is judged the same way everywhere.
    await tx.execute(sql`update assets set condition = ${condition}, condition_at = ${reportedAt}
      where id = ${match.id} and (condition_at is null or condition_at <= ${reportedAt})`);
  }
  return { assetId: match.id, code: match.code, condition };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

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
