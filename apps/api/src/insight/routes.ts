/**
 * Planning insight: reports over time, response times against the promise, channel mix,
 * the most supported open reports, and hot spots as hexagons. The same figures are public
 * under /api/insight (hidden reports never counted) and for staff under /api/staff/insight
 * (hidden reports counted; the session guard of /api/staff applies). Every figure takes the
 * same filters and downloads as CSV with `format=csv`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { HotSpotQuerySchema, ResponseTimeQuerySchema, TopSupportedQuerySchema, VolumeQuerySchema, figurePeriod, hotSpotPeriods, type Period } from '@groundswell/core';
import { mostSupported, reportHotSpots, reportVolume, responseTimes, type InsightFilter } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';
import { readsFrom, type AppDeps } from '../deps.ts';
import { requestLocale } from '../http/locale.ts';
import { createRouter, problemResponses } from '../http/router.ts';
import { csvHeaders, toCsv } from './csv.ts';
import { hotSpotTable, timingTable, topTable, volumeTable, type CsvTable } from './csv-tables.ts';

/** The business rules, stated once for the OpenAPI document (docs/insight.md says the same). */
export const INSIGHT_RULES = [
  'Periods are days received (`created_at`), inclusive, in UTC; months are calendar months in UTC. Default: the twelve months up to today.',
  'Acknowledged: the first time a report left `new` (`acknowledged_at`). Resolved: the report is `fixed`, `closed` or `referred` and has `resolved_at` (the last time it was closed).',
  'Days are calendar days of elapsed time (weekends and holidays count; 36 hours is 1.5 days). Medians and 90th percentiles interpolate linearly (`percentile_cont`).',
  'Duplicates and hidden reports are left out of every time measure and of the share within the promise; duplicates still count as reports received.',
  'Share within the promise = reports resolved within `categories.response_days` / reports due (resolved, or still open with the promise run out).',
  'The public figures never count hidden reports; the staff dashboard does.',
].join('\n\n');

const ProblemResponses = { ...problemResponses, 401: { description: 'Not signed in (staff routes)' } } as const;

const Label = z.union([z.string(), z.record(z.string(), z.string())]).meta({ description: 'A name: per language for categories' });
const PeriodSchema = z.object({ from: z.string(), to: z.string() });

const VolumeSchema = z
  .object({
    period: PeriodSchema,
    by: z.string(),
    months: z.array(z.string()).meta({ description: 'YYYY-MM, every month of the period' }),
    series: z.array(z.object({ key: z.string(), label: Label, total: z.number().int(), counts: z.array(z.number().int()) })),
    totals: z.array(z.number().int()),
    total: z.number().int(),
  })
  .meta({ id: 'InsightVolume' });

const TimingRowSchema = z.object({
  key: z.string().meta({ description: 'Category or team code; `all` for everything in the filter' }),
  label: Label,
  promiseDaysMin: z.number().int().nullable(),
  promiseDaysMax: z.number().int().nullable(),
  reports: z.number().int(),
  acknowledged: z.number().int(),
  acknowledgeMedianDays: z.number().nullable(),
  acknowledgeP90Days: z.number().nullable(),
  resolved: z.number().int(),
  resolveMedianDays: z.number().nullable(),
  resolveP90Days: z.number().nullable(),
  due: z.number().int(),
  withinPromise: z.number().int(),
  shareWithinPromise: z.number().nullable().meta({ description: 'withinPromise / due, 0 to 1' }),
  reopenedByResidents: z.number().int().meta({ description: 'Reports opened again by their reporter answering "Is it fixed?" with no' }),
});
const TimingSchema = z.object({ period: PeriodSchema, by: z.string(), now: z.string(), rows: z.array(TimingRowSchema) }).meta({ id: 'InsightResponseTimes' });

const TopSchema = z
  .object({
    period: PeriodSchema,
    reports: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        categoryName: z.record(z.string(), z.string()),
        state: z.string(),
        supportCount: z.number().int(),
        area: z.string().nullable(),
        team: z.string().nullable(),
        createdAt: z.string(),
        point: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      }),
    ),
  })
  .meta({ id: 'InsightTopSupported' });

const HexSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
        properties: z.object({ i: z.number().int(), j: z.number().int(), count: z.number().int(), compareCount: z.number().int(), difference: z.number().int() }),
      }),
    ),
    period: PeriodSchema,
    comparePeriod: PeriodSchema,
    sizeMeters: z.number(),
    total: z.number().int(),
    compareTotal: z.number().int(),
    maxCount: z.number().int(),
    maxAbsDifference: z.number().int(),
  })
  .meta({ id: 'InsightHotSpots' });

const CSV = { 'text/csv': { schema: z.string().meta({ description: 'The same figures as CSV (UTF-8 with BOM)' }) } };

interface Variant {
  base: string;
  tag: string;
  staff: boolean;
  note: string;
}

