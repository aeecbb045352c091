/**
 * Evidence of channel shift (issue 13): how the council answers what it hears (mentions per
 * source kind and month: converted or attached, answered, median hours to the first reply)
 * and chasers per report. Public under /api/insight and for staff under /api/staff/insight,
 * each with `format=csv`, like the other insight figures. Listening figures are counts and
 * medians per source kind and month only, so both variants show the same numbers.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { InsightQuerySchema, figurePeriod } from '@groundswell/core';
import { listeningResponsiveness, reportChasers } from '@groundswell/db';
import { createRouter, problemResponses } from '../http/router.ts';
import { csvHeaders, toCsv } from './csv.ts';
import { chaserTable, listeningTable } from './evidence-tables.ts';

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

const ListeningQuerySchema = InsightQuerySchema.pick({ from: true, to: true, format: true });

const CSV = { 'text/csv': { schema: z.string().meta({ description: 'The same figures as CSV (UTF-8 with BOM)' }) } };
const ProblemResponses = { ...problemResponses, 401: { description: 'Not signed in (staff routes)' } } as const;

const LISTENING_RULES = [
  'Mentions are counted in the month they were received (UTC); a mention folded into an earlier near-identical one is not counted again.',
  'Converted or attached: the mention was made into a report or joined one. Answered: at least one reply was sent on its platform.',
  'Hours to first reply: from received to the first reply sent, median (linear interpolation) over answered mentions.',
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

export function evidenceRoutes() {
  const router = createRouter();
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
    router
      .openapi(listening, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
        const period = figurePeriod(q, clock.now());
        const rows = await listeningResponsiveness(database, period);
        if (q.format === 'csv') {
          const t = listeningTable(rows);
          return c.body(toCsv(t.header, t.rows), 200, csvHeaders(fileName('listening', period)));
        }
        return c.json({ period, rows }, 200);
      })
      .openapi(chasers, async (c) => {
        const q = c.req.valid('query');
        const { database, clock } = c.get('deps');
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
