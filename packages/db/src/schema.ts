import { bigserial, bigint, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Answers, Channel, EventKind, ActorType, GeometryKind, LocalizedText, Question, ReportState } from '@groundswell/core';
import { geometry } from './geometry-column.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const teams = pgTable('teams', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The team's name in other languages (`{ "pl": "Drogi" }`); `name` is the default. */
  names: jsonb('names').$type<Record<string, string>>().notNull().default({}),
  email: text('email'),
});

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>(),
  group: text('group'),
  icon: text('icon').notNull().default('pin'),
  color: text('color').notNull().default('#1f6feb'),
  geometryTypes: text('geometry_types').array().$type<GeometryKind[]>().notNull(),
  questions: jsonb('questions').$type<Question[]>().notNull().default([]),
  responseDays: integer('response_days').notNull(),
  contactRequired: jsonb('contact_required').$type<{ name: boolean; email: boolean; phone: boolean }>().notNull(),
  defaultTeamId: integer('default_team_id').references(() => teams.id),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const areas = pgTable(
  'areas',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    geom: geometry('geom', { type: 'Geometry' }).notNull(),
  },
  (t) => [index('areas_geom_gix').using('gist', t.geom)],
);

export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').$type<'officer' | 'admin'>().notNull(),
  passwordHash: text('password_hash'),
  teamId: integer('team_id').references(() => teams.id),
  createdAt: tstz('created_at').notNull().defaultNow(),
  disabledAt: tstz('disabled_at'),
  /**
   * The second factor (TOTP, RFC 6238): the shared secret once confirmed, the one being set up,
   * and the last time step accepted, so a code seen over a shoulder cannot be used twice.
   */
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  totpEnabledAt: tstz('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
});

