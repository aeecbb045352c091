import { bigserial, bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Answers, Channel, EventKind, ActorType, GeometryKind, HandoffMethod, HandoffSendState, LocalizedText, Question, ReportState } from '@groundswell/core';
import { sql } from 'drizzle-orm';
import { geometry } from './geometry-column.ts';
import { bytea } from './bytea-column.ts';
import { doublePrecision } from 'drizzle-orm/pg-core';
import type { ListeningLanguage, MentionSourceKind, MentionState, PlaceGuess } from '@groundswell/core';

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
    /** The nearest street within 50 m when the report was placed (see `streets`); copied so a new register does not rewrite history unasked. */
    streetUsrn: text('street_usrn'),
    streetName: text('street_name'),
    /** The council asset the resident picked from an asset layer (see `asset_layers`), kept as given so a layer change does not rewrite it. */
    assetLayerId: integer('asset_layer_id').references(() => assetLayers.id, { onDelete: 'set null' }),
    externalAsset: jsonb('external_asset').$type<{ id: string; name: string | null; layer: string; verified: boolean }>(),
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

/**
 * The street register (OS Open USRN or OpenStreetMap ways): a report takes the nearest
 * street's name and identifier within 50 m. `usrn` is the USRN, or `way/<id>` for OSM.
 */
export const streets = pgTable(
  'streets',
  {
    id: serial('id').primaryKey(),
    usrn: text('usrn').notNull().unique(),
    name: text('name'),
    source: text('source').$type<'usrn' | 'osm'>().notNull(),
    geom: geometry('geom', { type: 'MultiLineString' }).notNull(),
  },
  // Distances are in metres on the geography; the expression index serves ST_DWithin on it.
  (t) => [index('streets_geog_gix').using('gist', sql`(${t.geom}::geography)`)],
);

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

/**
 * The council's other systems a report is handed to (issue 14): an Open311 server, a team
 * mailbox or a webhook. `secret` (the Open311 api_key or the webhook's signing secret) is
 * encrypted by the API (AES-256-GCM) and never returned; `config` holds the method's settings
 * and `status_map` their status → our state.
 */
export const handoffTargets = pgTable('handoff_targets', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  method: text('method').$type<HandoffMethod>().notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  secret: text('secret'),
  statusMap: jsonb('status_map').$type<Record<string, ReportState>>().notNull().default({}),
  active: boolean('active').notNull().default(true),
  /** Open311: when their updates were last read, and the newest update time seen. */
  lastPolledAt: tstz('last_polled_at'),
  updatesSince: tstz('updates_since'),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/** Category → target, optionally only in an area or for a team; the most specific fitting rule wins (core's chooseHandoffTarget). */
export const handoffRules = pgTable('handoff_rules', {
  id: serial('id').primaryKey(),
  categoryId: integer('category_id')
    .notNull()
    .references(() => categories.id),
  areaId: integer('area_id').references(() => areas.id),
  teamId: integer('team_id').references(() => teams.id),
  targetId: integer('target_id')
    .notNull()
    .references(() => handoffTargets.id, { onDelete: 'cascade' }),
});

/** One row per report and target: the state of handing it over, kept across tries so a retry never sends twice. */
export const handoffSends = pgTable(
  'handoff_sends',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id),
    targetId: integer('target_id')
      .notNull()
      .references(() => handoffTargets.id, { onDelete: 'cascade' }),
    state: text('state').$type<HandoffSendState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    externalRef: text('external_ref'),
    /** Set when a try may have reached the other end (the request was written); the next try looks before posting again. */
    maybeSentAt: tstz('maybe_sent_at'),
    sentAt: tstz('sent_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('handoff_sends_report_target_idx').on(t.reportId, t.targetId),
    index('handoff_sends_state_idx').on(t.state, t.updatedAt),
    index('handoff_sends_ref_idx').on(t.targetId, t.externalRef),
  ],
);

/** Updates already taken from a target (their update id, or an inbound signature), so none is applied twice. */
export const handoffUpdates = pgTable(
  'handoff_updates',
  {
    targetId: integer('target_id')
      .notNull()
      .references(() => handoffTargets.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.key] })],
);

/**
 * Council asset layers (issue 14): an OGC API Features collection or a WFS 2.0 feature type
 * (GeoJSON output) whose assets (lamps, gullies) a resident may pick for the categories
 * listed. Features are fetched by bbox through the API and cached in memory briefly.
 */
