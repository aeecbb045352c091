import { localized, openness, publicActorName, type PublicEvent, type PublicReportProperties, type PublicStaffName } from '@groundswell/core';
import type { PublicActorColumns, PublicEventRow, PublicReportRow } from '@groundswell/db';

/** A public report row as a GeoJSON Feature; the only place that shape is made. */
export function toFeature(row: PublicReportRow, locale: string, baseUrl: string) {
  const properties: PublicReportProperties = {
    id: row.publicId,
    category: row.category,
    categoryName: localized(row.categoryName as { en: string }, locale),
    state: row.state,
    status: openness(row.state),
    description: row.description,
    answers: row.answers as PublicReportProperties['answers'],
    reporterName: row.reporterName,
    channel: row.channel as PublicReportProperties['channel'],
    areas: row.areas,
    supportCount: row.supportCount,
    photos: row.photos.map((p) => ({ url: `${baseUrl}/api/photos/${p.id}/display`, thumbnailUrl: `${baseUrl}/api/photos/${p.id}/thumbnail` })),
    expectedAt: row.expectedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    url: `${baseUrl}/#/reports/${row.publicId}`,
  };
  return { type: 'Feature' as const, id: row.publicId, geometry: row.geometry, properties };
}

/**
 * Who acted, as `setting` (PUBLIC_STAFF_NAME) lets the public see them, their team named in
 * the reader's language when it has a name in it; every public output names actors through here.
 */
export function publicActor(a: PublicActorColumns, setting: PublicStaffName, locale = 'en'): string {
  return publicActorName({ type: a.actorType, label: a.actorLabel, staff: a.staffName === null ? null : { name: a.staffName, team: a.staffTeam, teamNames: a.staffTeamNames } }, setting, locale);
}

/** A public timeline event: who in public words, and only the payload fields the public may see. */
export function toPublicEvent(e: PublicEventRow, setting: PublicStaffName, locale = 'en'): PublicEvent {
  const p = e.payload;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const event: PublicEvent = { kind: e.kind, at: e.at, actor: publicActor(e, setting, locale) };
  const state = text(p.to);
  const message = text(p.message);
  const expectedAt = text(p.expectedAt);
  if (e.kind === 'state_changed' && state) event.state = state as PublicEvent['state'];
  if (message) event.message = message;
  if (expectedAt) event.expectedAt = expectedAt;
  return event;
}