export const reports = pgTable(
  'reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    publicId: text('public_id').notNull().unique(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    state: text('state').$type<ReportState>().notNull().default('new'),
    geom: geometry('geom').notNull(),
    /** A point on the shape (ST_PointOnSurface): for pins, Open311 lat/long and clustering. */
    point: geometry('point', { type: 'Point' }).notNull(),
    geomType: text('geom_type').$type<GeometryKind>().notNull(),
    description: text('description').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    showName: boolean('show_name').notNull().default(false),
    /** Set only when the resident chose to show their name; public queries read this, never contacts. */
    publicName: text('public_name'),
    channel: text('channel').$type<Channel>().notNull().default('web'),
    channelSource: text('channel_source'),
    locale: text('locale').notNull().default('en'),
    areaId: integer('area_id').references(() => areas.id),
    teamId: integer('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id),
    priority: integer('priority').notNull().default(0),
    supportCount: integer('support_count').notNull().default(0),
    expectedAt: tstz('expected_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    acknowledgedAt: tstz('acknowledged_at'),
    resolvedAt: tstz('resolved_at'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    /** sha256 of the token handed to the reporter for adding photos; never public. */
    uploadTokenHash: text('upload_token_hash'),
    /** The mapped segment (ditch, culvert) a line report runs along, when it runs along one. */
    assetId: integer('asset_id').references(() => assets.id),
  },
  (t) => [
    index('reports_geom_gix').using('gist', t.geom),
    index('reports_point_gix').using('gist', t.point),
    index('reports_state_idx').on(t.state),
    index('reports_category_idx').on(t.categoryId),
    index('reports_updated_idx').on(t.updatedAt),
    index('reports_created_idx').on(t.createdAt),
    index('reports_asset_idx').on(t.assetId),
  ],
);

/**
 * Residents' contact details, apart from the report so that no public query can select
 * them by accident: only staff use-cases join this table.
 */
export const reportContacts = pgTable('report_contacts', {
  reportId: bigint('report_id', { mode: 'number' })
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  name: text('name'),
  email: text('email'),
  phone: text('phone'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  /** Set when the resident stopped all emails from "My reports": nothing more is mailed about this report to them. */
  mailStoppedAt: tstz('mail_stopped_at'),
});

/** The append-only timeline: every change to a report, written in the same transaction. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id),
    kind: text('kind').$type<EventKind>().notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    public: boolean('public').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.createdAt)],
);

export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    position: integer('position').notNull().default(0),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('photos_report_idx').on(t.reportId)],
);

/** Mapped network segments (ditches, culverts, drains) whose condition is followed over time. */
export const assets = pgTable(
  'assets',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    kind: text('kind').notNull(),
    name: text('name'),
    geom: geometry('geom').notNull(),
    condition: text('condition').notNull().default('unknown'),
    conditionAt: tstz('condition_at'),
    areaId: integer('area_id').references(() => areas.id),
    /**
     * The team that works the segment (inspections, split, join): routed like a blocked-ditch
     * report in its area when mapped, inherited by split parts, set by an administrator. Null
     * when nothing routes it: then routing decides when it is read, and without a route only
     * administrators work it.
     */
    teamId: integer('team_id').references(() => teams.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    /** Set when the segment was split or joined into new ones; its history stays readable. */
    retiredAt: tstz('retired_at'),
  },
  (t) => [index('assets_geom_gix').using('gist', t.geom), index('assets_team_idx').on(t.teamId)],
);

export const assetEvents = pgTable(
  'asset_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id),
    kind: text('kind').notNull(),
    condition: text('condition'),
    reportId: bigint('report_id', { mode: 'number' }).references(() => reports.id),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('asset_events_asset_idx').on(t.assetId, t.createdAt)],
);

/** Demo-data and other one-off markers, so a first start knows what it already did. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const reportSupports = pgTable(
  'report_supports',
  {
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id),
    supporterKey: text('supporter_key').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.supporterKey] })],
);

/**
 * Idempotency-Key records: the first response to a key is stored in the same transaction
 * as what it created, so a retry (or ten at once) gets that response and nothing new.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    response: jsonb('response').$type<{ body: unknown; headers: Record<string, string> }>(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Fixed-window request counters, in the database so every API process shares them. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: tstz('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * The sign-in slowdown of an account (its lower-cased email, whether or not it exists):
 * each attempt from an unknown address claims the next slot atomically, and core's schedule
 * says how far `next_at` moves; the count is forgotten after a quiet spell.
 */
export const signInSlowdowns = pgTable('sign_in_slowdowns', {
  account: text('account').primaryKey(),
  failures: integer('failures').notNull().default(0),
  nextAt: tstz('next_at').notNull(),
  lastAt: tstz('last_at').notNull(),
});

/** A gazetteer of place names (villages, farms, landmarks) for "search a place". */
export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('place'),
    geom: geometry('geom', { type: 'Point' }).notNull(),
  },
  (t) => [index('places_name_idx').on(t.name)],
);

/**
 * Email followers of a report, a named area or a drawn area. Double opt-in: nothing is
 * sent but the confirmation until `confirmed_at` is set. The confirmation token is stored hashed.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    locale: text('locale').notNull().default('en'),
    reportId: bigint('report_id', { mode: 'number' }).references(() => reports.id),
    areaId: integer('area_id').references(() => areas.id),
    geom: geometry('geom', { type: 'Polygon' }),
    confirmTokenHash: text('confirm_token_hash').notNull(),
    /** Kept as is: it can only unsubscribe, and every notification must carry it. */
    unsubscribeToken: text('unsubscribe_token').notNull().unique(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    confirmedAt: tstz('confirmed_at'),
    unsubscribedAt: tstz('unsubscribed_at'),
  },
  (t) => [index('subscriptions_report_idx').on(t.reportId), index('subscriptions_area_idx').on(t.areaId), index('subscriptions_geom_gix').using('gist', t.geom)],
);

/** Keys for other systems (an Open311 client, a CRM). Only a hash is kept; the prefix identifies a key in lists. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => staffUsers.id),
  createdAt: tstz('created_at').notNull().defaultNow(),
  lastUsedAt: tstz('last_used_at'),
  revokedAt: tstz('revoked_at'),
});

/** Which teams an officer works for; an officer sees and changes only their teams' reports. */
export const staffTeams = pgTable(
  'staff_teams',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.teamId] })],
);

