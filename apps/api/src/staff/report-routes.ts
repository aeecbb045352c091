import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AnswerSchema,
  AssignSchema,
  AssistedReportSchema,
  BBoxParamSchema,
  CHANNELS,
  DomainError,
  ExpectedDateSchema,
  MergeSchema,
  ModerateSchema,
  MoveSchema,
  PublicIdParamSchema,
  PublicIdSchema,
  NoteSchema,
  PrioritySchema,
  REPORT_STATES,
  RecategoriseSchema,
  StateChangeSchema,
  inRemit,
  isAdmin,
} from '@groundswell/core';
import { listStaffReports, listTeams, listTemplates, staffReportDetail } from '@groundswell/db';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { createReport } from '../reports/create.ts';
import * as actions from './report-actions.ts';

const csv = (name: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .optional()
    .meta({ description: `One or more ${name}, comma-separated` });

const ListQuery = z.object({
  state: z
    .string()
    .transform((s, ctx) => {
      const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = parts.filter((p) => !(REPORT_STATES as readonly string[]).includes(p));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `Unknown state "${bad.join(', ')}"` });
        return z.NEVER;
      }
      return parts as (typeof REPORT_STATES)[number][];
    })
    .optional(),
  category: csv('category codes'),
  team: csv('team codes'),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  area: z.string().optional(),
  priority: z.coerce.number().int().min(0).max(3).optional(),
  channel: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(CHANNELS)))
    .optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  hasPhotos: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(200).optional(),
  bbox: BBoxParamSchema.optional(),
  since: z.iso.datetime().optional().meta({ description: 'Only reports changed after this time: for polling new work' }),
  sort: z.enum(['newest', 'oldest', 'updated', 'priority']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const Id = PublicIdParamSchema;
const ok = (description: string) => ({ 200: { description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } });
const errors = { ...problemResponses, ...notFoundResponse, 401: { description: 'Not signed in' }, 403: { description: 'Not allowed, or CSRF check failed' } };

const list = createRoute({
  method: 'get',
  path: '/api/staff/reports',
  tags: ['Staff'],
  summary: 'Reports in your remit, filtered, with counts per state (the filter ignores state for the counts)',
  request: { query: ListQuery },
  responses: { ...ok('A page of reports, `total`, and `counts` per state'), ...errors },
});
const detail = createRoute({
  method: 'get',
  path: '/api/staff/reports/{id}',
  tags: ['Staff'],
  summary: 'Everything about a report: contact details (in remit), photos, the full timeline',
  request: { params: Id },
  responses: { ...ok('The report'), ...errors },
});

function action<S extends z.ZodType>(path: string, summary: string, schema: S) {
  return createRoute({
    method: 'post',
    path: `/api/staff/reports/{id}/${path}`,
    tags: ['Staff'],
    summary,
    request: { params: Id, body: { content: { 'application/json': { schema } }, required: true } },
    responses: { ...ok('Done; the change is on the timeline'), ...errors },
  });
}

const assisted = createRoute({
  method: 'post',
  path: '/api/staff/reports',
  tags: ['Staff'],
  summary: 'Log a report that came by phone, email, in person or social media, on behalf of a resident',
  request: { body: { content: { 'application/json': { schema: AssistedReportSchema } }, required: true } },
  responses: { 201: { description: 'Created' }, ...errors },
});

const BulkSchema = z.object({
  ids: z.array(PublicIdSchema).min(1).max(200),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('assign'), team: z.string().optional(), assigneeId: z.uuid().nullable().optional() }),
    z.object({ type: z.literal('state'), state: StateChangeSchema.shape.state, message: z.string().trim().min(1).max(4000).optional() }),
    z.object({ type: z.literal('answer'), message: z.string().trim().min(1).max(4000) }),
  ]),
});
const bulk = createRoute({
  method: 'post',
  path: '/api/staff/reports/bulk',
  tags: ['Staff'],
  summary: 'Apply one action to many reports; each succeeds or fails on its own',
  request: { body: { content: { 'application/json': { schema: BulkSchema } }, required: true } },
  responses: { ...ok('Per report: ok, or the problem'), ...errors },
});

const templates = createRoute({
  method: 'get',
  path: '/api/staff/templates',
  tags: ['Staff'],
  summary: 'Response templates for a category and state, with {placeholders} to fill',
  request: { query: z.object({ category: z.string().optional(), state: z.enum(REPORT_STATES).optional() }) },
  responses: { ...ok('Templates'), ...errors },
});
const teams = createRoute({ method: 'get', path: '/api/staff/teams', tags: ['Staff'], summary: 'Teams', responses: { ...ok('Teams'), ...errors } });

