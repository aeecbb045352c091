import { z } from 'zod';
import { REPORT_STATES } from './states.ts';
import { ReportInputSchema, CHANNELS, PublicIdSchema } from './reports.ts';
import { GeometryInputSchema } from './geometry.ts';

export const ROLES = ['officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: what the authorization rules need to know about a member of staff. */
export interface StaffActor {
  id: string;
  name: string;
  role: Role;
  teamIds: number[];
}

/**
 * An officer works the reports of their own teams; an admin works everything. Reports with
 * no team yet (outside every routing rule) are for admins to triage.
 */
export function inRemit(actor: StaffActor, report: { teamId: number | null }): boolean {
  if (actor.role === 'admin') return true;
  return report.teamId !== null && actor.teamIds.includes(report.teamId);
}

export const isAdmin = (actor: StaffActor) => actor.role === 'admin';

export const PRIORITIES = [0, 1, 2, 3] as const; // none, low, normal, high... kept numeric for sorting

export const LoginSchema = z.object({
  email: z.email('Please give your work email address').max(320),
  password: z.string().min(1, 'Please give your password').max(1000),
});

export const StaffCreateSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  teams: z.array(z.string()).default([]),
  password: z.string().min(12, 'A password needs at least 12 characters').max(1000),
});

export const StateChangeSchema = z.object({
  state: z.enum(REPORT_STATES),
  message: z.string().trim().min(1).max(4000).optional(),
});
export const AnswerSchema = z.object({ message: z.string().trim().min(1, 'Please write the answer').max(4000) });
export const NoteSchema = z.object({ note: z.string().trim().min(1, 'Please write the note').max(4000) });
export const AssignSchema = z
  .object({ team: z.string().optional(), assigneeId: z.uuid().nullable().optional() })
  .refine((a) => a.team !== undefined || a.assigneeId !== undefined, { message: 'Give a team, an officer, or both', path: ['team'] });
export const PrioritySchema = z.object({ priority: z.number().int().min(0).max(3) });
export const ExpectedDateSchema = z.object({
  expectedAt: z.iso.date('Use a date like 2026-12-01').nullable(),
  message: z.string().trim().min(1).max(4000).optional(),
});
export const MergeSchema = z.object({ into: PublicIdSchema });
export const ModerateSchema = z
  .object({
    reason: z.string().trim().min(3, 'Please give a reason').max(1000),
    hide: z.boolean().optional(),
    description: z.string().max(4000).optional().meta({ description: 'The redacted description that replaces the public text' }),
    hidePhotoIds: z.array(z.uuid()).optional(),
    hideName: z.boolean().optional(),
  })
  .refine((m) => m.hide || m.description !== undefined || m.hidePhotoIds?.length || m.hideName, {
    message: 'Choose what to hide or redact',
    path: ['hide'],
  });
export const MoveSchema = z.object({ geometry: GeometryInputSchema });
export const RecategoriseSchema = z.object({ category: z.string().min(1) });

export const ASSISTED_CHANNELS = CHANNELS.filter((c) => c !== 'web' && c !== 'open311');
export const AssistedReportSchema = ReportInputSchema.extend({
  channel: z.enum(['phone', 'email', 'in_person', 'social_media']),
  channelSource: z.string().trim().max(500).optional().meta({ description: 'A link, handle or note of where it came from' }),
});

/** Fills {placeholders} in a response template; unknown ones are left for the officer to see. */
export function fillTemplate(body: string, values: Record<string, string | undefined>): string {
  return body.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
