import { createHash, randomBytes } from 'node:crypto';
import { DomainError, checkAnswers, localized, publicIdFrom, sendsReportConfirmation, shapeErrors, type Channel, type FieldError, type ReportInput } from '@groundswell/core';
import { checkNewReport, findIdempotentResponse, writeNewReport, type StoredResponse } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { reportConfirmationMail } from './confirmation-mail.ts';
import { checkReportAsset } from '../asset-layers/check-report-asset.ts';

const KIND_WORDS: Record<string, string> = { Point: 'a point', LineString: 'a line', Polygon: 'an area' };

export interface CreateOptions {
  idempotencyKey?: string | undefined;
  channel: Channel;
  channelSource?: string | undefined;
  actor: { type: 'resident' | 'staff' | 'api'; id?: string; label?: string };
  /** Contact details the category asks for that this channel may leave out (Open311: the spec makes them optional). */
  contactWaived?: ReadonlyArray<'name' | 'email' | 'phone'>;
  /**
   * A rate limit counted in the same statement as the report's checks (one round trip fewer
   * than the middleware): over `limit` hits in the window, the post is refused first of all.
   */
  rateLimit?: { bucket: string; windowStart: Date; limit: number; retryAfterSeconds: number } | undefined;
}

/** What the reporter is told about their new report. */
export interface CreatedReport {
  id: string;
  /** The report in the API: the `Location` of a created report. */
  url: string;
  pageUrl: string;
  state: 'new';
  category: string;
  responseDays: number;
  createdAt: string;
  /** The reporter's capability to add photos to this report, and nobody else's. */
  uploadToken: string;
}

export interface CreateResult {
  report: CreatedReport;
  /** A retry with an Idempotency-Key already used: the first answer again, nothing created. */
  replayed: boolean;
  /** The hits counted against `options.rateLimit` so far in its window. */
  rateLimitCount?: number | undefined;
}

const SCOPE = 'POST /api/reports';

/**
 * Creates a report in two round trips to the database: one statement fetches every fact
 * the checks need (category, shape, service area, an earlier use of the Idempotency-Key, the
 * rate-limit hit), every rule a resident can break is then checked here and reported
 * together, and one statement writes the report, its contact details, the reporter's follow,
 * its first timeline event, the idempotency record and, for a resident who gave an email,
 * their one confirmation (see `sendsReportConfirmation`), queued in that same commit. A
 * replay sends none.
 */
