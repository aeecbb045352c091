import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AttachMentionSchema,
  DismissMentionSchema,
  GazetteerImportSchema,
  HowWeListenSchema,
  KeywordRuleInputSchema,
  KeywordRuleSchema,
  ListeningOverviewSchema,
  ListeningSourceInputSchema,
  ListeningSourceSchema,
  MentionActionResultSchema,
  MentionDetailSchema,
  MentionListQuerySchema,
  MentionListSchema,
  MentionToReportSchema,
  ReplyMentionSchema,
} from '@groundswell/core';
import { listMentions } from '@groundswell/db';
import { createRouter, jsonBody as body, jsonResponse, problemResponses, staffErrorResponses, staffOk as ok } from '../http/router.ts';
import { requireAdmin } from '../staff/session.ts';
import { attachMention } from './attach-mention.ts';
import { convertMention } from './convert-mention.ts';
import { dismissMention } from './dismiss-mention.ts';
import { getMention } from './get-mention.ts';
import { getMentionPhoto, type MentionPhotoSize } from './get-mention-photo.ts';
import { howWeListen } from './how-we-listen.ts';
import { importGazetteer } from './import-gazetteer.ts';
import { addRule, changeRule, listRules, removeRule } from './manage-keyword-rules.ts';
import { createSource, listSources, removeSource, updateSource } from './manage-sources.ts';
import { presentMention } from './present.ts';
import { receiveSms, type SmsGateway } from './receive-sms.ts';
import { replyToMention } from './reply-to-mention.ts';
import { smsSyncTask } from './smssync-task.ts';
import { whatWeListenTo } from './what-we-listen-to.ts';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const Removed = z.object({ removed: z.literal(true) });

