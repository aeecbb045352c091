/**
 * Evidence of channel shift (issue 13): how the council answers what it hears (mentions per
 * source kind and month: converted or attached, answered, median hours to the first reply)
 * and chasers per report. Public under /api/insight and for staff under /api/staff/insight,
 * each with `format=csv`, like the other insight figures. Listening figures are counts and
 * medians per source kind and month only, so both variants show the same numbers.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { InsightQuerySchema, compareCalls, figurePeriod, translateMessage } from '@groundswell/core';
import { callWeeks, goLiveDate, listeningResponsiveness, reportChasers } from '@groundswell/db';
import { requireAdmin } from '../staff/session.ts';
import { importCalls } from './import-calls.ts';
import { previewCalls } from './preview-calls.ts';
import { requestLocale } from '../http/locale.ts';
import { setGoLive } from './set-go-live.ts';
import { createRouter, jsonBody, problemResponses, staffOk } from '../http/router.ts';
import { csvHeaders, toCsv } from './csv.ts';
import { figuresFrom } from './routes.ts';
import { callTable, chaserTable, listeningTable } from './evidence-tables.ts';

const PeriodSchema = z.object({ from: z.string(), to: z.string() });
const Share = z.number().nullable().meta({ description: '0 to 1; null when nothing is counted' });

const ListeningSchema = z
  .object({
    period: PeriodSchema,
    rows: z.array(
      z.object({
        sourceKind: z.string().meta({ description: 'feed, email, sms, mastodon or bluesky; `all` for every kind together' }),
        month: z.string().meta({ description: 'YYYY-MM received (UTC); `all` for the whole period' }),
        received: z.number().int(),
        convertedOrAttached: z.number().int(),
        shareConvertedOrAttached: Share,
        answered: z.number().int(),
        shareAnswered: Share,
        medianHoursToFirstReply: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'InsightListening' });

const ChaserSchema = z
  .object({
    period: PeriodSchema,
    rows: z.array(
      z.object({
        month: z.string(),
        category: z.string(),
        channel: z.string().meta({ description: 'The first-contact channel of the report' }),
        reports: z.number().int(),
        chased: z.number().int().meta({ description: 'Reports with at least one later contact' }),
        chasers: z.number().int(),
        shareChased: Share,
        chasersPerReport: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'InsightChasers' });

const Means = z.object({ weeks: z.number().int(), meanCalls: z.number().nullable(), meanWebReports: z.number().nullable(), meanMentions: z.number().nullable() });
const CallsSchema = z
  .object({
    period: PeriodSchema,
    goLive: z.string().nullable().meta({ description: 'The go-live date the admin set (YYYY-MM-DD); weeks from its Monday on are "after"' }),
    categories: z.array(
      z.object({
        category: z.string(),
        label: z.union([z.string(), z.record(z.string(), z.string())]),
        promoted: z.boolean().meta({ description: 'The council listens for it (an enabled keyword rule names it); the others are the comparison group' }),
        weeks: z.array(z.object({ week: z.string(), calls: z.number().int(), webReports: z.number().int(), mentions: z.number().int() })),
        before: Means,
        after: Means,
        change: z.number().nullable().meta({ description: 'Mean weekly calls after minus before' }),
      }),
    ),
    promotedChange: z.number().nullable(),
    comparisonChange: z.number().nullable(),
    differenceInDifferences: z.number().nullable().meta({ description: 'promotedChange - comparisonChange. Descriptive: not a causal estimate' }),
  })
  .meta({ id: 'InsightCalls' });

const CALL_RULES = [
  "Weeks are ISO weeks (Monday, UTC) with an imported call log; a category missing from an imported week had no calls. Web reports: reports first made on the web that week; mentions: heard that week, by their report's category, else the category guessed for them.",
  "Promoted categories have an enabled listening keyword rule; the rest are the comparison group. The difference in differences is the promoted mean change in weekly calls minus the comparison group's: a description of what happened, not proof of what caused it.",
].join('\n\n');

const CallsQuerySchema = InsightQuerySchema.pick({ from: true, to: true, format: true });
/** Mentions are filtered by their report's category, else the one guessed for them, and by the areas their located point is in. */
const ListeningQuerySchema = InsightQuerySchema.pick({ from: true, to: true, category: true, area: true, format: true });