const VARIANTS: Variant[] = [
  { base: '/api/insight', tag: 'Insight', staff: false, note: 'Public: hidden reports are never counted.' },
  { base: '/api/staff/insight', tag: 'Staff insight', staff: true, note: 'Staff (session cookie): hidden reports are counted.' },
];

function getRoute<Q extends z.ZodObject, S extends z.ZodType>(v: Variant, path: string, summary: string, description: string, query: Q, schema: S, json = 'application/json') {
  return createRoute({
    method: 'get',
    path: `${v.base}/${path}`,
    tags: [v.tag],
    summary,
    description: `${description}\n\n${v.note}\n\n${INSIGHT_RULES}`,
    request: { query },
    responses: { 200: { description: 'The figures; `format=csv` gives CSV', content: { [json]: { schema }, ...CSV } }, ...ProblemResponses },
  });
}

function routes(v: Variant) {
  const common = <Q extends z.ZodObject, S extends z.ZodType>(path: string, summary: string, description: string, query: Q, schema: S, json?: string) =>
    getRoute(v, path, summary, description, query, schema, json);
  return {
    volume: common('volume', 'Reports received per month, by category, area, state, channel or team', '`by=channel` is the channel mix: evidence of channel shift.', VolumeQuerySchema, VolumeSchema),
    timing: common(
      'response-times',
      'Median and 90th-percentile days to acknowledge and to resolve, and the share resolved within the promise, by category or team',
      'One row per category or team, and an `all` row.',
      ResponseTimeQuerySchema,
      TimingSchema,
    ),
    top: common('top-supported', 'The open reports with the most supporters', 'Open: new, acknowledged, in progress or action scheduled.', TopSupportedQuerySchema, TopSchema),
    hotSpots: common(
      'hexagons',
      'Hot spots: report counts in hexagons for a period and a period to compare with, and the difference',
      "Default: `from`/`to` is this quarter so far and the comparison the quarter before. Each report point is counted in exactly one hexagon (the one whose centre is nearest), so counts add up to the reports in the box. HotSpotCollection are PostGIS `ST_Hexagon` cells on Web Mercator, scaled to be `size` metres (centre to corner) on the ground at the council's latitude.",
      HotSpotQuerySchema,
      HexSchema,
      'application/geo+json',
    ),
  };
}

/** The filter a query asks for, over a period already checked. */
function insightFilter(q: { category?: string[] | undefined; area?: string[] | undefined; team?: string[] | undefined }, period: Period, staff: boolean): InsightFilter {
  return { ...period, categories: q.category, areas: q.area, teams: q.team, includeHidden: staff };
}

const fileName = (what: string, p: Period) => `groundswell-${what}-${p.from}-to-${p.to}.csv`;

function csv(c: Context<AppEnv>, what: string, p: Period, table: CsvTable) {
  return c.body(toCsv(table.header, table.rows), 200, csvHeaders(fileName(what, p)));
}

/** Public figures read from a replica when one is healthy; the console's own (hidden reports, remit) from the primary. */
export const figuresFrom = (deps: AppDeps, staff: boolean) => (staff ? deps.database : readsFrom(deps));

export function insightRoutes() {
  const router = createRouter();
  for (const v of VARIANTS) {
    const r = routes(v);
    router
      .openapi(r.volume, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const f = insightFilter(q, figurePeriod(q, clock.now()), v.staff);
        const volume = await reportVolume(database, f, q.by);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          return csv(c, `reports-by-${q.by}`, period, volumeTable(volume, q.by, requestLocale(c)));
        }
        return c.json({ period, ...volume }, 200);
      })
      .openapi(r.timing, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const now = clock.now();
        const f = insightFilter(q, figurePeriod(q, now), v.staff);
        const rows = await responseTimes(database, f, q.by, now);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          return csv(c, `response-times-by-${q.by}`, period, timingTable(rows, requestLocale(c)));
        }
        return c.json({ period, by: q.by, now: now.toISOString(), rows }, 200);
      })
      .openapi(r.top, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const f = insightFilter(q, figurePeriod(q, clock.now()), v.staff);
        const reports = await mostSupported(database, f, q.limit);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          return csv(c, 'most-supported', period, topTable(reports, requestLocale(c)));
        }
        return c.json({ period, reports }, 200);
      })
      .openapi(r.hotSpots, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const { period, compare } = hotSpotPeriods(q, clock.now());
        const f = insightFilter(q, period, v.staff);
        const hex = await reportHotSpots(database, f, { compare, sizeMeters: q.size, bbox: q.bbox });
        if (q.format === 'csv') {
          return csv(c, 'hot-spots', { from: f.from, to: f.to }, hotSpotTable(hex));
        }
        return c.json(hex, 200, { 'content-type': 'application/geo+json' });
      });
  }
  return router;
}
