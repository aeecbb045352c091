/**
 * The mapped drainage network: segments (ditches, culverts) with their latest condition,
 * each one's condition history, the segments at risk, and the staff actions that change the
 * network (confirm a line report as a new segment, split, join, record an inspection, give
 * a segment to another team). Staff change only the segments of their teams (admins: all);
 * another team's segment answers 404 like a missing one.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ASSET_ATTACH_RULE,
  ASSET_CONDITIONS,
  AssetCollectionSchema,
  AssetDetailSchema,
  AssetFromReportSchema,
  AssetInspectionSchema,
  AssetJoinSchema,
  AssetListQuerySchema,
  AssetSplitSchema,
  AssetTeamSchema,
  AtRiskQuerySchema,
  AtRiskSchema,
  JOIN_TOLERANCE_METERS,
  SPLIT_RULE,
  StaffAssetDetailSchema,
} from '@groundswell/core';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { csvHeaders, toCsv } from '../insight/csv.ts';
import { attachExistingReports } from './attach-existing-reports.ts';
import { confirmSegmentFromReport } from './confirm-segment-from-report.ts';
import { getSegment } from './get-segment.ts';
import { joinSegments } from './join-segments.ts';
import { listSegmentsAtRisk } from './list-segments-at-risk.ts';
import { listSegments } from './list-segments.ts';
import { recordInspection } from './record-inspection.ts';
import { setSegmentTeam } from './set-segment-team.ts';
import { splitSegment } from './split-segment.ts';

const GEOJSON = 'application/geo+json';
const Code = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'A segment code is letters, digits, - and _') });

const ATTACH_RULE = `A resident's line report attaches to the live segment it runs along: at least ${ASSET_ATTACH_RULE.minShareWithin * 100}% of its length within ${ASSET_ATTACH_RULE.withinMeters} m of the segment (measured on the ground in pieces of at most ${ASSET_ATTACH_RULE.densifyMeters} m), and its ends, projected onto the segment, at least ${ASSET_ATTACH_RULE.minAlongShare * 100}% of its length apart (so a line drawn across a ditch does not attach). A blocked-ditch report's answer to "How blocked is it?" becomes the segment's condition when it is newer than what is known.`;

const list = createRoute({
  method: 'get',
  path: '/api/assets',
  tags: ['Network'],
  summary: 'Mapped network segments (ditches, culverts) with their latest condition, as GeoJSON',
  description: `Conditions: ${ASSET_CONDITIONS.join(', ')}. ${ATTACH_RULE}`,
  request: { query: AssetListQuerySchema },
  responses: { 200: { description: 'RFC 7946 FeatureCollection', content: { [GEOJSON]: { schema: AssetCollectionSchema } } }, ...problemResponses },
});

const atRisk = createRoute({
  method: 'get',
  path: '/api/assets/at-risk',
  tags: ['Network'],
  summary: 'Segments at risk: blocked or collapsed, or not seen by an inspection for `months` months (default 6)',
  description:
    'An inspection that recorded `unknown` (the channel could not be seen) does not count as seen; a segment never inspected is at risk. `sort=risk` (default) lists collapsed, then blocked, then the longest unseen first. `format=csv` downloads the list.',
  request: { query: AtRiskQuerySchema },
  responses: {
    200: { description: 'The segments at risk', content: { 'application/json': { schema: AtRiskSchema }, 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/api/assets/{code}',
  tags: ['Network'],
  summary: 'One segment with its condition history (oldest first) and the public reports attached to it',
  description: 'A retired segment (split or joined) is still here, with `retiredAt` and a `retired` event naming what replaced it.',
  request: { params: Code },
  responses: { 200: { description: 'A GeoJSON Feature with `history`', content: { [GEOJSON]: { schema: AssetDetailSchema } } }, ...problemResponses, ...notFoundResponse },
});

const staffErrors = {
  ...problemResponses,
  ...notFoundResponse,
  401: { description: 'Not signed in' },
  403: { description: 'Not allowed, or CSRF check failed' },
  409: { description: 'Conflict: see `detail`' },
};
const okJson = (description: string) => ({ content: { 'application/json': { schema: z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true }) } }, description });

const staffOne = createRoute({
  method: 'get',
  path: '/api/staff/assets/{code}',
  tags: ['Staff network'],
  summary: 'One segment with its history for staff: its team, the hidden reports in your remit, staff ids when you work it',
  request: { params: Code },
  responses: { 200: { description: 'A GeoJSON Feature with `history`, `team` and `inRemit`', content: { [GEOJSON]: { schema: StaffAssetDetailSchema } } }, ...staffErrors },
});
const fromReport = createRoute({
  method: 'post',
  path: '/api/staff/assets',
  tags: ['Staff network'],
  summary: 'Confirm a line report as a new segment',
  description:
    'The report (in your remit, a line, not attached to a segment) becomes the segment and is attached to it; its condition is what a blocked-ditch report told, else `unknown`. The segment goes to the team a blocked-ditch report in its area is routed to. Recorded as a `created` event and in the audit log.',
  request: { body: { content: { 'application/json': { schema: AssetFromReportSchema } }, required: true } },
  responses: { 201: okJson('Created: `code`'), ...staffErrors },
});
const split = createRoute({
  method: 'post',
  path: '/api/staff/assets/{code}/split',
  tags: ['Staff network'],
  summary: 'Split a segment at a point into two new segments',
  description: `Cuts at the point on the segment nearest \`at\` (within ${SPLIT_RULE.maxDistanceMeters} m; both parts at least ${SPLIT_RULE.minPartMeters} m). The segment (of your team) is retired; both new segments keep its kind, name, team, condition and last inspection. Attached reports go to the part nearer their middle.`,
  request: { params: Code, body: { content: { 'application/json': { schema: AssetSplitSchema } }, required: true } },
  responses: { 201: okJson('Split: `codes` of the two new segments'), ...staffErrors },
});
const join = createRoute({
  method: 'post',
  path: '/api/staff/assets/join',
  tags: ['Staff network'],
  summary: 'Join two segments that meet end to end into one new segment',
  description: `Ends must be within ${JOIN_TOLERANCE_METERS} m, both segments of the same kind and of your team; segments of two teams only an administrator may join (the new one is then routed like a new segment). Both are retired; the new one has the worse condition of the two and the older last inspection (none, if either was never inspected).`,
  request: { body: { content: { 'application/json': { schema: AssetJoinSchema } }, required: true } },
  responses: { 201: okJson('Joined: `code` of the new segment'), ...staffErrors },
});
const inspect = createRoute({
  method: 'post',
  path: '/api/staff/assets/{code}/inspections',
  tags: ['Staff network'],
  summary: 'Record an inspection: the condition seen (`unknown` when the channel could not be seen)',
  request: { params: Code, body: { content: { 'application/json': { schema: AssetInspectionSchema } }, required: true } },
  responses: { 201: okJson('Recorded'), ...staffErrors },
});
const setTeam = createRoute({
  method: 'post',
  path: '/api/staff/assets/{code}/team',
  tags: ['Staff network'],
  summary: 'Give a segment to another team (admins)',
  description: 'The team then works it (inspect, split, join). Written to the audit log with the team it had.',
  request: { params: Code, body: { content: { 'application/json': { schema: AssetTeamSchema } }, required: true } },
  responses: { 200: okJson('`code` and its new `team`'), ...staffErrors },
});
const reattach = createRoute({
  method: 'post',
  path: '/api/staff/assets/attach-reports',
  tags: ['Staff network'],
  summary: 'Attach existing line reports that run along a segment but are not attached yet (admins)',
  description: `For reports made before the network was mapped or before this rule existed. ${ATTACH_RULE}`,
  request: { body: { content: { 'application/json': { schema: z.object({}) } }, required: false } },
  responses: { 200: okJson('`attached`: how many reports were attached'), ...staffErrors },
});

export function assetRoutes() {
  const router = createRouter();
  return router
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const features = await listSegments(c.get('deps'), { bbox: q.bbox, kind: q.kind, conditions: q.condition, retired: q.retired });
      // Feature texts from PostgreSQL, joined as they are (never parsed here).
      return c.body(`{"type":"FeatureCollection","features":[${features.join(',')}]}`, 200, { 'content-type': GEOJSON }) as never;
    })
    .openapi(atRisk, async (c) => {
      const q = c.req.valid('query');
      const { now, months, segments } = await listSegmentsAtRisk(c.get('deps'), q);
      if (q.format === 'csv') {
        const rows = segments.map((s) => [s.code, s.kind, s.name, s.area, s.condition, s.conditionAt, s.lastInspectedAt, s.daysSinceInspection, s.reasons.join(' '), s.openReports, s.lengthMeters]);
        const header = ['code', 'kind', 'name', 'area', 'condition', 'condition_at', 'last_inspected_at', 'days_since_inspection', 'reasons', 'open_reports', 'length_m'];
        return c.body(toCsv(header, rows), 200, csvHeaders(`groundswell-segments-at-risk-${now.toISOString().slice(0, 10)}.csv`));
      }
      return c.json({ months, now: now.toISOString(), segments }, 200);
    })
    .openapi(one, async (c) => c.json(await getSegment(c.get('deps'), null, c.req.valid('param')), 200, { 'content-type': GEOJSON }))
    .openapi(staffOne, async (c) => c.json(await getSegment(c.get('deps'), c.get('staff'), c.req.valid('param')), 200, { 'content-type': GEOJSON }))
    .openapi(fromReport, async (c) => {
      const result = await confirmSegmentFromReport(c.get('deps'), c.get('staff'), c.req.valid('json'));
      return c.json(result, 201, { location: `/api/assets/${result.code}` });
    })
    .openapi(split, async (c) => {
      const { code } = c.req.valid('param');
      const { at } = c.req.valid('json');
      return c.json(await splitSegment(c.get('deps'), c.get('staff'), { code, at }), 201);
    })
    .openapi(join, async (c) => {
      const result = await joinSegments(c.get('deps'), c.get('staff'), c.req.valid('json'));
      return c.json(result, 201, { location: `/api/assets/${result.code}` });
    })
    .openapi(inspect, async (c) => {
      const { code } = c.req.valid('param');
      return c.json(await recordInspection(c.get('deps'), c.get('staff'), { code, ...c.req.valid('json') }), 201);
    })
    .openapi(setTeam, async (c) => {
      const { code } = c.req.valid('param');
      return c.json(await setSegmentTeam(c.get('deps'), c.get('staff'), { code, ...c.req.valid('json') }), 200);
    })
    .openapi(reattach, async (c) => c.json(await attachExistingReports(c.get('deps'), c.get('staff')), 200));
}