export async function createReport(deps: AppDeps, input: ReportInput, options: CreateOptions): Promise<CreateResult> {
  const { database, config, clock } = deps;
  const fingerprint = sha256(JSON.stringify(input));
  const idempotency = options.idempotencyKey ? { scope: SCOPE, key: options.idempotencyKey } : undefined;
  const facts = await checkNewReport(database, { category: input.category, geometry: input.geometry, idempotency, rateLimit: options.rateLimit });
  const limit = options.rateLimit;
  if (limit && facts.rateLimitCount !== null && facts.rateLimitCount > limit.limit) {
    throw new DomainError('rate_limited', `Too many requests; please try again in ${limit.retryAfterSeconds} seconds`, [], { retryAfterSeconds: limit.retryAfterSeconds });
  }
  const counted = (outcome: Omit<CreateResult, 'rateLimitCount'>): CreateResult => ({ ...outcome, rateLimitCount: facts.rateLimitCount ?? undefined });
  if (facts.idempotent) return counted(replay(facts.idempotent, fingerprint));
  const category = facts.category;
  if (!category?.active) {
    throw new DomainError('unknown_category', `There is no category "${input.category}"`, [{ field: 'category', message: 'Please choose one of the categories offered' }]);
  }
  const name = localized(category.name, input.locale);
  const errors: FieldError[] = [];
  if (!category.geometryTypes.includes(input.geometry.type)) {
    const allowed = category.geometryTypes.map((k) => KIND_WORDS[k]).join(' or ');
    errors.push({ field: 'geometry.type', message: `${name} can be drawn as ${allowed}, not as ${KIND_WORDS[input.geometry.type]}` });
  }
  errors.push(...checkAnswers(category.questions, input.answers, input.locale).errors);
  for (const key of ['name', 'email', 'phone'] as const) {
    if (category.contactRequired[key] && !input.contact[key] && !options.contactWaived?.includes(key)) {
      errors.push({ field: `contact.${key}`, message: `Please give your ${key} so that we can tell you what happens` });
    }
  }
  if (!errors.some((e) => e.field.startsWith('geometry'))) {
    errors.push(...shapeErrors(input.geometry.type, facts.shape, config.shapeLimits));
    if (!errors.some((e) => e.field === 'geometry') && facts.inServiceArea === false) {
      throw new DomainError('outside_service_area', 'This place is outside the area the council looks after', [
        { field: 'geometry', message: 'This place is outside the area we look after; please check the map' },
      ]);
    }
  }
  // The picked asset is checked last, and only for an otherwise good report: it may ask the council's server.
  const asset = input.asset && !errors.length ? await checkReportAsset(deps, category.code, input.geometry, input.asset) : undefined;
  if (errors.length) {
    const code = errors.every((e) => e.field.startsWith('geometry')) ? (errors[0]!.field === 'geometry.type' ? 'geometry_type_not_allowed' : 'invalid_geometry') : 'validation_failed';
    throw new DomainError(code, `Please check ${[...new Set(errors.map((e) => e.field))].join(', ')}: ${errors[0]!.message}`, errors);
  }
  const { clean } = checkAnswers(category.questions, input.answers, input.locale);
  // The reporter follows their own report from the start; the confirmation says how to stop.
  const reporterUnsubscribeToken = randomBytes(24).toString('base64url');
  const createdAt = clock.now();
  const uploadToken = randomBytes(24).toString('base64url');
  const publicId = publicIdFrom(randomBytes(8));
  const created: CreatedReport = {
    id: publicId,
    url: `${config.publicUrl}/api/reports/${publicId}`,
    pageUrl: `${config.publicUrl}/#/reports/${publicId}`,
    state: 'new',
    category: category.code,
    responseDays: category.responseDays,
    createdAt: createdAt.toISOString(),
    uploadToken,
  };
  // The confirmation is queued by the report's own statement: stored together or not at all.
  const confirmation = sendsReportConfirmation(options.channel, input.contact.email)
    ? await deps.jobs.mailJob(
        reportConfirmationMail({
          to: input.contact.email!,
          locale: input.locale,
          publicId,
          category: name,
          responseDays: category.responseDays,
          createdAt,
          pageUrl: created.pageUrl,
          unsubscribeUrl: `${config.publicUrl}/api/subscriptions/unsubscribe?token=${encodeURIComponent(reporterUnsubscribeToken)}`,
        }),
      )
    : undefined;
  const written = await writeNewReport(database, {
    publicId,
    categoryId: category.id,
    teamId: category.defaultTeamId,
    geometry: input.geometry,
    description: input.description,
    answers: clean,
    contact: input.contact,
    showName: input.showName,
    locale: input.locale,
    channel: options.channel,
    channelSource: options.channelSource,
    createdAt,
    uploadTokenHash: sha256(uploadToken),
    reporterUnsubscribeToken,
    actor: options.actor,
    asset,
    // Stored as the response it is, the shape earlier keys were kept in, so a replay reads the same either way.
    idempotency: idempotency && { ...idempotency, fingerprint, response: { status: 201, headers: { location: created.url }, body: created } },
    jobs: confirmation ? [confirmation] : [],
  });
  if (!written) {
    // A concurrent post with the same key was written first (and queued its own confirmation): its answer, read once it committed.
    return counted(replay(idempotency ? await findIdempotentResponse(database, idempotency.scope, idempotency.key) : null, fingerprint));
  }
  return counted({ report: created, replayed: false });
}

/** The first answer to an Idempotency-Key again, if it was for this same report. */
function replay(previous: { fingerprint: string; response: StoredResponse | null } | null, fingerprint: string): Omit<CreateResult, 'rateLimitCount'> {
  if (previous && previous.fingerprint !== fingerprint) {
    throw new DomainError('conflict', 'This Idempotency-Key was already used for a different report', [{ field: 'header.idempotency-key', message: 'Use a new key for a new report' }]);
  }
  if (!previous?.response) throw new DomainError('conflict', 'The first request with this Idempotency-Key is still being processed');
  return { report: previous.response.body as CreatedReport, replayed: true };
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