const CSV = { 'text/csv': { schema: z.string().meta({ description: 'The same figures as CSV (UTF-8 with BOM)' }) } };
const ProblemResponses = { ...problemResponses, 401: { description: 'Not signed in (staff routes)' } } as const;

const LISTENING_RULES = [
  'Mentions are counted in the month they were received (UTC); a mention folded into an earlier near-identical one is not counted again.',
  'Converted or attached: the mention was made into a report or joined one. Answered: at least one reply was sent on its platform.',
  'Hours to first reply: from received to the first reply sent, median (linear interpolation) over answered mentions.',
  "Filters: `category` is the mention's report's category, else the one guessed for it; `area` counts the mentions whose located point is in one of the areas (unlocated mentions are in none).",
  'Never finer than source kind and month; no text, author or person is ever in these figures.',
].join('\n\n');

const CHASER_RULES = [
  'Reports are grouped by the month received (UTC), category and first-contact channel, with the same filters as every insight figure.',
  'A chaser is a later contact about the same report: a contact logged against it (a phone call, a second post) or a mention attached to it; an attached mention counts once.',
].join('\n\n');

const VARIANTS = [
  { base: '/api/insight', tag: 'Insight', staff: false, note: 'Public: hidden reports are never counted.' },
  { base: '/api/staff/insight', tag: 'Staff insight', staff: true, note: 'Staff (session cookie): hidden reports are counted.' },
] as const;

const fileName = (what: string, p: { from: string; to: string }) => `groundswell-${what}-${p.from}-to-${p.to}.csv`;

const importRoute = createRoute({
  method: 'post',
  path: '/api/staff/insight/calls',
  tags: ['Admin'],
  summary: "Import the contact centre's weekly calls per category (CSV: week, category, calls); admins only",
  description: 'All or nothing: any bad cell is named by line and column and nothing is stored. A week and category imported again replace the earlier figure.',
  request: jsonBody(z.object({ csv: z.string().min(1).max(2_000_000).meta({ description: 'The CSV text, header line first' }) })),
  responses: staffOk(z.object({ imported: z.number().int() })),
});

const previewRoute = createRoute({
  method: 'post',
  path: '/api/staff/insight/calls/preview',
  tags: ['Admin'],
  summary: 'Read a call log without storing it: the lines it would import and every problem by line and column; admins only',
  request: jsonBody(z.object({ csv: z.string().min(1).max(2_000_000).meta({ description: 'The CSV text, header line first' }) })),
  responses: staffOk(
    z.object({
      lines: z.array(z.object({ line: z.number().int(), week: z.string(), category: z.string(), calls: z.number().int() })),
      problems: z.array(z.object({ field: z.string().meta({ description: '`line N, column X` (line 1 is the header)' }), message: z.string() })),
    }),
  ),
});

const goLiveRoute = createRoute({
  method: 'put',
  path: '/api/staff/insight/go-live',
  tags: ['Admin'],
  summary: 'Set the go-live date the calls comparison splits on (null clears it); admins only',
  request: jsonBody(z.object({ date: z.iso.date('Use a date like 2026-01-31').nullable() })),
  responses: staffOk(z.object({ goLive: z.string().nullable() })),
});