const list = createRoute({
  method: 'get',
  path: '/api/staff/listening/mentions',
  tags: ['Listening'],
  summary: 'The listening inbox: mentions that passed the keyword and place gates, newest first, by source, keyword rule, area, state and bbox',
  request: { query: MentionListQuerySchema },
  responses: ok(MentionListSchema),
});
const detail = createRoute({
  method: 'get',
  path: '/api/staff/listening/mentions/{id}',
  tags: ['Listening'],
  summary: 'One mention with its place guesses, mentions within 250 m and 7 days, open reports close by, replies and a reply draft',
  request: { params: IdParam },
  responses: ok(MentionDetailSchema),
});
const toReport = createRoute({
  method: 'post',
  path: '/api/staff/listening/mentions/{id}/report',
  tags: ['Listening'],
  summary: "Create a report from a mention (the assisted-report path, with the mention's channel, link and photos)",
  request: { params: IdParam, ...body(MentionToReportSchema) },
  responses: { 201: jsonResponse(MentionActionResultSchema, 'Created'), ...staffErrorResponses },
});
const attach = createRoute({
  method: 'post',
  path: '/api/staff/listening/mentions/{id}/attach',
  tags: ['Listening'],
  summary: "Attach a mention to a report: it joins the report's timeline as an internal contact",
  request: { params: IdParam, ...body(AttachMentionSchema) },
  responses: ok(MentionActionResultSchema),
});
const dismiss = createRoute({
  method: 'post',
  path: '/api/staff/listening/mentions/{id}/dismiss',
  tags: ['Listening'],
  summary: 'Dismiss a mention, with a reason',
  request: { params: IdParam, ...body(DismissMentionSchema) },
  responses: ok(MentionActionResultSchema),
});
const reply = createRoute({
  method: 'post',
  path: '/api/staff/listening/mentions/{id}/reply',
  tags: ['Listening'],
  summary: 'Reply on the platform where it was said; recorded with the officer on the report’s timeline',
  request: { params: IdParam, ...body(ReplyMentionSchema) },
  responses: { ...ok(MentionActionResultSchema), 503: { description: 'The platform did not take the reply; it is recorded as failed' } },
});
const photo = createRoute({
  method: 'get',
  path: '/api/staff/listening/mentions/{id}/photos/{n}/{size}',
  tags: ['Listening'],
  summary: "A photo that came with a mention, as JPEG without metadata: `display` (up to 1600 px) or `thumbnail` (320 px). Staff only; a mention on a report only within the officer's remit",
  request: { params: IdParam.extend({ n: z.coerce.number().int().min(0).max(20), size: z.enum(['display', 'thumbnail']) }) },
  responses: { 200: { description: 'JPEG image', content: { 'image/jpeg': { schema: z.string().meta({ format: 'binary' }) } } }, ...staffErrorResponses },
});
const overview = createRoute({
  method: 'get',
  path: '/api/staff/listening/overview',
  tags: ['Listening'],
  summary: 'What we listen to, for every officer: the sources (name, kind, on or off, last read, last error) and the keyword rules. No configuration and no credentials',
  responses: ok(ListeningOverviewSchema),
});
const sources = createRoute({
  method: 'get',
  path: '/api/staff/listening/sources',
  tags: ['Listening admin'],
  summary: 'Listening sources (credentials never returned)',
  responses: ok(z.object({ sources: z.array(ListeningSourceSchema) })),
});
const addSource = createRoute({
  method: 'post',
  path: '/api/staff/listening/sources',
  tags: ['Listening admin'],
  summary: 'Add a listening source; credentials are write-only and stored encrypted',
  request: body(ListeningSourceInputSchema),
  responses: { 201: jsonResponse(ListeningSourceSchema, 'Created'), ...staffErrorResponses },
});
const putSource = createRoute({
  method: 'put',
  path: '/api/staff/listening/sources/{id}',
  tags: ['Listening admin'],
  summary: 'Change a listening source; credentials given replace those fields, others are kept',
  request: { params: IdParam, ...body(ListeningSourceInputSchema) },
  responses: ok(ListeningSourceSchema),
});
const deleteSource = createRoute({
  method: 'delete',
  path: '/api/staff/listening/sources/{id}',
  tags: ['Listening admin'],
  summary: 'Remove a listening source and its mentions',
  request: { params: IdParam },
  responses: ok(Removed),
});
const rules = createRoute({ method: 'get', path: '/api/staff/listening/rules', tags: ['Listening admin'], summary: 'Keyword rules', responses: ok(z.object({ rules: z.array(KeywordRuleSchema) })) });
const addRuleRoute = createRoute({
  method: 'post',
  path: '/api/staff/listening/rules',
  tags: ['Listening admin'],
  summary: 'Add a keyword rule (per language, with exclusions and the category it suggests)',
  request: body(KeywordRuleInputSchema),
  responses: { 201: jsonResponse(KeywordRuleSchema, 'Created'), ...staffErrorResponses },
});
const putRule = createRoute({
  method: 'put',
  path: '/api/staff/listening/rules/{id}',
  tags: ['Listening admin'],
  summary: 'Change a keyword rule',
  request: { params: IdParam, ...body(KeywordRuleInputSchema) },
  responses: ok(KeywordRuleSchema),
});
const deleteRule = createRoute({
  method: 'delete',
  path: '/api/staff/listening/rules/{id}',
  tags: ['Listening admin'],
  summary: 'Remove a keyword rule',
  request: { params: IdParam },
  responses: ok(Removed),
});
const gazetteer = createRoute({
  method: 'post',
  path: '/api/staff/listening/gazetteer',
  tags: ['Listening admin'],
  summary: 'Import place, street and postcode names for geolocating mentions (OS Open Names CSV or an OpenStreetMap GeoJSON extract)',
  request: body(GazetteerImportSchema),
  responses: ok(z.object({ imported: z.number().int() })),
});
const how = createRoute({
  method: 'get',
  path: '/api/listening',
  tags: ['Listening'],
  summary: 'How we listen: the sources switched on, the keywords, what is kept and for how long, whom to ask (no handles, no mentions)',
  responses: { 200: jsonResponse(HowWeListenSchema) },
});
const SmsAckSchema = z.object({ received: z.boolean().optional(), payload: z.object({ success: z.boolean(), error: z.string().nullable() }).optional() }).meta({ id: 'SmsAck' });
const GatewayParam = z.object({ source: z.coerce.number().int().positive(), gateway: z.enum(['twilio', 'android', 'smssync']) });
const sms = createRoute({
  method: 'post',
  path: '/api/listening/sms/{source}/{gateway}',
  tags: ['Listening'],
  summary:
    "A text to the council's number, pushed by its SMS gateway: a Twilio form post signed with X-Twilio-Signature, the Android SMS Gateway's JSON webhook signed with X-Signature and X-Timestamp, or an SMSSync form post with its secret",
  request: { params: GatewayParam },
  responses: {
    200: { description: 'Received (TwiML for Twilio, JSON otherwise)', content: { 'application/json': { schema: SmsAckSchema }, 'text/xml': { schema: z.string() } } },
    ...problemResponses,
    401: { description: 'Not signed' },
    403: { description: 'The signature does not match' },
    404: { description: 'No such SMS source' },
  },
});

const SmsSyncTaskSchema = z
  .object({
    payload: z.object({
      task: z.literal('send'),
      secret: z.string().meta({ description: 'The source’s secret, which SMSSync checks before it sends anything' }),
      messages: z.array(z.object({ to: z.string(), message: z.string(), uuid: z.string() })),
    }),
  })
  .meta({ id: 'SmsSyncTask' });
