import { z } from 'zod';
import { CHANNELS, MAX_DESCRIPTION } from '../reports.ts';
import { ROLES } from '../staff.ts';
import { REPORT_STATES } from '../states.ts';
import { BBoxParamSchema, GeometryInputSchema } from './geometry.ts';
import { commaList, commaListOf } from './query.ts';
import { PublicIdSchema, ReportInputSchema } from './reports.ts';

export const LoginSchema = z.object({
  email: z.email('Please give your work email address').max(320),
  password: z.string().min(1, 'Please give your password').max(1000),
  /** The second factor, asked for once the password was right: a code from the app or a recovery code. */
  code: z.string().max(40).optional(),
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
  message: z.string().trim().min(1).max(MAX_DESCRIPTION).optional(),
});
export const AnswerSchema = z.object({ message: z.string().trim().min(1, 'Please write the answer').max(MAX_DESCRIPTION) });
export const NoteSchema = z.object({ note: z.string().trim().min(1, 'Please write the note').max(MAX_DESCRIPTION) });
export const AssignSchema = z
  .object({ team: z.string().optional(), assigneeId: z.uuid().nullable().optional() })
  .refine((a) => a.team !== undefined || a.assigneeId !== undefined, { message: 'Give a team, an officer, or both', path: ['team'] });
export const PrioritySchema = z.object({ priority: z.number().int().min(0).max(3) });
export const ExpectedDateSchema = z.object({
  expectedAt: z.iso.date('Use a date like 2026-12-01').nullable(),
  message: z.string().trim().min(1).max(MAX_DESCRIPTION).optional(),
});
export const MergeSchema = z.object({ into: PublicIdSchema });
export const ModerateSchema = z
  .object({
    reason: z.string().trim().min(3, 'Please give a reason').max(1000),
    hide: z.boolean().optional(),
    description: z.string().max(MAX_DESCRIPTION).optional().meta({ description: 'The redacted description that replaces the public text' }),
    hidePhotoIds: z.array(z.uuid()).optional(),
    hideName: z.boolean().optional(),
  })
  .refine((m) => m.hide || m.description !== undefined || m.hidePhotoIds?.length || m.hideName, {
    message: 'Choose what to hide or redact',
    path: ['hide'],
  });
export const MoveSchema = z.object({ geometry: GeometryInputSchema });
export const RecategoriseSchema = z.object({ category: z.string().min(1) });

export const AssistedReportSchema = ReportInputSchema.extend({
  channel: z.enum(['phone', 'email', 'in_person', 'social_media']),
  channelSource: z.string().trim().max(500).optional().meta({ description: 'A link, handle or note of where it came from' }),
});

/** `GET /api/staff/reports`: the console's filters, every one a query parameter. */
export const StaffReportQuerySchema = z.object({
  state: commaListOf(REPORT_STATES, 'state', { allowEmpty: true }).optional(),
  category: commaList('category codes'),
  team: commaList('team codes'),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  area: z.string().optional(),
  street: z.string().trim().min(1).max(200).optional().meta({ description: 'The nearest street: its name contains this, or its USRN (or OSM way) is this' }),
  priority: z.coerce.number().int().min(0).max(3).optional(),
  channel: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(CHANNELS)))
    .optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  hasPhotos: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(200).optional(),
  bbox: BBoxParamSchema.optional(),
  since: z.iso.datetime().optional().meta({ description: 'Only reports changed after this time: for polling new work' }),
  sort: z.enum(['newest', 'oldest', 'updated', 'priority']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type StaffReportQuery = z.infer<typeof StaffReportQuerySchema>;

/** `POST /api/staff/reports/bulk`: one action for many reports. */
export const BulkActionSchema = z.object({
  ids: z.array(PublicIdSchema).min(1).max(200),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('assign'), team: z.string().optional(), assigneeId: z.uuid().nullable().optional() }),
    z.object({ type: z.literal('state'), state: z.enum(REPORT_STATES), message: z.string().trim().min(1).max(MAX_DESCRIPTION).optional() }),
    z.object({ type: z.literal('answer'), message: z.string().trim().min(1).max(MAX_DESCRIPTION) }),
  ]),
});
export type BulkActionInput = z.infer<typeof BulkActionSchema>;
export type BulkAction = BulkActionInput['action'];

/** A new staff password: the same bounds as an account's first one (core's PASSWORD_RULES). */
const NewPasswordSchema = z.string().min(12, 'A password needs at least 12 characters').max(1000);

/** `POST /api/staff/password`: the signed-in officer changes their password. */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Please give your current password').max(1000),
  newPassword: NewPasswordSchema,
});
/** `POST /api/staff/password/forgot`: asks for a reset link by email. */
export const PasswordForgotSchema = z.object({ email: z.email('Please give your work email address').max(320) });
/** `POST /api/staff/password/reset`: the token from the emailed link and the new password. */
export const PasswordResetSchema = z.object({
  token: z
    .string()
    .min(20, 'This reset link is not complete')
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'This reset link is not complete'),
  password: NewPasswordSchema,
  /** For an account with a second factor: the link alone is one factor, so the code is asked for too. */
  code: z.string().max(40).optional(),
});
export const PasswordChangedSchema = z
  .object({ changed: z.literal(true), sessionsEnded: z.number().int().meta({ description: 'Other sessions of the account that were ended' }) })
  .meta({ id: 'PasswordChanged' });
export type PasswordChanged = z.infer<typeof PasswordChangedSchema>;
export const PasswordResetSentSchema = z
  .object({ sent: z.literal(true).meta({ description: 'Always true: the answer does not tell whether the address has an account' }) })
  .meta({ id: 'PasswordResetSent' });
export type PasswordResetSent = z.infer<typeof PasswordResetSentSchema>;
export const AdminPasswordResetSchema = z
  .object({ sent: z.literal(true), sessionsEnded: z.number().int().meta({ description: 'Sessions of the account that were ended' }) })
  .meta({ id: 'AdminPasswordReset' });
export type AdminPasswordReset = z.infer<typeof AdminPasswordResetSchema>;

/** A team's code is how routing rules, the CLI and single sign-on's group map name it. */
const TeamNamesSchema = z
  .object({ pl: z.string().trim().min(1).max(100).optional() })
  .strict()
  .meta({ description: 'The name in other languages, by language code; `name` is the default (English)' });
const teamName = z.string().trim().min(1, 'Please give the team a name').max(100);
const teamMailbox = z.email('Please give the team mailbox as an email address').max(320).nullable().meta({ description: "The team's shared mailbox, for hand-off by email" });
export const TeamCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'Use 2 to 40 lower-case letters, digits, - or _, starting with a letter'),
  name: teamName,
  names: TeamNamesSchema.default({}),
  email: teamMailbox.default(null),
});
/** Only what is given changes: no defaults here, or an update would clear the fields it leaves out. */
export const TeamUpdateSchema = z.object({ name: teamName.optional(), names: TeamNamesSchema.optional(), email: teamMailbox.optional() });
export type TeamCreate = z.infer<typeof TeamCreateSchema>;
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;
