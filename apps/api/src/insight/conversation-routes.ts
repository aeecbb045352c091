/**
 * The conversation map (issue 13): where people talk about the area (sources, and within
 * social sources the authors' communities and hashtags), about what and where, by week.
 * Public under /api/insight and for staff under /api/staff/insight, JSON or CSV (`table`
 * chooses which of its tables), like the other insight figures. Never a person: authors
 * are counted by keyed hash, and a community or hashtag needs enough of them to be shown.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CONVERSATION_MIN_AUTHORS, InsightQuerySchema, figurePeriod } from '@groundswell/core';
import { createRouter, problemResponses } from '../http/router.ts';
import { csvHeaders, toCsv, type Cell } from './csv.ts';
import { mapConversations, type ConversationMapAnswer } from './map-conversations.ts';
import { figuresFrom } from './routes.ts';

export const CONVERSATION_TABLES = ['places', 'targets', 'links', 'weeks', 'areas'] as const;
type Table = (typeof CONVERSATION_TABLES)[number];

const QuerySchema = InsightQuerySchema.pick({ from: true, to: true, category: true, area: true, format: true }).extend({
  table: z.enum(CONVERSATION_TABLES).default('places').meta({ description: 'With `format=csv`: which table to download' }),
});

const MAP_RULES = [
  'Mentions are counted in the ISO week (Monday, UTC) they were received; a mention folded into an earlier near-identical one is not counted again; mentions deleted by retention are gone from the figures.',
  'Places: every listening source (by kind and name, as on "How we listen"); within Mastodon and Bluesky sources the authors\' community (their server, or their handle\'s domain); hashtags in public posts and feeds. A mention counts once for its source, its community and each hashtag, so places overlap.',
  `A community or hashtag is shown only when at least ${CONVERSATION_MIN_AUTHORS} different authors (counted by keyed hash) used it; the others are only counted in \`withheld\`. No handle, name, address, number, text or point is ever in these figures.`,
  "Targets: the mention's category (its report's, else the one guessed), the keyword rules it matched (staff only), and each area its located point is in (`area:none` when it was not located). Filters: `category` and `area` as for the listening figures.",
].join('\n\n');

const Rings = z.array(z.array(z.tuple([z.number(), z.number()])));

const Target = z.object({
  id: z.string(),
  kind: z.enum(['category', 'rule', 'area']),
  code: z.string(),
  name: z.string().nullable(),
  mentions: z.number().int(),
});

const MapSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    minAuthors: z.number().int(),
    total: z.number().int(),
    places: z.array(
      z.object({
        id: z.string().meta({ description: '`source:<id>`, `community:<kind>:<domain>` or `hashtag:<tag>`' }),
        kind: z.enum(['source', 'community', 'hashtag']),
        sourceKind: z.string(),
        name: z.string(),
        mentions: z.number().int(),
      }),
    ),
    targets: z.array(Target),
    links: z.array(z.object({ place: z.string(), target: z.string(), mentions: z.number().int() })),
    weeks: z.array(z.object({ place: z.string(), week: z.string(), mentions: z.number().int() })),
    withheld: z.object({ places: z.number().int(), mentions: z.number().int() }),
    areas: z.object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.string(),
          geometry: z.object({
            type: z.string().meta({ description: 'Polygon or MultiPolygon' }),
            coordinates: z.union([Rings, z.array(Rings)]).meta({ description: 'GeoJSON coordinates, WGS84, simplified to about 10 m' }),
          }),
          properties: z.object({ code: z.string(), name: z.string(), kind: z.string(), mentions: z.number().int() }),
        }),
      ),
    }),
    unlocated: z.number().int(),
  })
  .meta({ id: 'InsightConversationMap' });

const VARIANTS = [
  { base: '/api/insight', tag: 'Insight', staff: false, note: 'Public: keyword rules are not named.' },
  { base: '/api/staff/insight', tag: 'Staff insight', staff: true, note: 'Staff (session cookie): the keyword rules matched are named too.' },
] as const;

/** Each table as CSV rows: the JSON answer's numbers, places and targets by name as well as id. */
export function conversationTable(m: ConversationMapAnswer, table: Table): { header: string[]; rows: Cell[][] } {
  const place = new Map(m.places.map((p) => [p.id, p]));
  const target = new Map(m.targets.map((t) => [t.id, t]));
  switch (table) {
    case 'places':
      return { header: ['place', 'kind', 'source_kind', 'name', 'mentions'], rows: m.places.map((p) => [p.id, p.kind, p.sourceKind, p.name, p.mentions]) };
    case 'targets':
      return { header: ['target', 'kind', 'code', 'name', 'mentions'], rows: m.targets.map((t) => [t.id, t.kind, t.code, t.name, t.mentions]) };
    case 'links':
      return {
        header: ['place', 'place_name', 'target', 'target_kind', 'target_code', 'target_name', 'mentions'],
        rows: m.links.map((l) => [l.place, place.get(l.place)?.name, l.target, target.get(l.target)?.kind, target.get(l.target)?.code, target.get(l.target)?.name, l.mentions]),
      };
    case 'weeks':
      return { header: ['place', 'place_name', 'week', 'mentions'], rows: m.weeks.map((w) => [w.place, place.get(w.place)?.name, w.week, w.mentions]) };
    case 'areas':
      return {
        header: ['area', 'name', 'kind', 'mentions'],
        rows: [...m.areas.features.map((f): Cell[] => [f.properties.code, f.properties.name, f.properties.kind, f.properties.mentions]), ['none', null, null, m.unlocated]],
      };
  }
}

export function conversationRoutes() {
  const router = createRouter();
  for (const v of VARIANTS) {
    const route = createRoute({
      method: 'get',
      path: `${v.base}/conversations`,
      tags: [v.tag],
      summary: 'The conversation map: where people talk about the area (sources, communities, hashtags), about which categories and areas, week by week',
      description: `${v.note}\n\n${MAP_RULES}`,
      request: { query: QuerySchema },
      responses: {
        200: {
          description: 'The map; `format=csv` gives the `table` asked for as CSV',
          content: { 'application/json': { schema: MapSchema }, 'text/csv': { schema: z.string().meta({ description: 'One table of the map as CSV (UTF-8 with BOM)' }) } },
        },
        ...problemResponses,
        401: { description: 'Not signed in (staff routes)' },
      },
    });
    router.openapi(route, async (c) => {
      const q = c.req.valid('query');
      const deps = c.get('deps');
      const period = figurePeriod(q, deps.clock.now());
      const answer = await mapConversations({ database: figuresFrom(deps, v.staff) }, { ...period, categories: q.category, areas: q.area }, v.staff);
      if (q.format === 'csv') {
        const t = conversationTable(answer, q.table);
        return c.body(toCsv(t.header, t.rows), 200, csvHeaders(`groundswell-conversations-${q.table}-${period.from}-to-${period.to}.csv`));
      }
      return c.json({ period, ...answer }, 200);
    });
  }
  return router;
}