export function staffReportRoutes() {
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const { rows, total, counts } = await listStaffReports(
        c.get('deps').database,
        {
          sort: q.sort,
          limit: q.limit,
          offset: q.offset,
          ...(q.state ? { states: q.state } : {}),
          ...(q.category ? { categories: q.category } : {}),
          ...(q.team ? { teams: q.team } : {}),
          ...(q.assignee ? { assignee: q.assignee } : {}),
          ...(q.area ? { area: q.area } : {}),
          ...(q.priority !== undefined ? { priority: q.priority } : {}),
          ...(q.channel ? { channels: q.channel } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.hasPhotos !== undefined ? { hasPhotos: q.hasPhotos } : {}),
          ...(q.q ? { q: q.q } : {}),
          ...(q.bbox ? { bbox: q.bbox } : {}),
          ...(q.since ? { since: q.since } : {}),
        },
        c.get('staff'),
      );
      return c.json({ reports: rows, total, counts, serverTime: c.get('deps').clock.now().toISOString() }, 200);
    })
    .openapi(detail, async (c) => {
      const { id } = c.req.valid('param');
      const actor = c.get('staff');
      const found = await staffReportDetail(c.get('deps').database, id);
      if (!found || !inRemit(actor, { teamId: found.row.teamId })) throw new DomainError('not_found', `There is no report ${id} in your teams' work`);
      // Moderation keeps the original for the record, but only admins read it back.
      const timeline = found.timeline.map((e) => (isAdmin(actor) || !('original' in e.payload) ? e : { ...e, payload: { ...e.payload, original: '(redacted)' } }));
      const { internalId: _internal, ...report } = found.row;
      return c.json({ ...report, contact: found.contact, photos: found.photos, timeline }, 200);
    })
    .openapi(action('state', 'Change state (only the moves core allows; closing needs a public answer)', StateChangeSchema), async (c) => {
      const body = c.req.valid('json');
      return c.json(await actions.changeState(c.get('deps'), c.get('staff'), c.req.valid('param').id, body.state, body.message), 200);
    })
    .openapi(action('answers', 'Answer publicly, in a human voice', AnswerSchema), async (c) =>
      c.json(await actions.answerPublicly(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').message), 200),
    )
    .openapi(action('notes', 'Add an internal note (never public, never emailed)', NoteSchema), async (c) =>
      c.json(await actions.addNote(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').note), 200),
    )
    .openapi(action('assign', 'Assign to a team and/or an officer', AssignSchema), async (c) =>
      c.json(await actions.assign(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(action('priority', 'Set the priority (0 none to 3 high)', PrioritySchema), async (c) =>
      c.json(await actions.setPriority(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').priority), 200),
    )
    .openapi(action('expected-date', 'Set the expected date the public page shows', ExpectedDateSchema), async (c) => {
      const body = c.req.valid('json');
      return c.json(await actions.setExpectedDate(c.get('deps'), c.get('staff'), c.req.valid('param').id, body.expectedAt, body.message), 200);
    })
    .openapi(action('merge', 'Merge as a duplicate of another report', MergeSchema), async (c) =>
      c.json(await actions.merge(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').into), 200),
    )
    .openapi(action('moderate', 'Hide, or redact text, photos or the name, with a reason', ModerateSchema), async (c) =>
      c.json(await actions.moderate(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(action('location', 'Move the report (re-routes its team)', MoveSchema), async (c) =>
      c.json(await actions.move(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').geometry), 200),
    )
    .openapi(action('category', 'Change the category (re-routes its team)', RecategoriseSchema), async (c) =>
      c.json(await actions.recategorise(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json').category), 200),
    )
    .openapi(assisted, async (c) => {
      const input = c.req.valid('json');
      const staff = c.get('staff');
      const result = await createReport(c.get('deps'), input, { channel: input.channel, channelSource: input.channelSource, actor: { type: 'staff', id: staff.id, label: staff.name } });
      return c.json(result.body as Record<string, unknown>, 201, result.headers);
    })
    .openapi(bulk, async (c) => {
      const { ids, action: a } = c.req.valid('json');
      const deps = c.get('deps');
      const staff = c.get('staff');
      const results: Array<{ id: string; ok: boolean; problem?: string }> = [];
      for (const id of ids) {
        try {
          if (a.type === 'assign') await actions.assign(deps, staff, id, a);
          else if (a.type === 'state') await actions.changeState(deps, staff, id, a.state, a.message);
          else await actions.answerPublicly(deps, staff, id, a.message);
          results.push({ id, ok: true });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          results.push({ id, ok: false, problem: err.message });
        }
      }
      return c.json({ results }, 200);
    })
    .openapi(templates, async (c) => c.json({ templates: await listTemplates(c.get('deps').database, c.req.valid('query')) }, 200))
    .openapi(teams, async (c) => c.json({ teams: await listTeams(c.get('deps').database) }, 200));
}