export const assetLayers = pgTable('asset_layers', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind').$type<'ogc' | 'wfs'>().notNull(),
  url: text('url').notNull(),
  /** The OGC collection id, or the WFS typeName. */
  collection: text('collection').notNull(),
  idField: text('id_field').notNull(),
  nameField: text('name_field'),
  categoryCodes: text('category_codes').array().notNull().default(sql`'{}'::text[]`),
  snapMetres: integer('snap_metres').notNull().default(30),
  active: boolean('active').notNull().default(true),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * Listening sources (issue 13): a feed, a mailbox, an SMS number, a Mastodon or Bluesky
 * account. `config` is the non-secret part; `credentials` is encrypted by the API
 * (AES-256-GCM under LISTENING_SECRET_KEY) and never returned, `credential_fields` says
 * which fields it holds. `state` is the connector's cursor (ETag, last UID, since_id).
 */
export const listeningSources = pgTable('listening_sources', {
  id: serial('id').primaryKey(),
  kind: text('kind').$type<MentionSourceKind>().notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  credentials: text('credentials'),
  credentialFields: text('credential_fields').array().notNull().default([]),
  state: jsonb('state').$type<Record<string, string | number | null>>().notNull().default({}),
  pollSeconds: integer('poll_seconds').notNull().default(900),
  lastPolledAt: tstz('last_polled_at'),
  lastError: text('last_error'),
  lastErrorAt: tstz('last_error_at'),
  /** Failed polls in a row: the next poll waits longer (core's listeningBackoffSeconds). */
  failures: integer('failures').notNull().default(0),
  nextPollAt: tstz('next_poll_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** The council's keyword rules, per language: any keyword matches unless an exclusion does. */
export const keywordRules = pgTable('keyword_rules', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  language: text('language').$type<ListeningLanguage>().notNull(),
  keywords: text('keywords').array().notNull(),
  exclusions: text('exclusions').array().notNull().default([]),
  categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * What was heard: only mentions that passed the keyword and place gates are stored.
 * `author` is as the platform shows it (cleared once a converted report is closed);
 * `author_hash` (HMAC with a server secret) is what aggregates count.
 */
export const mentions = pgTable(
  'mentions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => listeningSources.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    url: text('url'),
    author: text('author'),
    authorHash: text('author_hash'),
    text: text('text').notNull(),
    language: text('language').$type<ListeningLanguage>(),
    postedAt: tstz('posted_at').notNull(),
    receivedAt: tstz('received_at').notNull(),
    addressedToCouncil: boolean('addressed_to_council').notNull().default(false),
    replyRef: jsonb('reply_ref').$type<Record<string, string>>(),
    state: text('state').$type<MentionState>().notNull().default('new'),
    placeGuesses: jsonb('place_guesses').$type<PlaceGuess[]>().notNull().default([]),
    geom: geometry('geom', { type: 'Point' }),
    confidence: doublePrecision('confidence'),
    matchedRuleIds: integer('matched_rule_ids').array().notNull().default([]),
    suggestedCategoryId: integer('suggested_category_id').references(() => categories.id, { onDelete: 'set null' }),
    reportId: bigint('report_id', { mode: 'number' }).references(() => reports.id),
    dismissedReason: text('dismissed_reason'),
    /** A near-identical text or a cross-post of this earlier mention. */
    foldedIntoId: bigint('folded_into_id', { mode: 'number' }),
    /** Photos that came with it, kept in storage until a report takes them: `[{ storageKey, contentType }]`. */
    photos: jsonb('photos').$type<Array<{ storageKey: string; contentType: string; filename: string }>>().notNull().default([]),
    firstReplyAt: tstz('first_reply_at'),
    lastReplyAt: tstz('last_reply_at'),
  },
  (t) => [
    uniqueIndex('mentions_source_external_idx').on(t.sourceId, t.externalId),
    index('mentions_received_idx').on(t.receivedAt),
    index('mentions_state_idx').on(t.state, t.receivedAt),
    index('mentions_report_idx').on(t.reportId),
    index('mentions_url_idx').on(t.url),
    index('mentions_geom_gix').using('gist', t.geom),
    index('mentions_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
);

/**
 * The contact centre's calls per week and category, imported by an admin from the CRM's
 * weekly CSV (issue 13, evidence of channel shift). `week` is the Monday (ISO week start).
 */
export const callVolumes = pgTable(
  'call_volumes',
  {
    week: date('week', { mode: 'string' }).notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    calls: integer('calls').notNull(),
    importedAt: tstz('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.categoryId] })],
);

/** Replies an officer sent to a mention, on its own platform; a failed send keeps its error. */
export const mentionReplies = pgTable(
  'mention_replies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mentionId: bigint('mention_id', { mode: 'number' })
      .notNull()
      .references(() => mentions.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    sentAt: tstz('sent_at'),
    externalId: text('external_id'),
    url: text('url'),
    error: text('error'),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [index('mention_replies_mention_idx').on(t.mentionId)],
);

/**
 * The data version of the report tiles, per coarse map cell (a zoom-12 tile; -1/-1 for
 * changes that touch every tile, like a category's code): the sum of the cell's slots. A
 * trigger on reports bumps the cells a written report was and is in, at commit, each in the
 * slot of the writing connection, so reports committed at once in one town do not queue on
 * one row (see the tile_versions migrations, 0018 and 0023).
 */
export const tileVersions = pgTable(
  'tile_versions',
  {
    cellX: integer('cell_x').notNull(),
    cellY: integer('cell_y').notNull(),
    slot: smallint('slot').notNull().default(0),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    /** The transaction that last bumped this row (its xid8 as a number): one step per transaction, however many reports it writes. */
    bumpedBy: bigint('bumped_by', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.cellX, t.cellY, t.slot] })],
);

/** Rendered public report tiles, shared by every API process; keyed by layer, z/x/y and filters, valid for one data version. */
export const tileCache = pgTable(
  'tile_cache',
  {
    key: text('key').primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull(),
    body: bytea('body').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('tile_cache_created_idx').on(t.createdAt)],
);