const smsSyncTaskRoute = createRoute({
  method: 'get',
  path: '/api/listening/sms/{source}/smssync',
  tags: ['Listening'],
  summary: "SMSSync's task poll (?task=send&secret=…): the officers' replies waiting for this phone, each handed over once, in SMSSync's task shape",
  request: {
    params: z.object({ source: z.coerce.number().int().positive() }),
    query: z.object({ task: z.literal('send'), secret: z.string().max(4000).optional() }),
  },
  responses: {
    200: jsonResponse(SmsSyncTaskSchema),
    ...problemResponses,
    401: { description: 'No secret' },
    403: { description: 'The secret does not match' },
    404: { description: 'No such SMSSync source' },
  },
});

export function listeningRoutes() {
  const router = createRouter();
  const adminOnly = requireAdmin();
  for (const path of ['/api/staff/listening/sources', '/api/staff/listening/sources/:id', '/api/staff/listening/rules', '/api/staff/listening/rules/:id', '/api/staff/listening/gazetteer'])
    router.use(path, adminOnly);
  return router
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await listMentions(c.get('deps').database, q);
      return c.json({ mentions: page.mentions.map(presentMention), total: page.total }, 200);
    })
    .openapi(detail, async (c) => c.json(await getMention(c.get('deps'), c.get('staff'), c.req.valid('param').id), 200))
    .openapi(photo, async (c) => {
      const { id, n, size } = c.req.valid('param');
      const found = await getMentionPhoto(c.get('deps'), c.get('staff'), { id, n, size: size as MentionPhotoSize });
      // Like every staff answer it goes out `no-store` (http/security-headers.ts): a resident's photo is for the signed-in officer only.
      return c.body(found.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': found.contentType, 'x-content-type-options': 'nosniff' }) as never;
    })
    .openapi(toReport, async (c) => c.json(await convertMention(c.get('deps'), c.get('staff'), { id: c.req.valid('param').id, ...c.req.valid('json') }), 201))
    .openapi(attach, async (c) => c.json(await attachMention(c.get('deps'), c.get('staff'), { id: c.req.valid('param').id, ...c.req.valid('json') }), 200))
    .openapi(dismiss, async (c) => c.json(await dismissMention(c.get('deps'), c.get('staff'), { id: c.req.valid('param').id, ...c.req.valid('json') }), 200))
    .openapi(reply, async (c) => c.json(await replyToMention(c.get('deps'), c.get('staff'), { id: c.req.valid('param').id, ...c.req.valid('json') }), 200))
    .openapi(overview, async (c) => c.json(await whatWeListenTo(c.get('deps')), 200))
    .openapi(sources, async (c) => c.json({ sources: await listSources(c.get('deps')) }, 200))
    .openapi(addSource, async (c) => c.json(await createSource(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(putSource, async (c) => c.json(await updateSource(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deleteSource, async (c) => c.json(await removeSource(c.get('deps'), c.get('staff'), c.req.valid('param').id), 200))
    .openapi(rules, async (c) => c.json({ rules: await listRules(c.get('deps')) }, 200))
    .openapi(addRuleRoute, async (c) => c.json(await addRule(c.get('deps'), c.get('staff'), c.req.valid('json')), 201))
    .openapi(putRule, async (c) => c.json(await changeRule(c.get('deps'), c.get('staff'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deleteRule, async (c) => c.json(await removeRule(c.get('deps'), c.get('staff'), c.req.valid('param').id), 200))
    .openapi(gazetteer, async (c) => c.json(await importGazetteer(c.get('deps'), c.get('staff'), c.req.valid('json')), 200))
    .openapi(how, async (c) => c.json(await howWeListen(c.get('deps')), 200))
    .openapi(smsSyncTaskRoute, async (c) => c.json(await smsSyncTask(c.get('deps'), { sourceId: c.req.valid('param').source, secret: c.req.valid('query').secret }), 200))
    .openapi(sms, async (c) => {
      const { source, gateway } = c.req.valid('param');
      const deps = c.get('deps');
      const raw = await c.req.text();
      const form = gateway === 'android' ? undefined : Object.fromEntries(new URLSearchParams(raw));
      const url = new URL(c.req.url);
      await receiveSms(deps, {
        sourceId: source,
        gateway: gateway as SmsGateway,
        url: `${deps.config.publicUrl}${url.pathname}${url.search}`,
        raw,
        ...(form ? { form } : {}),
        signature: c.req.header(gateway === 'twilio' ? 'x-twilio-signature' : 'x-signature'),
        timestamp: c.req.header('x-timestamp'),
      });
      if (gateway === 'twilio') return c.body('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 200, { 'content-type': 'text/xml' });
      return c.json(gateway === 'smssync' ? { payload: { success: true, error: null } } : { received: true }, 200);
    });
}
