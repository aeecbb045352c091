import { resolve } from 'node:path';
import { z } from 'zod';
import {
  ADMIN_SECOND_FACTOR,
  type AdminSecondFactor,
  DEFAULT_FIXED_QUESTION_WEEKS,
  DEFAULT_PUBLIC_STAFF_NAME,
  PERSONAL_DATA_RETENTION,
  PUBLIC_STAFF_NAMES,
  parseTrustProxy,
  type PublicStaffName,
  type ShapeLimits,
  type TrustProxy,
} from '@groundswell/core';
import { STAFF_SIGN_IN_ENV, staffSignInSettings, type SsoConfig } from './staff/sso/settings.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Read replicas of DATABASE_URL (comma-separated postgres:// URLs) for the read-only public work; docs/operations.md. */
  DATABASE_REPLICA_URL: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'each must start with postgres:// or postgresql://')))
    .optional(),
  /** Connections each API process keeps to DATABASE_URL; docs/scaling.md. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** A replica further behind the primary than this is skipped until it catches up. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).default(30),
  DATA_DIR: z.string().default('./data'),
  /** auto: load demo data on the first start of the embedded database; on: also on PostgreSQL. */
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  PUBLIC_URL: z.url().optional(),
  SITE_NAME: z.string().min(1).default('Groundswell'),
  MAP_STYLE_URL: z.url().default('https://tiles.openfreemap.org/styles/liberty'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  MAX_LINE_METERS: z.coerce.number().positive().default(10_000),
  MAX_AREA_SQUARE_METERS: z.coerce.number().positive().default(5_000_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Groundswell <no-reply@groundswell.invalid>'),
  /** A Nominatim-compatible geocoder, asked after our own areas and places. */
  GEOCODER_URL: z.url().optional(),
  NEARBY_METERS: z.coerce.number().int().min(10).max(5000).default(250),
  /**
   * Behind proxies: which of them may say who the client is. `true` (one proxy), a hop count,
   * or a comma-separated list of proxy addresses, CIDR ranges and presets; see core's forwarded.ts.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Seconds an idle client connection is kept open. Longer than the proxy's own idle timeout
   * (nginx's upstream keepalive_timeout is 60 s in deploy/nginx; most load balancers' are 60 s),
   * so the proxy closes an idle connection first: when the server closes it, a request the
   * proxy sends at that moment meets a reset, which nginx answers 502 for a POST.
   */
  HTTP_KEEP_ALIVE_SECONDS: z.coerce.number().int().min(1).max(3600).default(65),
  /** The licence of the open data (an SPDX id or a name), stated in every export. */
  DATA_LICENSE: z.string().min(1).default('ODbL-1.0'),
  /** Where the licence text is; known SPDX ids get their usual address. */
  DATA_LICENSE_URL: z.url().optional(),
  /** Who to credit; defaults to "<SITE_NAME> contributors". */
  DATA_ATTRIBUTION: z.string().min(1).optional(),
  /** What the public sees of an officer who acted: "Kasia, waste team", "Waste team" or "Kasia Nowak, waste team". */
  PUBLIC_STAFF_NAME: z.enum(PUBLIC_STAFF_NAMES).default(DEFAULT_PUBLIC_STAFF_NAME),
  /** Months after a report closed that its reporter's contact details and its follows are removed (UK GDPR storage limitation). */
  CONTACT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(PERSONAL_DATA_RETENTION.contactMonths),
  /** required: administrators must set up a second factor (TOTP) before they can do anything else. */
  ADMIN_SECOND_FACTOR: z.enum(ADMIN_SECOND_FACTOR).default('optional'),
  /** Who is responsible for residents' personal data (the data controller), named on the privacy page; SITE_NAME by default. */
  PRIVACY_CONTROLLER: z.string().trim().min(1).max(200).optional(),
  /** Where residents write about their data (the data protection officer). */
  PRIVACY_CONTACT: z.email('must be an email address').optional(),
  /** The council's own full privacy notice, linked from the page. */
  PRIVACY_POLICY_URL: z.url().optional(),
  /** The bearer token for GET /metrics (Prometheus); unset, there is no /metrics. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** "Is it fixed?": weeks after a report is marked fixed (or after its expected date, still open) that its reporter is asked. */
  FIXED_QUESTION_WEEKS: z.coerce.number().int().min(1).max(52).default(DEFAULT_FIXED_QUESTION_WEEKS),
  /** The listening inbox's credentials key: 32 bytes, base64 (`openssl rand -base64 32`); without it no credentials are stored. */
  LISTENING_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)'),
  /** Days an overheard mention that became no report is kept. */
  LISTENING_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(PERSONAL_DATA_RETENTION.unconvertedMentionDays),
  /** The key that encrypts hand-off secrets (Open311 api_keys, webhook secrets): 32 bytes, base64 (`openssl rand -base64 32`); without it no such secret is stored. */
  HANDOFF_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)'),
  /** Staff single sign-on over OpenID Connect (OIDC_*) and LOCAL_PASSWORDS; staff/sso/settings.ts. */
  ...STAFF_SIGN_IN_ENV,
});