/**
 * Server-side sessions, in the database so any API process can serve any request. The id
 * column holds a hash of the cookie value, so a leaked table does not leak sessions.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/**
 * Addresses an account has signed in from (a sha256 of the address, not the address): they
 * keep their own budget when strangers slow the account down.
 */
export const staffKnownAddresses = pgTable(
  'staff_known_addresses',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    lastSignInAt: tstz('last_sign_in_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.addressHash] })],
);

/** Single-use password reset links: only a sha256 of the token is kept. */
export const staffPasswordResets = pgTable(
  'staff_password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    /** The administrator who sent it; null when the officer asked. */
    requestedBy: uuid('requested_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [index('staff_password_resets_staff_idx').on(t.staffId)],
);

/** Where a new report goes: (area, category) to team; either may be null to mean "any". */
export const routingRules = pgTable('routing_rules', {
  id: serial('id').primaryKey(),
  areaId: integer('area_id').references(() => areas.id, { onDelete: 'cascade' }),
  categoryId: integer('category_id').references(() => categories.id, { onDelete: 'cascade' }),
  teamId: integer('team_id')
    .notNull()
    .references(() => teams.id),
});

/** Public answers officers start from, per category and state, with {placeholders}. */
export const responseTemplates = pgTable('response_templates', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  categoryId: integer('category_id').references(() => categories.id, { onDelete: 'cascade' }),
  state: text('state').$type<ReportState>(),
  locale: text('locale').notNull().default('en'),
  active: boolean('active').notNull().default(true),
});

/** Every staff action that is not about one report (those are on the report's timeline too). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    staffId: uuid('staff_id').references(() => staffUsers.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_staff_idx').on(t.staffId, t.createdAt), index('audit_log_created_idx').on(t.createdAt)],
);

/**
 * Sign-in links a resident asked for by email ("My reports on any device"): single use and
 * short-lived; only a sha256 of the token is kept, with the address trimmed and lower-cased.
 */
export const residentLinks = pgTable(
  'resident_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [index('resident_links_email_idx').on(t.email)],
);

/**
 * A resident's session after opening a sign-in link: it proves an email address, nothing
 * more. Apart from staff sessions; the id column holds a sha256 of the cookie value.
 */
export const residentSessions = pgTable(
  'resident_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    email: text('email').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('resident_sessions_email_idx').on(t.email)],
);

/**
 * "Is it fixed?" questions sent to reporters: one row per report and occasion (core's
 * `questionOccasion`), so processes racing to ask insert one row and only the winner emails.
 * Only a sha256 of the emailed token is kept; the answer's words are on the timeline.
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    occasion: text('occasion').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    askedAt: tstz('asked_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    answeredAt: tstz('answered_at'),
    fixed: boolean('fixed'),
  },
  (t) => [uniqueIndex('questionnaires_report_occasion_idx').on(t.reportId, t.occasion)],
);

/** Single-use recovery codes for the second factor, shown once at enrolment; only a sha256 of each is kept. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.codeHash] })],
);

/**
 * Staff accounts as the council's OpenID Connect provider knows them: the issuer and its
 * stable subject (`sub`), which outlives a change of name or email address. One identity
 * per account and issuer.
 */
export const staffIdentities = pgTable(
  'staff_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at').notNull().defaultNow(),
    lastSignInAt: tstz('last_sign_in_at'),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), uniqueIndex('staff_identities_staff_issuer_idx').on(t.staffId, t.issuer)],
);

/**
 * Single sign-on attempts between the redirect to the provider and its callback: the PKCE
 * verifier, the nonce and where to go afterwards, keyed by a sha256 of the state (which the
 * browser also holds in a cookie). Each is used once and lives ten minutes.
 */
export const staffSsoLogins = pgTable('staff_sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  next: text('next').notNull(),
  expiresAt: tstz('expires_at').notNull(),
});
