import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AnswerSchema,
  AssignSchema,
  AssistedReportSchema,
  BulkActionSchema,
  BulkResultSchema,
  ExpectedDateSchema,
  MergeSchema,
  ModerateSchema,
  MoveSchema,
  NoteSchema,
  PrioritySchema,
  PublicIdParamSchema,
  REPORT_STATES,
  RecategoriseSchema,
  ReportCreatedSchema,
  StaffReportDetailSchema,
  StaffReportListSchema,
  StaffReportQuerySchema,
  StateChangeSchema,
  TeamSchema,
  TemplateSchema,
  type StaffActor,
} from '@groundswell/core';
import { listTeams, listTemplates } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { createRouter, jsonResponse, staffErrorResponses } from '../http/router.ts';
import { createReport } from '../reports/create.ts';
import { addNote } from './add-note.ts';
import { answerPublicly } from './answer-publicly.ts';
import { applyBulkAction } from './apply-bulk-action.ts';
import { assignReport } from './assign-report.ts';
import { changeState } from './change-state.ts';
import { getReportDetail } from './get-report-detail.ts';
import { listReports } from './list-reports.ts';
import { mergeReports } from './merge-reports.ts';
import { moderateReport } from './moderate-report.ts';
import { moveReport } from './move-report.ts';
import { recategoriseReport } from './recategorise-report.ts';
import { setExpectedDate } from './set-expected-date.ts';
import { setPriority } from './set-priority.ts';

const Id = PublicIdParamSchema;
const errors = staffErrorResponses;
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ 200: jsonResponse(schema, description) });
const ActionResultSchema = z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true, description: 'What changed, e.g. `{ "state": "fixed" }`' });

const list = createRoute({
  method: 'get',
  path: '/api/staff/reports',
  tags: ['Staff'],
  summary: 'Reports in your remit, filtered, with counts per state (the filter ignores state for the counts)',
  request: { query: StaffReportQuerySchema },
  responses: { ...ok(StaffReportListSchema, 'A page of reports, `total`, and `counts` per state'), ...errors },
});
const detail = createRoute({
  method: 'get',
  path: '/api/staff/reports/{id}',
  tags: ['Staff'],
  summary: 'Everything about a report: contact details (in remit), photos, the full timeline',
  request: { params: Id },
  responses: { ...ok(StaffReportDetailSchema, 'The report'), ...errors },
});

type Router = ReturnType<typeof createRouter>;

/**
 * Mounts one report action: `POST /api/staff/reports/{id}/<path>` with its body schema,
 * answered by the use-case with the report id and the parsed body.
 */
function mountAction<S extends z.ZodObject>(router: Router, path: string, summary: string, schema: S, run: (deps: AppDeps, actor: StaffActor, input: { id: string } & z.output<S>) => Promise<object>) {
  const route = createRoute({
    method: 'post',
    path: `/api/staff/reports/{id}/${path}`,
    tags: ['Staff'],
    summary,
    request: { params: Id, body: { content: { 'application/json': { schema } }, required: true } },
    responses: { ...ok(ActionResultSchema, 'Done; the change is on the timeline'), ...errors },
  });
  router.openapi(route, async (c) => {
    // The route is generic in its body, which Hono's inferred validator types cannot follow.
    const req = c.req as unknown as { valid(target: 'param'): { id: string }; valid(target: 'json'): z.output<S> };
    const input = { id: req.valid('param').id, ...req.valid('json') };
    return c.json((await run(c.get('deps'), c.get('staff'), input)) as Record<string, unknown>, 200);
  });
}

const assisted = createRoute({
  method: 'post',
  path: '/api/staff/reports',
  tags: ['Staff'],
  summary: 'Log a report that came by phone, email, in person or social media, on behalf of a resident',
  request: { body: { content: { 'application/json': { schema: AssistedReportSchema } }, required: true } },
  responses: { 201: jsonResponse(ReportCreatedSchema, 'Created'), ...errors },
});

const bulk = createRoute({
  method: 'post',
  path: '/api/staff/reports/bulk',
  tags: ['Staff'],
  summary: 'Apply one action to many reports; each succeeds or fails on its own',
  request: { body: { content: { 'application/json': { schema: BulkActionSchema } }, required: true } },
  responses: { ...ok(z.object({ results: z.array(BulkResultSchema) }), 'Per report: ok, or the problem'), ...errors },
});

const templates = createRoute({
  method: 'get',
  path: '/api/staff/templates',
  tags: ['Staff'],
  summary: 'Response templates for a category and state, with {placeholders} to fill',
  request: { query: z.object({ category: z.string().optional(), state: z.enum(REPORT_STATES).optional() }) },
  responses: { ...ok(z.object({ templates: z.array(TemplateSchema) }), 'Templates'), ...errors },
});
const teams = createRoute({ method: 'get', path: '/api/staff/teams', tags: ['Staff'], summary: 'Teams', responses: { ...ok(z.object({ teams: z.array(TeamSchema) }), 'Teams'), ...errors } });

export function staffReportRoutes() {
  const router = createRouter();
  mountAction(router, 'state', 'Change state (only the moves core allows; closing needs a public answer)', StateChangeSchema, changeState);
  mountAction(router, 'answers', 'Answer publicly, in a human voice', AnswerSchema, answerPublicly);
  mountAction(router, 'notes', 'Add an internal note (never public, never emailed)', NoteSchema, addNote);
  mountAction(router, 'assign', 'Assign to a team and/or an officer', AssignSchema, assignReport);
  mountAction(router, 'priority', 'Set the priority (0 none to 3 high)', PrioritySchema, setPriority);
  mountAction(router, 'expected-date', 'Set the expected date the public page shows', ExpectedDateSchema, setExpectedDate);
  mountAction(router, 'merge', 'Merge as a duplicate of another report', MergeSchema, mergeReports);
  mountAction(router, 'moderate', 'Hide, or redact text, photos or the name, with a reason', ModerateSchema, moderateReport);
  mountAction(router, 'location', 'Move the report (re-routes its team)', MoveSchema, moveReport);
  mountAction(router, 'category', 'Change the category (re-routes its team)', RecategoriseSchema, recategoriseReport);
  return router
    .openapi(list, async (c) => c.json(await listReports(c.get('deps'), c.get('staff'), c.req.valid('query')), 200))
    .openapi(detail, async (c) => c.json(await getReportDetail(c.get('deps'), c.get('staff'), c.req.valid('param')), 200))
    .openapi(assisted, async (c) => {
      const input = c.req.valid('json');
      const staff = c.get('staff');
      const { report } = await createReport(c.get('deps'), input, { channel: input.channel, channelSource: input.channelSource, actor: { type: 'staff', id: staff.id, label: staff.name } });
      return c.json(report, 201, { location: report.url });
    })
    .openapi(bulk, async (c) => c.json(await applyBulkAction(c.get('deps'), c.get('staff'), c.req.valid('json')), 200))
    .openapi(templates, async (c) => c.json({ templates: await listTemplates(c.get('deps').database, c.req.valid('query')) }, 200))
    .openapi(teams, async (c) => c.json({ teams: await listTeams(c.get('deps').database) }, 200));
}
