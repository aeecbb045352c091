import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRouter, jsonResponse, staffErrorResponses } from '../../http/router.ts';
import { requireAdmin } from '../session.ts';
import { erasePersonalData } from './erase-personal-data.ts';
import { findPersonalData } from './find-personal-data.ts';

const Period = z.string().nullable();
const SubjectDataSchema = z
  .object({
    subject: z.object({ kind: z.enum(['email', 'phone']) }).meta({ description: 'How the identifier was read' }),
    reports: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        state: z.string(),
        createdAt: z.string(),
        description: z.string(),
        answers: z.record(z.string(), z.unknown()).meta({ type: 'object', additionalProperties: true }),
        name: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        showName: z.boolean(),
        mailStoppedAt: Period,
        ownWords: z.array(z.object({ kind: z.string(), at: z.string(), text: z.string().nullable() })),
      }),
    ),
    mentions: z
      .array(z.object({ source: z.string(), text: z.string(), url: z.string().nullable(), postedAt: z.string(), report: z.string().nullable() }))
      .meta({ description: 'Messages the listening inbox heard from them (issue 13)' }),
    follows: z.array(z.object({ kind: z.enum(['report', 'area', 'drawn_area']), target: z.string().nullable(), createdAt: z.string(), confirmedAt: Period, endedAt: Period })),
    signIns: z.object({ links: z.number().int(), sessions: z.number().int() }),
  })
  .meta({ id: 'SubjectData' });
const SubjectQuery = z.object({ subject: z.string().trim().min(3, 'Give an email address or a phone number').max(320) });

const find = createRoute({
  method: 'get',
  path: '/api/staff/subject-access',
  tags: ['Admin'],
  summary: 'A subject access request: everything held about one resident, by email address or phone number (the search is audited)',
  request: { query: SubjectQuery },
  responses: { 200: jsonResponse(SubjectDataSchema), ...staffErrorResponses },
});
const download = createRoute({
  method: 'get',
  path: '/api/staff/subject-access/export',
  tags: ['Admin'],
  summary: 'The same, as a JSON file to send to the resident',
  request: { query: SubjectQuery },
  responses: { 200: { description: 'A JSON file (attachment)', content: { 'application/json': { schema: SubjectDataSchema } } }, ...staffErrorResponses },
});
const erase = createRoute({
  method: 'post',
  path: '/api/staff/subject-access/erase',
  tags: ['Admin'],
  summary: "Erase a resident's personal data: contact details on their reports (which stay, anonymous), follows, sign-in links and sessions",
  request: { body: { content: { 'application/json': { schema: SubjectQuery } }, required: true } },
  responses: { 200: jsonResponse(z.object({ reports: z.number().int(), follows: z.number().int(), sessions: z.number().int() })), ...staffErrorResponses },
});

/** Residents' rights, exercised by administrators. Behind the staff session guard. */
export function subjectAccessRoutes() {
  const router = createRouter();
  for (const path of ['/api/staff/subject-access', '/api/staff/subject-access/export', '/api/staff/subject-access/erase']) router.use(path, requireAdmin());
  return router
    .openapi(find, async (c) => {
      const data = await findPersonalData(c.get('deps'), c.get('staff'), c.req.valid('query').subject);
      c.header('cache-control', 'no-store');
      return c.json({ ...data, subject: { kind: data.subject.kind } }, 200);
    })
    .openapi(download, async (c) => {
      const data = await findPersonalData(c.get('deps'), c.get('staff'), c.req.valid('query').subject);
      const body = { exportedAt: c.get('deps').clock.now().toISOString(), site: c.get('deps').config.siteName, ...data, subject: { kind: data.subject.kind } };
      return c.body(JSON.stringify(body, null, 2), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="personal-data-${c.get('deps').clock.now().toISOString().slice(0, 10)}.json"`,
        'cache-control': 'no-store',
      });
    })
    .openapi(erase, async (c) => c.json(await erasePersonalData(c.get('deps'), c.get('staff'), c.req.valid('json').subject), 200));
}