export interface Config {
  /** OIDC_*: staff sign in with the council's directory; unset, no single sign-on. */
  sso?: SsoConfig;
  /** LOCAL_PASSWORDS: off, staff sign in only through single sign-on. */
  localPasswords: boolean;
  port: number;
  host: string;
  databaseUrl?: string;
  /** DATABASE_POOL_SIZE: connections per pool on PostgreSQL. */
  poolSize: number;
  /** DATABASE_REPLICA_URL and REPLICA_MAX_LAG_SECONDS: where read-only public work may read (none: the primary). */
  replicas: { urls: string[]; maxLagSeconds: number };
  dataDir: string;
  demoData: 'auto' | 'on' | 'off';
  publicUrl: string;
  siteName: string;
  mapStyleUrl: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** The built web app; absent in tests that only exercise the API. */
  webDist?: string;
  shutdownGraceMs: number;
  /** HTTP_KEEP_ALIVE_SECONDS, in ms. */
  keepAliveMs: number;
  shapeLimits: ShapeLimits;
  /** Which proxies in front may name the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy: TrustProxy;
  nearbyMeters: number;
  smtpUrl?: string;
  mailFrom: string;
  geocoderUrl?: string;
  /** Open data licence and attribution, stated in exports, OGC API, tiles and feeds. */
  dataLicense: { id: string; url: string | null; attribution: string };
  /** How officers are named in every public output (PUBLIC_STAFF_NAME; core's publicActorName). */
  publicStaffName: PublicStaffName;
  /** FIXED_QUESTION_WEEKS: when a reporter is asked "Is it fixed?" (core's questionnaires.ts). */
  fixedQuestionWeeks: number;
  /** CONTACT_RETENTION_MONTHS: contact details of closed reports are removed this long after closing. */
  contactRetentionMonths: number;
  /** ADMIN_SECOND_FACTOR: whether administrators must use a second factor. */
  adminSecondFactor: AdminSecondFactor;
  /** The privacy page's controller, contact and the council's own notice (PRIVACY_*). */
  privacy: { controller: string; contact: string | null; policyUrl: string | null };
  /** METRICS_TOKEN: who may read GET /metrics; unset, the route does not exist. */
  metricsToken?: string;
  /** HANDOFF_SECRET_KEY: encrypts the secrets of hand-off targets (issue 14); null, none can be stored. */
  handoffSecretKey: Buffer | null;
  /** The listening inbox (issue 13): LISTENING_SECRET_KEY (null: no credentials can be stored) and LISTENING_RETENTION_DAYS. */
  listening: { secretKey: Buffer | null; retentionDays: number };
}

const LICENSE_URLS: Record<string, string> = {
  'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'PDDL-1.0': 'https://opendatacommons.org/licenses/pddl/1-0/',
  'OGL-UK-3.0': 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

export class ConfigError extends Error {}

/** Reads the environment once, at start; a wrong value stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const signIn = staffSignInSettings(e);
  if (!signIn.ok) throw new ConfigError(`Invalid configuration:\n${signIn.problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    ...(signIn.sso ? { sso: signIn.sso } : {}),
    localPasswords: signIn.localPasswords,
    port: e.PORT,
    host: e.HOST,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    poolSize: e.DATABASE_POOL_SIZE,
    replicas: { urls: e.DATABASE_REPLICA_URL ?? [], maxLagSeconds: e.REPLICA_MAX_LAG_SECONDS },
    dataDir: resolve(e.DATA_DIR),
    demoData: e.DEMO_DATA,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    siteName: e.SITE_NAME,
    mapStyleUrl: e.MAP_STYLE_URL,
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    keepAliveMs: e.HTTP_KEEP_ALIVE_SECONDS * 1000,
    shapeLimits: { maxLineMeters: e.MAX_LINE_METERS, maxAreaSquareMeters: e.MAX_AREA_SQUARE_METERS },
    trustProxy: e.TRUST_PROXY,
    nearbyMeters: e.NEARBY_METERS,
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    mailFrom: e.MAIL_FROM,
    ...(e.GEOCODER_URL ? { geocoderUrl: e.GEOCODER_URL.replace(/\/$/, '') } : {}),
    dataLicense: {
      id: e.DATA_LICENSE,
      url: e.DATA_LICENSE_URL ?? LICENSE_URLS[e.DATA_LICENSE] ?? null,
      attribution: e.DATA_ATTRIBUTION ?? `${e.SITE_NAME} contributors`,
    },
    publicStaffName: e.PUBLIC_STAFF_NAME,
    fixedQuestionWeeks: e.FIXED_QUESTION_WEEKS,
    contactRetentionMonths: e.CONTACT_RETENTION_MONTHS,
    adminSecondFactor: e.ADMIN_SECOND_FACTOR,
    privacy: { controller: e.PRIVACY_CONTROLLER ?? e.SITE_NAME, contact: e.PRIVACY_CONTACT ?? null, policyUrl: e.PRIVACY_POLICY_URL ?? null },
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    handoffSecretKey: e.HANDOFF_SECRET_KEY ? Buffer.from(e.HANDOFF_SECRET_KEY, 'base64') : null,
    listening: { secretKey: e.LISTENING_SECRET_KEY ? Buffer.from(e.LISTENING_SECRET_KEY, 'base64') : null, retentionDays: e.LISTENING_RETENTION_DAYS },
  };
}

/** Settings for tests: everything a test does not name gets a harmless default. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATA_DIR: '/tmp/groundswell-test', LOG_LEVEL: 'silent' }), webDist: undefined, ...overrides } as Config;
}