export function evidenceRoutes() {
  const router = createRouter();
  const adminOnly = requireAdmin();
  router.use('/api/staff/insight/calls', async (c, next) => (c.req.method === 'GET' ? next() : adminOnly(c, next)));
  router.use('/api/staff/insight/go-live', adminOnly);
  router.use('/api/staff/insight/calls/preview', adminOnly);
  router
    .openapi(importRoute, async (c) => c.json(await importCalls(c.get('deps'), c.get('staff'), c.req.valid('json').csv), 200))
    .openapi(previewRoute, async (c) => {
      const p = await previewCalls(c.get('deps'), c.req.valid('json').csv);
      const locale = requestLocale(c);
      return c.json(
        {
          lines: p.lines.map((l) => ({ line: l.line ?? 0, week: l.week, category: l.category, calls: l.calls })),
          problems: p.problems.map((x) => ({ field: x.field, message: translateMessage(x.message, locale) ?? x.message })),
        },
        200,
      );
    })
    .openapi(goLiveRoute, async (c) => c.json(await setGoLive(c.get('deps'), c.get('staff'), c.req.valid('json').date), 200));
  for (const v of VARIANTS) {
    const listening = createRoute({
      method: 'get',
      path: `${v.base}/listening`,
      tags: [v.tag],
      summary: 'Mentions heard per source kind and month: share converted or attached, share answered, median hours to the first reply',
      description: `${v.note}\n\n${LISTENING_RULES}`,
      request: { query: ListeningQuerySchema },
      responses: { 200: { description: 'The figures; `format=csv` gives CSV', content: { 'application/json': { schema: ListeningSchema }, ...CSV } }, ...ProblemResponses },
    });
    const chasers = createRoute({
      method: 'get',
      path: `${v.base}/chasers`,
      tags: [v.tag],
      summary: 'Chasers per report: the share of reports contacted about again, by month, category and first-contact channel',
      description: `${v.note}\n\n${CHASER_RULES}`,
      request: { query: InsightQuerySchema },
      responses: { 200: { description: 'The figures; `format=csv` gives CSV', content: { 'application/json': { schema: ChaserSchema }, ...CSV } }, ...ProblemResponses },
    });
    const calls = createRoute({
      method: 'get',
      path: `${v.base}/calls`,
      tags: [v.tag],
      summary: 'Contact-centre calls per category and week beside web reports and mentions, before and after the go-live date, promoted categories against the rest',
      description: `${v.note}\n\n${CALL_RULES}`,
      request: { query: CallsQuerySchema },
      responses: { 200: { description: 'The figures; `format=csv` gives CSV', content: { 'application/json': { schema: CallsSchema }, ...CSV } }, ...ProblemResponses },
    });
    router
      .openapi(calls, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const period = figurePeriod(q, clock.now());
        const comparison = compareCalls(await goLiveDate(database), await callWeeks(database, period, v.staff));
        if (q.format === 'csv') {
          const t = callTable(comparison);
          return c.body(toCsv(t.header, t.rows), 200, csvHeaders(fileName('calls', period)));
        }
        return c.json({ period, ...comparison }, 200);
      })
      .openapi(listening, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const period = figurePeriod(q, clock.now());
        const rows = await listeningResponsiveness(database, { ...period, categories: q.category, areas: q.area });
        if (q.format === 'csv') {
          const t = listeningTable(rows);
          return c.body(toCsv(t.header, t.rows), 200, csvHeaders(fileName('listening', period)));
        }
        return c.json({ period, rows }, 200);
      })
      .openapi(chasers, async (c) => {
        const q = c.req.valid('query');
        const { clock } = c.get('deps');
        const database = figuresFrom(c.get('deps'), v.staff);
        const period = figurePeriod(q, clock.now());
        const rows = await reportChasers(database, { ...period, categories: q.category, areas: q.area, teams: q.team, includeHidden: v.staff });
        if (q.format === 'csv') {
          const t = chaserTable(rows);
          return c.body(toCsv(t.header, t.rows), 200, csvHeaders(fileName('chasers', period)));
        }
        return c.json({ period, rows }, 200);
      });
  }
  return router;
}
