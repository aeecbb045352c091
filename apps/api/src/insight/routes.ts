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
import {
  DomainError,
  HotSpotQuerySchema,
  type InsightQuerySchema,
  ResponseTimeQuerySchema,
  TopSupportedQuerySchema,
  VolumeQuerySchema,
  lastTwelveMonths,
  previousQuarter,
  quarterOf,
  type Locale,
  type Period,
} from '@groundswell/core';
import { mostSupported, reportHotSpots, reportVolume, responseTimes, type InsightFilter } from '@groundswell/db';
import type { AppEnv } from '../http/env.ts';
import { requestLocale } from '../http/locale.ts';
import { createRouter, problemResponses } from '../http/router.ts';
import { csvHeaders, toCsv } from './csv.ts';

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
    hexagons: common(
      'hexagons',
      'Hot spots: report counts in hexagons for a period and a period to compare with, and the difference',
      "Default: `from`/`to` is this quarter so far and the comparison the quarter before. Each report point is counted in exactly one hexagon (the one whose centre is nearest), so counts add up to the reports in the box. HotSpotCollection are PostGIS `ST_Hexagon` cells on Web Mercator, scaled to be `size` metres (centre to corner) on the ground at the council's latitude.",
      HotSpotQuerySchema,
      HexSchema,
      'application/geo+json',
    ),
  };
}

const MAX_DAYS = 3660;

/** The filter a query asks for: the default period is the twelve months up to today. */
export function insightFilter(q: z.infer<typeof InsightQuerySchema>, now: Date, staff: boolean): InsightFilter {
  const def = lastTwelveMonths(now);
  const period = checkPeriod({ from: q.from ?? def.from, to: q.to ?? def.to }, 'query.from');
  return { ...period, categories: q.category, areas: q.area, teams: q.team, includeHidden: staff };
}

function checkPeriod(p: Period, field: string): Period {
  if (p.from > p.to) throw new DomainError('validation_failed', 'The period must start on or before the day it ends', [{ field, message: 'from is after to' }]);
  if ((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 > MAX_DAYS) {
    throw new DomainError('validation_failed', 'A period may be at most ten years long', [{ field, message: 'Too long' }]);
  }
  return p;
}

/**
 * The period hot spots are compared with: as asked; else, for the default quarter, the whole
 * quarter before; else the period of the same length just before `from`.
 */
export function comparePeriod(q: { compareFrom?: string | undefined; compareTo?: string | undefined }, p: Period, defaultQuarter: boolean): Period {
  if (q.compareFrom || q.compareTo) {
    const from = q.compareFrom ?? q.compareTo!;
    return { from, to: q.compareTo ?? addDays(from, daysBetween(p.from, p.to)) };
  }
  if (defaultQuarter) return previousQuarter(new Date(`${p.from}T00:00:00Z`));
  const length = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -(length + 1)), to: addDays(p.from, -1) };
}
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const name = (label: string | Record<string, string>, locale: Locale) => (typeof label === 'string' ? label : (label[locale] ?? label.en ?? Object.values(label)[0] ?? ''));
const fileName = (what: string, p: Period) => `groundswell-${what}-${p.from}-to-${p.to}.csv`;

function csv(c: Context<AppEnv>, what: string, p: Period, header: string[], rows: Array<Array<string | number | null>>) {
  return c.body(toCsv(header, rows), 200, csvHeaders(fileName(what, p)));
}

export function insightRoutes() {
  const router = createRouter();
  for (const v of VARIANTS) {
    const r = routes(v);
    router
      .openapi(r.volume, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
        const f = insightFilter(q, clock.now(), v.staff);
        const volume = await reportVolume(database, f, q.by);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          const locale = requestLocale(c);
          const rows = volume.series.flatMap((s) => volume.months.map((m, i) => [m, q.by, s.key, name(s.label, locale), s.counts[i]!]));
          return csv(c, `reports-by-${q.by}`, period, ['month', 'group', 'key', 'label', 'count'], rows);
        }
        return c.json({ period, ...volume }, 200);
      })
      .openapi(r.timing, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
        const now = clock.now();
        const f = insightFilter(q, now, v.staff);
        const rows = await responseTimes(database, f, q.by, now);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          const locale = requestLocale(c);
          return csv(
            c,
            `response-times-by-${q.by}`,
            period,
            [
              'key',
              'label',
              'promise_days_min',
              'promise_days_max',
              'reports',
              'acknowledged',
              'acknowledge_median_days',
              'acknowledge_p90_days',
              'resolved',
              'resolve_median_days',
              'resolve_p90_days',
              'due',
              'within_promise',
              'share_within_promise',
            ],
            rows.map((x) => [
              x.key,
              name(x.label, locale),
              x.promiseDaysMin,
              x.promiseDaysMax,
              x.reports,
              x.acknowledged,
              x.acknowledgeMedianDays,
              x.acknowledgeP90Days,
              x.resolved,
              x.resolveMedianDays,
              x.resolveP90Days,
              x.due,
              x.withinPromise,
              x.shareWithinPromise,
            ]),
          );
        }
        return c.json({ period, by: q.by, now: now.toISOString(), rows }, 200);
      })
      .openapi(r.top, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
        const f = insightFilter(q, clock.now(), v.staff);
        const reports = await mostSupported(database, f, q.limit);
        const period = { from: f.from, to: f.to };
        if (q.format === 'csv') {
          const locale = requestLocale(c);
          return csv(
            c,
            'most-supported',
            period,
            ['id', 'category', 'category_name', 'state', 'support_count', 'area', 'team', 'created_at', 'longitude', 'latitude'],
            reports.map((x) => [x.id, x.category, name(x.categoryName, locale), x.state, x.supportCount, x.area, x.team, x.createdAt, x.point.coordinates[0], x.point.coordinates[1]]),
          );
        }
        return c.json({ period, reports }, 200);
      })
      .openapi(r.hexagons, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
        const now = clock.now();
        // Hot spots default to this quarter so far against the whole quarter before.
        const today = now.toISOString().slice(0, 10);
        const from = q.from ?? quarterOf(now).from;
        const to = q.to ?? today;
        const f = insightFilter({ ...q, from, to, format: 'json' }, now, v.staff);
        const compare = checkPeriod(comparePeriod(q, f, !q.from), 'query.compareFrom');
        const hex = await reportHotSpots(database, f, { compare, sizeMeters: q.size, bbox: q.bbox });
        if (q.format === 'csv') {
          return csv(
            c,
            'hot-spots',
            { from: f.from, to: f.to },
            ['i', 'j', 'count', 'compare_count', 'difference', 'period_from', 'period_to', 'compare_from', 'compare_to', 'wkt'],
            hex.features.map((h) => [
              h.properties.i,
              h.properties.j,
              h.properties.count,
              h.properties.compareCount,
              h.properties.difference,
              hex.period.from,
              hex.period.to,
              hex.comparePeriod.from,
              hex.comparePeriod.to,
              `POLYGON((${h.geometry.coordinates[0]!.map((p) => `${p[0]} ${p[1]}`).join(',')}))`,
            ]),
          );
        }
        return c.json(hex, 200, { 'content-type': 'application/geo+json' });
      });
  }
  return router;
}
