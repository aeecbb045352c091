import { z } from 'zod';
import { HANDOFF_METHODS, HANDOFF_SEND_STATES } from '../handoff.ts';
import { MAX_DESCRIPTION } from '../reports.ts';
import { REPORT_STATES } from '../states.ts';

const codeMap = z.record(z.string().trim().min(1).max(100), z.string().trim().min(1).max(100));

/** A target's settings; which of them matter depends on the method (docs/handoff.md). */
const HandoffConfigShape = z
  .object({
    endpoint: z.url().max(500).optional(),
    jurisdictionId: z.string().trim().min(1).max(200).optional(),
    serviceCodes: codeMap.optional(),
    attributes: codeMap.optional(),
    pollMinutes: z.number().min(0.05).max(1440).optional(),
    email: z.email().max(320).optional(),
    url: z.url().max(500).optional(),
  })
  .meta({ id: 'HandoffConfig' });
export const HandoffConfigSchema = HandoffConfigShape.strict();

export const HandoffTargetInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    method: z.enum(HANDOFF_METHODS),
    config: HandoffConfigSchema.default({}),
    /** The Open311 api_key or the webhook's signing secret: write-only, stored encrypted; left out on a change, the stored one stays. */
    secret: z.string().min(1).max(500).optional(),
    statusMap: z.record(z.string().trim().min(1).max(100), z.enum(REPORT_STATES)).default({}),
    active: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.method === 'open311' && !t.config.endpoint) ctx.addIssue({ code: 'custom', path: ['config', 'endpoint'], message: 'An Open311 target needs its endpoint' });
    if (t.method === 'webhook' && !t.config.url) ctx.addIssue({ code: 'custom', path: ['config', 'url'], message: 'A webhook target needs its URL' });
  })
  .meta({ id: 'HandoffTargetInput' });

export const HandoffTargetSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    method: z.enum(HANDOFF_METHODS),
    config: HandoffConfigShape,
    /** Whether a secret is stored; the secret itself is never returned. */
    hasSecret: z.boolean(),
    statusMap: z.record(z.string(), z.enum(REPORT_STATES)),
    active: z.boolean(),
    lastPolledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HandoffTarget' });

export const HandoffRuleInputSchema = z
  .object({
    category: z.string().trim().min(1).max(100),
    area: z.string().trim().min(1).max(100).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    targetId: z.number().int().positive(),
  })
  .meta({ id: 'HandoffRuleInput' });

export const HandoffRuleSchema = z
  .object({ id: z.number().int(), category: z.string(), area: z.string().nullable(), team: z.string().nullable(), targetId: z.number().int(), target: z.string() })
  .meta({ id: 'HandoffRule' });

export const HandoffSendSchema = z
  .object({
    id: z.number().int(),
    report: z.string(),
    target: z.string(),
    targetId: z.number().int(),
    method: z.enum(HANDOFF_METHODS),
    state: z.enum(HANDOFF_SEND_STATES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    externalRef: z.string().nullable(),
    sentAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HandoffSend' });

export const HandoffSendQuerySchema = z.object({
  /** failed: the dead-letter list. */
  state: z.enum(HANDOFF_SEND_STATES).optional(),
  target: z.coerce.number().int().positive().optional(),
  report: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** What a webhook target pushes back: their reference or ours, and a status and/or text. */
export const HandoffInboundSchema = z
  .object({
    reference: z.string().trim().min(1).max(200),
    status: z.string().trim().max(100).optional(),
    description: z.string().trim().max(MAX_DESCRIPTION).optional(),
  })
  .refine((u) => u.status || u.description, { message: 'Send a status, a description or both', path: ['status'] })
  .meta({ id: 'HandoffInboundUpdate' });

export type HandoffTargetInput = z.infer<typeof HandoffTargetInputSchema>;
export type HandoffTarget = z.infer<typeof HandoffTargetSchema>;
export type HandoffRuleView = z.infer<typeof HandoffRuleSchema>;
export type HandoffSend = z.infer<typeof HandoffSendSchema>;
